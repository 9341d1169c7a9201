"""Offline sentiment analysis of interview answers in Korean and English.

A small VADER-style lexicon analyser: standard library and pydantic only, no network, no model.
The lexicons live beside this module (``lexicon_ko.json``, ``lexicon_en.json``) and are read as
package data with :mod:`importlib.resources`.

How a text is scored:

* Each lexicon word (English) or stem (Korean, matched as a substring of an eojeol, longest
  first) contributes its valence in -1..1.
* Negation flips a valence and damps it (x -0.74): English "not", "never", "no", "n't" ... within
  the three preceding words; Korean "안 좋", "안좋", "좋지 않", "해결을 못 했", "재미없", "자신감이
  없었", "~이 아니" ("없" only in its verb forms 없다/없었/없어/없습니다/없는/없이 ...; "있습니다"
  is never a negation). A negation does not reach across a ~고/~서/~지만 clause ("힘들었고 좋지
  않았다" negates only 좋). A word may carry its own negated valence ("nv"): "know", "sure",
  "remember", "기억", "이해" mean nothing alone and uncertainty when negated ("I'm not sure",
  "I don't know", "기억나지 않습니다" -> anxious); "모르겠습니다"/"몰라요" are uncertain as such.
* Failure words next to a technical noun say nothing about feelings: "failed requests", "a
  failing test", "실패한 메시지", "실패 요청" score 0; so do blockers such as "stress test",
  "worst case", "dead letter", "최악의 경우", "불안정".
* Intensifiers raise the magnitude ("very", "really", "extremely"; "매우", "정말", "너무", "아주",
  "진짜"), hedges lower it ("somewhat", "a bit", "maybe"; "조금", "약간", "아마").
* After a contrast ("but", "however"; "하지만", "그러나", "~지만") the words weigh 1.5x and the
  words before it 0.5x, as in VADER: "긴장했지만 결국 해결했습니다" ends positive.
* The sum x is normalised to -1..1 with x / sqrt(x*x + 1) and rounded to 3 decimals.
* Emotion: "neutral" when |score| <= 0.15; otherwise for a negative score the emotion tags of the
  negative words decide (anger -> angry, anxiety -> anxious, sadness -> sad, untagged -> sad),
  and a positive score is "happy". `lexicon_emotion` applies the same rule to a score from
  elsewhere (Comprehend, which has no emotions).

offline-lexicon-v2 (this version) adds the negated valences, the technical context, more
interview vocabulary in both languages, and treats "sorry"/"죄송" as anxiety; v1 read
"I'm not sure" and "잘 모르겠습니다" as neutral and "failed requests" as sad. Measured with
`python -m bench.sentiment_bench` (bench/README.md).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Emotion = Literal["happy", "neutral", "sad", "angry", "anxious"]
Language = Literal["ko", "en"]

NEUTRAL_BAND = 0.15
NORMALISATION_ALPHA = 1.0
NEGATION_FACTOR = -0.74
CONTRAST_BEFORE = 0.5
CONTRAST_AFTER = 1.5
NEGATION_WINDOW = 3  # words before a sentiment word that a negator may sit in (English)
INTENSIFIER_WINDOW = 2
HEDGE_WINDOW = 5  # "maybe it will be a success": sentence adverbs sit further away

_EMOTION_OF_TAG: dict[str, Emotion] = {"anger": "angry", "anxiety": "anxious", "sadness": "sad"}
_TAG_PRIORITY = ("anger", "anxiety", "sadness")  # tie-break between equally weighted tags


class SentimentResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    score: float = Field(ge=-1.0, le=1.0, description="-1.0 .. 1.0, rounded to 3 decimals")
    emotion: Emotion
    language: Language


# --------------------------------------------------------------------------- language detection

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_language(text: str) -> Language:
    """"ko" or "en" by the share of Hangul. Korean answers full of English terms ("FastAPI",
    "PostgreSQL") stay Korean: a word counts as Korean when it holds any Hangul, and a Hangul
    syllable weighs two Latin letters. Text with no letters at all is "ko" (Korean-first)."""
    hangul = len(_HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    if hangul == 0:
        return "en" if latin else "ko"
    words = text.split()
    korean_words = sum(1 for w in words if _HANGUL.search(w))
    latin_words = sum(1 for w in words if _LATIN.search(w) and not _HANGUL.search(w))
    word_share = korean_words / max(1, korean_words + latin_words)
    char_share = 2 * hangul / (2 * hangul + latin)
    return "ko" if word_share >= 0.4 or char_share >= 0.5 else "en"


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Entry:
    valence: float
    emotion: str | None = None
    negated_emotion: str | None = None
    # Valence when negated, instead of valence x NEGATION_FACTOR: "know" is nothing, "don't
    # know" is uncertain. An entry with v 0 and nv counts only when negated.
    negated_valence: float | None = None
    # A failure word that means nothing about feelings next to a technical noun ("failed
    # requests", "실패한 메시지").
    technical: bool = False

    @property
    def counts(self) -> bool:
        """False for a blocker (v 0, no nv): it only hides its parts."""
        return self.valence != 0 or self.negated_valence is not None


def _read_lexicon(name: str) -> dict[str, Any]:
    package = __package__ or __name__.rpartition(".")[0]
    try:
        text = files(package).joinpath(name).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError):
        text = Path(__file__).with_name(name).read_text("utf-8")
    return json.loads(text)


def _entries(raw: dict[str, Any]) -> dict[str, _Entry]:
    return {
        key: _Entry(
            float(spec["v"]), spec.get("e"), spec.get("ne"),
            float(spec["nv"]) if "nv" in spec else None, bool(spec.get("tech", False)),
        )
        for key, spec in raw.items()
    }


@dataclass(frozen=True)
class _Lexicons:
    en_words: dict[str, _Entry]
    en_phrases: dict[tuple[str, str], _Entry]
    ko_stems: dict[str, _Entry]
    ko_start_stems: dict[str, _Entry]
    ko_phrases: dict[tuple[str, str], _Entry]
    ko_max_len: int


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    en = _read_lexicon("lexicon_en.json")
    ko = _read_lexicon("lexicon_ko.json")
    en_phrases = {tuple(k.split()): e for k, e in _entries(en["phrases"]).items()}
    ko_phrases = {tuple(k.split()): e for k, e in _entries(ko["phrases"]).items()}
    ko_stems = _entries(ko["stems"])
    ko_start = _entries(ko["start_stems"])
    return _Lexicons(
        en_words=_entries(en["words"]),
        en_phrases=en_phrases,  # type: ignore[arg-type]
        ko_stems=ko_stems,
        ko_start_stems=ko_start,
        ko_phrases=ko_phrases,  # type: ignore[arg-type]
        ko_max_len=max(len(s) for s in (*ko_stems, *ko_start)),
    )


# --------------------------------------------------------------------------- modifiers

_EN_NEGATORS = frozenset(
    [
        "not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "nowhere",
        "cannot", "without", "hardly", "barely", "scarcely", "dont", "didnt", "doesnt", "isnt",
        "wasnt", "werent", "arent", "cant", "couldnt", "wouldnt", "shouldnt", "wont", "havent",
        "hasnt", "hadnt", "aint", "mustnt", "neednt"
    ]
)
_EN_NOT_NEGATING_NEXT = frozenset({"only", "just", "merely", "doubt"})  # "not only good ..."
_EN_INTENSIFIERS = {
    "very": 0.3, "really": 0.3, "so": 0.3, "too": 0.2, "extremely": 0.5, "incredibly": 0.5,
    "absolutely": 0.4, "totally": 0.35, "completely": 0.35, "highly": 0.3, "super": 0.35,
    "truly": 0.3, "deeply": 0.35, "especially": 0.2, "particularly": 0.2, "remarkably": 0.35,
    "exceptionally": 0.45, "hugely": 0.4, "tremendously": 0.45, "genuinely": 0.25,
    "seriously": 0.25, "terribly": 0.4, "awfully": 0.4, "quite": 0.15, "utterly": 0.45,
}
_EN_HEDGES = {
    "somewhat": 0.5, "slightly": 0.5, "maybe": 0.6, "perhaps": 0.6, "possibly": 0.6,
    "probably": 0.8, "fairly": 0.7, "partly": 0.6, "mildly": 0.5, "marginally": 0.5,
    "kinda": 0.6, "sorta": 0.6, "relatively": 0.75, "moderately": 0.7, "reasonably": 0.75,
}
_EN_HEDGE_BIGRAMS = {
    ("a", "bit"): 0.5, ("a", "little"): 0.5, ("little", "bit"): 0.5, ("a", "tad"): 0.5,
    ("kind", "of"): 0.6, ("sort", "of"): 0.6,
}
_EN_CONTRAST = frozenset({"but", "however"})
# Nouns that make a failure word technical: "failed requests", "messages that failed",
# "a failing test", "if the job fails".
_EN_TECHNICAL_NOUNS = frozenset(
    [
        "request", "requests", "message", "messages", "test", "tests", "job", "jobs", "build",
        "builds", "query", "queries", "transaction", "transactions", "connection",
        "connections", "call", "calls", "check", "checks", "attempt", "attempts", "task",
        "tasks", "pod", "pods", "node", "nodes", "login", "logins", "deployment",
        "deployments", "batch", "batches", "retry", "retries", "event", "events", "write",
        "writes", "read", "reads", "payment", "payments", "case", "cases", "health", "probe",
        "probes", "assertion", "assertions", "step", "steps", "pipeline", "pipelines",
        "container", "containers"
    ]
)
TECHNICAL_WINDOW = 2
_EN_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)*|[.!?;:,]")

_KO_INTENSIFIERS = {
    "매우": 0.3, "정말": 0.3, "정말로": 0.3, "너무": 0.3, "너무나": 0.35, "너무너무": 0.4,
    "아주": 0.3, "진짜": 0.3, "진짜로": 0.3, "정말정말": 0.4, "굉장히": 0.35, "엄청": 0.35,
    "엄청나게": 0.4, "몹시": 0.35, "무척": 0.3, "대단히": 0.35, "상당히": 0.2, "완전": 0.3,
    "완전히": 0.3, "참": 0.2, "되게": 0.3, "제일": 0.3, "가장": 0.3, "특히": 0.15, "많이": 0.2,
    "크게": 0.2, "전혀": 0.2, "심하게": 0.3, "무지": 0.3,
}
_KO_HEDGES = {
    "조금": 0.5, "조금은": 0.5, "좀": 0.6, "약간": 0.5, "약간은": 0.5, "살짝": 0.5, "다소": 0.6,
    "아마": 0.7, "아마도": 0.7, "어느정도": 0.7, "그럭저럭": 0.6, "나름": 0.7, "나름대로": 0.7,
    "별로": 0.6, "그다지": 0.6, "그렇게": 0.8,
}
_KO_CONTRAST = frozenset({"하지만", "그러나", "그런데", "그렇지만", "반면", "반면에", "다만", "그래도"})
_KO_TECHNICAL_NOUNS = (
    "요청", "메시지", "테스트", "트랜잭션", "쿼리", "잡", "빌드", "호출", "연결", "로그인", "배포",
    "재시도", "이벤트", "케이스", "파드", "노드", "컨테이너", "헬스", "건수", "처리", "단계",
    "파이프라인", "프로세스", "응답",
)
_KO_PARTICLES = frozenset("이가은는을를도에의")
_KO_TOKEN = re.compile(r"[^\s.!?,;:…~\"'“”‘’()\[\]{}<>「」『』·]+|[.!?,;:…]")
_KO_POST_NEGATION_IN_EOJEOL = re.compile(
    r"지\s*(?:는|도|가|를|들)?\s*(?:않|못|말|마)|않|못하|못했|못해|못한|못할|못합|못됐"
    r"|없(?:다|었|어|습|는|이|고|을|음|네|지|으|$)|아니|아닌|아닙|아냐|아녔"
)
_KO_EOP_NEGATION = re.compile(r"^없(?:다|었|어|습|는|이|고|을|음|네|지|으|$)")
_KO_AN_VERBS = frozenset("되돼됐된했해하한할합")
_KO_NOT_NEGATION = ("못지", "못생")
_KO_CONNECTIVES = ("지만", "는데", "은데", "니까", "어도", "아도", "려고", "고", "서", "며", "면")

_BOUNDARIES = frozenset(".!?,;:…")


@dataclass
class _Hit:
    start: int  # index of the token the hit starts in
    end: int  # index of the token it ends in (phrases span two)
    entry: _Entry
    char_start: int = 0
    char_end: int = 0
    negated: bool = False
    multiplier: float = 1.0

    @property
    def contribution(self) -> float:
        if self.negated and self.entry.negated_valence is not None:
            return self.entry.negated_valence * self.multiplier
        value = self.entry.valence * self.multiplier
        return value * NEGATION_FACTOR if self.negated else value

    @property
    def tag(self) -> str | None:
        return self.entry.negated_emotion if self.negated else self.entry.emotion


def _normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return text.replace("’", "'").replace("‘", "'").replace("`", "'")


def _window_before(tokens: list[str], index: int, size: int, stop: Iterable[str]) -> list[int]:
    """Indices of up to `size` tokens before `index`, nearest first, stopping at a boundary."""
    stops = set(stop)
    out: list[int] = []
    j = index - 1
    while j >= 0 and len(out) < size:
        if tokens[j] in _BOUNDARIES or tokens[j] in stops:
            break
        out.append(j)
        j -= 1
    return out


# --------------------------------------------------------------------------- English


def _en_lookup(words: dict[str, _Entry], token: str) -> _Entry | None:
    entry = words.get(token)
    if entry is None and token.endswith("'s"):
        entry = words.get(token[:-2])
    if entry is None and len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        entry = words.get(token[:-1])
    return entry


def _en_is_negator(tokens: list[str], j: int) -> bool:
    token = tokens[j]
    if not (token in _EN_NEGATORS or token.endswith("n't")):
        return False
    following = tokens[j + 1] if j + 1 < len(tokens) else ""
    return following not in _EN_NOT_NEGATING_NEXT


def _en_is_technical(tokens: list[str], hit: _Hit) -> bool:
    near = [
        *_window_before(tokens, hit.start, TECHNICAL_WINDOW, ()),
        *range(hit.end + 1, min(len(tokens), hit.end + 1 + TECHNICAL_WINDOW)),
    ]
    return any(tokens[j] in _EN_TECHNICAL_NOUNS for j in near)


def _en_hits(tokens: list[str], lex: _Lexicons) -> list[_Hit]:
    hits: list[_Hit] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in _BOUNDARIES:
            i += 1
            continue
        if i + 1 < len(tokens) and (token, tokens[i + 1]) in lex.en_phrases:
            entry = lex.en_phrases[(token, tokens[i + 1])]
            if entry.counts:  # valence 0 is a blocker ("stress test")
                hits.append(_Hit(i, i + 1, entry))
            i += 2
            continue
        entry = _en_lookup(lex.en_words, token)
        if entry is not None and entry.counts:
            hits.append(_Hit(i, i, entry))
        i += 1

    for hit in hits:
        if hit.entry.technical and _en_is_technical(tokens, hit):
            hit.multiplier = 0.0
            continue
        window = _window_before(tokens, hit.start, HEDGE_WINDOW, _EN_CONTRAST)
        hit.negated = any(_en_is_negator(tokens, j) for j in window[:NEGATION_WINDOW])
        for j in window[:INTENSIFIER_WINDOW]:
            if tokens[j] in _EN_INTENSIFIERS:
                hit.multiplier *= 1 + _EN_INTENSIFIERS[tokens[j]]
        hedge = 1.0
        for j in window:
            hedge = min(hedge, _EN_HEDGES.get(tokens[j], 1.0))
            if j > 0:
                hedge = min(hedge, _EN_HEDGE_BIGRAMS.get((tokens[j - 1], tokens[j]), 1.0))
        hit.multiplier *= hedge

    contrast = next((k for k, t in enumerate(tokens) if t in _EN_CONTRAST), None)
    _apply_contrast(hits, contrast, contrast_inclusive=False)
    return hits


# --------------------------------------------------------------------------- Korean


def _ko_phrase(lex: _Lexicons, token: str, following: str) -> _Entry | None:
    for (first, second), entry in lex.ko_phrases.items():
        if not following.startswith(second):
            continue
        if token == first or (
            token.startswith(first) and len(token) == len(first) + 1 and token[-1] in _KO_PARTICLES
        ):
            return entry
    return None


def _ko_stem_hits(token: str, index: int, lex: _Lexicons) -> list[_Hit]:
    """Longest-first, non-overlapping stem matches inside one eojeol."""
    hits: list[_Hit] = []
    p = 0
    while p < len(token):
        for length in range(min(lex.ko_max_len, len(token) - p), 0, -1):
            piece = token[p : p + length]
            entry = lex.ko_stems.get(piece)
            if entry is None and p == 0:
                entry = lex.ko_start_stems.get(piece)
            if entry is not None:
                if entry.counts:  # valence 0 is a blocker: it only hides its parts
                    hits.append(_Hit(index, index, entry, p, p + length))
                p += length
                break
        else:
            p += 1
    return hits


def _ko_is_pre_negator(token: str) -> bool:
    return token in ("안", "못")


def _ko_is_post_negator(tokens: list[str], j: int) -> bool:
    token = tokens[j]
    if token.startswith("않"):
        return True
    if token.startswith("못") and not token.startswith(_KO_NOT_NEGATION):
        return True
    if token == "안" or (token.startswith("안") and token[1:2] in _KO_AN_VERBS):
        return True
    if _KO_EOP_NEGATION.match(token):
        return True
    if token.startswith(("아니", "아닌", "아닙", "아냐", "아녔")):
        return True
    # "걱정하지 마세요"
    return token.startswith("마") and j > 0 and tokens[j - 1].endswith("지")


def _ko_is_technical(tokens: list[str], hit: _Hit) -> bool:
    """"실패한 메시지", "실패 요청", "테스트가 실패하면": a technical noun right before or after."""
    before = tokens[hit.start - 1] if hit.start > 0 else ""
    after = tokens[hit.end + 1] if hit.end + 1 < len(tokens) else ""
    return any(after.startswith(n) or before.startswith(n) for n in _KO_TECHNICAL_NOUNS)


def _ko_hits(tokens: list[str], lex: _Lexicons) -> list[_Hit]:
    hits: list[_Hit] = []
    by_token: dict[int, list[_Hit]] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in _BOUNDARIES:
            i += 1
            continue
        if i + 1 < len(tokens):
            entry = _ko_phrase(lex, token, tokens[i + 1])
            if entry is not None:
                if entry.counts:  # valence 0 is a blocker ("스트레스 테스트")
                    hit = _Hit(i, i + 1, entry, 0, len(tokens[i + 1]))
                    hits.append(hit)
                    by_token.setdefault(i, []).append(hit)
                    by_token.setdefault(i + 1, []).append(hit)
                i += 2
                continue
        for hit in _ko_stem_hits(token, i, lex):
            hits.append(hit)
            by_token.setdefault(i, []).append(hit)
        i += 1

    for hit in hits:
        if hit.entry.technical and _ko_is_technical(tokens, hit):
            hit.multiplier = 0.0
            continue
        own = tokens[hit.end]
        prefix = tokens[hit.start][: hit.char_start] if hit.start == hit.end else ""
        remainder = own[hit.char_end :]

        # Negation before the word: "안 좋았다", "못 해결했다", "안좋았다".
        window = _window_before(tokens, hit.start, HEDGE_WINDOW, _KO_CONTRAST)
        pre = bool(window) and _ko_is_pre_negator(tokens[window[0]])
        pre = pre or (hit.char_start == 1 and hit.start == hit.end and prefix in ("안", "못"))
        # Negation after the word: "좋지 않았다", "재미없었다", "해결을 못 했다", "자신감이 없었다".
        post = bool(_KO_POST_NEGATION_IN_EOJEOL.search(remainder))
        if not post and not remainder.endswith(_KO_CONNECTIVES):
            j = hit.end + 1
            while j < len(tokens) and j <= hit.end + 3:
                token = tokens[j]
                if token in _BOUNDARIES or token in _KO_CONTRAST:
                    break
                if any(h is not hit for h in by_token.get(j, [])):
                    break  # the word after belongs to another sentiment word
                if _ko_is_pre_negator(token) and by_token.get(j + 1):
                    break  # "A 안 좋다": the 안 belongs to the next word
                if _ko_is_post_negator(tokens, j):
                    post = True
                    break
                if token.endswith(_KO_CONNECTIVES):
                    break
                j += 1
        hit.negated = pre != post  # a double negation cancels out

        # Intensifiers and hedges before the word, or glued to it ("너무좋았다").
        for j in window[:INTENSIFIER_WINDOW]:
            hit.multiplier *= 1 + _KO_INTENSIFIERS.get(tokens[j], 0.0)
        hedge = 1.0
        for j in window:
            hedge = min(hedge, _KO_HEDGES.get(tokens[j], 1.0))
            if tokens[j] == "정도" and j > 0 and tokens[j - 1] == "어느":
                hedge = min(hedge, 0.7)
        if prefix:
            hit.multiplier *= 1 + _KO_INTENSIFIERS.get(prefix, 0.0)
            hedge = min(hedge, _KO_HEDGES.get(prefix, 1.0))
        hit.multiplier *= hedge

    contrast, inclusive = None, False
    for k, token in enumerate(tokens):
        if token in _KO_CONTRAST:
            contrast, inclusive = k, False
            break
        if token.endswith("지만") and len(token) > 2:
            contrast, inclusive = k, True
            break
    _apply_contrast(hits, contrast, contrast_inclusive=inclusive)
    return hits


# --------------------------------------------------------------------------- shared


def _apply_contrast(hits: list[_Hit], contrast: int | None, *, contrast_inclusive: bool) -> None:
    if contrast is None:
        return
    for hit in hits:
        before = hit.start < contrast or (contrast_inclusive and hit.start == contrast)
        hit.multiplier *= CONTRAST_BEFORE if before else CONTRAST_AFTER


def _normalise_score(total: float) -> float:
    score = total / math.sqrt(total * total + NORMALISATION_ALPHA)
    return round(max(-1.0, min(1.0, score)), 3)


def _emotion(score: float, hits: list[_Hit]) -> Emotion:
    if abs(score) <= NEUTRAL_BAND:
        return "neutral"
    if score > 0:
        return "happy"
    weights: dict[str, float] = {}
    for hit in hits:
        value = hit.contribution
        tag = hit.tag
        if value < 0 and tag in _EMOTION_OF_TAG:
            weights[tag] = weights.get(tag, 0.0) + -value
    if not weights:
        return "sad"
    best = max(weights.values())
    tag = next(t for t in _TAG_PRIORITY if math.isclose(weights.get(t, -1.0), best))
    return _EMOTION_OF_TAG[tag]


def _analyse(text: str, lex: _Lexicons) -> tuple[str, Language, list[_Hit]]:
    text = _normalise_text(text or "")
    language = detect_language(text)
    if not text.strip():
        return text, language, []
    if language == "ko":
        return text, language, _ko_hits(_KO_TOKEN.findall(text.lower()), lex)
    return text, language, _en_hits(_EN_TOKEN.findall(text.lower()), lex)


def lexicon_emotion(text: str, score: float) -> Emotion:
    """The emotion for `score` (from any source, e.g. Comprehend) by this lexicon's cues in the
    text: neutral inside the neutral band, happy above it, and below it the strongest of anger,
    anxiety and sadness among the negative words (sad when none is tagged)."""
    _, _, hits = _analyse(text, _lexicons())
    return _emotion(score, hits)


class LexiconSentimentAnalyzer:
    """Offline lexicon sentiment for Korean and English answers; see the module docstring."""

    name = "offline-lexicon-v2"

    def __init__(self) -> None:
        self._lex = _lexicons()

    def analyze(self, text: str) -> SentimentResult:
        _, language, hits = _analyse(text, self._lex)
        score = _normalise_score(sum(hit.contribution for hit in hits))
        if score == 0.0:
            score = 0.0  # no "-0.0"
        return SentimentResult(score=score, emotion=_emotion(score, hits), language=language)

    def analyze_many(self, texts: Sequence[str]) -> list[SentimentResult]:
        return [self.analyze(text) for text in texts]
