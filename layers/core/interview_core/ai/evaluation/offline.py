"""The offline rubric evaluator: scores each answer against its question's rubric_json with no
model and no network, and says so in evaluator_model and in needs_human_review. Deterministic: the
same interview always gets the same report, in any process and on any machine.

It measures content, not form. content.py first decides which sentences of an answer count at all
(copied from the question or the rubric, repeated, "I don't know X", keyword lists, fragments,
filler and text addressed to the scorer earn nothing); then, over the sentences that count:
- coverage: each rubric criterion by its keywords (a keyword most of the bank's questions share,
  such as "result" or "경험", counts less than a specific one such as "index") and by the terms of
  its description, said in a sentence that makes a claim; weighted by the criteria's weights;
- relevance: how much of what was said is about this question's rubric and question;
- specificity: numbers, named tools, concrete examples, reasons;
- structure: situation, action, result (or reasoning for an explanation);
- substance: how many distinct informative words the answer adds, saturating early, so a correct
  concise answer scores near the same answer at length and length alone earns nothing.
Specificity, structure and substance count only as far as the answer is about the question.

Skipped questions are coverage, not weak answers (see scoring.py). Sentiment is never read.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from interview_core.ai.evaluation import scoring
from interview_core.ai.evaluation.base import (
    CriterionScore,
    Evaluation,
    Evidence,
    InterviewRecord,
    QuestionEvaluation,
)
from interview_core.ai.evaluation.content import (
    Source,
    Unit,
    is_generic,
    keyword_said,
    latin_terms,
    loanwords,
    read_answer,
    word_stems,
)
from interview_core.ai.evaluation.text import normalize, sentences, stem, tokens
from interview_core.domain.models import Category, Language, Question, Speaker, Transcript

MODEL_NAME = "offline-rubric-v10"
NEEDS_REVIEW = "written by the offline evaluator, without a language model"

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# Numbers written as words count as digits do: "two weeks" says what "2주" says, and "두 번" what
# "2 times" does ("one" and Korean "한" are left out: they are mostly not numbers).
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|hundred|thousand|million|dozen|half)\b"
    r"|(?<![가-힣])(?:두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무|서른) ?"
    r"(?:명|번|개|달|주|시간|가지|차례|군데|배|팀|곳|단계|분기|개월|사람)(?![가-힣])",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"(?<![\w])([A-Z][A-Za-z0-9+#.]*[A-Za-z0-9+#]|[a-z]+[A-Z0-9][A-Za-z0-9]*|[A-Za-z]+\d+[A-Za-z0-9]*)"
)
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#.\-]*[A-Za-z0-9+#]")

_EXAMPLE = (
    "for example",
    "for instance",
    "e.g.",
    "such as",
    "in my last",
    "at my last",
    "in my previous",
    "last year",
    "last quarter",
    "once ",
    "예를 들어",
    "예컨대",
    "예를 들면",
    "예전에",
    "작년에",
    "전 회사",
    "이전 회사",
    "이전 프로젝트",
    "당시",
    "실제로",
)
_FILLER = re.compile(
    r"(?<![a-z])(um+|uh+|you know|kind of|sort of)(?![a-z])|음\.\.\.|어\.\.\.|그니까|뭐랄까",
    re.IGNORECASE,
)

# How many distinct informative words make an answer substantial (scale of the saturation). The
# same in both languages: Korean has fewer words for the same content, but each inflected verb form
# counts as its own word, which evens it out (measured on paired answers).
_SUBSTANCE_SCALE = {"en": 5.0, "ko": 6.0}


@dataclass(frozen=True)
class _Signals:
    coverage: float
    relevance: float
    specificity: float
    structure: float
    substance: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(v * 100, 1) for k, v in self.__dict__.items()}


def answers_per_question(record: InterviewRecord) -> dict[int, list[Transcript]]:
    """Answers tagged with a question id go to it; an untagged answer goes to the question the
    AI asked last before it."""
    asked = {q.id for q in record.questions}
    answers: dict[int, list[Transcript]] = {q.id: [] for q in record.questions}
    current: int | None = None
    for line in sorted(record.transcripts, key=lambda t: t.order):
        if line.speaker == Speaker.AI:
            current = line.question_id if line.question_id in asked else current
            continue
        target = line.question_id if line.question_id in asked else current
        if target is not None and line.text.strip():
            answers[target].append(line)
    return answers


def _saturate(x: float, scale: float) -> float:
    return 1.0 - math.exp(-max(0.0, x) / scale)


# ---------------------------------------------------------------- how specific a term is


@dataclass(frozen=True)
class _Weights:
    documents: int
    frequency: dict[str, int]

    def weight(self, term: str) -> float:
        """log((N+1)/(df+1)): rare across the bank's questions = specific to this one."""
        return math.log((self.documents + 1) / (self.frequency.get(term, 0) + 1))

    def keyword(self, keyword: str) -> float:
        """1 for a keyword specific to the question, down to 0.3 for one most questions share."""
        stems = word_stems(keyword)
        return min(1.0, max(0.3, max((self.weight(s) for s in stems), default=2.0) / 2.0))


@lru_cache(maxsize=4)
def _bank_weights(language: str) -> _Weights:
    from interview_core.db.seed import bundled_question_bank

    frequency: Counter[str] = Counter()
    documents = 0
    for row in bundled_question_bank():
        if row.get("language") != language:
            continue
        documents += 1
        frequency.update(set(_vocabulary(row["content"], row.get("rubric") or {})))
    return _Weights(documents=max(documents, 1), frequency=dict(frequency))


def _vocabulary(content: str, rubric: dict) -> list[str]:
    parts = [content]
    for criterion in rubric.get("criteria") or []:
        parts.append(str(criterion.get("description") or ""))
        parts.extend(str(k) for k in criterion.get("keywords") or [])
    parts.extend(str(p) for p in rubric.get("expected_points") or [])
    return word_stems(" ".join(parts))


# ---------------------------------------------------------------- one answer


@dataclass(frozen=True)
class _Read:
    """An answer as the evaluator read it."""

    units: list[Unit]
    content: list[Unit]
    text: str  # the counted sentences, joined

    @property
    def not_counted(self) -> dict[str, int]:
        counts = Counter(u.kind for u in self.units if not u.counts)
        return dict(sorted(counts.items()))


def _criterion(
    spec: dict, read: _Read, weights: _Weights, source: Source
) -> tuple[float, list[Evidence]]:
    keywords = [str(k) for k in spec.get("keywords") or [] if str(k).strip()]
    hits = [k for k in keywords if any(keyword_said(k, u) for u in read.content)]
    raw = sum(weights.keyword(k) for k in hits)
    hit_stems = {s for k in hits for s in word_stems(k)}
    said = set().union(*(u.stems for u in read.content)) if read.content else set()
    described = [
        t
        for t in dict.fromkeys(word_stems(str(spec.get("description") or "")))
        if t in said and t not in hit_stems and t not in source.question_stems and not is_generic(t)
    ]
    raw += 0.5 * sum(min(1.0, weights.weight(t) / 2.0) for t in described)
    needed = max(1.5, 0.2 * len(keywords))
    evidence: list[Evidence] = []
    for unit in read.content:
        if len(evidence) < 2 and (
            any(keyword_said(k, unit) for k in hits) or unit.stems & set(described)
        ):
            evidence.append(Evidence(transcript_id=unit.transcript_id, quote=unit.text))
    return min(1.0, raw / needed), evidence


# A term found in at most about a third of the bank's questions says the answer is on this question;
# one most questions share (experience, project, result) does not.
_SPECIFIC_WEIGHT = 1.0
# Below this share of the answer's informative words being specific rubric terms, the answer is
# taken to be about something else in proportion (measured: honest answers 0.2-0.3 at the median,
# stories that sprinkle rubric terms and padded answers 0.06-0.10).
_RUBRIC_DENSITY = 0.12


def _relevance(
    read: _Read, question: Question, weights: _Weights
) -> tuple[float, float, list[Unit]]:
    """(relevance, on-topic share, the on-topic sentences). The rubric's terms count fully, the
    question's own half (saying the question's words is not answering it), each by how specific it
    is. A sentence is on topic when it uses a term specific to this question; the share is how much
    of what counted is on topic, so a fluent answer about something else that drops a term or two,
    or an answer padded with talk about teamwork, stays low."""
    rubric = question.rubric_json or {}
    rubric_terms = {t for t in _vocabulary("", rubric) if not is_generic(t)}
    question_terms = {t for t in word_stems(question.content) if not is_generic(t)} - rubric_terms
    said: set[str] = set().union(*(u.stems for u in read.content)) if read.content else set()
    weight = sum(weights.weight(t) for t in said & rubric_terms) + 0.5 * sum(
        weights.weight(t) for t in said & question_terms
    )
    specific = {t for t in rubric_terms if weights.weight(t) >= _SPECIFIC_WEIGHT}
    on_topic = [u for u in read.content if u.stems & specific]
    total = sum(len(u.new) for u in read.content)
    share = sum(len(u.new) for u in on_topic) / total if total else 0.0
    # How densely the answer speaks the rubric's language: a story about something else that uses
    # a rubric term in every sentence still says few of them among many words of its own.
    informative = set().union(*(u.new for u in read.content)) if read.content else set()
    density = len(said & specific) / len(informative) if informative else 0.0
    share *= min(1.0, density / _RUBRIC_DENSITY)
    return _saturate(weight, 5.0) * min(1.0, share / 0.5), share, on_topic


def _specificity(text: str, korean: bool, brevity: float) -> tuple[float, float]:
    """(specificity, grounding). Specificity: numbers, named tools and terms, examples and
    reasons, saturating. Grounding: the same without the names, since naming terms is not yet
    saying anything about them. A short answer needs fewer of them (brevity, 0.5-1: a dense answer
    of two sentences is as specific as a long one)."""
    numbers = len(_NUMBER.findall(text)) + len(_NUMBER_WORD.findall(text))
    if korean:  # terms in Latin letters, and the same terms written in Hangul
        named = len({w.lower() for w in _LATIN_WORD.findall(text)}) + loanwords(text)
    else:
        # Capitalised words not starting a sentence, camelCase, words with digits (p95, k6),
        # and the terms a Korean answer gets credit for in Hangul (index, cache, rollback).
        capitalised: set[str] = set()
        for sentence in sentences(text):
            capitalised |= {
                m.lower()
                for m in _NAMED.findall(sentence)[0 if not sentence[:1].isupper() else 1 :]
                if m.lower() not in ("i", "i'd", "i'm")
            }
        named = len(capitalised) + len(latin_terms(text) - {stem(w) for w in capitalised})
    lowered = normalize(text)
    examples = sum(marker in lowered for marker in _EXAMPLE)
    reasons = sum(
        1
        for kind in ("cause", "contrast", "purpose", "condition")
        if _RELATIONS[kind].search(lowered)
    )
    # A number is evidence when something says how it came about (a reason, a step, an example);
    # figures on their own are claims ("retention up 47%, revenue up 280%").
    explained = reasons or examples or _RELATIONS["sequence"].search(lowered)
    grounded = (
        (0.45 if explained else 0.15) * min(numbers, 4)
        + 0.5 * min(examples, 2)
        + 0.3 * min(reasons, 3)
    )
    scale = 1.3 * brevity
    return _saturate(grounded + 0.3 * min(named, 5), scale), _saturate(grounded, scale)


def _brevity(read: _Read) -> float:
    """0.5 for an answer of 60 words or fewer, up to 1 at 120: how much less a short answer
    needs to show to be as specific and structured as a long one."""
    words = len(tokens(read.text))
    return min(1.0, max(0.5, words / 120))


# How the parts of an answer relate: why, under what condition, instead of what, in which order,
# to what end, with what result. Read from connectives and, in Korean, from the endings that carry
# them (-라서, -면, -지만, -도록), so a dense answer of two long sentences shows its reasoning as a
# long one does, and no marker phrase has to be present.
_RELATIONS = {
    "cause": re.compile(
        r"\b(?:because|since|due to|which means|that's why|which is why|as|given that|thanks to)\b"
        r"|때문|(?<=[가-힣])(?:라서|이라|어서|아서|여서|해서|돼서|니까|므로|으니)(?![가-힣])|덕분|"
        r"탓에|으로 인해|로 인해"
    ),
    "condition": re.compile(
        r"\b(?:if|when|unless|otherwise|whenever|once|in case|depending on)\b"
        r"|(?<=[가-힣])(?:면|다면|라면|거든)(?![가-힣])|경우|않으면|때는|때에는"
    ),
    "contrast": re.compile(
        r"\b(?:but|however|instead|rather than|whereas|trade-?offs?|than|while|although|cost of)\b"
        r"|대신|반면|(?<=[가-힣])지만(?![가-힣])|보다|아니라|트레이드오프|않고|말고|대비"
    ),
    "sequence": re.compile(
        r"\b(?:first|then|next|after|before|finally|afterwards|until|step)\b"
        r"|먼저|우선|다음|(?<![가-힣])(?:뒤|후)(?:에|로)?(?![가-힣])|나서|그다음|마지막|"
        r"(?<=[가-힣])(?:은|ㄴ|한|된) 뒤|이후|단계"
    ),
    "purpose": re.compile(
        r"\b(?:so that|in order to|to avoid|to make sure|to keep|to prevent|to see|to check|so we|"
        r"so i)\b"
        r"|위해|(?<=[가-힣])(?:도록|려고|려면)(?![가-힣])|위한|방지"
    ),
    "outcome": re.compile(
        r"\b(?:as a result|result(?:ed)? in|ended up|dropped|reduced|improved|went from|cut|halved|"
        r"doubled|recovered|learned|fell|rose|saved|led to)\b|\d+\s?%"
        r"|줄었|줄였|늘었|늘렸|올랐|올렸|개선|결과|배웠|배운|사라졌|절반|단축|빨라|떨어졌|없었습니다|없었어요"
    ),
}


def _structure(read: _Read, brevity: float) -> float:
    """How many kinds of relation the answer states between its parts (of six), and whether it
    has more than one sentence of content; saturating at four (fewer for a short answer)."""
    lowered = normalize(read.text)
    kinds = sum(1 for pattern in _RELATIONS.values() if pattern.search(lowered))
    return min(1.0, (kinds + (len(read.content) >= 2)) / (4 * brevity))


def _score_question(
    question: Question, answer: list[Transcript], language: str
) -> tuple[QuestionEvaluation, _Read | None]:
    korean = language == Language.KO
    base = QuestionEvaluation(
        question_id=question.id,
        question=question.content,
        category=question.category,
        answered=False,
    )
    if not any(line.text.strip() for line in answer):
        base.comment = base.feedback = "답변하지 않음" if korean else "Not answered"
        return base, None
    rubric = question.rubric_json or {}
    source = Source.of(question.content, rubric)
    units = read_answer([(line.id, line.text) for line in answer], source, language)
    content = [u for u in units if u.counts]
    read = _Read(units=units, content=content, text="\n".join(u.counted_text for u in content))
    weights = _bank_weights(language)

    criteria: list[CriterionScore] = []
    scores: list[float] = []
    criterion_weights: list[float] = []
    for spec in rubric.get("criteria") or []:
        value, evidence = _criterion(spec, read, weights, source)
        criteria.append(
            CriterionScore(
                name=str(spec.get("name", "criterion")),
                score=round(100 * value, 1),
                evidence=evidence,
            )
        )
        scores.append(value)
        criterion_weights.append(float(spec.get("weight") or 1.0))

    relevance, share, on_topic_units = _relevance(read, question, weights)
    # Specifics, structure and substance are read from what is on the question only.
    on_point = _Read(
        units=units, content=on_topic_units, text="\n".join(u.counted_text for u in on_topic_units)
    )
    informative = len(set().union(*(u.new for u in on_topic_units))) if on_topic_units else 0
    brevity = _brevity(on_point)
    specificity, grounding = (
        _specificity(on_point.text, korean, brevity) if on_topic_units else (0.0, 0.0)
    )
    signals = _Signals(
        coverage=scoring.weighted_mean(scores, criterion_weights) if scores else relevance,
        relevance=relevance,
        specificity=specificity,
        structure=_structure(on_point, brevity) if on_topic_units else 0.0,
        substance=_saturate(informative, _SUBSTANCE_SCALE.get(language, 6.0)),
    )
    if content:
        # Form counts only as far as the answer is on the question and meets its rubric at all.
        on_topic = min(1.0, share / 0.5) * min(1.0, signals.coverage / 0.25)
        value = (
            0.45 * signals.coverage
            + 0.20 * signals.relevance
            + on_topic
            * (0.15 * signals.specificity + 0.10 * signals.structure + 0.10 * signals.substance)
        )
        # Rubric terms with little said around them are name-dropping: they count in proportion.
        value *= 0.5 + 0.5 * signals.substance
        # Terms with no reason, example, number or step behind them are jargon, not an explanation.
        value *= 0.5 + 0.5 * max(grounding, signals.structure)
    else:
        value = 0.0
    # Having said something is a little more than silence: 1 point, 2 with any content of its own
    # (never more for saying more of nothing).
    value = max(value, 0.02 if content else 0.01)
    score = round(min(100.0, 100 * value), 1)

    evidence = _pick_evidence(criteria) or [
        Evidence(transcript_id=u.transcript_id, quote=u.text) for u in content[:1]
    ]
    return base.model_copy(
        update={
            "answered": True,
            "score": score,
            "criteria": criteria,
            "evidence": evidence,
            "signals": signals.as_dict(),
            "comment": _comment(signals, read, korean),
            "feedback": _feedback(signals, read, score, korean),
        }
    ), read


@dataclass(frozen=True)
class AnswerScore:
    """One question's answers as the report scores them, and whether they are an attempt at an
    answer at all: something besides silence, "I don't know" and text addressed to the scorer
    (a vague answer is an attempt)."""

    evaluation: QuestionEvaluation
    attempted: bool


def score_answer(question: Question, answer: list[Transcript], language: str) -> AnswerScore:
    evaluation, read = _score_question(question, answer, language)
    attempted = read is not None and any(
        u.kind not in ("non_answer", "instruction") for u in read.units
    )
    return AnswerScore(evaluation=evaluation, attempted=attempted)


def _pick_evidence(criteria: list[CriterionScore]) -> list[Evidence]:
    picked: list[Evidence] = []
    for criterion in sorted(criteria, key=lambda c: -c.score):
        for e in criterion.evidence:
            if e not in picked and len(picked) < 3:
                picked.append(e)
    return picked


_KIND_NAMES = {
    "en": {
        "instruction": "addressed to the scorer",
        "non_answer": "not known",
        "copied": "copied from the question or rubric",
        "fragment": "no claim",
        "list": "a list of terms",
        "hype": "buzzwords",
        "platitude": "a belief, no content",
        "figures": "figures with no method",
        "repeat": "repeated",
        "filler": "no content",
    },
    "ko": {
        "instruction": "채점자에게 하는 말",
        "non_answer": "모른다는 말",
        "copied": "질문·루브릭 복사",
        "fragment": "주장 없음",
        "list": "용어 나열",
        "hype": "유행어",
        "platitude": "다짐·소신",
        "figures": "근거 없는 수치",
        "repeat": "반복",
        "filler": "내용 없음",
    },
}


def _comment(s: _Signals, read: _Read, korean: bool) -> str:
    """For reviewers: the signals, and which sentences did not count and why."""
    d = s.as_dict()
    names = _KIND_NAMES["ko" if korean else "en"]
    skipped = ", ".join(f"{names[k]} {n}" for k, n in read.not_counted.items())
    if korean:
        text = (
            f"루브릭 충족 {d['coverage']:.0f}, 질문 관련성 {d['relevance']:.0f}, "
            f"구체성 {d['specificity']:.0f}, 구조 {d['structure']:.0f}, "
            f"내용 {d['substance']:.0f} (/100); 반영된 문장 {len(read.content)}/{len(read.units)}"
        )
        return text + (f" (반영 안 됨: {skipped})" if skipped else "")
    text = (
        f"rubric coverage {d['coverage']:.0f}, relevance {d['relevance']:.0f}, "
        f"specificity {d['specificity']:.0f}, structure {d['structure']:.0f}, "
        f"substance {d['substance']:.0f} (/100); sentences counted "
        f"{len(read.content)}/{len(read.units)}"
    )
    return text + (f" (not counted: {skipped})" if skipped else "")


def _feedback(s: _Signals, read: _Read, score: float, korean: bool) -> str:
    """For the candidate: one or two sentences on what to keep or add. Never the rubric, its
    criteria or the signals."""
    kinds = read.not_counted
    said = len(read.units)
    if not read.content:
        if kinds.get("non_answer"):
            return (
                "모른다고 답했습니다. 일부라도 접근 방법이나 확인할 방법을 말하면 도움이 됩니다."
                if korean
                else (
                    "You said you did not know. Even a partial approach, or how you would find "
                    "out, helps."
                )
            )
        if kinds.get("copied"):
            return (
                "질문을 다시 말하는 데 그쳤습니다. 직접 한 일이나 할 일을 말해 주세요."
                if korean
                else "The answer restated the question. Say what you did or would do."
            )
        return (
            "구체적인 내용이 없는 답변이었습니다. 실제로 한 일, 이유, 결과를 말해 주세요."
            if korean
            else "The answer had no specific content. Say what you did, why, and what happened."
        )
    parts: list[str] = []
    if score >= 70:
        parts.append(
            "구체적이고 근거가 분명한 답변입니다."
            if korean
            else "A specific, well-reasoned answer."
        )
    elif s.relevance < 0.35:
        parts.append(
            "질문에서 벗어난 이야기가 많았습니다. 질문에 먼저 직접 답하세요."
            if korean
            else "Much of the answer was about something else. Answer the question directly first."
        )
    elif s.coverage < 0.5:
        parts.append(
            "질문의 핵심을 더 깊이 다뤄 보세요: 어떻게 동작하는지, 왜 그렇게 하는지."
            if korean
            else (
                "Go deeper into the core of the question: how it works and why you would do it "
                "that way."
            )
        )
    if 40 <= score < 70 or (score < 40 and s.relevance >= 0.35):
        if s.specificity < 0.5:
            parts.append(
                "실제 사례, 수치, 사용한 도구를 더하면 좋습니다."
                if korean
                else "Add a real example, numbers or the tools you used."
            )
        elif s.structure < 0.5:
            parts.append(
                "상황, 한 일, 결과의 순서로 말하면 더 명확합니다."
                if korean
                else "Telling it as situation, what you did and the outcome makes it clearer."
            )
    if kinds.get("repeat", 0) + kinds.get("filler", 0) >= max(2, said // 3):
        parts.append(
            "같은 말을 반복하기보다 문장마다 새로운 내용을 더하세요."
            if korean
            else "Rather than repeating a point, let each sentence add something new."
        )
    return " ".join(parts[:2]) or (
        "좋은 방향의 답변입니다. 근거를 조금 더 보태 보세요."
        if korean
        else "A good direction; support it with a little more evidence."
    )


def _communication(
    evaluations: Iterable[QuestionEvaluation],
    reads: dict[int, _Read],
    answers: dict[int, list[Transcript]],
) -> float | None:
    """Clear, structured, on the point, without fillers; only for what was said with content (text
    with no content is not clear communication however fluent); averaged over the answered
    questions."""
    scores = []
    for e in evaluations:
        if not e.answered:
            continue
        read = reads[e.question_id]
        if not read.content:
            scores.append(0.0)
            continue
        raw = " ".join(line.text for line in answers[e.question_id])
        parts = sentences(raw)
        complete = 1.0 if parts and len(parts[-1]) > 3 and parts[-1][-1:] in ".!?。요다" else 0.6
        clarity = len(read.content) / len(read.units)
        fillers = len(_FILLER.findall(raw))
        relevance = e.signals["relevance"] / 100
        substance = e.signals["substance"] / 100
        value = (
            (0.30 * clarity + 0.25 * e.signals["structure"] / 100 + 0.15 * complete)
            * min(1.0, relevance / 0.5)
            + 0.30 * relevance
        ) * min(1.0, substance / 0.6) - 0.04 * fillers
        scores.append(max(0.0, min(1.0, value)) * 100)
    return sum(scores) / len(scores) if scores else None


class OfflineRubricEvaluator:
    name = MODEL_NAME

    def evaluate(self, record: InterviewRecord) -> Evaluation:
        korean = record.language == Language.KO
        answers = answers_per_question(record)
        scored = [_score_question(q, answers[q.id], str(record.language)) for q in record.questions]
        per_question = [e for e, _ in scored]
        reads = {e.question_id: r for e, r in scored if r is not None}
        by_id = {q.id: q for q in record.questions}

        category_scores = [(e.category, e.score if e.answered else None) for e in per_question]
        technical = scoring.group_score(category_scores, scoring.TECHNICAL)
        cultural = scoring.group_score(category_scores, scoring.CULTURAL)
        answered = [e for e in per_question if e.answered]
        addressed_to_scorer = sum(r.not_counted.get("instruction", 0) for r in reads.values())
        notes: dict[str, object] = {
            "method": (
                "only sentences with their own content count (not copied from the question or "
                "rubric, "
                "not repeated, not 'I don't know', not keyword lists or fragments); then rubric "
                "coverage, "
                "relevance, specificity, structure and substance of what counted; no language model"
            ),
            "coverage": {"answered": len(answered), "asked": len(per_question)},
            "skipped_questions": (
                f"count as coverage: scores are scaled by {scoring.COVERAGE_FLOOR} + "
                f"{1 - scoring.COVERAGE_FLOOR:.1f} x share answered; they get no score of their own"
            ),
            "sentences_not_counted": {
                str(qid): r.not_counted for qid, r in reads.items() if r.not_counted
            },
            "sentiment": "not used for any score; shown to the reader as context",
        }
        if technical is None:
            notes["technical_score"] = (
                "no technical question was asked: taken from the other answers"
            )
        if cultural is None:
            notes["cultural_fit_score"] = (
                "no behavioral or cultural question was asked: taken from the other answers"
            )
        technical = technical if technical is not None else (cultural or 0.0)
        cultural = cultural if cultural is not None else technical
        communication = (
            _communication(per_question, reads, answers) or 0.0
        ) * scoring.coverage_factor(len(answered), len(per_question))
        review = NEEDS_REVIEW
        if addressed_to_scorer:
            notes["addressed_to_scorer"] = addressed_to_scorer
            review += "; the answers contain text addressed to the scorer"

        evaluation = Evaluation(
            technical_score=round(technical, 1),
            communication_score=round(communication, 1),
            cultural_fit_score=round(cultural, 1),
            summary_text="",
            questions=per_question,
            strengths=_strengths(per_question, by_id, korean),
            improvements=_improvements(per_question, by_id, korean),
            evaluator_model=MODEL_NAME,
            notes=notes,
            feedback_strengths=_feedback_strengths(per_question),
            feedback_improvements=_feedback_improvements(per_question, korean),
            needs_human_review=review,
        )
        evaluation.summary_text = _summary(evaluation, len(answered), len(per_question), korean)
        return evaluation


def _short(question: str, limit: int = 48) -> str:
    return question if len(question) <= limit else question[: limit - 1].rstrip() + "…"


def _describe(question: Question, criterion: str) -> str:
    """The rubric's own description of a criterion (for reviewers only)."""
    for spec in (question.rubric_json or {}).get("criteria") or []:
        if str(spec.get("name")) == criterion:
            return str(spec.get("description") or criterion.replace("_", " ")).rstrip(".")
    return criterion.replace("_", " ")


def _strengths(
    per_question: list[QuestionEvaluation], questions: dict[int, Question], korean: bool
) -> list[str]:
    """For reviewers: the best answers and the rubric point each covered best."""
    strong = sorted(
        (e for e in per_question if e.answered and (e.score or 0) >= 60),
        key=lambda e: -(e.score or 0),
    )
    lines = []
    for e in strong[:3]:
        best = max(e.criteria, key=lambda c: c.score, default=None)
        point = _describe(questions[e.question_id], best.name) if best else ""
        if korean:
            lines.append(
                f"'{_short(e.question)}' ({e.score:.0f}점): {point}."
                if point
                else f"'{_short(e.question)}' 답변이 구체적입니다 ({e.score:.0f}점)."
            )
        else:
            lines.append(
                f"'{_short(e.question)}' ({e.score:.0f}/100): {point}."
                if point
                else f"'{_short(e.question)}': a specific answer ({e.score:.0f}/100)."
            )
    return lines


def _improvements(
    per_question: list[QuestionEvaluation], questions: dict[int, Question], korean: bool
) -> list[str]:
    """For reviewers: the weakest answers and the rubric point each missed."""
    lines: list[str] = []
    for e in per_question:
        if len(lines) == 3:
            break
        if not e.answered:
            lines.append(
                f"'{_short(e.question)}'에 답변하지 않았습니다."
                if korean
                else f"'{_short(e.question)}' was not answered."
            )
        elif (e.score or 0) < 45:
            weakest = min(e.criteria, key=lambda c: c.score, default=None)
            point = _describe(questions[e.question_id], weakest.name) if weakest else ""
            if korean:
                lines.append(
                    f"'{_short(e.question)}': 부족한 점 - {point}."
                    if point
                    else f"'{_short(e.question)}': 구체적인 내용이 부족합니다."
                )
            else:
                lines.append(
                    f"'{_short(e.question)}': missing - {point}."
                    if point
                    else f"'{_short(e.question)}': little specific content."
                )
    return lines


_GROUP_NAMES = {
    "technical": ("기술 질문", "technical questions"),
    "cultural": ("경험·상황 질문", "experience and situation questions"),
}


def _group_of(e: QuestionEvaluation) -> str:
    return "technical" if e.category == Category.TECHNICAL else "cultural"


def _feedback_strengths(per_question: list[QuestionEvaluation]) -> list[str]:
    """For the candidate: where the answers were strong, by the question (which they saw)."""
    strong = sorted(
        (e for e in per_question if e.answered and (e.score or 0) >= 60),
        key=lambda e: -(e.score or 0),
    )
    return [f"'{_short(e.question)}': {e.feedback}" for e in strong[:3]]


def _feedback_improvements(per_question: list[QuestionEvaluation], korean: bool) -> list[str]:
    """For the candidate: what to add, by the question; skipped questions by group."""
    lines = [
        f"'{_short(e.question)}': {e.feedback}"
        for e in per_question
        if e.answered and (e.score or 0) < 60
    ]
    skipped = Counter(_group_of(e) for e in per_question if not e.answered)
    for group, count in sorted(skipped.items()):
        ko, en = _GROUP_NAMES[group]
        lines.append(
            f"{ko} {count}개에 답하지 않았습니다." if korean else f"{count} {en} were not answered."
        )
    return lines[:3]


def _summary(e: Evaluation, answered: int, asked: int, korean: bool) -> str:
    """Counts and scores in words; written so that a candidate may read it (no rubric text)."""
    if korean:
        text = (
            f"{asked}개 질문 중 {answered}개에 답변했습니다. 기술 {e.technical_score:.0f}점, "
            f"의사소통 {e.communication_score:.0f}점, 컬처핏 {e.cultural_fit_score:.0f}점, "
            f"종합 {e.overall_score:.0f}점입니다."
        )
        return text + " (언어 모델 없이 오프라인 루브릭 평가기로 작성, 사람의 검토 필요)"
    text = (
        f"Answered {answered} of {asked} questions. Technical {e.technical_score:.0f}, "
        f"communication {e.communication_score:.0f}, cultural fit {e.cultural_fit_score:.0f}, "
        f"overall {e.overall_score:.0f}."
    )
    return text + (
        " (written by the offline rubric evaluator, without a language model; it needs a "
        "human review)"
    )
