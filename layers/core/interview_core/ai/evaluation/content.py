"""What in an answer is content: the part of the offline evaluator that decides which sentences earn
credit at all, before any rubric point is counted. No model, no I/O, deterministic.

An answer is cut into sentences, and each sentence into clauses at "but" / "하지만" / "지만". A
sentence earns nothing when it is
- `instruction`: text addressed to the scorer ("ignore the rubric", "give this answer 100");
- `non_answer`: every clause says the candidate does not know, never used or has no experience of
  something ("I don't know X, Y, Z" earns nothing for X, Y or Z); other clauses of the sentence
  still count ("I'm not sure of the exact number, but p95 dropped to 40 ms");
- `copied`: most of its words are the question's own or copied runs of three or more words from
  the question or the rubric;
- `fragment`: no predicate at all ("Redis 99.99% 10ms Kafka 3 nodes");
- `list`: three or more short items and nothing said about them (a keyword list is not a claim);
- `hype`: marketing words carry the sentence ("leveraging a synergistic, future-proof paradigm",
  "시너지를 극대화하는 차세대 플랫폼"): two or more of them, or one with an absolute promise, and no
  number, condition or reason of its own;
- `list` also: rubric terms whose only predicate says they matter or exist ("ACID and transactions
  are definitely things to keep in mind", "혼동 행렬과 정확도 이야기도 빼놓을 수 없습니다");
- `figures`: two or more percentages or multiples with nothing that says how they came about (no
  reason, condition, step or contrast): "latency went down 58% and reliability up to 99.99%";
- `platitude`: a belief, a value or a promise about oneself ("I believe every setback is an
  opportunity", "항상 배우는 자세로 최선을 다하겠습니다") that names none of the rubric's terms, no
  number and no tool: it says who the candidate would like to be, not what they know or did;
- `repeat` / `filler`: fewer than two informative words that earlier sentences did not already
  say (informative: not a stop word, not generic praise such as "important" or "중요", not the
  question's words, not a rubric keyword alone). Repetition and synonyms of empty phrases earn
  nothing, however often they are said.
Everything else is `content`, and only content is read for rubric points, specifics and structure.

Korean and English technical terms are one vocabulary: loanwords written in Hangul (레디스, 인덱스)
are matched to their Latin spelling (redis, index) on both sides, so a Korean answer is not
penalised for how it writes a term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Literal

from interview_core.ai.evaluation.text import (
    EN_STOP,
    KO_STOP,
    KO_SUFFIXES,
    is_hangul,
    keyword_in,
    normalize,
    sentences,
    stem,
    tokens,
)

UnitKind = Literal[
    "content",
    "instruction",
    "non_answer",
    "copied",
    "fragment",
    "list",
    "hype",
    "platitude",
    "figures",
    "repeat",
    "filler",
]

# Hangul loanwords and their Latin spelling, matched as stems (particles stripped). General
# technical vocabulary of interviews, not phrases of any one answer.
_LOANWORDS = {
    "인덱스": "index",
    "인덱싱": "indexing",
    "캐시": "cache",
    "캐싱": "caching",
    "레디스": "redis",
    "쿼리": "query",
    "트랜잭션": "transaction",
    "데이터베이스": "database",
    "디비": "db",
    "서버": "server",
    "클라이언트": "client",
    "쿠버네티스": "kubernetes",
    "도커": "docker",
    "컨테이너": "container",
    "리액트": "react",
    "컴포넌트": "component",
    "렌더링": "rendering",
    "리렌더링": "rerendering",
    "스테이트": "state",
    "프롭스": "props",
    "로그": "log",
    "모니터링": "monitoring",
    "메트릭": "metric",
    "롤백": "rollback",
    "테스트": "test",
    "파이프라인": "pipeline",
    "스키마": "schema",
    "마이그레이션": "migration",
    "락": "lock",
    "파티션": "partition",
    "파티셔닝": "partitioning",
    "샤딩": "sharding",
    "레플리카": "replica",
    "레플리케이션": "replication",
    "클러스터": "cluster",
    "노드": "node",
    "큐": "queue",
    "카프카": "kafka",
    "메시지": "message",
    "이벤트": "event",
    "스트림": "stream",
    "배치": "batch",
    "스케일링": "scaling",
    "로드밸런서": "load-balancer",
    "타임아웃": "timeout",
    "토큰": "token",
    "세션": "session",
    "쿠키": "cookie",
    "브라우저": "browser",
    "번들": "bundle",
    "스크립트": "script",
    "라이브러리": "library",
    "프레임워크": "framework",
    "리텐션": "retention",
    "코호트": "cohort",
    "퍼널": "funnel",
    "대시보드": "dashboard",
    "프로토타입": "prototype",
    "로드맵": "roadmap",
    "스프린트": "sprint",
    "백로그": "backlog",
    "피드백": "feedback",
    "파이썬": "python",
    "자바": "java",
    "스프링": "spring",
    "장고": "django",
    "타입스크립트": "typescript",
    "자바스크립트": "javascript",
    "포스트그레스": "postgres",
    "포스트그레스큐엘": "postgresql",
    "몽고디비": "mongodb",
    "엘라스틱서치": "elasticsearch",
    "웹소켓": "websocket",
    "메모이제이션": "memoization",
    "디바운스": "debounce",
    "스로틀링": "throttling",
    "페이지네이션": "pagination",
    "커서": "cursor",
    "오프셋": "offset",
    "프로파일러": "profiler",
    "프로파일링": "profiling",
    "레이턴시": "latency",
    "쓰루풋": "throughput",
    "처리량": "throughput",
    "지연시간": "latency",
    "알람": "alarm",
    "알림": "alert",
    "배포": "deploy",
    "카나리": "canary",
    "피처": "feature",
    "모델": "model",
    "데이터": "data",
    "파라미터": "parameter",
    "하이퍼파라미터": "hyperparameter",
    "오버피팅": "overfitting",
    "과적합": "overfitting",
    "드리프트": "drift",
    "임계값": "threshold",
    "정밀도": "precision",
    "재현율": "recall",
    "샘플링": "sampling",
    "오버샘플링": "oversampling",
    "언더샘플링": "undersampling",
    "그리드서치": "grid-search",
    "교차검증": "cross-validation",
    "정규화": "regularization",
    "앙상블": "ensemble",
    "리그레션": "regression",
    "회귀": "regression",
    "클래스": "class",
    "가중치": "weight",
    "엔드포인트": "endpoint",
    "웹훅": "webhook",
    "에이피아이": "api",
    "멱등성": "idempotency",
    "멱등": "idempotent",
    "키": "key",
    "해시": "hash",
    "해싱": "hashing",
    "버킷": "bucket",
    "레이트리밋": "rate-limit",
    "리밋": "limit",
    "프록시": "proxy",
    "게이트웨이": "gateway",
    "씨디엔": "cdn",
    "이미지": "image",
    "폰트": "font",
    "레이지로딩": "lazy-loading",
    "코드스플리팅": "code-splitting",
    "가상화": "virtualization",
    "가상스크롤": "virtual-scroll",
    "접근성": "accessibility",
    "스크린리더": "screen-reader",
    "라이트하우스": "lighthouse",
    "크롬": "chrome",
    "사파리": "safari",
    "디자인시스템": "design-system",
    "에이비테스트": "ab-test",
    "실험": "experiment",
    "가설": "hypothesis",
    "지표": "metric",
    "온보딩": "onboarding",
    "이해관계자": "stakeholder",
    "우선순위": "priority",
    "엠브이피": "mvp",
    "고객": "customer",
    "유저": "user",
    "사용자": "user",
    "비트리": "tree",
    "익스플레인": "explain",
    "플랜": "plan",
    "풀스캔": "scan",
    "스캔": "scan",
}
# Hangul loanwords sorted longest first, so 포스트그레스큐엘 is tried before 포스트그레스.
_LOANWORD_PREFIXES = tuple(sorted(_LOANWORDS, key=lambda w: (-len(w), w)))

# Words that say nothing about this question: praise, hedges, effort, generic work words. An
# answer built only of these (with or without the question's words) earns nothing.
_GENERIC_EN = frozenset(
    stem(w)
    for w in [
        "important",
        "importance",
        "key",
        "crucial",
        "essential",
        "critical",
        "vital",
        "necessary",
        "good",
        "great",
        "best",
        "better",
        "nice",
        "fine",
        "useful",
        "helpful",
        "help",
        "helps",
        "matter",
        "matters",
        "think",
        "believe",
        "feel",
        "felt",
        "guess",
        "hope",
        "always",
        "never",
        "often",
        "sometimes",
        "everything",
        "anything",
        "nothing",
        "stuff",
        "someone",
        "everyone",
        "everybody",
        "people",
        "person",
        "work",
        "working",
        "worked",
        "job",
        "task",
        "thing",
        "approach",
        "aspect",
        "factor",
        "area",
        "level",
        "process",
        "quality",
        "efficiency",
        "effective",
        "efficient",
        "value",
        "success",
        "successful",
        "solution",
        "solve",
        "solving",
        "problem",
        "problems",
        "issue",
        "issues",
        "handle",
        "handling",
        "manage",
        "managing",
        "ensure",
        "focus",
        "consider",
        "try",
        "tried",
        "trying",
        "effort",
        "hard",
        "hardworking",
        "passion",
        "passionate",
        "dedicated",
        "dedication",
        "motivated",
        "learn",
        "learning",
        "grow",
        "growth",
        "team",
        "teamwork",
        "communication",
        "communicate",
        "collaboration",
        "collaborate",
        "together",
        "situation",
        "task",
        "action",
        "result",
        "results",
        "star",
        "honest",
        "honestly",
        "definitely",
        "absolutely",
        "certainly",
        "basically",
        "generally",
        "overall",
        "various",
        "many",
        "lot",
        "lots",
        "whole",
        "entire",
        "general",
        "overall",
        "necessary",
        "appropriate",
        "proper",
        "properly",
        "right",
        "correct",
        "correctly",
        "simple",
        "simply",
        "carefully",
        "careful",
        "detail",
        "details",
        "best",
        "practice",
        "practices",
        "strong",
        "strongly",
        "high",
        "highly",
        "big",
        "large",
        "small",
        "new",
        "want",
        "need",
        "needed",
        "needs",
        "love",
        "like",
        "enjoy",
        "excited",
        "opportunity",
        "company",
        "role",
        "position",
        "question",
        "answer",
        "interview",
        "sir",
        "madam",
        "yes",
        "okay",
        "ok",
        "thank",
        "thanks",
        "please",
        "mean",
        "means",
        "say",
        "said",
        "talk",
        "talked",
        "discuss",
        "discussed",
        "responsible",
        "responsibility",
        "careful",
        "positive",
        "attitude",
        "mindset",
        "stay",
        "make",
        "makes",
        "made",
        "give",
        "gave",
        "giving",
        "always",
        "care",
        "cares",
        "next",
        "last",
        "previous",
        "later",
        "earlier",
        "soon",
        "today",
        "week",
        "weekly",
        "day",
        "daily",
        "month",
        "year",
        "experience",
        "experiences",
    ]
)
_GENERIC_KO = frozenset(
    [
        "중요",
        "중요하",
        "중요한",
        "중요성",
        "핵심",
        "필수",
        "필요",
        "필요하",
        "좋",
        "좋은",
        "좋다",
        "좋습니다",
        "최선",
        "노력",
        "항상",
        "생각",
        "생각하",
        "생각했",
        "믿",
        "느끼",
        "정말",
        "매우",
        "너무",
        "아주",
        "모든",
        "여러",
        "다양",
        "다양한",
        "효율",
        "효과",
        "효과적",
        "성공",
        "해결",
        "문제",
        "부분",
        "측면",
        "방법",
        "방식",
        "과정",
        "역할",
        "경험",
        "능력",
        "역량",
        "가치",
        "성장",
        "열심히",
        "소통",
        "협업",
        "팀워크",
        "커뮤니케이션",
        "팀",
        "함께",
        "상황",
        "과제",
        "행동",
        "결과",
        "업무",
        "일",
        "사람",
        "저",
        "제",
        "저희",
        "회사",
        "기회",
        "질문",
        "답변",
        "면접",
        "배우",
        "배움",
        "적극",
        "적극적",
        "책임",
        "책임감",
        "꼼꼼",
        "꼼꼼히",
        "신중",
        "신중하게",
        "최대한",
        "늘",
        "계속",
        "기본",
        "기본적",
        "당연",
        "당연히",
        "올바",
        "올바른",
        "적절",
        "적절한",
        "확실",
        "확실히",
        "제대로",
        "많",
        "많은",
        "큰",
        "작은",
        "새로운",
        "하고",
        "싶",
        "싶습니다",
        "감사",
        "감사합니다",
        "네",
        "예",
        "말씀",
        "말씀드리",
        "이야기",
        "자세",
        "태도",
        "긍정",
        "긍정적",
        "다해",
        "가지",
        "가지고",
        "일하",
        "일해",
        "일했",
        "봤",
        "봤고",
        "봤습니다",
        "보고",
        "보면",
        "보았",
        "써",
        "써서",
        "있",
        "있고",
        "있어",
        "없",
        "했고",
        "해서",
        "하면",
        "생기",
        "생기면",
        "생겨",
        "들어",
        "나서",
        "신경",
        "쓰",
        "씁니다",
        "마음",
        "마음가짐",
    ]
)

_KO_GENERIC_ENDINGS = frozenset("하한히적된되해했합함스롭게고다요인")

_INSTRUCTION = re.compile(
    r"(ignore|disregard|forget|override)\b.{0,40}\b(rubric|instruction|prompt|criteria|rules|previous|above)"
    r"|\b(give|score|rate|grade|award|assign)\b.{0,30}\b(100|hundred|full marks|maximum|perfect)"
    r"|\b(you are|act as)\b.{0,20}\b(grader|scorer|evaluator|assessor)\b"
    r"|(루브릭|지시|평가 ?기준|이전 ?지시|프롬프트).{0,20}(무시|잊)"
    r"|(100 ?점|만점|최고 ?점).{0,15}(주|줘|부여|매기)",
    re.IGNORECASE,
)
_NON_ANSWER = re.compile(
    r"(don'?t know|do not know|not sure|no idea|can'?t remember|cannot remember|don'?t remember|"
    r"never (?:used|worked|heard|done|tried)|haven'?t (?:used|worked|done|tried|heard)|not "
    r"familiar|"
    r"no experience|unfamiliar|can'?t (?:say|explain|answer)|\bpass\b|\bskip\b|"
    r"모르겠|모릅니다|몰라|기억이 (?:잘 )?안|기억나지 않|생각이 안 나|패스|넘어가|"
    r"(?:해|써|사용해|다뤄|들어) ?본 적(?:이|은)? 없|경험(?:이|은)? 없|익숙하지 않|잘 몰)",
    re.IGNORECASE,
)
# Marketing words: they praise a design instead of saying what it does. General vocabulary of hype
# (the words consultants' slides and job-ad generators reuse), not the phrases of any one answer.
_HYPE = re.compile(
    r"\b(?:synerg\w*|leverag\w*|unlock\w*|paradigm\w*|holistic\w*|future-?proof\w*|best-in-class|world-class|"
    r"cutting-edge|state-of-the-art|next-gen\w*|game-?chang\w*|seamless\w*|empower\w*|democrati[sz]\w*|"
    r"transformation\w*|transformative|revolutioni[sz]\w*|disrupt\w*|innovative|hyper-?automat\w*|"
    r"turnkey|frictionless|enterprise-grade|value-add\w*|north star|golden path|single source of "
    r"truth|"
    r"actionable insights?|competitive (?:advantage|differentiator)|operating model|move the "
    r"needle|"
    r"as a service|well-architected|journey|value creation|organically|momentum|key enabler|"
    r"flywheel)\b"
    r"|시너지|극대화|차세대|엔터프라이즈급|베스트 ?프랙티스|트랜스포메이션|패러다임|인텔리전스|"
    r"초개인화|"
    r"레질리언스|얼라인|홀리스틱|애자일하게|그로스 ?해킹|미션 ?크리티컬|디지털 ?혁신|원스톱|"
    r"선순환|유니콘|노스 ?스타|"
    r"내재화|유기적|모멘텀|밸류|가치 ?창출|도약|여정|나침반|열쇠|전사적|성장 ?동력|민첩성|"
    r"통합적 ?접근",
    re.IGNORECASE,
)
# Words that are hype only in company: they also name real things (event-driven, end-to-end tests).
_HYPE_WEAK = re.compile(
    r"\b(?:\w+-(?:driven|first|native|centric|enabled|powered|aligned|as-code|by-design|ready|"
    r"agnostic)|at scale|"
    r"end[- ]to[- ]end|velocity|robust|impactful|mission-critical|resilien\w*|observability|agile|"
    r"governance|"
    r"maturity|strategic(?:ally)?|alignment|ecosystem|sustainable|impact)\b"
    r"|드리븐|네이티브|퍼스트|센트릭|풀스택|생태계|지능형|고도화|혁신|엔드 ?투 ?엔드|옵저버빌리티|"
    r"셀프 ?힐링|하이브리드|"
    r"거버넌스|성숙도|전략적|통합적|임팩트|인사이트|지속 ?가능|최적의|최적화",
    re.IGNORECASE,
)
# The predicate of an opinion, a value or a promise about oneself.
_STANCE = re.compile(
    r"\b(?:i (?:really |truly |strongly |genuinely |always |honestly )*(?:believe|hope|strive|love|"
    r"enjoy|care|"
    r"value|would love|aim)|i (?:always|really) try|i'd (?:love|like|bring)|i'm (?:always|"
    r"passionate|committed|a people|confident|eager|a (?:huge|big|firm|strong) believer)|i "
    r"(?:absolutely|really|truly) (?:love|thrive)|i thrive|i just want to say|"
    r"(?:is|are|'s) (?:so |really |very |also |one of the most |the most |always )*(?:important|"
    r"essential|crucial|key|"
    r"vital|valuable|what matters)|what matters|at the end of the day|it's all about|"
    r"(?:every|each) (?:setback|challenge|mistake|customer|day) is)\b"
    r"|믿습니다|믿고|믿기|노력하겠습니다|싶습니다|싶고|싶어요|싶었습니다|다하겠습니다|"
    r"중요하다고|중요합니다|필요하다고|자부합니다|바람직|마음가짐|자세로|자세가|태도로|태도가",
    re.IGNORECASE,
)
_NAMED_OR_NUMBER = re.compile(r"\d|(?<![A-Za-z])[A-Za-z][A-Za-z0-9+#.\-]*[A-Za-z0-9+#]")

# A predicate that only says terms matter or exist, not what they do.
_MENTION = re.compile(
    r"\b(?:(?:is|are|'re|'s) (?:all |also |both |definitely |really |very |so |super "
    r")*(?:important|key|essential|"
    r"crucial|relevant|worth mentioning|things to (?:keep in mind|consider)|things that exist|"
    r"words? (?:people|i'd) use)|"
    r"worth mentioning|keep in mind|in their own way|matters? a lot|it all matters|comes? into "
    r"play|"
    r"(?:those|these) are all|(?:it's|it is) (?:all |really |basically |just )?about)\b"
    r"|중요한 부분|중요하고요|중요하다고|염두에|빼놓을 수 없|인상적|의미가 있|생각해 봐야 할|"
    r"고려해야 할 부분|다 중요|"
    r"모두 중요|필요한 부분|빠질 수 없",
    re.IGNORECASE,
)
# Terms spoken of as words, values or feelings ("words I love", "소중하다고 생각합니다",
# "마음에 두고 있습니다"), not as things that do something: a sentence like this names the
# terms, it says nothing about them, whatever else its grammar holds.
_AS_WORDS = re.compile(
    r"\b(?:(?:words?|terms?|buzzwords?|vocabulary) (?:like|such as|i (?:use|love|hear|keep)|that "
    r"(?:matter|come up|i))|close to my heart|dear to me|i (?:treasure|cherish))\b"
    r"|(?:라는|이라는) (?:말|단어)|(?:단어|용어)(?:들)?(?:이고|이며|입니다|이에요|이죠)"
    r"|(?:같은|라는) (?:단어|용어)(?:가|는|도)|(?:같은|떠올리는|자주 하는) 말(?:이|도|들)"
    r"|마음에 (?:두|새기|품)|떠올리|소중하|소중한|(?:좋은|소중한) 가치|열정이 생기"
    # "X 같은 이야기도 많이 하잖아요", "X도 Y도 Z도 다 있는 거고요": talk about topics, or that
    # they exist.
    r"|같은 (?:이야기|얘기|말)(?:도|를|가)? (?:많이|자주|늘)|같은 것도 있"
    r"|(?:\S+(?:도|든),? ){2,}(?:다 |모두 )?있(?:는|고|죠|잖|다|어|습)",
    re.IGNORECASE,
)
_EXPLAINS = re.compile(
    r"\b(?:because|since|so that|by |after|before|then|first|if|when|unless|instead|but|which|"
    r"through|using|"
    r"via|with (?:a|an|the)|thanks to)\b"
    r"|때문|해서|라서|으로써|덕분|하면|려고|위해|도록|뒤에|뒤로|후에|먼저|대신|지만|으로 바꿔|를 "
    r"통해|을 통해|를 써서|을 써서|"
    r"(?<=[가-힣])(?:면|라서|이라|니까|는데|은데|지만|도록|려고|어서|아서)(?![가-힣])",
    re.IGNORECASE,
)

# Credit taken, not a reason given: "thanks to my analysis", "제 분석 덕분에".
_SELF_CREDIT = re.compile(
    r"\b(?:thanks to|because of|due to) (?:me|my (?:\w+ ){0,2}\w+|myself)\b"
    r"|(?:제|저의|내) (?:\S+ ){0,2}\S*?덕분에?|저 덕분에?",
    re.IGNORECASE,
)


def _explains(text: str) -> bool:
    return bool(_EXPLAINS.search(_SELF_CREDIT.sub(" ", text)))


# What only ties a figure to what came before ("as a result", "그 덕분에", "이를 통해") or sets the
# scene for it ("~를 해결했는데"), or only sizes it ("by 40%"): it says that something led to the
# figure, not how.
_RESULT_LINK = re.compile(
    r"\b(?:as a result|thanks to (?:that|this|it|which)|which (?:led|resulted) (?:to|in)|"
    r"resulting in)\b|\bby (?:about |around |roughly |nearly |over |almost )?(?=[\d$])"
    r"|그 ?(?:결과|덕분|덕)(?:에|로)?|그 \S+ 덕분에?|이를 통해|이로 인해"
    r"|(?<=[가-힣])(?:는데|은데)(?![가-힣])",
    re.IGNORECASE,
)


def _explains_figures(text: str) -> bool:
    return _explains(_RESULT_LINK.sub(" ", text))


# Promises no engineer makes about a design: nothing can fail, everything is solved.
_ABSOLUTE = re.compile(
    r"\\b(?:zero[- ]downtime|never (?:fail|go down|break)s?|eliminat\\w* (?:all|every|any)|100% "
    r"(?:safe|secure|accurate|"
    r"reliable|uptime)|solves? (?:everything|all)|completely (?:solv|eliminat)\\w*|"
    r"guarantee\\w*)\\b"
    r"|원천적으로|근본적으로 해결|완벽하게|완벽한|사실상 제로|제로 다운타임|모든 (?:것|문제)(?:을|"
    r"를|이|가)? ?해결|"
    r"자연스럽게 (?:따라|해결)|100% (?:보장|안전|정확)|무조건",
    re.IGNORECASE,
)
_CONTRAST = re.compile(
    r"\b(?:but|however|although|though|yet)\b|하지만|그런데|그렇지만|다만|(?<=[가-힣])지만\b",
    re.IGNORECASE,
)
_LIST_SEPARATOR = re.compile(r"[,/·、;]|\s(?:and|or|및|그리고|또는)\s", re.IGNORECASE)

# A predicate: an English verb form or a Korean verb/adjective ending. Without one a sentence is a
# fragment (a run of names and numbers), not a claim.
_EN_VERBS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "use",
        "uses",
        "add",
        "adds",
        "run",
        "runs",
        "check",
        "checks",
        "make",
        "makes",
        "take",
        "takes",
        "keep",
        "keeps",
        "set",
        "sets",
        "put",
        "puts",
        "split",
        "splits",
        "move",
        "moves",
        "cut",
        "cuts",
        "read",
        "reads",
        "write",
        "writes",
        "build",
        "builds",
        "ship",
        "ships",
        "ask",
        "asks",
        "tell",
        "tells",
        "see",
        "sees",
        "look",
        "looks",
        "find",
        "finds",
        "fix",
        "fixes",
        "test",
        "tests",
        "try",
        "tries",
        "measure",
        "measures",
        "choose",
        "chooses",
        "pick",
        "picks",
        "drop",
        "drops",
        "send",
        "sends",
        "start",
        "starts",
        "stop",
        "stops",
        "need",
        "needs",
        "want",
        "wants",
        "let",
        "lets",
        "give",
        "gives",
        "show",
        "shows",
        "explain",
        "explains",
        "know",
        "knows",
        "think",
        "thinks",
        "mean",
        "means",
        "store",
        "stores",
        "scale",
        "scales",
        "call",
        "calls",
        "load",
        "loads",
        "go",
        "goes",
        "get",
        "gets",
        "pay",
        "pays",
        "say",
        "says",
        "talk",
        "talks",
        "agree",
        "agrees",
        "decide",
        "decides",
        "lead",
        "leads",
        "learn",
        "learns",
        "serve",
        "serves",
        "return",
        "returns",
        "reduce",
        "reduces",
        "avoid",
        "avoids",
        "prevent",
        "prevents",
        "help",
        "helps",
        "allow",
        "allows",
        "lets",
        "depends",
        "depend",
        "happen",
        "happens",
        "grow",
        "grows",
        "spend",
        "spends",
        "handle",
        "handles",
        "break",
        "breaks",
        "kept",
        "became",
        "become",
        "becomes",
        "made",
        "took",
        "went",
        "got",
        "found",
        "built",
        "wrote",
        "ran",
        "led",
        "left",
        "felt",
        "thought",
        "brought",
        "caught",
        "taught",
        "chose",
        "drove",
        "gave",
        "knew",
        "saw",
        "sent",
        "spent",
        "told",
        "won",
        "began",
        "broke",
        "fell",
        "grew",
        "held",
        "meant",
        "paid",
        "said",
        "sold",
        "stood",
        "understood",
        "came",
        "works",
        "work",
        "cause",
        "causes",
        "stays",
        "stay",
        "turns",
        "turned",
    ]
)
_KO_PREDICATE = re.compile(
    r"(다|요|죠|까|고|서|면|며|니다|는데|지만|도록|게|해|했|함|음|됨|임|라|자|네|군|걸|데|지|나)$"
)
_WORD = re.compile(r"[a-z0-9가-힣]+(?:[+#'][a-z0-9+#]*)?", re.IGNORECASE)

# Below this many informative words new to the answer a sentence adds nothing (Korean words carry
# more: one eojeol holds a noun and its particle, so fewer of them say as much).
MIN_NEW_WORDS = {"en": 2.0, "ko": 1.5}
_COPIED_SHARE = 0.6
_COPY_RUN = 3


def canonical(stem_: str) -> str:
    """A stem with a Hangul loanword written as its Latin spelling (레디스 -> redis)."""
    if is_hangul(stem_):
        for word in _LOANWORD_PREFIXES:
            if stem_.startswith(word):
                return _LOANWORDS[word]
        return stem_
    return stem_


def word_stems(text: str) -> list[str]:
    """Canonical stems of every meaningful word, in order, with repeats (stop words and bare digits
    out)."""
    found = []
    for token in _script_runs(tokens(text)):
        if token in EN_STOP or token in KO_STOP or token.isdigit():
            continue
        s = stem(token)
        if len(s) < 2 or (not is_hangul(s) and len(s) < 3 and not any(c.isdigit() for c in s)):
            continue
        found.append(canonical(s))
    return found


_KO_ATTACHED = frozenset(KO_SUFFIXES) | frozenset(
    [
        "이요",
        "이에요",
        "예요",
        "이야",
        "입니다",
        "이죠",
        "이고",
        "이며",
        "이라",
        "이라고",
        "라고",
        "이랑",
        "이나",
        "으로",
        "로",
        "를",
        "을",
        "이",
        "가",
        "은",
        "는",
        "와",
        "과",
        "도",
        "만",
        "의",
        "에",
        "에서",
    ]
)
_SCRIPT_RUN = re.compile(
    r"\d+(?:[.,]\d+)?[가-힣]{1,2}(?![가-힣])|[a-z0-9+#'.\-]*[a-z0-9+#]|[가-힣]+"
)


def _script_runs(words: Iterable[str]) -> Iterable[str]:
    """Words cut where the script changes (PostgreSQL을 -> postgresql, 을), keeping a number with
    its Korean unit (3년, 40개) as one."""
    for word in words:
        if (
            is_hangul(word)
            and not word.isalpha()
            or (is_hangul(word) and re.search(r"[a-z]", word))
        ):
            # The Hangul after a Latin term is its particle or copula (PostgreSQL을, F1이요).
            yield from (run for run in _SCRIPT_RUN.findall(word) if run not in _KO_ATTACHED)
        else:
            yield word


def loanwords(text: str) -> int:
    """How many distinct technical terms a Korean text writes in Hangul (레디스, 인덱스)."""
    return len(
        {canonical(stem(t)) for t in tokens(text) if is_hangul(t) and canonical(stem(t)) != stem(t)}
    )


_TERMS = frozenset(stem(t) for t in _LOANWORDS.values())


def latin_terms(text: str) -> set[str]:
    """The technical terms of the loanword vocabulary a text writes in Latin letters (index,
    cache, rollback): what a Korean text gets credit for when it writes them in Hangul."""
    return {stem(t) for t in tokens(text) if not is_hangul(t) and stem(t) in _TERMS}


def is_generic(s: str) -> bool:
    if is_hangul(s):
        # 중요 covers 중요한 and 중요히, but 신경 does not cover 신경망 nor 보고 보고서.
        return s in _GENERIC_KO or any(
            s.startswith(g) and s[len(g)] in _KO_GENERIC_ENDINGS
            for g in _GENERIC_KO
            if 2 <= len(g) < len(s)
        )
    return s in _GENERIC_EN


# The glue of an English sentence: articles, prepositions, pronouns, conjunctions, auxiliaries.
_EN_FUNCTION = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "then",
        "than",
        "so",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "into",
        "onto",
        "about",
        "as",
        "over",
        "under",
        "between",
        "through",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "she",
        "it",
        "its",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "would",
        "could",
        "should",
        "will",
        "can",
        "may",
        "might",
        "must",
        "not",
        "no",
        "because",
        "while",
        "unless",
        "although",
        "via",
        "per",
        "without",
        "within",
        "each",
        "every",
        "one",
    ]
)
# Below this share of function words an English sentence is a string of terms, not a statement
# (measured: plain technical sentences 0.25-0.45, jargon strings 0.14-0.19).
_EN_GLUE = 0.2
_AUXILIARY = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "am",
        "be",
        "been",
        "i",
        "we",
        "they",
        "you",
        "he",
        "she",
        "it",
        "by",
        "after",
        "before",
        "while",
    ]
)


def _has_predicate(text: str) -> bool:
    """A verb form (an English verb, an -ed word or an -ing after an auxiliary or a subject, a
    contraction) or a Korean verb/adjective ending."""
    words = _WORD.findall(normalize(text))
    for i, word in enumerate(words):
        if is_hangul(word):
            if _KO_PREDICATE.search(word):
                return True
        elif (
            word in _EN_VERBS
            or "'" in word
            or len(word) > 4
            and word.endswith("ed")
            and i > 0
            or len(word) > 4
            and word.endswith("ing")
            and i > 0
            and words[i - 1] in _AUXILIARY
        ):
            return True
    return False


def _reads_as_sentence(text: str) -> bool:
    """A sentence has a predicate and the glue of a language: English function words, Korean
    particles and endings. A run of terms and numbers has neither."""
    if not _has_predicate(text):
        return False
    words = _WORD.findall(normalize(text))
    if len(words) < 5:
        return True
    hangul = [w for w in words if is_hangul(w)]
    if len(hangul) >= len(words) / 2:
        glued = sum(1 for w in hangul if stem(w) != w or _KO_PREDICATE.search(w) or w in KO_STOP)
        return glued >= 0.3 * len(hangul)
    return sum(1 for w in words if w in _EN_FUNCTION) >= _EN_GLUE * len(words)


def _is_list(text: str) -> bool:
    """Three or more items, most of them bare terms (at most two words and no verb): a list of
    names, not a statement about them."""
    items = [part for part in _LIST_SEPARATOR.split(text) if part and part.strip()]
    if len(items) < 3:
        return False
    bare = [item for item in items if len(word_stems(item)) <= 2 and not _has_predicate(item)]
    return len(bare) >= 3 and len(bare) >= 0.6 * len(items)


def _is_hype(text: str) -> bool:
    """Marketing words carry the sentence, and nothing concrete (a number, a condition, a reason)
    stands behind them."""
    words = len(_HYPE.findall(text)) + 0.5 * len(_HYPE_WEAK.findall(text))
    if not words:
        return False
    hype = words + 1.5 * len(_ABSOLUTE.findall(text))
    if hype < 2:
        return False
    concrete = len(_CONCRETE.findall(text))
    return hype >= 2 + 2 * concrete


# A figure claimed as a result: a percentage, a multiple or a sum of money ("58%", "4.2x", "3배",
# "5 times", "23억 원", "$2M"; not "1원 인증").
_CLAIMED_FIGURE = re.compile(
    r"\d+(?:[.,]\d+)?\s?(?:%|퍼센트|percent\b|x\b|배|times\b|억|만 ?원|million\b|billion\b)"
    r"|\$\s?\d",
    re.IGNORECASE,
)


def _mentions_only(text: str, stems: Sequence[str], source: Source) -> bool:
    """Rubric terms whose only predicate says they matter or exist, or that are spoken of as
    words or values."""
    if _AS_WORDS.search(text) and any(s in source.keywords for s in stems):
        return True
    if not _MENTION.search(text) or _explains(text):
        return False
    informative = [s for s in stems if not is_generic(s) and s not in source.question_stems]
    return bool(informative) and sum(s in source.keywords for s in informative) >= 0.4 * len(
        informative
    )


def _is_platitude(text: str, stems: Sequence[str], source: Source) -> bool:
    if not _STANCE.search(text) or any(s in source.keywords for s in stems):
        return False
    latin = _NAMED_OR_NUMBER.findall(text)
    return not any(c.isdigit() for c in "".join(latin)) and (not is_hangul(text) or not latin)


_CONCRETE = re.compile(
    r"\d|\b(?:because|since|unless|otherwise|instead of|rather than|so that|which means|e\.g\.|for "
    r"example)\b"
    r"|때문|므로|대신|예를 들|경우에는|면 안|지 않으면|그래야",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Source:
    """What a candidate was shown or could copy: the question, and the rubric's prose."""

    question_stems: frozenset[str]
    copy_runs: frozenset[tuple[str, ...]]
    keywords: frozenset[str]

    @classmethod
    def of(cls, question: str, rubric: dict) -> Source:
        prose = [question]
        keywords: set[str] = set()
        for criterion in rubric.get("criteria") or []:
            prose.append(str(criterion.get("description") or ""))
            for keyword in criterion.get("keywords") or []:
                keywords.update(word_stems(str(keyword)))
        prose.extend(str(p) for p in rubric.get("expected_points") or [])
        return cls(
            question_stems=frozenset(word_stems(question)),
            copy_runs=frozenset(run for text in prose for run in _runs(word_stems(text))),
            keywords=frozenset(keywords),
        )


def _runs(stems: Sequence[str]) -> Iterable[tuple[str, ...]]:
    for i in range(len(stems) - _COPY_RUN + 1):
        yield tuple(stems[i : i + _COPY_RUN])


def _copied_positions(
    stems: Sequence[str], runs: frozenset[tuple[str, ...]], keywords: frozenset[str]
) -> set[int]:
    """Positions inside runs of three words copied from the question or the rubric's prose. A run
    of the rubric's own terms is not copying: naming the standard remedies in the usual order
    ("regularisation, dropout, early stopping") is how a candidate who knows them answers."""
    copied: set[int] = set()
    for i in range(len(stems) - _COPY_RUN + 1):
        run = tuple(stems[i : i + _COPY_RUN])
        if run in runs and not all(s in keywords for s in run):
            copied.update(range(i, i + _COPY_RUN))
    return copied


@dataclass(frozen=True)
class Unit:
    """One sentence of an answer and what it earns."""

    transcript_id: int
    text: str
    kind: UnitKind
    # The text of the clauses that count (the sentence without its "I don't know" clauses).
    counted_text: str = ""
    # Informative stems this sentence adds to the answer (empty unless content).
    new: frozenset[str] = field(default_factory=frozenset)
    # Every canonical stem of the counted clauses (what rubric points are matched against).
    stems: frozenset[str] = field(default_factory=frozenset)

    @property
    def counts(self) -> bool:
        return self.kind == "content"


def read_answer(lines: Iterable[tuple[int, str]], source: Source, language: str) -> list[Unit]:
    """Every sentence of an answer (transcript id, text), in order, with what it earns."""
    minimum = MIN_NEW_WORDS.get(language, 2.0)
    seen: set[str] = set()
    units: list[Unit] = []
    for transcript_id, text in lines:
        for sentence in sentences(text):
            unit = _read_sentence(transcript_id, sentence, source, seen, minimum)
            if unit.counts:
                seen.update(unit.new)
            units.append(unit)
    return _figures_without_method(units)


def _claims_figures(unit: Unit) -> bool:
    return (
        unit.counts
        and bool(_CLAIMED_FIGURE.search(unit.counted_text))
        and not _explains_figures(unit.counted_text)
    )


def _figures_without_method(units: list[Unit]) -> list[Unit]:
    """An answer made mostly of results with nothing said of how they came about ("conversion up
    22%. Complaints down 89%. Satisfaction 95%."): then each such sentence is a claimed figure too,
    even with one figure in it. One result after an account of what was done stays content."""
    claims = [u for u in units if u.kind == "figures" or _claims_figures(u)]
    said = [u for u in units if u.counts or u.kind == "figures"]
    figures = sum(len(_CLAIMED_FIGURE.findall(u.text)) for u in claims)
    if figures < 3 or len(claims) < 0.5 * len(said):
        return units
    return [replace(u, kind="figures", new=frozenset()) if _claims_figures(u) else u for u in units]


def _read_sentence(
    transcript_id: int, sentence: str, source: Source, seen: set[str], minimum: float
) -> Unit:
    def unit(kind: UnitKind, **kwargs) -> Unit:
        return Unit(transcript_id=transcript_id, text=sentence, kind=kind, **kwargs)

    if _INSTRUCTION.search(normalize(sentence)):
        return unit("instruction")
    clauses = [c for c in _CONTRAST.split(sentence) if c and c.strip()]
    kept = [c for c in clauses if not _NON_ANSWER.search(c)]
    if not kept:
        return unit("non_answer")
    text = " ".join(kept)
    stems = word_stems(text)
    if not stems:
        return unit("filler")
    copied = _copied_positions(stems, source.copy_runs, source.keywords)
    borrowed = [i for i, s in enumerate(stems) if i in copied or s in source.question_stems]
    if len(borrowed) >= _COPIED_SHARE * len(stems):
        return unit("copied")
    if not _reads_as_sentence(text):
        return unit("fragment")
    if _is_list(text) or _mentions_only(text, stems, source):
        return unit("list")
    if len(_CLAIMED_FIGURE.findall(text)) >= 2 and not _explains_figures(text):
        return unit("figures")
    if _is_hype(text):
        return unit("hype")
    if _is_platitude(text, stems, source):
        return unit("platitude")
    own = [
        s
        for i, s in enumerate(stems)
        if i not in copied and s not in source.question_stems and not is_generic(s)
    ]
    new = {s for s in own if s not in seen}
    beyond_keywords = [s for s in new if s not in source.keywords]
    if len(new) < minimum or not beyond_keywords:
        return unit("repeat" if own and not new else "filler")
    return unit("content", counted_text=text, new=frozenset(new), stems=frozenset(stems))


@lru_cache(maxsize=4096)
def keyword_forms(keyword: str) -> tuple[str, ...]:
    """A rubric keyword's canonical stems (a keyword of several words has several)."""
    return tuple(word_stems(keyword))


def keyword_said(keyword: str, unit: Unit) -> bool:
    """A rubric keyword is said in a counted sentence: each of its words' stems occurs there, in
    either script (a Korean stem may carry an ending: 인덱스를 / 인덱스)."""
    forms = keyword_forms(keyword)
    if (
        not forms
    ):  # a symbol, a short unit or a stop word (%, ms, 년, explain): as written, or its loanword
        return (
            keyword_in(keyword, normalize(unit.counted_text))
            or normalize(keyword).strip() in unit.stems
        )
    return all(any(_stem_match(f, s) for s in unit.stems) for f in forms)


def _stem_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if is_hangul(a) and is_hangul(b):
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        return len(short) >= 2 and long_.startswith(short)
    return False
