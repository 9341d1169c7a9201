"""Offline sentiment analysis of interview answers in Korean and English.

A small rule-based lexicon analyser: standard library and pydantic only, no network, no model.
The lexicons live beside this module (``lexicon_ko.json``, ``lexicon_en.json``) and are read as
package data with :mod:`importlib.resources`. Both hold general vocabulary: single words (English,
with inflections found from the base form) and Korean stems or lemmas (a lemma in 다 is matched in
every conjugated form: 힘들다 -> 힘들었/힘들어/힘든/힘듭니다), and a few fixed idioms; phrases
copied from one sentence are kept out by a test (tests/unit/test_sentiment_lexicon.py).

How a text is scored (offline-lexicon-v6):

* The text is cut into sentences and clauses. Each lexicon word contributes its valence in -1..1.
* Negation flips a valence and damps it (x -0.74; a negated strong negative word is only a weak
  positive: "not terrible"): English "not", "never", "no", "n't" ... within three words before,
  or a clause-initial "never"/"nobody"/"not once" over its whole clause, or a negated "say" /
  "think" / "feel" over what follows ("I can't say it went smoothly"); Korean "안"/"못" before,
  "~지 않", "~지 못", "없", "아니" after, within the clause, and "~다고는 말하기 어렵" over the
  clause it quotes. Two negations cancel. "neither A nor B" / "A지도 B지도 않" say nothing, and
  a negated comparative is a superlative ("never been prouder", "그 팀만큼 ~한 팀은 없었다").
* Technical sentences: failure words and the like ("kill", "crash", "panic", "attack", "fail",
  "dead"; "죽", "터지", "실패", "공격") mean nothing in a sentence that names a system part
  (process, pod, request, query, 서버, 워커, 트랜잭션, an English term in Korean text; "worst" and
  "최악" only in such a clause), and descriptive words ("good", "easy", "좋", "쉽") are neutral in
  a generic present-tense statement about things. Fixed technical terms ("stress test", "dead
  letter", "worst case", "최악의 경우") are blockers.
* Intensifiers raise the magnitude ("very", "really", "정말", "너무"); hedges lower it ("a bit",
  "probably", "I think", "조금", "아마", "~것 같"). Uncertainty followed by an answer anyway
  ("I'm not sure, but I think it was about 200", "확실하지는 않은데 ~였던 것 같아요") is neutral;
  uncertainty alone ("I don't know", "잘 모르겠습니다") and apologies are anxious. "Sorry" in a
  request ("Sorry, could you repeat that?", "죄송한데 다시 말씀해 주시겠어요?") is politeness.
* Contrast: after the last contrast ("but", "however", "though", "yet", "still,", a clause after
  "although" / "even though"; "하지만", "그래도", "~지만", "~는데", "~어도") words weigh 1.5x and
  words before it 0.4x, so the speaker's landing decides; a landing without a feeling word still
  turns the utterance after a strong contrast ("The bonus was nice, but it didn't make up for the
  crunch"), and one that only describes a bad situation is a mild negative. Words about the
  lasting feeling or the
  outcome ("still", "to this day", "in the end"; "아직도", "지금도", "결국", "돌이켜보면") weigh
  more, and in Korean the sentence-final predicate weighs more than a modifier ("어려운 버그를
  찾는 게 재미있습니다").
* Irony: praise turns into its opposite (anger, or the emotion of the situation) when it is in
  scare quotes ('productive', 정말 '생산적'), next to an irony marker ("oh great", "just what I
  needed", "lucky me", "as always", "퍽이나", "잘~했네요", a sentence-initial "Sure," / "아 네,"
  in a bad situation), or when it follows a bad situation as a separate comment with no contrast
  ("It broke again on Saturday. Fantastic timing."; "석 달 동안 만든 기능이 출시 전날
  폐기됐습니다. 참 보람찬 석 달이었죠") or as its result ("혼자 야근해서 아주 행복했습니다").
* The sum x is normalised to -1..1 with x / sqrt(x*x + 1) and rounded to 3 decimals.
* Emotion: "neutral" when |score| <= 0.15; otherwise for a negative score the emotion tags of the
  negative words decide (anger -> angry, anxiety -> anxious, sadness -> sad, untagged -> sad),
  and a positive score is "happy". `lexicon_emotion` applies the same rule to a score from
  elsewhere (Comprehend, which has no emotions).

v3 replaces v2's sentence-specific phrases with general rules and vocabulary, and adds irony,
sentence-level technical context, Korean conjugation, and the contrast and uncertainty rules
above. v5 adds, in both languages unless marked:

* Negation: "한 번도" / "단 한 번도" carry it to the predicate ("후회한 적은 한 번도 없다");
  English determiners do not count in its window ("don't have a single complaint"); "can't say
  enough good things" is emphatic praise; a denied pair of opposites says nothing ("wouldn't
  call it good or bad"); a rhetorical "Who doesn't love ...?" asserts; a good thing lost is bad
  ("lost my confidence", "건강을 잃었다"). Korean: a comparison with expectations is not a
  superlative ("생각보다 떨리지 않았다"), and one denied by "~지 않다" is not either.
* Something that never happened, said with emphasis, in a clause with no feeling word is a mild
  negative ("한 번도 ~지 않았다", "결국 ~ 안 됐다", "아무도 ~지 않았다", "never once"), except
  about a system ("the job has not once failed").
* Contrast: a degree hedge or an adnominal on the concession ("좀 부담스럽긴 한데", "실패한
  프로젝트였지만") does not stop the landing turning it, and the turn outweighs however much was
  said before; hindsight or "막상" after "~는데", and a belief the landing corrects ("~줄
  알았는데", "~라고 생각했는데"), make a strong contrast; an earlier phase ("at first", "처음 석
  달은") lands on the later one ("by the end", "지금은"); ", then" is what happened next.
* Irony: short scare quotes that are neither a name, a technical term nor a quoted sentence
  ("Our 'agile' process", "그 회사의 '자율 출퇴근'은"); a short verdict of praise before an
  account of something bad ("참 대단한 회사였죠. 금요일 저녁에 해고 통보를 ..."); feigned
  enjoyment of a bad object ("I just adored explaining the same bug ..."); "X's idea of Y";
  "nothing says X like Y"; "Sure, because ..."; Korean "역시 X답게" and "덕분에" with nothing good
  in them, and "~다니," / "~더니," as the link between a bad cause and the praise on it. Praise
  of the speaker's own feeling ("Really proud.") stays sincere.
* Uncertainty answered before it is stated is neutral too ("아마 17이었을 텐데, 정확히 기억나지
  않습니다"), and the facts in such an answer are reported, not celebrated.
* Technical context: the speaker failing is a feeling ("I froze during the test and failed it");
  a Korean one-syllable technical noun ("열", "행") is no prefix of other words ("열심히").
* Korean idioms match their verb in any conjugation and around an adverb ("마음이 아주
  놓입니다"), and a feeling noun ("기분이 좋아요") keeps a descriptive word a feeling.

v6 adds, in both languages unless marked:

* Sarcasm with numbers. Understatement: a large count of occurrences (ten or more "times",
  "pages", "번", "건" ...) said to be few ("only", "just", "~밖에", "~뿐") or played down
  ("slightly", "뭐 ~편이었죠") is a burden, and the praise beside it is ironic ("I just reread
  my notes twenty times, totally calm"); a count of a measure ("only thirty minutes") or a proud
  count is not. Mock emphasis: "무려" / "a whopping" before one of something or a few percent.
* An afterthought that takes praise back: an exception or condition said after it, at the end
  ("~것만 빼면요", ", if the point was ...", ", as long as nobody ...", ", unless you count
  ..."). Said first ("야근만 빼면 다 좋았어요"), or about the speaker's own wish, it is sincere.
* Praise of thoroughness, care or generosity (lexicon kind "thorough") beside a statement of how
  little there was ("한 줄이 전부였거든요", "a single comment") is ironic; not beside a minimal
  count of something bad ("only one bug").
* Ironic praise of calm, and an ironic denial of a bad feeling ("하나도 안 떨려요 ... 빼면요"),
  carry the feeling denied (the word's negated emotion).
* English: praise further on in an "Oh, ..." sentence that goes on to something bad; mock
  admiration ("You have to admire a manager who ..." with only bad said of them); "at all" does
  not use up the negation window; "too tired to feel good" denies "good"; a bad thing that is the
  subject of a denied bad feeling ("Pressure has never bothered me") is not counted as well;
  "wouldn't change a thing" / "wouldn't trade it for anything" is contentment; "problem",
  "issue" and "prepared" count when negated.
* Korean: a comma after a sentence-final ending ends the statement ("처음 봤어요, 메모 한 줄이
  전부였거든요" is a verdict and then its reason); an addition with no word of its own ("그것도
  두 번이나요") continues the account before it; "덕분에" followed by something bad and then
  praise is mock gratitude; an idiom may have "안"/"못" inside ("한숨도 못 잤다", "잠이 안
  왔다"); a verb of enduring (kind "endure": "감수하다", "버티다") is willingness when one can
  ("충분히 감수할 수 있어요", and what is borne is no complaint), distress when one cannot,
  doubt in "~수 있을지", a capacity in "감당할 수 있는 건수"; "~줄은 (미처) 몰랐다" is finding
  out, not uncertainty, and a discovery is no plain account for an exclamation after it to
  mock.
* Vocabulary: 기여, 보탬, 동기부여, 자산이 되다, 배려심, 세심, 여유, 평화, 악몽, 기가 막히다,
  마음에 걸리다, HR terms with 희망 as blockers (희망 연봉); fair, flawless, realistic,
  meticulous, considerate.

Measured with `python -m bench.sentiment_bench` (bench/README.md).
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
NEGATED_NEGATIVE_CAP = 0.4  # "not terrible" is a weak positive, not a strong one
CONTRAST_BEFORE = 0.4
CONTRAST_AFTER = 1.5
LASTING = 1.4  # "still", "아직도": the feeling the speaker is left with
OUTCOME = 1.3  # "in the end", "결국"
KO_PREDICATE = 1.3  # the sentence-final predicate of a Korean sentence
KO_MODIFIER = 0.6  # an adnominal modifier ("어려운 버그") describes a thing more than a feeling
NEGATION_WINDOW = 3  # words before a sentiment word that a negator may sit in (English)
INTENSIFIER_WINDOW = 2
HEDGE_WINDOW = 5  # "maybe it will be a success": sentence adverbs sit further away
REQUEST_MAX_NEGATIVE = 0.45  # "I missed the last part" is still part of a polite request
SITUATION_VALENCE = 0.4  # a landing that only describes a bad situation, or turns without a word
REVERSAL_MIN = 0.25  # what comes before a contrast must say something for the landing to turn it
CONDITIONAL = 0.5  # "if the job fails", "갈등이 생기면": a hypothetical
IRONY_FRAGMENT_WORDS = 7  # a comment this short after a bad situation reads as a verdict on it
IRONY_EXCLAMATION_WORDS = (
    3  # a bare exclamation this short after a plain account is a verdict on it
)

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
    """ "ko" or "en" by the share of Hangul. Korean answers full of English terms ("FastAPI",
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
    # "clause": no feeling in a clause about a system ("when the pod crashes"); "next": none
    # right before a technical noun ("bad request").
    technical: str | None = None
    descriptive: bool = (
        False  # describes things too ("good", "easy"): neutral in a technical clause
    )
    achievement: bool = False  # nothing when only intended ("to solve", "해결하려")
    kind: str | None = None  # "know": uncertainty when negated
    idiom: bool = False

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


def _entry(spec: dict[str, Any]) -> _Entry:
    tech = spec.get("tech")
    if tech is True:
        tech = "next"
    return _Entry(
        valence=float(spec["v"]),
        emotion=spec.get("e"),
        negated_emotion=spec.get("ne"),
        negated_valence=float(spec["nv"]) if "nv" in spec else None,
        technical=tech or None,
        descriptive=bool(spec.get("desc", False)),
        achievement=bool(spec.get("achieve", False)),
        kind=spec.get("kind"),
        idiom=bool(spec.get("idiom", False)),
    )


# Hangul syllables: (initial, medial, final) indices.
_JUNG_A, _JUNG_AE, _JUNG_EO, _JUNG_E, _JUNG_YEO, _JUNG_O, _JUNG_WA = 0, 1, 4, 5, 6, 8, 9
_JUNG_WAE, _JUNG_OE, _JUNG_U, _JUNG_WO, _JUNG_EU, _JUNG_I = 10, 11, 13, 14, 18, 20
_JONG_N, _JONG_L, _JONG_M, _JONG_B, _JONG_SS, _JONG_H = 4, 8, 16, 17, 20, 27
_CHO_R = 5


def _decompose(syllable: str) -> tuple[int, int, int] | None:
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code // 588, (code % 588) // 28, code % 28


def _compose(cho: int, jung: int, jong: int = 0) -> str:
    return chr(0xAC00 + cho * 588 + jung * 28 + jong)


def _ko_forms(lemma: str) -> set[str]:
    """The surface stems of a Korean verb or adjective given as its lemma (ending in 다): the
    stem itself and its contracted, adnominal and formal forms, with the regular, ㄹ-dropping,
    ㅂ, 르 and 으 conjugations. 기쁘다 -> 기쁘, 기뻐, 기뻤, 기쁜, 기쁠, 기쁩; 어렵다 -> 어렵,
    어려우, 어려워, 어려웠, 어려운, 어려울; 힘들다 -> 힘들, 힘드, 힘든, 힘듭; 모르다 -> 모르,
    몰라, 몰랐."""
    stem = lemma[:-1]
    forms = {stem}
    parts = _decompose(stem[-1])
    if parts is None:
        return forms
    cho, jung, jong = parts
    head = stem[:-1]
    previous = _decompose(head[-1]) if head else None
    bright = previous is not None and previous[1] in (_JUNG_A, _JUNG_O)
    if jong == 0:
        if stem.endswith("하"):
            forms |= {head + s for s in ("해", "했", "한", "할", "합")}
            return forms
        forms |= {head + _compose(cho, jung, j) for j in (_JONG_N, _JONG_L, _JONG_B)}
        contracted: int | None = None
        if stem[-1] == "르" and head and previous is not None:
            head = head[:-1] + _compose(previous[0], previous[1], _JONG_L)
            vowel = _JUNG_A if bright else _JUNG_EO
            forms |= {head + _compose(_CHO_R, vowel), head + _compose(_CHO_R, vowel, _JONG_SS)}
        elif jung == _JUNG_EU:
            contracted = _JUNG_A if bright else _JUNG_EO
        elif jung == _JUNG_I:
            contracted = _JUNG_YEO
        elif jung == _JUNG_O:
            contracted = _JUNG_WA
        elif jung == _JUNG_U:
            contracted = _JUNG_WO
        elif jung == _JUNG_OE:
            contracted = _JUNG_WAE
        elif jung in (_JUNG_A, _JUNG_EO, _JUNG_AE, _JUNG_E):
            contracted = jung
        if contracted is not None:
            forms |= {head + _compose(cho, contracted), head + _compose(cho, contracted, _JONG_SS)}
    elif jong == _JONG_L:
        forms |= {head + _compose(cho, jung, j) for j in (0, _JONG_N, _JONG_B)}
    elif jong == _JONG_B and len(stem) >= 2:  # ㅂ irregular (어렵다, 즐겁다, 두렵다 ...)
        base = head + _compose(cho, jung)
        forms |= {base + s for s in ("우", "워", "웠", "운", "울")}
    elif jong == _JONG_H:  # ㅎ irregular (하얗다 -> 하얘)
        forms |= {head + _compose(cho, jung, _JONG_N)}
    return forms


@dataclass(frozen=True)
class _Lexicons:
    en_words: dict[str, _Entry]
    en_phrases: dict[tuple[str, ...], _Entry]
    en_situation: dict[tuple[str, ...], str]
    en_irony: dict[tuple[str, ...], dict[str, Any]]
    ko_stems: dict[str, _Entry]
    ko_start_stems: dict[str, _Entry]
    ko_phrases: dict[tuple[str, str], _Entry]
    ko_situation: dict[str, str]
    ko_irony: dict[tuple[str, ...], dict[str, Any]]
    ko_max_len: int
    en_max_phrase: int
    en_technical: frozenset[str]
    ko_technical: tuple[str, ...]
    ko_not_technical_latin: frozenset[str]


def _ko_expand(raw: dict[str, Any]) -> dict[str, _Entry]:
    out: dict[str, _Entry] = {}
    for key, spec in raw.items():
        entry = _entry(spec)
        if key.endswith("다") and len(key) >= 2:
            for form in sorted(_ko_forms(key)):
                out.setdefault(form, entry)
        else:
            out[key] = entry
    # Explicit roots win over derived forms.
    for key, spec in raw.items():
        if not key.endswith("다"):
            out[key] = _entry(spec)
    return out


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    en = _read_lexicon("lexicon_en.json")
    ko = _read_lexicon("lexicon_ko.json")
    en_phrases = {tuple(k.split()): _entry(s) for k, s in en["phrases"].items()}
    ko_stems = _ko_expand(ko["stems"])
    ko_start = _ko_expand(ko["start_stems"])
    return _Lexicons(
        en_words={k: _entry(s) for k, s in en["words"].items()},
        en_phrases=en_phrases,
        en_situation={tuple(k.split()): tag for k, tag in en["situation"].items()},
        en_irony={tuple(k.split()): spec for k, spec in en["irony"].items()},
        ko_stems=ko_stems,
        ko_start_stems=ko_start,
        ko_phrases={tuple(k.split()): _entry(s) for k, s in ko["phrases"].items()},
        ko_situation=dict(ko["situation"]),
        ko_irony={tuple(k.split()): spec for k, spec in ko["irony"].items()},
        ko_max_len=max(len(s) for s in (*ko_stems, *ko_start)),
        en_max_phrase=max(len(k) for k in en_phrases),
        en_technical=frozenset(en["technical_nouns"]),
        ko_technical=tuple(ko["technical_nouns"]),
        ko_not_technical_latin=frozenset(ko["not_technical_latin"]),
    )


# --------------------------------------------------------------------------- the shared model


@dataclass
class _Tok:
    text: str
    start: int  # character offsets in the normalised text
    end: int
    sentence: int = 0
    clause: int = 0
    quoted: bool = False
    s_lo: int = 0  # token indices where its sentence starts and ends
    s_hi: int = 0

    @property
    def is_boundary(self) -> bool:
        return self.text in _BOUNDARIES


@dataclass
class _Hit:
    start: int  # index of the token the hit starts in
    end: int  # index of the token it ends in
    entry: _Entry
    char_start: int = 0  # Korean: where the stem sits inside its eojeol
    char_end: int = 0
    negated: bool = False
    multiplier: float = 1.0
    ironic: bool = False
    irony_tag: str | None = None
    neutralised: bool = False  # a technical word in a technical clause
    # The part of the multiplier that only says how much ("a bit", "조금"), not how sure.
    degree: float = 1.0
    # Korean: a negator inside an idiom ("한숨도 못 잤다", "잠이 안 왔다").
    inner_negation: bool = False

    @property
    def base(self) -> float:
        """The signed valence after negation, before weights."""
        entry = self.entry
        if self.negated and entry.negated_valence is not None:
            return entry.negated_valence
        if self.negated:
            value = entry.valence * NEGATION_FACTOR
            return min(value, NEGATED_NEGATIVE_CAP) if entry.valence < 0 else value
        return entry.valence

    @property
    def contribution(self) -> float:
        value = self.base
        if self.ironic and value > 0:
            value = -value
        return value * self.multiplier

    @property
    def tag(self) -> str | None:
        if self.ironic:
            return self.irony_tag or "anger"
        return self.entry.negated_emotion if self.negated else self.entry.emotion


_BOUNDARIES = frozenset(".!?,;:…")
_SENTENCE_ENDS = frozenset(".!?…")


def _normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return text.replace("’", "'").replace("‘", "'").replace("`", "'")


_QUOTED = re.compile(
    r"(?<![\w'])'([^'\n]{1,40}?)'(?![A-Za-z0-9])|\"([^\"\n]{1,60}?)\"|“([^”\n]{1,60}?)”|「([^」\n]{1,60}?)」"
)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 5) if match.group(g) is not None)
        spans.append((match.start(group), match.end(group)))
    return spans


def _mark(tokens: list[_Tok], spans: list[tuple[int, int]]) -> None:
    for token in tokens:
        token.quoted = any(a <= token.start and token.end <= b for a, b in spans)


def _window_before(tokens: list[_Tok], index: int, size: int, stop: Iterable[str]) -> list[int]:
    """Indices of up to `size` tokens before `index`, nearest first, stopping at a boundary."""
    stops = set(stop)
    out: list[int] = []
    j = index - 1
    while j >= 0 and len(out) < size:
        if tokens[j].is_boundary or tokens[j].text in stops:
            break
        out.append(j)
        j -= 1
    return out


def _number_sentences(tokens: list[_Tok], spliced: bool = False) -> None:
    """Number the sentences. With `spliced` (Korean) a comma after a sentence-final ending ends a
    sentence too: "처음 봤어요, 메모 한 줄이 전부였거든요" is two statements."""
    sentence, lo = 0, 0
    for k, token in enumerate(tokens):
        token.sentence = sentence
        comma_splice = (
            spliced
            and token.text == ","
            and k > 0
            and len(tokens[k - 1].text) >= 2
            and tokens[k - 1].text.endswith(_KO_FINAL_ENDINGS)
            and (
                not tokens[k - 1].text.endswith(_KO_CONNECTIVE_YO)
                or tokens[k - 1].text.endswith(("라고요", "다고요"))
            )
        )
        if token.text in _SENTENCE_ENDS or k == len(tokens) - 1 or comma_splice:
            for j in range(lo, k + 1):
                tokens[j].s_lo, tokens[j].s_hi = lo, k
            sentence, lo = sentence + 1, k + 1


def _sentence_of(tokens: list[_Tok], index: int) -> range:
    return range(tokens[index].s_lo, tokens[index].s_hi + 1)


def _clause_of(tokens: list[_Tok], index: int) -> range:
    """The run of tokens around `index` in its clause (both languages)."""
    clause = tokens[index].clause
    lo = index
    while lo > 0 and tokens[lo - 1].clause == clause:
        lo -= 1
    hi = index
    while hi + 1 < len(tokens) and tokens[hi + 1].clause == clause:
        hi += 1
    return range(lo, hi + 1)


# --------------------------------------------------------------------------- English

_EN_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "nowhere",
        "cannot",
        "without",
        "hardly",
        "barely",
        "scarcely",
        "dont",
        "didnt",
        "doesnt",
        "isnt",
        "wasnt",
        "werent",
        "arent",
        "cant",
        "couldnt",
        "wouldnt",
        "shouldnt",
        "wont",
        "havent",
        "hasnt",
        "hadnt",
        "aint",
        "mustnt",
        "neednt",
        "lack",
        "lacked",
    ]
)
_EN_NOT_NEGATING_NEXT = frozenset({"only", "just", "merely", "doubt"})  # "not only good ..."
# A negator at the start of a clause reaches its end: "Not once did the team miss a release",
# "Nobody ever complained".
_EN_CLAUSE_NEGATORS = frozenset({"never", "nobody", "nothing", "none"})
# A negated verb of saying, thinking or feeling negates the clause it introduces.
_EN_SCOPE_VERBS = frozenset({"say", "think", "feel", "felt", "believe", "claim", "pretend", "call"})
_EN_INTENSIFIERS = {
    "very": 0.3,
    "really": 0.3,
    "so": 0.3,
    "too": 0.2,
    "extremely": 0.5,
    "incredibly": 0.5,
    "absolutely": 0.4,
    "totally": 0.35,
    "completely": 0.35,
    "highly": 0.3,
    "super": 0.35,
    "truly": 0.3,
    "deeply": 0.35,
    "especially": 0.2,
    "particularly": 0.2,
    "remarkably": 0.35,
    "exceptionally": 0.45,
    "hugely": 0.4,
    "tremendously": 0.45,
    "genuinely": 0.25,
    "seriously": 0.25,
    "terribly": 0.4,
    "awfully": 0.4,
    "quite": 0.15,
    "utterly": 0.45,
    "such": 0.2,
    "most": 0.2,
    "much": 0.15,
    "huge": 0.3,
    "massive": 0.3,
    "real": 0.2,
    "overwhelmingly": 0.4,
    "endlessly": 0.3,
    "insanely": 0.4,
}
_EN_HEDGES = {
    "somewhat": 0.5,
    "slightly": 0.5,
    "maybe": 0.6,
    "perhaps": 0.6,
    "possibly": 0.6,
    "probably": 0.8,
    "fairly": 0.7,
    "partly": 0.6,
    "mildly": 0.5,
    "marginally": 0.5,
    "kinda": 0.6,
    "sorta": 0.6,
    "relatively": 0.75,
    "moderately": 0.7,
    "reasonably": 0.75,
    "might": 0.7,
    "little": 0.6,
}
_EN_EPISTEMIC_HEDGES = frozenset({"maybe", "perhaps", "possibly", "probably", "might", "guess"})
_EN_HEDGE_BIGRAMS = {
    ("a", "bit"): 0.5,
    ("a", "little"): 0.5,
    ("little", "bit"): 0.5,
    ("a", "tad"): 0.5,
    ("kind", "of"): 0.6,
    ("sort", "of"): 0.6,
    ("i", "guess"): 0.8,
    ("i", "suppose"): 0.8,
}
_EN_CONTRAST = frozenset(
    {"but", "however", "though", "although", "yet", "nevertheless", "nonetheless"}
)
_EN_CONCESSIVE = frozenset({"although", "though", "despite", "whereas"})  # "Although X, Y"
_EN_CLAUSE_WORDS = frozenset(
    {
        "but",
        "however",
        "though",
        "although",
        "because",
        "since",
        "when",
        "whenever",
        "if",
        "unless",
        "while",
        "whereas",
        "which",
        "who",
        "so",
        "after",
        "before",
        "until",
        "and",
        "or",
    }
)
_EN_LASTING = ("still", "to this day", "ever since", "even now", "these days")
_EN_OUTCOME = (
    "in the end",
    "eventually",
    "ultimately",
    "finally",
    "looking back",
    "in hindsight",
    "now",
)
_EN_IRREGULAR_PAST = frozenset(
    {"meant", "took", "made", "said", "told", "ran", "gave", "came", "kept", "left", "thought"}
)
_EN_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"})
_EN_PAST = frozenset(
    {"was", "were", "became", "felt", "had", "turned", "got", "went", "seemed", "ended"}
)
_EN_CONDITIONAL = frozenset({"if", "unless", "whenever"})
_EN_NEUTRAL_VERDICT = frozenset(
    {"normal", "ordinary", "average", "unremarkable", "uneventful", "mixed", "okay"}
)
_EN_REQUEST = (
    ("could", "you"),
    ("can", "you"),
    ("would", "you"),
    ("please",),
    ("repeat",),
    ("say", "that", "again"),
    ("come", "again"),
    ("rephrase",),
)
_EN_IRREALIS = frozenset(
    {
        "to",
        "will",
        "would",
        "could",
        "should",
        "trying",
        "try",
        "tried",
        "want",
        "wanted",
        "need",
        "needed",
        "hope",
        "hoping",
        "plan",
        "planned",
    }
)
_EN_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[a-z]+(?:'[a-z]+)*|[.!?;:,…]")
_EN_ABBREVIATIONS = re.compile(
    r"\b(a\.m\.|p\.m\.|e\.g\.|i\.e\.|etc\.|vs\.|mr\.|ms\.|mrs\.|dr\.|approx\.)", re.IGNORECASE
)
_EN_APOSTROPHE_NEGATION = re.compile(r"n't$")


def _en_tokens(text: str) -> list[_Tok]:
    text = _EN_ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", " ").rstrip() + " ", text)
    lowered = text.lower()
    tokens = [_Tok(m.group(0), m.start(), m.end()) for m in _EN_TOKEN.finditer(lowered)]
    _mark(tokens, _quoted_spans(text))
    _number_sentences(tokens)
    clause = 0
    for k, token in enumerate(tokens):
        if token.is_boundary or (token.text in _EN_CLAUSE_WORDS and k > 0):
            clause += 1
        token.clause = clause
    return tokens


_EN_SUFFIXES = (
    ("iest", "y"),
    ("ier", "y"),
    ("ied", "y"),
    ("ies", "y"),
    ("ily", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("est", ""),
    ("er", ""),
    ("est", "e"),
    ("er", "e"),
)


def _en_lookup(words: dict[str, _Entry], token: str) -> _Entry | None:
    entry = words.get(token)
    if entry is not None:
        return entry
    if token.endswith("'s"):
        return words.get(token[:-2])
    if len(token) <= 3:
        return None
    for suffix, replacement in _EN_SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            base = token[: -len(suffix)] + replacement
            entry = words.get(base)
            if (
                entry is None
                and suffix in ("ing", "ed", "er", "est")
                and len(base) >= 4
                and base[-1] == base[-2]
            ):
                entry = words.get(base[:-1])  # "stopped", "sadder"
            if entry is not None:
                return entry
    return None


def _en_is_negator(tokens: list[_Tok], j: int) -> bool:
    token = tokens[j].text
    if not (token in _EN_NEGATORS or _EN_APOSTROPHE_NEGATION.search(token)):
        return False
    following = tokens[j + 1].text if j + 1 < len(tokens) else ""
    return following not in _EN_NOT_NEGATING_NEXT


def _en_technical_clause(tokens: list[_Tok], hit: _Hit) -> bool:
    """Does the hit's sentence ("when the pod crashes, ..."), or for "clause" words its clause
    ("the worst latency spikes"), name a system part?"""
    span = (
        _clause_of(tokens, hit.start)
        if hit.entry.technical == "clause"
        else _sentence_of(tokens, hit.start)
    )
    return any(tokens[j].text in _lexicons().en_technical for j in span)


_EN_FACT_WORDS = frozenset(
    {"what", "that", "about", "of", "whether", "why", "where", "when", "who", "the", "it", "this"}
)
_EN_DETERMINERS = frozenset(
    {"a", "an", "the", "any", "single", "my", "our", "your", "their", "his", "her", "this"}
)


def _en_negated(tokens: list[_Tok], hit: _Hit) -> bool:
    # Determiners do not count towards the window: "I don't have a single complaint", nor does
    # "at all": "I don't feel at all prepared".
    window = _window_before(tokens, hit.start, NEGATION_WINDOW + 5, _EN_CONTRAST)
    content = 0
    for n, j in enumerate(window):
        if tokens[j].text not in _EN_DETERMINERS and tokens[j].text not in ("at", "all"):
            content += 1
        if content > NEGATION_WINDOW:
            window = window[:n]
            break
    negated = any(_en_is_negator(tokens, j) for j in window)
    if negated:
        # "neither ... nor": handled apart; "no" right before a noun negates it ("no worries").
        return True
    # A clause-initial negator or "not once" reaches the whole clause.
    clause = _clause_of(tokens, hit.start)
    first = [j for j in clause if not tokens[j].is_boundary][:2]
    for j in first:
        if j < hit.start and (
            tokens[j].text in _EN_CLAUSE_NEGATORS
            or (
                tokens[j].text in ("not", "no")
                and j + 1 < len(tokens)
                and tokens[j + 1].text in ("once", "a", "one")
            )
        ):
            return True
    # "too tired to enjoy it", "too exhausted to feel good about it": what follows "too ... to"
    # did not happen.
    before = _window_before(tokens, hit.start, 5, ())
    to = next((n for n, j in enumerate(before[:2]) if tokens[j].text == "to"), None)
    if to is not None and any(tokens[j].text == "too" for j in before[to + 1 :]):
        return True
    # "I can't say it went smoothly", "I don't think it was good", "I never felt valued".
    for j in range(clause.start, hit.start):
        if tokens[j].text in _EN_SCOPE_VERBS and j > 0:
            before = _window_before(tokens, j, 2, ())
            if any(_en_is_negator(tokens, b) for b in before):
                return True
    return False


def _en_speaker_failed(tokens: list[_Tok], hit: _Hit, lex: _Lexicons) -> bool:
    """ "I froze during the test and failed it", "I panicked": the speaker failing is a feeling
    even in a sentence that names a system part, unless a system part is what the speaker acts
    on ("I killed the process")."""
    subject = [tokens[j].text for j in _window_before(tokens, hit.start, 2, ())]
    if "i" not in subject:
        return False
    ahead = [t.text for t in tokens[hit.end + 1 : hit.end + 4]]
    return not any(t in lex.en_technical for t in ahead)


def _en_rhetorical(tokens: list[_Tok], index: int) -> bool:
    """A question whose answer is "everyone": "Who doesn't love a good challenge?", "Who
    wouldn't want that?" Its negation asserts; praise in it is sincere unless the utterance
    describes something bad ("Who doesn't love being paged at 3 a.m. on a Sunday?")."""
    sentence = _sentence_of(tokens, index)
    words = [tokens[j].text for j in sentence]
    return (
        len(words) > 3
        and words[0] == "who"
        and words[-1] == "?"
        and bool(_EN_APOSTROPHE_NEGATION.search(words[1]) or words[1] in ("doesnt", "wouldnt"))
    )


def _en_cannot_enough(tokens: list[_Tok], hit: _Hit) -> bool:
    """ "I can't say enough good things about her", "I can't thank them enough": praise that
    cannot be said enough is emphatic, not denied ("not good enough" is denied)."""
    texts = [t.text for t in tokens]
    clause = _clause_of(tokens, hit.start)
    near = [
        j for j in clause if texts[j] == "enough" and abs(j - hit.start) <= 3 and j != hit.end + 1
    ]
    before = _window_before(tokens, hit.start, 4, ())
    return bool(near) and any(texts[j] in ("can't", "cannot", "couldn't", "cant") for j in before)


def _en_comparative(tokens: list[_Tok], hit: _Hit, words: dict[str, _Entry]) -> bool:
    """ "never been prouder", "couldn't be happier", "couldn't have asked for a better team": a
    negated comparative is a superlative."""
    word = tokens[hit.start].text
    previous = tokens[hit.start - 1].text if hit.start > 0 else ""
    return (
        previous == "more"
        or word in ("better", "worse")
        or (word.endswith("ier") and len(word) > 5)
        or (word not in words and word.endswith("er") and len(word) > 4)
    )


def _en_hits(tokens: list[_Tok], lex: _Lexicons) -> list[_Hit]:
    hits: list[_Hit] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.is_boundary:
            i += 1
            continue
        matched = False
        for size in range(min(lex.en_max_phrase, len(tokens) - i), 1, -1):
            key = tuple(t.text for t in tokens[i : i + size])
            entry = lex.en_phrases.get(key)
            if entry is not None:
                if entry.counts:  # valence 0 is a blocker ("stress test")
                    hits.append(_Hit(i, i + size - 1, entry))
                i += size
                matched = True
                break
        if matched:
            continue
        skip = (
            token.text in _EN_INTENSIFIERS or token.text in _EN_HEDGES or token.text in _EN_NEGATORS
        )
        entry = None if skip else _en_lookup(lex.en_words, token.text)
        if entry is not None and entry.counts:
            following = tokens[i + 1].text if i + 1 < len(tokens) else ""
            # "we learned what users didn't want": learning a fact, not growing.
            learned_fact = token.text in ("learned", "learnt") and following in _EN_FACT_WORDS
            if not (token.text == "kind" and following == "of") and not learned_fact:
                hits.append(_Hit(i, i, entry))
        i += 1
    # "like" as a verb after a subject ("I really like pairing", "I'd like to") is liking.
    for i, token in enumerate(tokens):
        if (
            token.text == "like"
            and i > 0
            and tokens[i - 1].text
            in (
                "i",
                "we",
                "really",
                "i'd",
                "we'd",
                "genuinely",
                "always",
                "also",
                "actually",
                "would",
            )
        ):
            hits.append(_Hit(i, i, _Entry(0.4, "joy")))
    hits.sort(key=lambda h: h.start)

    for hit in hits:
        entry = hit.entry
        following = tokens[hit.end + 1].text if hit.end + 1 < len(tokens) else ""
        hit.negated = _en_negated(tokens, hit) and not _en_rhetorical(tokens, hit.start)
        # "I lost all my confidence": a good thing lost.
        if entry.valence > 0 and any(
            tokens[j].text in ("lost", "lose", "losing", "loses")
            for j in _window_before(tokens, hit.start, 3, _EN_CLAUSE_WORDS)
        ):
            hit.negated = not hit.negated
        # "I never got a straight answer": an answer withheld from the speaker, not one they
        # do not know.
        if (
            hit.negated
            and entry.kind == "know"
            and any(
                tokens[j].text in ("got", "get", "received", "heard", "given")
                for j in _window_before(tokens, hit.start, 3, ())
            )
        ):
            entry = hit.entry = _Entry(0.0, negated_emotion="anger", negated_valence=-0.4)
        if hit.negated and (
            _en_comparative(tokens, hit, lex.en_words) or _en_cannot_enough(tokens, hit)
        ):
            hit.negated = False
            hit.multiplier *= 1.3
        if entry.technical == "next" and following in lex.en_technical:
            hit.multiplier, hit.neutralised = 0.0, True
            continue
        if (
            entry.technical in ("clause", "sentence")
            and _en_technical_clause(tokens, hit)
            and not _en_speaker_failed(tokens, hit, lex)
        ):
            hit.multiplier, hit.neutralised = 0.0, True
            continue
        ahead = [t.text for t in tokens[hit.end + 1 : hit.end + 4]]
        to_verb = "to" in ahead and not any(t in _BOUNDARIES for t in ahead[: ahead.index("to")])
        technical_sentence = any(
            tokens[j].text in lex.en_technical for j in _sentence_of(tokens, hit.start)
        )
        interjection = hit.start == tokens[hit.start].s_lo and following in (",", ":", "!")
        if (
            entry.descriptive
            and not hit.negated
            and not interjection  # "Great, the demo environment crashed."
            and _en_impersonal_present(tokens, hit)
            and (
                technical_sentence or to_verb  # "how hard they are to operate"
            )
        ):
            hit.multiplier, hit.neutralised = 0.0, True
            continue
        if entry.achievement and hit.start > 0 and tokens[hit.start - 1].text in _EN_IRREALIS:
            hit.multiplier = 0.0
            continue
        window = _window_before(tokens, hit.start, HEDGE_WINDOW, _EN_CONTRAST)
        for j in window[:INTENSIFIER_WINDOW]:
            if tokens[j].text in _EN_INTENSIFIERS:
                hit.multiplier *= 1 + _EN_INTENSIFIERS[tokens[j].text]
        hedge = 1.0
        for j in window:
            hedge = min(hedge, _EN_HEDGES.get(tokens[j].text, 1.0))
            if j > 0:
                hedge = min(hedge, _EN_HEDGE_BIGRAMS.get((tokens[j - 1].text, tokens[j].text), 1.0))
        hit.multiplier *= hedge
        if not any(tokens[j].text in _EN_EPISTEMIC_HEDGES for j in window):
            hit.degree = hedge
        # "I might be wrong", "correct me if I'm wrong": an epistemic hedge, not a feeling.
        if tokens[hit.start].text == "wrong" and any(
            tokens[j].text in ("might", "could", "may", "if") for j in window[:3]
        ):
            hit.multiplier = 0.0
    _en_denied_by_its_subject(tokens, hits)
    hits += _en_content(tokens)
    _en_neither_nor(tokens, hits)
    _en_weights(tokens, hits)
    return hits


def _en_denied_by_its_subject(tokens: list[_Tok], hits: list[_Hit]) -> None:
    """ "Pressure has never bothered me", "Deadlines don't scare me": the bad thing is the
    subject of the denied bad feeling, so it is not said of the speaker's situation as well."""
    for hit in hits:
        if not hit.negated or hit.entry.valence >= 0:
            continue
        clause = _clause_of(tokens, hit.start)
        negator = next(
            (j for j in reversed(range(clause.start, hit.start)) if _en_is_negator(tokens, j)),
            None,
        )
        if negator is None:
            continue
        for other in hits:
            if (
                other is not hit
                and other.start in clause
                and other.end < negator
                and not other.negated
                and other.entry.valence < 0
            ):
                other.multiplier = 0.0


_EN_SWAP = frozenset({"change", "trade", "swap", "exchange"})


def _en_content(tokens: list[_Tok]) -> list[_Hit]:
    """ "I wouldn't change a thing", "wouldn't trade it for anything": wanting nothing different
    is contentment. Not a fact ("We didn't change anything") nor a rule with a condition ("We
    wouldn't change anything without a review")."""
    texts = [t.text for t in tokens]
    out: list[_Hit] = []
    for k in range(1, len(texts) - 1):
        if texts[k] not in _EN_SWAP:
            continue
        before = texts[max(0, k - 3) : k]
        would = any(w in ("wouldn't", "wouldnt") for w in before) or (
            "would" in before and any(w in ("not", "never") for w in before)
        )
        rest = [texts[j] for j in _sentence_of(tokens, k) if j > k]
        ahead = rest[:2]
        if texts[k] == "change":
            nothing = ahead == ["a", "thing"] or ahead[:1] in (["anything"], ["it"])
        else:  # "wouldn't trade those years for anything"
            nothing = any(
                rest[j : j + 2] in (["for", "anything"], ["for", "the"]) for j in range(6)
            )
        conditioned = any(w in ("without", "unless", "until", "if") for w in rest)
        if would and nothing and not conditioned:
            out.append(_Hit(k, k, _Entry(0.5, "joy")))
    return out


def _en_impersonal_present(tokens: list[_Tok], hit: _Hit) -> bool:
    """A descriptive word in a generic, present-tense statement about things ("it is easy to
    scale", "the best index for this query"), not about the speaker or a past experience."""
    clause = _clause_of(tokens, hit.start)
    sentence = _sentence_of(tokens, hit.start)
    if any(tokens[j].text in _EN_FIRST_PERSON for j in clause):
        return False
    return not any(tokens[j].text in _EN_PAST for j in sentence)


def _en_neither_nor(tokens: list[_Tok], hits: list[_Hit]) -> None:
    """ "neither a success nor a failure", "wasn't great, but it wasn't terrible either"."""
    for k, token in enumerate(tokens):
        if token.text != "neither":
            continue
        sentence = _sentence_of(tokens, k)
        nor = next((j for j in sentence if j > k and tokens[j].text == "nor"), None)
        if nor is None:
            continue
        end = nor + 1
        while end < len(tokens) and not tokens[end].is_boundary:
            end += 1
        for hit in hits:
            if k < hit.start <= end:
                hit.multiplier = 0.0
    # "I wouldn't call it good or bad", "not a success or a failure": a denied pair of
    # opposites says nothing.
    for first in hits:
        if not first.negated:
            continue
        for second in hits:
            gap = [t.text for t in tokens[first.end + 1 : second.start]]
            if (
                second.start > first.end
                and "or" in gap
                and len(gap) <= 3
                and (first.entry.valence > 0) != (second.entry.valence > 0)
            ):
                first.multiplier = second.multiplier = 0.0
    for k, token in enumerate(tokens):
        if token.text != "either" or k == 0:
            continue
        sentence = _sentence_of(tokens, k)
        mine = [h for h in hits if h.start in sentence and h.multiplier]
        if (
            len(mine) >= 2
            and all(h.negated for h in mine)
            and len({h.entry.valence > 0 for h in mine}) == 2
        ):
            for hit in mine:
                hit.multiplier = 0.0


def _en_weights(tokens: list[_Tok], hits: list[_Hit]) -> None:
    texts = [t.text for t in tokens]
    for hit in hits:
        clause = _clause_of(tokens, hit.start)
        sentence = _sentence_of(tokens, hit.start)
        words = [texts[j] for j in sentence]
        joined = " " + " ".join(texts[j] for j in clause) + " "
        first = next((texts[j] for j in clause if not tokens[j].is_boundary), "")
        if first in _EN_CONDITIONAL:
            hit.multiplier *= CONDITIONAL
        if any(f" {m} " in joined for m in _EN_LASTING):
            hit.multiplier *= LASTING
        elif any(f" {m} " in " " + " ".join(words) + " " for m in _EN_OUTCOME):
            hit.multiplier *= OUTCOME


def _landing_words(tokens: list[_Tok], point: int) -> int:
    """Words in the landing (up to the end of its sentence); 0 for an epistemic afterthought
    ("though I'm biased", "but don't quote me on that", "편향됐을 수도 있지만")."""
    if point >= len(tokens):
        return 0
    words = [t.text for t in tokens[point : tokens[point].s_hi + 1] if not t.is_boundary]
    joined = " " + " ".join(words) + " "
    if any(f" {c} " in joined for c in _EN_EPISTEMIC) or any(c in joined for c in _KO_EPISTEMIC):
        return 0
    return len(words)


_EN_EPISTEMIC = (
    "biased",
    "quote me",
    "could be wrong",
    "might be wrong",
    "may be wrong",
    "not sure",
    "i think",
    "i guess",
)
_KO_EPISTEMIC = ("편향", "수도 있", "것 같", "모르겠")


def _en_contrast_point(tokens: list[_Tok]) -> tuple[int, bool, int] | None:
    """Index of the first token after the last contrast (what follows it is the landing), and
    whether the contrast is a strong one (all English ones are)."""
    point: int | None = None
    joined = " " + " ".join(t.text for t in tokens) + " "
    earlier_phase = any(
        f" {p} " in joined
        for p in (
            "at first",
            "initially",
            "used to",
            "in the beginning",
            "at the start",
            "back then",
        )
    )
    for k, token in enumerate(tokens):
        text = token.text
        previous = tokens[k - 1].text if k > 0 else "."
        following = tokens[k + 1].text if k + 1 < len(tokens) else "."
        starts_clause = previous in _BOUNDARIES or previous == "and"
        if text in _EN_CONCESSIVE and (previous in _SENTENCE_ENDS or k == 0):
            if text == "though" and following in _BOUNDARIES:  # "Fun, though."
                j = k - 1
                while j > 0 and tokens[j - 1].text not in _BOUNDARIES:
                    j -= 1
                point = max(j - 1, 0)
                continue
            # "Although X, Y" / "Even though X, Y": Y is the landing.
            j = k + 1
            while (
                j < len(tokens)
                and tokens[j].text not in (",", ";")
                and tokens[j].text not in _SENTENCE_ENDS
            ):
                j += 1
            if j < len(tokens) and tokens[j].text in (",", ";"):
                point = j + 1
            continue
        if text in ("although", "whereas") and previous == ",":
            point = k + 1
            continue
        # "furious at the start of the call; by the end they were thanking us": after an earlier
        # phase, the later one is the landing.
        later_phase = text in ("now", "eventually", "finally", "today") or (
            text in ("by", "in") and [t.text for t in tokens[k + 1 : k + 3]] == ["the", "end"]
        )
        if later_phase and (previous in _BOUNDARIES or previous == "and") and earlier_phase:
            point = k
            continue
        if text == "though" and following in _BOUNDARIES:
            j = k - 1
            while j > 0 and tokens[j - 1].text not in _BOUNDARIES:
                j -= 1
            point = j
            continue
        if (
            text in ("but", "however", "nevertheless", "nonetheless", "though")
            or (
                text == "yet" and starts_clause and following not in _BOUNDARIES
            )  # ", yet that ..."
            or (
                text in ("still", "anyway")
                and following == ","
                and (previous in _BOUNDARIES or k == 0)
            )
            or (text == "said" and previous == "that" and following == ",")  # "That said, ..."
        ):
            point = k + 1
        elif text == "even" and following == "so":
            point = k + 2
        elif (
            text == "then"
            and previous == ","
            and tokens[token.s_lo].text not in ("if", "when", "once", "whenever", "unless")
        ):
            # "The customer loved the demo, then cancelled the contract": what happened next.
            point = k + 1
    if point is None:
        return None
    return point, True, _landing_words(tokens, point)


# --------------------------------------------------------------------------- Korean

_KO_INTENSIFIERS = {
    "매우": 0.3,
    "정말": 0.3,
    "정말로": 0.3,
    "너무": 0.3,
    "너무나": 0.35,
    "너무너무": 0.4,
    "아주": 0.3,
    "진짜": 0.3,
    "진짜로": 0.3,
    "정말정말": 0.4,
    "굉장히": 0.35,
    "엄청": 0.35,
    "엄청나게": 0.4,
    "몹시": 0.35,
    "무척": 0.3,
    "대단히": 0.35,
    "상당히": 0.2,
    "완전": 0.3,
    "완전히": 0.3,
    "참": 0.2,
    "되게": 0.3,
    "제일": 0.3,
    "가장": 0.3,
    "특히": 0.15,
    "많이": 0.2,
    "크게": 0.2,
    "전혀": 0.2,
    "심하게": 0.3,
    "무지": 0.3,
    "워낙": 0.3,
    "꽤": 0.15,
    "훨씬": 0.2,
    "더욱": 0.2,
    "늘": 0.1,
    "항상": 0.1,
    "너무도": 0.35,
    "얼마나": 0.3,
    "엄청난": 0.3,
    "큰": 0.2,
}
_KO_HEDGES = {
    "조금": 0.5,
    "조금은": 0.5,
    "좀": 0.6,
    "약간": 0.5,
    "약간은": 0.5,
    "살짝": 0.5,
    "다소": 0.6,
    "아마": 0.7,
    "아마도": 0.7,
    "어느정도": 0.7,
    "그럭저럭": 0.6,
    "나름": 0.7,
    "나름대로": 0.7,
    "별로": 0.6,
    "그다지": 0.6,
    "그렇게": 0.8,
    "다소간": 0.6,
    "약간씩": 0.5,
}
_KO_CONTRAST = frozenset(
    {
        "하지만",
        "그러나",
        "그런데",
        "그렇지만",
        "반면",
        "반면에",
        "다만",
        "그래도",
        "그럼에도",
        "그런데도",
        "오히려",
        "근데",
        "하지만요",
    }
)
_KO_NPI = ("하나도", "전혀", "아무", "결코", "절대", "조금도", "한번도")
_KO_WEAK_CONTRAST = frozenset({"그런데", "근데", "다만"})
_KO_CONTRAST_ENDINGS = (
    "지만",
    "는데",
    "은데",
    "는데도",
    "은데도",
    "어도",
    "아도",
    "해도",
    "여도",
    "라도",
    "더라도",
    "음에도",
    "면서도",
    "긴 했지만",
    "건만",
)
_KO_LASTING = ("아직도", "지금도", "여전히", "아직까지", "아직", "두고두고", "지금까지도")
_KO_OUTCOME = (
    "결국",
    "결국에는",
    "돌이켜보면",
    "지나고",
    "마침내",
    "끝내",
    "지금은",
    "덕분에",
    "이제는",
)
_KO_PARTICLES = frozenset("이가은는을를도에의와과로만")
_KO_TOKEN = re.compile(r"[^\s.!?,;:…~\"'“”‘’()\[\]{}<>「」『』·]+|[.!?,;:…]")
_KO_POST_NEGATION_IN_EOJEOL = re.compile(
    r"지\s*(?:는|도|가|를|들)?\s*(?:않|못|말|마)|않|못하|못했|못해|못한|못할|못합|못됐"
    r"|없(?:다|었|어|습|는|이|고|을|음|네|지|으|$)|아니|아닌|아닙|아냐|아녔"
)
_KO_EOP_NEGATION = re.compile(r"^없(?:다|었|어|습|는|이|고|을|음|네|지|으|$)")
_KO_AN_VERBS = frozenset("되돼됐된했해하한할합")
_KO_NOT_NEGATION = ("못지", "못생")
_KO_CONNECTIVES = (
    "지만",
    "는데",
    "은데",
    "니까",
    "어도",
    "아도",
    "려고",
    "고",
    "서",
    "며",
    "면",
    "도록",
    "는지",
)
_KO_CLAUSE_ENDINGS = (
    "지만",
    "는데",
    "은데",
    "니까",
    "어도",
    "아도",
    "해도",
    "고",
    "서",
    "며",
    "면",
    "면서",
    "도록",
    "는데도",
    "은데도",
    "더니",
    "다가",
    "든지",
    "거나",
    "라서",
    "어서",
    "아서",
    "해서",
)
_KO_CAUSAL_ENDINGS = ("서", "니까", "라서", "어서", "아서", "해서", "는데", "은데")
_KO_IRREALIS = (
    "하려",
    "해야",
    "하기 위해",
    "하기위해",
    "하고자",
    "할지",
    "할까",
    "하려고",
    "해보려",
    "하자",
)
_KO_REQUEST = (
    "주시겠",
    "주실 수",
    "주실수",
    "주세요",
    "주시면",
    "주십시오",
    "부탁",
    "해주실",
    "말씀해",
    "다시 한번",
    "다시 한 번",
)
_KO_ANSWER_CUES = (
    "수도 있",
    "것 같",
    "걸로",
    "것으로",
    "정도",
    "쯤",
    "대략",
    "약 ",
    "기억합니다",
    "기억해요",
    "였을",
    "였던",
    "이었던",
    "던 것",
    "을 거",
    "ㄹ 거",
    "했던",
    "썼던",
    "거예요",
    "겁니다",
    "같아요",
    "같습니다",
)
_KO_FINAL_ENDINGS = ("요", "죠", "니다", "었다", "았다", "했다", "였다")
# A connective with 요 goes on ("확인하고요, 배포는 ..."); a quotative or retrospective 고요 ends.
_KO_CONNECTIVE_YO = ("고요", "서요", "면요", "데요", "지만요", "도요")
_ADDITIONS = frozenset(
    {"그것도", "게다가", "심지어", "거기다", "더구나", "그마저도", "and", "plus", "also", "even"}
)
_KO_SARCASTIC_ENDINGS = ("죠", "지요", "네요", "군요", "더군요", "더라고요")
_KO_AUX_VOWELS = frozenset({_JUNG_A, _JUNG_EO, _JUNG_YEO, _JUNG_AE, _JUNG_WA, _JUNG_WO, _JUNG_WAE})
_KO_IRONY_INTENSIFIERS = frozenset(
    {"참", "정말", "아주", "퍽이나", "진짜", "한번", "너무", "참으로", "딱", "무척", "굉장히"}
)


def _ko_tokens(text: str) -> list[_Tok]:
    lowered = text.lower()
    tokens = [_Tok(m.group(0), m.start(), m.end()) for m in _KO_TOKEN.finditer(lowered)]
    _mark(tokens, _quoted_spans(text))
    _number_sentences(tokens, spliced=True)
    clause = 0
    for k, token in enumerate(tokens):
        token.clause = clause
        if (
            token.is_boundary
            or token.text in _KO_CONTRAST
            or (k + 1 < len(tokens) and _ko_ends_clause(token.text))
        ):
            clause += 1
    return tokens


_KO_NOUNS_LIKE_ENDINGS = (
    "에서",
    "에게서",
    "로서",
    "화면",
    "측면",
    "표면",
    "전면",
    "정면",
    "방면",
    "국면",
    "최고",
    "재고",
    "광고",
    "참고",
    "보고",
    "경고",
    "창고",
    "원고",
    "신고",
    "사고",
)


def _ko_ends_clause(token: str) -> bool:
    """Does the eojeol end in a connective ending (~고, ~서, ~면, ~지만 ...), not in a particle or
    a noun that looks like one ("입력에서", "화면", "최고")?"""
    return token.endswith(_KO_CLAUSE_ENDINGS) and not token.endswith(_KO_NOUNS_LIKE_ENDINGS)


def _ko_phrase(lex: _Lexicons, token: str, following: str) -> _Entry | None:
    for (first, second), entry in lex.ko_phrases.items():
        if not following.startswith(_ko_phrase_seconds(second, entry.counts)):
            continue
        if token == first or (
            token.startswith(first) and len(token) == len(first) + 1 and token[-1] in _KO_PARTICLES
        ):
            return entry
    return None


@lru_cache(maxsize=512)
def _ko_phrase_seconds(second: str, conjugated: bool) -> tuple[str, ...]:
    """The forms the second eojeol of an idiom may start with: its verb in every conjugated form
    ("마음이 가" matches "마음이 갑니다", "힘이 되" matches "힘이 됐습니다"). A blocker (a fixed
    technical term) matches only as written."""
    if not conjugated or _decompose(second[-1]) is None:
        return (second,)
    return tuple(sorted(_ko_forms(second + "다") | {second}))


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


def _ko_is_post_negator(tokens: list[_Tok], j: int) -> bool:
    token = tokens[j].text
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
    return token.startswith("마") and j > 0 and tokens[j - 1].text.endswith("지")


def _ko_is_technical_token(token: str) -> bool:
    """A technical noun, or an English term in Korean text ("GC", "Redis를"), except the
    acronyms of roles and paperwork ("PO가", "PR을", "CEO")."""
    latin = re.match(r"[a-z][a-z0-9+#.\-]*", token)
    if latin:
        return latin.group(0) not in _lexicons().ko_not_technical_latin
    # A one-syllable noun ("열", "행", "잡") counts only as itself with a particle, not as the
    # start of another word ("열심히", "행복", "잡았다").
    return any(
        token.startswith(noun) and (len(noun) > 1 or token[1:] in _KO_NOUN_PARTICLES)
        for noun in _lexicons().ko_technical
    )


_KO_NOUN_PARTICLES = frozenset(("", "에서", "으로", *"이가은는을를에의로도만과와"))


def _ko_technical_clause(tokens: list[_Tok], hit: _Hit) -> bool:
    """Does the sentence of the hit name a system part ("워커가 죽으면", "서버다운")?"""
    own = tokens[hit.start].text
    if hit.char_start > 0 and _ko_is_technical_token(own[: hit.char_start]):
        return True
    span = (
        _clause_of(tokens, hit.start)
        if hit.entry.technical == "clause"
        else _sentence_of(tokens, hit.start)
    )
    return any(_ko_is_technical_token(tokens[k].text) for k in span if k != hit.start)


def _ko_impersonal_present(tokens: list[_Tok], hit: _Hit) -> bool:
    """A descriptive word in a generic, present-tense statement ("인덱스를 쓰는 게 좋습니다"),
    not about the speaker or a past experience (a syllable with ㅆ marks the past tense)."""
    if any(
        tokens[j].text.startswith(("저는", "제가", "저도", "저희", "나는", "내가", "우리"))
        for j in _clause_of(tokens, hit.start)
    ):
        return False
    # "기분이 좋아요", "마음이 편했다": a feeling, whatever the sentence is about.
    if hit.start > 0 and tokens[hit.start - 1].text.startswith(_KO_FEELING_NOUNS):
        return False
    sentence = tokens[hit.start].sentence
    for token in tokens[hit.start :]:
        if token.sentence != sentence:
            break
        if any((parts := _decompose(ch)) is not None and parts[2] == _JONG_SS for ch in token.text):
            return False
    return not hit.negated


_KO_LOSS = ("잃", "사라지", "사라졌", "사라져", "없어지", "없어졌", "없어져", "꺾", "바닥")
_KO_FEELING_NOUNS = ("기분", "마음", "느낌", "분위기")


def _ko_negated(tokens: list[_Tok], hit: _Hit, by_token: dict[int, list[_Hit]]) -> bool:
    own = tokens[hit.end].text
    prefix = tokens[hit.start].text[: hit.char_start] if hit.start == hit.end else ""
    remainder = own[hit.char_end :]
    window = _window_before(tokens, hit.start, HEDGE_WINDOW, _KO_CONTRAST)
    pre = bool(window) and _ko_is_pre_negator(tokens[window[0]].text)
    pre = pre or (hit.char_start == 1 and hit.start == hit.end and prefix in ("안", "못"))
    post = bool(_KO_POST_NEGATION_IN_EOJEOL.search(remainder))
    # A negative-polarity word ("하나도", "전혀", "한 번도") carries the negation to the clause end.
    reach = 3
    if any(
        _ko_is_npi(tokens, j)
        for j in range(hit.end + 1, min(len(tokens), hit.end + 5))
        if tokens[j].clause == tokens[hit.end].clause
    ):
        reach = 6
    if not post and not remainder.endswith(_KO_CONNECTIVES):
        j = hit.end + 1
        while j < len(tokens) and j <= hit.end + reach:
            token = tokens[j].text
            if tokens[j].is_boundary or token in _KO_CONTRAST:
                break
            if any(h is not hit for h in by_token.get(j, [])):
                break  # the word after belongs to another sentiment word
            if _ko_is_pre_negator(token) and by_token.get(j + 1):
                break  # "A 안 좋다": the 안 belongs to the next word
            if _ko_is_post_negator(tokens, j) and not tokens[j - 1].text.startswith("이만저만"):
                post = True  # not "스트레스가 이만저만이 아니었다" ("no small stress")
                break
            if token.endswith(_KO_CONNECTIVES):
                break
            j += 1
    # "지원받는다는 느낌을 전혀 받지 못했다", "인정받는다고 느낀 적이 없다": a quoted feeling
    # whose verb of feeling is negated.
    if not post and re.search(r"(다는|라는|다고|라고|단|란)$", remainder):
        npi = any(_ko_is_npi(tokens, j) for j in range(hit.end + 1, min(len(tokens), hit.end + 6)))
        for j in range(hit.end + 1, min(len(tokens), hit.end + (8 if npi else 5))):
            if tokens[j].is_boundary or tokens[j].text in _KO_CONTRAST:
                break
            if _ko_is_post_negator(tokens, j) or _KO_POST_NEGATION_IN_EOJEOL.search(tokens[j].text):
                post = True
                break
    # "순조로웠다고는 말씀드리기 어렵네요", "좋았다고 할 수는 없어요": the quoted clause is negated.
    quoted_denial = False
    tail = [tokens[j].text for j in range(hit.end, min(len(tokens), hit.end + 3))]
    if tail and re.search(r"(다|라)고(는|도)?$", tail[0]):
        rest = " ".join(tail[1:])
        if (
            re.match(r"(말하기|말씀드리기|하기|보기|말할|할)\s*(어렵|힘들|수는? 없|수 없)", rest)
            or re.match(r"(말하기|말씀드리기|하기|보기)\S*$", tail[1] if len(tail) > 1 else "")
            and len(tail) > 2
            and tail[2].startswith(("어렵", "힘들"))
        ):
            quoted_denial = True
    negated = (pre != post) != quoted_denial
    if _ko_counterfactual(tokens, hit):
        negated = not negated
    # "그 팀만큼 자랑스러웠던 팀은 없었어요", "이보다 좋을 수 없다": a comparison denied by
    # "없다" is a superlative. Not a comparison with what was expected ("생각보다 떨리지 않네요",
    # "걱정했던 것만큼 어렵지 않았다"), nor one denied by "~지 않다" ("그 팀만큼 좋지 않았다").
    if negated and _ko_existence_denied(tokens, hit):
        for j in range(max(0, hit.start - 3), hit.start):
            text = tokens[j].text
            if not ("만큼" in text or text.endswith("보다")):
                continue
            expected = text.startswith(_KO_EXPECTATION) or (
                text.startswith(("것", "거", "때"))
                and j > 0
                and tokens[j - 1].text.startswith(_KO_EXPECTATION)
            )
            if not expected:
                return False
    return negated


def _ko_found_out(texts: list[str], k: int) -> bool:
    """Is the "몰랐다" at k "~줄(은) (미처) 몰랐다", finding out something?"""
    j = k - 1
    if j > 0 and texts[j] in ("미처", "전혀", "정말", "진짜", "꿈에도", "차마"):
        j -= 1
    return j >= 0 and texts[j] in ("줄", "줄은", "줄도", "줄을")


def _ko_counterfactual(tokens: list[_Tok], hit: _Hit) -> bool:
    """ "좋은 회사인 줄 알았어요": what the speaker believed and found untrue. Not "이렇게
    재미있는 줄 처음 알았다" nor "~줄 몰랐다" (finding out it was true). With "~줄 알았는데" the
    landing says how it really was, and the contrast (a strong one: _ko_belief_turned) turns
    it."""
    for j in range(hit.end, min(len(tokens) - 1, hit.end + 3)):
        if tokens[j].is_boundary:
            return False
        text, following = tokens[j].text, tokens[j + 1].text
        if text == "줄":
            # With "~는데" what follows says how it really was; the contrast turns it.
            return following.startswith("알았") and not following.endswith(_KO_CONTRAST_ENDINGS)
    return False


def _ko_belief_turned(tokens: list[_Tok], k: int) -> bool:
    """ "쉬운 줄 알았는데", "좋은 기회라고 생각했는데": a belief the landing corrects, so a strong
    contrast even with "~는데"."""
    text = tokens[k].text
    previous = tokens[k - 1].text if k > 0 else ""
    believed = (previous == "줄" and text.startswith("알았")) or (
        bool(re.search(r"(다|라)고$", previous)) and text.startswith(("생각했", "믿었", "기대했"))
    )
    return believed and text.endswith(("는데", "지만"))


# What a comparison with expectations compares with: "생각보다", "예상만큼", "걱정했던 것보다".
_KO_EXPECTATION = ("생각", "예상", "기대", "걱정", "우려", "염려", "평소")


def _ko_is_npi(tokens: list[_Tok], j: int) -> bool:
    """A negative-polarity word: "하나도", "전혀", "아무도", and "한 번도", "단 한 마디도"."""
    text = tokens[j].text
    if text.startswith(_KO_NPI):
        return True
    return text.endswith("도") and j > 0 and tokens[j - 1].text == "한"


def _ko_existence_denied(tokens: list[_Tok], hit: _Hit) -> bool:
    """Is the hit denied by "없다" ("~한 팀은 없었다", "~할 수 없다"), not by "~지 않다"?"""
    own = tokens[hit.end].text[hit.char_end :]
    if re.search(r"지\s*(?:는|도)?\s*(?:않|못)", own):
        return False
    for j in range(hit.end + 1, min(len(tokens), hit.end + 5)):
        text = tokens[j].text
        if tokens[j].is_boundary or text.startswith(("않", "못", "안")):
            return False
        if _KO_EOP_NEGATION.match(text):
            return True
    return False


def _ko_hits(tokens: list[_Tok], lex: _Lexicons) -> list[_Hit]:
    hits: list[_Hit] = []
    by_token: dict[int, list[_Hit]] = {}
    i = 0
    while i < len(tokens):
        token = tokens[i].text
        if tokens[i].is_boundary:
            i += 1
            continue
        if i + 1 < len(tokens):
            entry = _ko_phrase(lex, token, tokens[i + 1].text)
            if entry is not None:
                if entry.counts:  # valence 0 is a blocker ("스트레스 테스트")
                    hit = _Hit(i, i + 1, entry, 0, len(tokens[i + 1].text))
                    hits.append(hit)
                    by_token.setdefault(i, []).append(hit)
                    by_token.setdefault(i + 1, []).append(hit)
                i += 2
                continue
            # An adverb inside an idiom: "마음이 아주 놓입니다", "힘이 많이 됐어요"; or a
            # negator: "한숨도 못 잤어요", "잠이 안 왔어요".
            adverb = tokens[i + 1].text
            degree = _KO_INTENSIFIERS.get(adverb, 0.0), _KO_HEDGES.get(adverb, 1.0)
            inner = _ko_is_pre_negator(adverb)
            if i + 2 < len(tokens) and (degree[0] or degree[1] < 1.0 or inner):
                entry = _ko_phrase(lex, token, tokens[i + 2].text)
                if entry is not None and entry.counts:
                    hit = _Hit(i, i + 2, entry, 0, len(tokens[i + 2].text), inner_negation=inner)
                    hit.multiplier = (1 + degree[0]) * degree[1]
                    hits.append(hit)
                    for j in (i, i + 1, i + 2):
                        by_token.setdefault(j, []).append(hit)
                    i += 3
                    continue
        for hit in _ko_stem_hits(token, i, lex):
            hits.append(hit)
            by_token.setdefault(i, []).append(hit)
        i += 1

    sentence_last: dict[int, int] = {}
    for k, t in enumerate(tokens):
        if not t.is_boundary:
            sentence_last[t.sentence] = k

    for hit in hits:
        entry = hit.entry
        own = tokens[hit.end].text
        remainder = own[hit.char_end :]
        hit.negated = _ko_negated(tokens, hit, by_token) != hit.inner_negation
        if entry.kind == "endure":
            entry = hit.entry = _ko_endure(tokens, hit, entry)
            if entry.valence > 0:  # "이 정도 압박은 견딜 수 있어요": what one can bear
                for other in hits:
                    if (
                        other.end < hit.start
                        and tokens[other.start].sentence == tokens[hit.start].sentence
                        and other.entry.valence < 0
                        and not any(
                            tokens[j].text in _KO_CONTRAST
                            or tokens[j].text.endswith(_KO_CONTRAST_ENDINGS)
                            for j in range(other.end, hit.start)
                        )
                    ):
                        other.multiplier = 0.0
        # "건강을 잃었다", "의욕이 사라졌다": a good thing lost.
        if (
            entry.valence > 0
            and hit.end + 1 < len(tokens)
            and tokens[hit.end + 1].text.startswith(_KO_LOSS)
            and not own[hit.char_end :].endswith(_KO_CONNECTIVES)
        ):
            hit.negated = not hit.negated
        if entry.technical in ("clause", "sentence") and _ko_technical_clause(tokens, hit):
            hit.multiplier, hit.neutralised = 0.0, True
            continue
        technical_sentence = any(
            _ko_is_technical_token(tokens[k].text) for k in _sentence_of(tokens, hit.start)
        )
        if entry.descriptive and technical_sentence and _ko_impersonal_present(tokens, hit):
            hit.multiplier, hit.neutralised = 0.0, True
            continue
        # "제가 잘못 기억하고 있을 수도 있는데": misremembering is a hedge, not a mistake.
        if own[hit.char_start : hit.char_end] == "잘못" and (
            (
                hit.end + 1 < len(tokens)
                and tokens[hit.end + 1].text.startswith(("기억", "알", "이해", "들", "봤", "본"))
            )
            or any("수도" in tokens[j].text for j in _clause_of(tokens, hit.start))
        ):
            hit.multiplier = 0.0
            continue
        # "이렇게 좋은 팀인 줄 몰랐어요", "그런 제도가 있는 줄은 미처 몰랐네요": not realising
        # something, not uncertainty.
        if own[hit.char_start : hit.char_end].startswith(("몰", "모르")) and _ko_found_out(
            [t.text for t in tokens], hit.start
        ):
            hit.multiplier = 0.0
            continue
        # "~어 버리다" is an auxiliary (completion: "지쳐 버렸다"), not "throw away".
        if own[hit.char_start : hit.char_end].startswith(("버리", "버려", "버렸", "버린", "버릴")):
            before = (
                own[hit.char_start - 1]
                if hit.char_start > 0
                else (tokens[hit.start - 1].text[-1:] if hit.start > 0 else "")
            )
            parts = _decompose(before) if before else None
            if parts is not None and parts[2] == 0 and parts[1] in _KO_AUX_VOWELS:
                hit.multiplier = 0.0
                continue
        if (
            entry.achievement
            and (
                remainder.startswith(
                    (
                        "하려",
                        "해야",
                        "하고자",
                        "할지",
                        "할까",
                        "하기 위해",
                        "하자",
                        "하기위해",
                        "하는지",  # "목표에 얼마나 기여하는지": an embedded question
                    )
                )
                or own[hit.char_start :].startswith(_KO_IRREALIS)
            )
        ):
            hit.multiplier = 0.0
            continue
        # Desire ("싶다") is eagerness only when nothing negative is wanted ("그만두고 싶었다"),
        # and "~지 않을까 싶다" is a guess, not a wish.
        if (
            own[hit.char_start : hit.char_end].startswith("싶")
            and hit.start > 0
            and tokens[hit.start - 1].text.endswith("까")
        ):
            hit.multiplier = 0.0
            continue
        if entry.valence > 0 and own[hit.char_start : hit.char_end].startswith("싶"):
            clause = _clause_of(tokens, hit.start)
            negative_before = [
                h for h in hits if h is not hit and h.start in clause and h.entry.valence < 0
            ]
            previous_clause = [
                h
                for h in hits
                if h.start < hit.start
                and h.entry.valence < 0
                and tokens[h.start].clause == tokens[hit.start].clause - 1
                and tokens[h.end].text.endswith("고")
            ]
            if negative_before or previous_clause:
                hit.multiplier = 0.0
                continue

        window = _window_before(tokens, hit.start, HEDGE_WINDOW, _KO_CONTRAST)
        prefix = tokens[hit.start].text[: hit.char_start] if hit.start == hit.end else ""
        for j in window[:INTENSIFIER_WINDOW]:
            hit.multiplier *= 1 + _KO_INTENSIFIERS.get(tokens[j].text, 0.0)
        hedge = 1.0
        for j in window:
            hedge = min(hedge, _KO_HEDGES.get(tokens[j].text, 1.0))
            if tokens[j].text == "정도" and j > 0 and tokens[j - 1].text == "어느":
                hedge = min(hedge, 0.7)
        if prefix:
            hit.multiplier *= 1 + _KO_INTENSIFIERS.get(prefix, 0.0)
            hedge = min(hedge, _KO_HEDGES.get(prefix, 1.0))
        hit.multiplier *= hedge
        if not any(tokens[j].text.startswith("아마") for j in window):
            hit.degree = hedge
        # Head-final: the sentence's last predicate carries the judgement; an adnominal modifier
        # ("어려운 버그", "힘든 프로젝트") describes a thing.
        if hit.end == sentence_last.get(tokens[hit.end].sentence):
            hit.multiplier *= KO_PREDICATE
        elif (
            hit.start == hit.end
            and entry.valence < 0
            and _ko_adnominal(own, hit.char_end)
            and hit.end + 1 < len(tokens)
            and not tokens[hit.end + 1].is_boundary
            and not tokens[hit.end + 1].text.startswith(
                ("것", "거", "게", "걸", "건", "점", "일", "때", "기억", "적")
            )
        ):
            hit.multiplier *= KO_MODIFIER
            hit.degree *= KO_MODIFIER  # describes a thing: "실패한 프로젝트였지만 ..." still turns
        clause = _clause_of(tokens, hit.start)
        sentence = _sentence_of(tokens, hit.start)
        last = tokens[clause[-1]].text
        if last.endswith("면") and not last.endswith(("면서", "라면서")):
            hit.multiplier *= CONDITIONAL
        if any(tokens[j].text.startswith(_KO_LASTING) for j in clause):
            hit.multiplier *= LASTING
        elif any(tokens[j].text.startswith(_KO_OUTCOME) for j in sentence if j <= hit.start):
            hit.multiplier *= OUTCOME
    _ko_neither_nor(tokens, hits)
    return hits


def _ko_endure(tokens: list[_Tok], hit: _Hit, entry: _Entry) -> _Entry:
    """A verb of enduring ("감수하다", "견디다", "버티다") says nothing by itself ("야근을
    감수해야 했다" is a fact); able to bear it is willingness ("이런 팀이라면 충분히 감수할 수
    있어요"), unable, distress ("도저히 버틸 수가 없었다": the negated valence)."""
    ahead = [t.text for t in tokens[hit.end + 1 : hit.end + 3]]
    if (
        not hit.negated
        and len(ahead) == 2
        and ahead[0] in ("수", "수는", "수도")
        and ahead[1].startswith("있")
        # "감당할 수 있을지 걱정이에요": whether one can is a doubt; "인력이 감당할 수 있는
        # 건수" describes a capacity.
        and not ahead[1].startswith(("있을지", "있을까", "있는", "있나", "있으려나"))
    ):
        return _Entry(0.4, "joy")
    return entry


def _ko_adnominal(eojeol: str, char_end: int) -> bool:
    """Does the eojeol end in an adnominal (modifier) ending right after the stem: 어려운, 힘든,
    좋은, 즐거운 (not 힘들었던 일: a past-retrospective clause about the speaker)."""
    rest = eojeol[char_end:]
    if rest in ("", "은", "는", "운", "한", "던"):
        if rest == "":
            last = _decompose(eojeol[-1])
            return last is not None and last[2] == _JONG_N
        return rest != "던"
    return False


def _ko_neither_nor(tokens: list[_Tok], hits: list[_Hit]) -> None:
    """ "좋지도 나쁘지도 않았어요", "성공도 실패도 아니었고": both sides say nothing."""
    for sentence in {t.sentence for t in tokens}:
        mine = [h for h in hits if tokens[h.start].sentence == sentence and h.multiplier]
        paired = [
            h
            for h in mine
            if re.search(r"(지도|도)$", tokens[h.end].text[h.char_end :] or tokens[h.end].text)
            or tokens[h.end].text.endswith("도")
        ]
        signs = {h.entry.valence > 0 for h in paired}
        if len(paired) >= 2 and len(signs) == 2:
            for hit in paired:
                hit.multiplier = 0.0


def _ko_contrast_point(tokens: list[_Tok]) -> tuple[int, bool, int] | None:
    """Index of the first token after the last contrast, and whether it is a strong one
    ("지만", "하지만", "그래도", "~어도"; not the background "~는데", "그런데")."""
    found: tuple[int, bool] | None = None
    earlier_phase = False
    for k, token in enumerate(tokens):
        text = token.text
        has_next = any(not tokens[j].is_boundary for j in range(k + 1, token.s_hi + 1))
        if (
            text == "처음" and k + 1 <= token.s_hi and not tokens[k + 1].is_boundary
        ) or text.startswith(
            (
                "처음에",
                "처음엔",
                "처음에는",
                "예전에",
                "예전엔",
                "전에는",
                "초반에",
                "초반엔",
                "한때",
            )
        ):
            earlier_phase = True
        if earlier_phase and text in ("지금은", "이제는", "요즘은", "지금도") and k > 0:
            found = (k, True)
        elif (
            text in ("오히려", "그래도")
            and found is not None
            and tokens[found[0]].sentence == token.sentence
            and k - found[0] <= 6
        ):
            # "몸은 고됐지만, 그 시간에 오히려 ~": the adverb confirms the turn already made.
            found = (found[0], True)
        elif text in _KO_CONTRAST:
            found = (k + 1, text not in _KO_WEAK_CONTRAST)
        elif has_next and len(text) > 2 and text.endswith(_KO_CONTRAST_ENDINGS):
            found = (k + 1, not text.endswith(("는데", "은데")) or _ko_belief_turned(tokens, k))
        elif has_next and _ko_ends_with_n_de(text):
            found = (k + 1, False)
    if found is None:
        return None
    point, strong = found
    # "속상했는데, 돌아보면 그게 제일 큰 공부였어요": hindsight after "~는데" is a real turn.
    first = next((t.text for t in tokens[point:] if not t.is_boundary), "")
    if not strong and first.startswith(_KO_HINDSIGHT):
        strong = True
    return point, strong, _landing_words(tokens, point)


_KO_HINDSIGHT = (
    "돌아보면",
    "돌이켜보면",
    "돌이켜",
    "지나고",
    "지금은",
    "이제는",
    "결국",
    "덕분에",
    "막상",  # "좋은 기회라고 생각했는데, 막상 가 보니 ~": reality against what was expected
)


def _ko_ends_with_n_de(text: str) -> bool:
    """ "힘든데", "좋은데" are covered by 은데/는데; "했는데" too. This catches 'ㄴ데' on a
    syllable with ㄴ batchim ("힘든데" -> 든 + 데) that the endings miss."""
    if len(text) < 2 or not text.endswith("데"):
        return False
    parts = _decompose(text[-2])
    return parts is not None and parts[2] == _JONG_N


# --------------------------------------------------------------------------- shared rules


def _apply_contrast(
    hits: list[_Hit], contrast: tuple[int, bool, int] | None, situations: dict[int, str]
) -> None:
    """After the last contrast the words weigh CONTRAST_AFTER, before it CONTRAST_BEFORE, so
    the landing decides. A landing with no feeling word still turns the utterance: after a
    strong contrast ("but", "지만", "그래도") it is the opposite of what came before ("The bonus
    was nice, but it didn't make up for the crunch"), and a landing that describes a bad
    situation ("다들 친절했는데 결정은 계속 뒤집혔어요") is a mild negative. "It wasn't great, but
    it wasn't terrible either": two negated opposites say nothing."""
    if contrast is None:
        return
    point, strong, landing_words = contrast
    before = [h for h in hits if h.start < point and h.contribution]
    after = [h for h in hits if h.start >= point and h.contribution]
    # A landing turns the utterance only if it says something ("though I'm biased" does not)
    # and what came before was said outright ("Maybe I'm just nervous, but ..." was not).
    # A degree hedge on the concession ("출퇴근이 좀 부담스럽긴 한데, 그래도 ...") makes it small,
    # not doubtful: the landing still turns it.
    landing_turns = landing_words >= 4 and all(h.multiplier / h.degree >= 0.95 for h in before)
    if (
        before
        and after
        and all(h.negated for h in before + after)
        and ({h.entry.valence > 0 for h in before} != {h.entry.valence > 0 for h in after})
    ):
        for hit in before + after:
            hit.multiplier = 0.0
        return
    if not after:
        first = sum(h.contribution for h in before)
        bad = [k for k in situations if k >= point]
        if bad and first > 0:
            hits.append(_Hit(bad[-1], bad[-1], _Entry(-SITUATION_VALENCE, situations[bad[-1]])))
        elif (
            strong
            and abs(sum(h.contribution / h.degree for h in before)) >= REVERSAL_MIN
            and landing_turns
        ):
            tag = "joy" if first < 0 else "sadness"
            # The landing decides: it outweighs what it turns, however much was said before.
            valence = max(SITUATION_VALENCE, (CONTRAST_BEFORE * abs(first) + 0.25) / CONTRAST_AFTER)
            hits.append(_Hit(point, point, _Entry(-math.copysign(valence, first), tag)))
        else:
            for hit in before:
                hit.multiplier *= 0.75
            return
        after = hits[-1:]
    for hit in before:
        hit.multiplier *= CONTRAST_BEFORE
    for hit in after:
        hit.multiplier *= CONTRAST_AFTER


def _situations(tokens: list[_Tok], language: Language, lex: _Lexicons) -> dict[int, str]:
    """Token index -> emotion tag of the words that describe a bad situation without a feeling
    ("again", "on a Saturday", "또", "주말", "아무도")."""
    out: dict[int, str] = {}
    texts = [t.text for t in tokens]
    if language == "en":
        for k in range(len(tokens)):
            for key, tag in lex.en_situation.items():
                if tuple(texts[k : k + len(key)]) == key:
                    out[k] = tag
            if re.fullmatch(
                r"second|third|fourth|fifth|sixth|tenth|nth|\d+(st|nd|rd|th)", texts[k]
            ) and (k + 1 < len(texts) and texts[k + 1] == "time"):
                out[k] = "anger"
            # The small hours: "at 3 a.m." (the abbreviation is read as "a m").
            if re.fullmatch(r"[1-5]", texts[k]) and texts[k + 1 : k + 3] in (["a", "m"], ["am"]):
                out[k] = "anger"
        return out
    for k, token in enumerate(texts):
        for cue, tag in lex.ko_situation.items():
            if " " in cue:
                first, second = cue.split(" ", 1)
                if (
                    token.startswith(first)
                    and k + 1 < len(texts)
                    and texts[k + 1].startswith(second)
                ):
                    out[k] = tag
            elif cue == "또":  # "또", "또다시", not "또한"
                if token == "또" or token.startswith("또다시"):
                    out[k] = tag
            elif len(cue) <= 2 and cue in (
                "혼자",
                "저만",
                "나만",
                "주말",
                "새벽",
                "야근",
                "해고",
                "전날",
                "직전",
                "매번",
            ):
                if token.startswith(cue):
                    out[k] = tag
            elif cue in token:
                out[k] = tag
        # "문서 한 장 없이", "인사 한마디 없이": not even one.
        if token.startswith("없이") and k >= 2 and texts[k - 2] == "한":
            out[k] = "anger"
    return out


def _bad_tokens(hits: list[_Hit], situations: dict[int, str]) -> dict[int, str]:
    """Situation words plus the negative words actually said (a technical failure word counts as
    a bad situation here even where it carries no feeling: "the deploy broke on a Saturday")."""
    out = dict(situations)
    for hit in hits:
        value = hit.entry.valence * (NEGATION_FACTOR if hit.negated else 1.0)
        if value < 0 and not hit.ironic and (hit.multiplier or hit.neutralised):
            out.setdefault(hit.start, hit.entry.emotion or "anger")
    return out


def _irony_tag(bad: dict[int, str], situations: dict[int, str]) -> str:
    """The emotion of ironic praise: sadness over lost work, anxiety over the interview itself,
    otherwise (the usual case) anger. The situation words decide, else the negative words."""
    tags = list(situations.values()) or list(bad.values())
    if "sadness" in tags:
        return "sadness"
    if tags and all(t == "anxiety" for t in tags):
        return "anxiety"
    return "anger"


def _irony(
    tokens: list[_Tok],
    language: Language,
    lex: _Lexicons,
    hits: list[_Hit],
    text: str,
    situations: dict[int, str],
) -> None:
    """Praise that means its opposite: in scare quotes, next to an irony marker, or commenting
    on a bad situation without any contrast."""
    texts = [t.text for t in tokens]
    bad = _bad_tokens(hits, situations)
    _quantity_irony(tokens, language, hits, bad, situations)
    _afterthought(tokens, language, hits, bad, situations)
    _thin_praise(tokens, language, hits, bad, situations)
    sentences = sorted({t.sentence for t in tokens})
    members = {
        t.sentence: list(_sentence_of(tokens, k)) for k, t in enumerate(tokens) if k == t.s_lo
    }
    in_sentence: dict[int, list[_Hit]] = {}
    for hit in hits:
        in_sentence.setdefault(tokens[hit.start].sentence, []).append(hit)
    bad_sentences = {tokens[b].sentence for b in bad}

    def praise(hit: _Hit) -> bool:
        return hit.base > 0 and hit.multiplier > 0 and not hit.ironic

    def flip(hit: _Hit, tag: str) -> None:
        hit.ironic, hit.irony_tag = True, tag

    # 1. Scare quotes: a praise word alone (or nearly) in quotes, unless it names something
    # ("called 'X'", "'X'라는 상") in an utterance with nothing bad in it.
    for hit in hits:
        if not praise(hit) or not tokens[hit.start].quoted:
            continue
        span = [
            k
            for k in range(max(0, hit.start - 4), min(len(tokens), hit.end + 5))
            if tokens[k].quoted and tokens[k].sentence == tokens[hit.start].sentence
        ]
        if len(span) > 4:
            continue
        if language == "ko":
            after = text[tokens[span[-1]].end :].lstrip("'\"”’」 ")
            naming = bool(re.match(r"(이라는|라는|이라고|라고|이란|란)", after))
        else:
            naming = (span[0] > 0 and texts[span[0] - 1] in ("called", "named", "titled")) or (
                texts[span[-1] + 1 : span[-1] + 2]
                in (["award"], ["prize"], ["badge"], ["title"], ["award's"])
            )
        if not naming or bad:
            flip(hit, _irony_tag(bad, situations))
    _scare_quotes(tokens, language, hits, text, bad, situations, lex)
    bad_sentences = {tokens[b].sentence for b in bad}

    # 2. Irony markers ("oh great", "just what I needed", "lucky me", "퍽이나", "아 네, ...").
    markers = lex.en_irony if language == "en" else lex.ko_irony
    for k in range(len(tokens)):
        for key, spec in markers.items():
            window = texts[k : k + len(key)]
            if len(window) < len(key):
                continue
            if language == "en" or len(key) == 1 and len(key[0]) == 1:
                if tuple(window) != key:
                    continue
            elif not all(w.startswith(part) for w, part in zip(window, key, strict=True)):
                continue
            sentence = members[tokens[k].sentence]
            words = [j for j in sentence if not tokens[j].is_boundary]
            if spec.get("sentence_initial"):
                if not words or k != words[0]:
                    continue
                if language == "en" and (k + len(key) >= len(tokens) or texts[k + len(key)] != ","):
                    continue
            if spec.get("needs_situation") and not any(
                tokens[b].sentence in (tokens[k].sentence, tokens[k].sentence - 1) for b in bad
            ):
                continue
            if key == ("oh",):  # "Oh great, another outage"; not "Oh, I love that question"
                targets = [h for h in hits if praise(h) and 0 < h.start - k <= 3] if bad else []
                # "Oh, the launch was flawless; we only rolled back twice": praise further on in
                # an "Oh," sentence that goes on to something bad, with no contrast between.
                if words and k == words[0] and texts[k + 1 : k + 2] in ([","], ["yes"], ["yeah"]):
                    for hit in in_sentence.get(tokens[k].sentence, []):
                        later = [b for b in bad if b > hit.end and b in sentence]
                        if (
                            praise(hit)
                            and hit not in targets
                            and later
                            and not any(
                                texts[j] in _EN_CONTRAST or texts[j] in _EN_LESSON
                                for j in range(k, later[-1])
                            )
                        ):
                            targets.append(hit)
            else:
                targets = [h for h in in_sentence.get(tokens[k].sentence, []) if praise(h)]
            if spec.get("needs_positive") and not targets:
                continue
            for hit in targets:
                flip(hit, _irony_tag(bad, situations))
            if "v" in spec and not targets:
                marker = _Hit(k, k + len(key) - 1, _Entry(float(spec["v"]), spec.get("e", "anger")))
                hits.append(marker)
                in_sentence.setdefault(tokens[k].sentence, []).append(marker)
    # "My manager's idea of feedback was a thumbs-up emoji", "their idea of work-life balance":
    # someone else's "idea of" a good thing is what they got wrong.
    if language == "en":
        for k in range(1, len(tokens) - 1):
            owner = texts[k - 1]
            if (
                texts[k] == "idea"
                and texts[k + 1] == "of"
                and (owner.endswith("'s") or owner in ("their", "his", "her", "your"))
            ):
                targets = [h for h in in_sentence.get(tokens[k].sentence, []) if praise(h)]
                for hit in targets:
                    flip(hit, _irony_tag(bad, situations))
                marker = _Hit(k, k + 1, _Entry(-SITUATION_VALENCE, "anger"))
                hits.append(marker)
                in_sentence.setdefault(tokens[k].sentence, []).append(marker)
                bad.setdefault(k, "anger")
                bad_sentences.add(tokens[k].sentence)
    if language == "en":
        for hit in hits:
            if praise(hit) and bad and _en_rhetorical(tokens, hit.start):
                flip(hit, _irony_tag(bad, situations))
    # A praise word opening a sentence as an exclamation in a bad situation: "Great, another
    # outage.", "Wonderful, my laptop decided to update right before this call."
    # "Brilliant planning: we heard about the deadline from the customer." (not "Great
    # question, ...").
    for s in sentences:
        words = [j for j in members[s] if not tokens[j].is_boundary]
        if language != "en" or len(words) < 3:
            continue
        follows = texts[words[0] + 1 : words[0] + 3]
        if not (
            follows[:1] in ([","], [":"])
            or (len(follows) == 2 and follows[1] in (",", ":") and follows[0] != "question")
        ):
            continue
        opener = [h for h in in_sentence.get(s, []) if praise(h) and h.start == words[0] == h.end]
        if opener and s in bad_sentences:
            flip(opener[0], _irony_tag(bad, situations))
    # "Nothing motivates a team like cancelling their bonuses", "Nothing builds confidence quite
    # like a review where ...": the frame of "nothing says X like Y" with something bad as Y.
    for s in sentences:
        words = [j for j in members[s] if not tokens[j].is_boundary]
        if language != "en" or len(words) < 4 or texts[words[0]] != "nothing":
            continue
        like = next((j for j in words[2:] if texts[j] == "like"), None)
        if like is None or not any(b > like and tokens[b].sentence == s for b in bad):
            continue
        for hit in in_sentence.get(s, []):
            if hit.start < like and (praise(hit) or (hit.negated and hit.entry.valence > 0)):
                hit.negated = False
                flip(hit, _irony_tag(bad, situations))
        if not any(h.ironic for h in in_sentence.get(s, [])):
            marker = _Hit(
                words[0], words[0], _Entry(-SITUATION_VALENCE, _irony_tag(bad, situations))
            )
            hits.append(marker)
            in_sentence.setdefault(s, []).append(marker)
    if language == "en":
        _en_mock_admiration(tokens, hits, bad, situations)
    if language == "ko":
        _ko_mock_praise(tokens, hits, bad, situations, members)
    # Korean elongation on praise: "잘~했네요", "좋~겠다".
    if language == "ko":
        for hit in hits:
            if not praise(hit):
                continue
            first, last = tokens[hit.start], tokens[hit.end]
            glued = text[first.start : last.end + 1]
            previous = tokens[hit.start - 1] if hit.start > 0 else None
            if "~" in glued or (
                previous is not None and text[previous.end : previous.end + 1] == "~"
            ):
                flip(hit, _irony_tag(bad, situations))

    # 3. Praise commenting on a bad situation. (a) A later sentence whose praise follows a
    # sentence that only describes something bad, with no contrast or silver lining, and reads
    # as a verdict (short, or with "what a", "so", "참", "정말", or a "~죠"/"~네요" ending).
    for index, s in enumerate(sentences):
        mine = [h for h in in_sentence.get(s, []) if praise(h)]
        words = [j for j in members[s] if not tokens[j].is_boundary]
        if language == "en":
            for hit in mine:
                if _en_relished_bad(tokens, hit, bad, words):
                    flip(hit, _irony_tag(bad, situations))
            mine = [h for h in mine if not h.ironic]
        if not mine or any(h.base < 0 and h.multiplier for h in in_sentence.get(s, [])):
            continue
        if not words:
            continue
        opening = texts[words[0]]
        turn = opening in _EN_TURN or opening in _KO_CONTRAST or opening.startswith(_KO_TURN)
        lesson = any(h.entry.achievement for h in mine) or any(
            texts[j] in _EN_LESSON or _ko_lesson(texts, j) for j in words
        )
        if index > 0 and not turn and not lesson:
            previous_sentence = sentences[index - 1]
            # "장애 알림이 왔어요, 그것도 사흘 연속으로요. 아주 알찬 휴가였습니다.": a short
            # addition with no word of its own continues the account before it.
            addition = [j for j in members[previous_sentence] if not tokens[j].is_boundary]
            previous_bad = previous_sentence in bad_sentences or (
                index > 1
                and sentences[index - 2] in bad_sentences
                and not in_sentence.get(previous_sentence)
                and 0 < len(addition) <= 5
                and texts[addition[0]] in _ADDITIONS
                and not any(praise(h) for h in in_sentence.get(sentences[index - 2], []))
            )
            previous_praise = any(praise(h) for h in in_sentence.get(previous_sentence, []))
            verdict = (
                len(words) <= IRONY_FRAGMENT_WORDS
                or any(
                    texts[j] in _EN_IRONY_INTENSIFIERS or texts[j] in _KO_IRONY_INTENSIFIERS
                    for j in words
                )
                or (language == "ko" and texts[words[-1]].endswith(_KO_SARCASTIC_ENDINGS))
            )
            if previous_bad and not previous_praise and verdict:
                for hit in mine:
                    flip(hit, _irony_tag(bad, situations))
                continue
            # A bare exclamation of praise with an intensifier, after a plain account of what
            # happened, is a verdict on it: "The requirements changed four times. Super fun.",
            # "... 하셨죠. 참 합리적이죠." Sincere praise names who or what it praises.
            first_praise = min(h.start for h in mine)
            # "Very efficient, that." but not "Very proud.": the speaker's own feeling after an
            # account of what they did is sincere.
            feeling = any(texts[h.start].startswith(_EN_OWN_FEELINGS) for h in mine)
            exclamation = len(words) <= IRONY_EXCLAMATION_WORDS and (
                (
                    texts[words[0]] in _EN_IRONY_INTENSIFIERS
                    or texts[words[0]] == "very"
                    or first_praise == words[0]
                )
                and not feeling
                if language == "en"
                else any(texts[j] in _KO_IRONY_INTENSIFIERS for j in words)
                and texts[words[-1]].endswith(_KO_SARCASTIC_ENDINGS)
            )
            previous_words = [j for j in members[previous_sentence] if not tokens[j].is_boundary]
            # A discovery is no plain account: "와, 그런 제도가 있는 줄은 몰랐네요. 정말
            # 좋네요!", "Wow, I had no idea you did that. Really cool."
            discovery = bool(previous_words) and (
                texts[previous_words[0]] in ("와", "우와", "wow")
                or any(
                    texts[j].startswith("몰랐") and _ko_found_out(texts, j) for j in previous_words
                )
            )
            plain_account = (
                not previous_praise
                and not discovery
                and not any(texts[j] in _EN_LESSON or _ko_lesson(texts, j) for j in previous_words)
            )
            if exclamation and plain_account and len(previous_words) >= 4:
                for hit in mine:
                    flip(hit, _irony_tag(bad, situations))
                continue
        # The verdict may come first: "참 대단한 회사였죠. 금요일 저녁에 해고 통보를 메일로
        # 보내더라고요.", "Lovely. The vendor pushed an update the night before our launch." A
        # short exclamation of praise (not about the question asked, not the speaker's own
        # feeling) followed by a sentence that only describes something bad.
        if index + 1 < len(sentences) and not lesson:
            following = sentences[index + 1]
            following_words = [j for j in members[following] if not tokens[j].is_boundary]
            opens = texts[following_words[0]] if following_words else ""
            exclaims = (
                (
                    len(words) <= IRONY_EXCLAMATION_WORDS + 1
                    or len(words) <= IRONY_FRAGMENT_WORDS
                    and any(texts[j] in _EN_IRONY_INTENSIFIERS for j in words)
                )
                and not any(texts[j] in _EN_FIRST_PERSON for j in words)
                if language == "en"
                else any(texts[j] in _KO_IRONY_INTENSIFIERS for j in words)
                and texts[words[-1]].endswith(_KO_SARCASTIC_ENDINGS)
                and len(words) <= IRONY_FRAGMENT_WORDS
            )
            if (
                exclaims
                and following in bad_sentences
                and not any(praise(h) for h in in_sentence.get(following, []))
                and not any(texts[j].startswith(("question", "질문")) for j in words)
                and not (opens in _EN_TURN or opens in _KO_CONTRAST or opens.startswith(_KO_TURN))
                and not any(texts[j] in _EN_LESSON or _ko_lesson(texts, j) for j in following_words)
            ):
                for hit in mine:
                    flip(hit, _irony_tag(bad, situations))
                continue
        # (b) Within one sentence: praise that follows from a bad cause or comments on it, with
        # no contrast between ("혼자라서 아주 행복한 나날이었습니다", "..., which was just lovely"),
        # or "my favorite part was" + something bad ("... the docs nobody reads. Twice.").
        for hit in mine:
            if language == "en" and texts[hit.end + 1 : hit.end + 3] in (
                ["part", "was"],
                ["thing", "was"],
                ["part", "is"],
            ):
                later = [b for b in bad if b > hit.end and tokens[b].sentence in (s, s + 1)]
                if later and not lesson:
                    flip(hit, _irony_tag(bad, situations))
                    continue
            causes = [b for b in bad if tokens[b].sentence == s and b < hit.start]
            word = texts[hit.start][hit.char_start :]
            if not causes or word.startswith(_SINCERE_IN_SENTENCE):
                continue
            # "팀장님 덕분에 연휴 내내 사무실에서 아주 보람차게 보냈죠": thanks for something bad
            # is mock gratitude, not a silver lining.
            thanks = [j for j in words if texts[j] == "덕분에" and j < causes[-1]]
            others = any(
                texts[j] in _EN_LESSON or (_ko_lesson(texts, j) and texts[j] != "덕분에")
                for j in words
            )
            if lesson and (not thanks or others or any(h.entry.achievement for h in mine)):
                continue
            between = range(causes[-1], hit.start)
            if any(
                (texts[j] in _KO_CONTRAST and texts[j] not in _KO_WEAK_CONTRAST)
                or texts[j] in _EN_CONTRAST
                or texts[j] in ("still", "yet")
                or (
                    len(texts[j]) > 2
                    and texts[j].endswith(_KO_CONTRAST_ENDINGS)
                    and not texts[j].endswith(("는데", "은데"))
                )
                for j in between
            ):
                continue
            near = range(max(0, hit.start - 2), hit.start)
            if language == "ko":
                # "~다니," / "~라니," react to what was just said ("전날 다 바꿔 주시다니, ...").
                link = any(
                    texts[j].endswith((*_KO_CAUSAL_ENDINGS, "다니", "라니", "던데", "더니"))
                    for j in between
                ) or texts[words[-1]].endswith(("죠", "지요", "네요", "군요"))
                cue = any(texts[j] in _KO_IRONY_INTENSIFIERS for j in near)
            else:
                link = any(texts[j] == "which" and j > 0 and texts[j - 1] == "," for j in between)
                cue = any(texts[j] in ("just", "real", "such", "truly") for j in near)
            if link and cue:
                flip(hit, _irony_tag(bad, situations))


def _is_praise(hit: _Hit) -> bool:
    return hit.base > 0 and hit.multiplier > 0 and not hit.ironic


def _flip_denial(hit: _Hit, tag: str) -> None:
    """Turn praise ironic. An ironic denial of a bad feeling ("하나도 안 떨려요", "I'm not
    worried at all") means that feeling, and so does ironic calm ("totally relaxed": the
    emotion of the word negated)."""
    entry = hit.entry
    own = entry.emotion if hit.negated and entry.valence < 0 else entry.negated_emotion
    hit.ironic, hit.irony_tag = True, own if own in _EMOTION_OF_TAG else tag


_EN_SMALL_NUMBERS = {"one": 1, "single": 1, "two": 2, "three": 3, "a": 1}
_EN_TENS = {
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens",
}  # fmt: skip
# What is counted in "only forty times", "just thirty pages": occurrences, not a measure ("only
# thirty minutes", "just twelve people").
_EN_OCCURRENCES = {
    "times", "pages", "calls", "alerts", "alarms", "pings", "messages", "emails", "meetings",
    "tickets", "incidents", "rewrites", "revisions", "drafts", "retakes", "interruptions",
    "escalations", "rollbacks", "outages", "changes", "reminders", "complaints", "requests",
}  # fmt: skip
_EN_MINIMISERS = frozenset({"only", "just", "merely"})
_EN_DOWNPLAY = frozenset({"mildly", "slightly", "somewhat", "marginally"})
_EN_MOCK_EMPHASIS = (("a", "whopping"), ("a", "staggering"), ("a", "grand", "total", "of"))
_KO_LARGE_NUMBER = re.compile(
    r"(?:열|스물|서른|마흔|쉰|예순|일흔|여든|아흔)(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?"
    r"|수?[일이삼사오육칠팔구]?(?:십|백|천|만)(?:[일이삼사오육칠팔구십백천만])*"
)
_KO_COUNTERS = ("번", "건", "통", "차례", "회")
_KO_DOWNPLAY = ("뭐", "조금", "좀", "약간", "편이", "정도")


def _large_count(texts: list[str], k: int, language: Language) -> bool:
    """A count of ten or more occurrences: "forty times", "thirty pages", "서른 번", "삼천 건",
    "30번"."""
    text = texts[k]
    if language == "en":
        following = texts[k + 1] if k + 1 < len(texts) else ""
        many = text in _EN_TENS or (text.isdigit() and int(text) >= 10)
        return many and following in _EN_OCCURRENCES
    digits = re.match(r"\d+", text)
    if digits:
        rest = text[digits.end() :]
        return int(digits.group(0)) >= 10 and rest.startswith(_KO_COUNTERS)
    following = texts[k + 1] if k + 1 < len(texts) else ""
    return bool(_KO_LARGE_NUMBER.fullmatch(text)) and following.startswith(_KO_COUNTERS)


def _small_amount(texts: list[str], k: int, language: Language) -> bool:
    """A tiny amount: one, two or three of something in English ("two days' notice", "a single
    line", not "two million"); in Korean one of something or a few percent ("한 번", "1퍼센트";
    not "두 달 치" nor "한 달", a period, which may be a lot, nor "한 사람당")."""
    text = texts[k]
    following = texts[k + 1] if k + 1 < len(texts) else ""
    if language == "en":
        small = text in _EN_SMALL_NUMBERS or (text.isdigit() and int(text) <= 3)
        return small and following not in _EN_TENS and following not in ("million", "billion")
    digits = re.match(r"\d+(?:\.\d+)?", text)
    if digits:
        rest = text[digits.end() :]
        limit = 3 if rest.startswith(("퍼센트", "%", "프로")) else 1
        return (
            float(digits.group(0)) <= limit
            and not rest.startswith(("십", "백", "천", "만", *_KO_PERIODS))
            and not (rest == "" and following.startswith(_KO_PERIODS))
        )
    return (
        text in ("한", "하나", "하나뿐")
        and not following.startswith(_KO_PERIODS)
        and "당" not in following
    )


_KO_PERIODS = ("달", "주", "해", "년", "시간", "개월", "학기", "분기", "평생")


def _quantity_irony(
    tokens: list[_Tok],
    language: Language,
    hits: list[_Hit],
    bad: dict[int, str],
    situations: dict[int, str],
) -> None:
    """Two sarcastic ways with numbers. Understatement: a large count of occurrences said to be
    few ("only", "just", "~밖에", "~뿐") or played down ("mildly", "뭐 ~편이었죠") is a burden,
    so the praise around it is ironic: "Oh, totally calm, I only checked my notes thirty times",
    "호출이 마흔 번밖에 안 왔으니 뭐 조용한 편이었죠". Mock emphasis: "a whopping" / "무려"
    before one, two or three of something ("a whopping two days' notice", "무려 한 번"). Either
    is a bad situation (sadness) that praise in its sentence or the next turns on; with no praise
    it is a mild negative. A plain count ("we handled forty tickets a day") and a large count
    made emphatic ("무려 삼천 명이 가입했다") are neither."""
    texts = [t.text for t in tokens]
    found: list[int] = []
    for k, token in enumerate(tokens):
        sentence = _sentence_of(tokens, k)
        words = [texts[j] for j in sentence]
        if _large_count(texts, k, language):
            clause = _clause_of(tokens, k)
            if language == "en":
                minimised = any(texts[j] in _EN_MINIMISERS for j in clause if j < k)
                played_down = any(w in _EN_DOWNPLAY for w in words)
            else:
                counter = texts[k] if re.match(r"\d", texts[k]) else texts[k + 1]
                minimised = "밖에" in counter or "뿐" in counter
                played_down = any(w.startswith(_KO_DOWNPLAY) for w in words)
            praised = any(
                _is_praise(h) and tokens[h.start].sentence == token.sentence for h in hits
            )
            if (minimised and (praised or played_down)) or (played_down and praised):
                found.append(k)
        elif k + 1 < len(tokens):
            if language == "en":
                emphasis = any(
                    tuple(texts[k : k + len(m)]) == m and _small_amount(texts, k + len(m), language)
                    for m in _EN_MOCK_EMPHASIS
                    if k + len(m) < len(texts)
                )
            else:
                emphasis = token.text == "무려" and _small_amount(texts, k + 1, language)
            if emphasis:
                found.append(k)
    for k in found:
        situations[k] = bad[k] = "sadness"
        near = (tokens[k].sentence, tokens[k].sentence + 1)
        mine = [h for h in hits if _is_praise(h) and tokens[h.start].sentence in near]
        for hit in mine:
            _flip_denial(hit, "sadness")
        if not mine:
            hits.append(_Hit(k, k, _Entry(-SITUATION_VALENCE, "sadness")))


# An afterthought that takes the praise back: "... 것만 빼면요", "..., if the goal was ...".
_KO_EXCEPTION = re.compile(r"(?:빼면|빼고|빼고는|말고는|제외하면|아니면)요?$")
_EN_GOALS = frozenset({"goal", "point", "idea", "aim", "plan", "objective", "intention"})


def _afterthought(
    tokens: list[_Tok],
    language: Language,
    hits: list[_Hit],
    bad: dict[int, str],
    situations: dict[int, str],
) -> None:
    """Praise taken back by an exception or condition said after it, at the end: "하나도 안
    떨려요. 손이 계속 떨리는 것만 빼면요", "The plan was flawless, if the point was to miss the
    deadline", "The hours were great, as long as nobody wanted a weekend", "..., unless you count
    the three rollbacks". The praise is ironic. An exception said first ("야근만 빼면 다
    좋았어요") is a sincere reservation, and so is a condition with nothing bad in it ("I'm happy
    to relocate as long as the team is good")."""
    texts = [t.text for t in tokens]
    words = [k for k, t in enumerate(tokens) if not t.is_boundary]
    if len(words) < 4:
        return
    start: int | None = None
    if language == "ko":
        last = words[-1]
        if _KO_EXCEPTION.search(texts[last]) and (
            texts[last].endswith("요") or texts[last - 1].endswith("만")
        ):
            # The exception is its own sentence or the clause before its verb.
            start = max(tokens[last].s_lo, _clause_of(tokens, last - 1).start)
            span = range(start, last + 1)
            if not any(k in bad for k in span) and not any(
                h.contribution < 0 and h.start in span for h in hits
            ):
                return
    else:
        for k in words[1:]:
            if texts[k - 1] not in (",", ";"):
                continue
            ahead = texts[k : k + 6]
            if (
                (ahead[:2] == ["if", "the"] and len(ahead) > 3 and ahead[2] in _EN_GOALS)
                or ahead[:3] == ["unless", "you", "count"]
                or ahead[:4] == ["except", "for", "the", "part"]
                or (
                    ahead[:2] == ["as", "long"]
                    and any(w in ("nobody", "no", "never") or w.endswith("n't") for w in ahead[3:])
                )
            ):
                start = k
                break
    if start is None:
        return
    tag = _irony_tag(bad, situations)
    for hit in hits:
        if hit.start < start and _is_praise(hit):
            if language == "en" and any(
                texts[j] in _EN_FIRST_PERSON for j in _clause_of(tokens, hit.start)
            ):
                continue  # "I'm happy to help, as long as nobody minds": the speaker's own wish
            _flip_denial(hit, tag)


_KO_MINIMAL = ("달랑", "고작", "겨우")
_KO_TROUBLE = ("버그", "오류", "에러", "실수", "장애", "문제", "불만", "지적", "결함", "오타")
_EN_TROUBLE = frozenset(
    {
        "bug", "bugs", "error", "errors", "issue", "issues", "typo", "typos", "mistake",
        "mistakes", "defect", "defects", "incident", "incidents", "outage", "outages",
        "complaint", "complaints", "problem", "problems", "failure", "failures", "crash",
    }
)  # fmt: skip
_EN_MINIMAL_UNITS = frozenset(
    {"word", "words", "line", "lines", "sentence", "sentences", "emoji", "comment", "bullet"}
)


def _minimal(texts: list[str], k: int, language: Language) -> bool:
    """Does a minimal amount start at k: "메모 한 줄이 전부", "'좋네요' 한 마디뿐", "링크 하나가
    전부", "달랑 두 장", "a single line", "just one word", "two words"? Not a minimal count of
    something bad ("버그 한 개뿐", "only one bug"): few of those is good."""
    n = len(texts)
    if language == "ko":
        if k > 0 and texts[k - 1].startswith(_KO_TROUBLE):
            return False
        if texts[k] in _KO_MINIMAL:
            return not any(texts[j].startswith(_KO_TROUBLE) for j in range(k + 1, min(n, k + 3)))
        if texts[k].startswith("하나"):  # "링크 하나가 전부", "하나뿐이었다"
            following, after = texts[k], texts[k + 1] if k + 1 < n else ""
        elif texts[k] in ("한", "단", "딱") and k + 1 < n:
            following = texts[k + 1]
            after = texts[k + 2] if k + 2 < n else ""
        else:
            return False
        return not following.startswith(_KO_TROUBLE) and (
            bool(re.search(r"(뿐|밖에|이었|였|전부)", following))
            or after.startswith(("전부", "뿐", "밖에", "다였"))
        )
    previous = texts[k - 1] if k > 0 else ""
    ahead = texts[k + 1 : k + 3]
    if any(t in _EN_TROUBLE for t in ahead):
        return False
    if texts[k] == "single" and previous == "a":
        return True
    if texts[k] in ("one", "two", "a") and previous in _EN_MINIMISERS:
        return True
    return texts[k] in ("one", "two") and ahead[:1] != [] and ahead[0] in _EN_MINIMAL_UNITS


def _thin_praise(
    tokens: list[_Tok],
    language: Language,
    hits: list[_Hit],
    bad: dict[int, str],
    situations: dict[int, str],
) -> None:
    """Praise of thoroughness, care or generosity (lexicon kind "thorough": "꼼꼼하다",
    "자세하다", "thorough", "generous") in an utterance that says how little there was is
    ironic: "그렇게 세심한 온보딩은 처음이었어요, 위키 링크 하나가 전부였거든요", "Such a
    thorough review: a single comment, 'LGTM'." Praise of ease is not ("클릭 한 번이면 끝나서
    정말 편했어요"), nor is a minimal count of something bad ("a thorough review that found only
    one bug")."""
    texts = [t.text for t in tokens]
    thorough = [h for h in hits if h.entry.kind == "thorough" and _is_praise(h)]
    if not thorough:
        return
    minimal = [k for k in range(len(tokens)) if _minimal(texts, k, language)]
    if not minimal:
        return
    for hit in thorough:
        # The little is a fact of its own ("..., 메모 한 줄이 전부였거든요"), not what the praise
        # is said of ("가장 친절했던 분은 딱 한 분이었어요").
        if any(tokens[k].clause != tokens[hit.start].clause for k in minimal):
            hit.ironic, hit.irony_tag = True, "anger"
            bad.setdefault(minimal[0], "anger")


_EN_ADMIRE = ("admir", "lov", "appreciat", "respect")


def _en_mock_admiration(
    tokens: list[_Tok], hits: list[_Hit], bad: dict[int, str], situations: dict[int, str]
) -> None:
    """ "You have to admire a manager who books the offsite over everyone's holiday", "You've
    got to love a process that needs three sign-offs for a typo": admiration owed to someone or
    something described by what they did badly, with nothing good said of it, is mock
    admiration. "You have to admire a team that stays calm during an outage" says something good
    of it and is sincere."""
    texts = [t.text for t in tokens]
    for hit in hits:
        if not _is_praise(hit) or not texts[hit.start].startswith(_EN_ADMIRE):
            continue
        before = texts[max(0, hit.start - 4) : hit.start]
        if not (
            before[-1:] == ["to"]
            and any(w in ("you", "you've", "ya") for w in before)
            and any(w in ("have", "got", "gotta", "you've") for w in before)
        ):
            continue
        sentence = _sentence_of(tokens, hit.start)
        relative = next(
            (j for j in sentence if j > hit.end and texts[j] in ("who", "that", "which", "when")),
            None,
        )
        if relative is None:
            continue
        worse = [b for b in bad if b > relative and b in sentence]
        better = [h for h in hits if h.start > relative and h.start in sentence and h.base > 0]
        if worse and not better and not any(texts[j] in _EN_LESSON for j in sentence):
            hit.ironic, hit.irony_tag = True, _irony_tag(bad, situations)


def _ko_mock_praise(
    tokens: list[_Tok],
    hits: list[_Hit],
    bad: dict[int, str],
    situations: dict[int, str],
    members: dict[int, list[int]],
) -> None:
    """Two Korean frames of mock praise with no praise word in them. "역시 X답게" ("as you would
    expect of X") without any praise said of what X did: "역시 대기업답게 노트북 한 대 받는 데
    결재가 여섯 단계더라고요". "덕분에" ("thanks to it") followed by something bad and nothing
    good: "덕분에 주말 내내 보고서 글씨체만 바꿨죠". Both are a mild negative (anger); with a
    praise word the frame is sincere ("역시 선배답게 깔끔하게 해결하셨어요", "덕분에 많이
    배웠습니다")."""
    texts = [t.text for t in tokens]
    for sentence, span in members.items():
        words = [j for j in span if not tokens[j].is_boundary]
        mine = [h for h in hits if tokens[h.start].sentence == sentence and h.contribution]
        if any(h.contribution > 0 for h in mine):
            continue
        found: int | None = None
        if any(texts[j] == "역시" for j in words):
            found = next(
                (
                    j
                    for j in words
                    if re.search(r"(답게|답더|답네|답군|답다|답죠|다웠|다운)", texts[j])
                ),
                None,
            )
        thanks = next((j for j in words if texts[j] == "덕분에"), None)
        if found is None and thanks is not None:
            later = [b for b in bad if b > thanks and tokens[b].sentence == sentence]
            lesson = any(_ko_lesson(texts, j) for j in words if j > thanks)
            if later and not lesson and texts[words[-1]].endswith(_KO_SARCASTIC_ENDINGS):
                found = thanks
        if found is not None and not any(h.contribution < 0 for h in mine):
            hits.append(_Hit(found, found, _Entry(-SITUATION_VALENCE, _irony_tag(bad, situations))))


def _scare_quotes(
    tokens: list[_Tok],
    language: Language,
    hits: list[_Hit],
    text: str,
    bad: dict[int, str],
    situations: dict[int, str],
    lex: _Lexicons,
) -> None:
    """A short phrase in quotes that is neither a name nor a quoted sentence is the speaker
    distancing themselves from someone else's word for something: "Our 'agile' process meant six
    hours of meetings", "그 회사의 '자율 출퇴근'은 ...", "'가족 같은 회사'라고 하셨는데". It is
    ironic: praise in its sentence turns, and with none there it is a mild negative (anger). A
    technical term in quotes ("the 'outbox' table") and a name in an utterance with nothing bad in
    it ("we called it 'Project Phoenix'", "'장애 주입'이라는 기법") are not."""
    texts = [t.text for t in tokens]
    spans: list[list[int]] = []
    for k, token in enumerate(tokens):
        if token.quoted and not token.is_boundary:
            if spans and spans[-1][-1] == k - 1 and tokens[k - 1].sentence == token.sentence:
                spans[-1].append(k)
            else:
                spans.append([k])
    for span in spans:
        if len(span) > 4:
            continue
        inside = [texts[k] for k in span]
        after = text[tokens[span[-1]].end :].lstrip("'\"”’」 ")
        if language == "ko":
            technical = any(_ko_is_technical_token(t) for t in inside)
            # A quoted sentence ("'아쉽습니다' 한 줄") reports speech; its own words are not the
            # speaker's.
            speech = inside[-1].endswith(("다", "요", "죠", "까"))
            naming = bool(re.match(r"(이라는|라는|이란|란|(?:이)?라고\s*(?:불|이름))", after))
        else:
            technical = any(t in lex.en_technical for t in inside)
            speech = tokens[span[-1] + 1 : span[-1] + 2] != [] and texts[span[-1] + 1] in "?!"
            naming = any(
                texts[j] in ("called", "named", "titled", "dubbed", "call", "name")
                for j in range(max(0, span[0] - 4), span[0])
            )
        # A capitalised name in quotes ("the 'Falcon' service") names something.
        original = text[tokens[span[0]].start : tokens[span[-1]].end]
        if language == "en" and all(w[:1].isupper() for w in original.split()):
            naming = True
        sentence = tokens[span[0]].sentence
        # "'멱등성'은 ~라는 뜻입니다": a term explained in a generic present-tense sentence about
        # a system, not someone's word for what happened.
        around = _sentence_of(tokens, span[0])
        if language == "ko":
            explained = any(_ko_is_technical_token(texts[j]) for j in around) and not any(
                (parts := _decompose(ch)) is not None and parts[2] == _JONG_SS
                for j in around
                for ch in texts[j]
            )
        else:
            explained = any(texts[j] in lex.en_technical for j in around) and not any(
                texts[j] in _EN_PAST or texts[j] in _EN_IRREGULAR_PAST or texts[j].endswith("ed")
                for j in around
            )
        if technical or speech or explained or (naming and not bad):
            continue
        mine = [
            h
            for h in hits
            if tokens[h.start].sentence == sentence and h.base > 0 and h.multiplier > 0
        ]
        tag = _irony_tag(bad, situations)
        for hit in mine:
            hit.ironic, hit.irony_tag = True, tag
        if not mine and not any(
            h.contribution < 0 and tokens[h.start].sentence == sentence for h in hits
        ):
            hits.append(_Hit(span[0], span[-1], _Entry(-SITUATION_VALENCE, tag)))
            bad.setdefault(span[0], tag)


_EN_TURN = frozenset(
    {
        "but",
        "still",
        "yet",
        "though",
        "however",
        "anyway",
        "luckily",
        "fortunately",
        "thankfully",
        "eventually",
        "finally",
        "now",
        "looking",
        "ultimately",
        "overall",
        "in",
    }
)
_KO_TURN = (
    "그래도",
    "하지만",
    "그런데",
    "다행",
    "덕분",
    "결국",
    "그 덕",
    "그덕",
    "지금은",
    "이제는",
    "돌이켜",
    "지나고",
    "나중에",
)
# A silver lining, a lesson or someone's help: praise after a bad situation that is sincere.
_EN_LESSON = frozenset(
    {
        "learned",
        "learnt",
        "grew",
        "taught",
        "lesson",
        "lessons",
        "handled",
        "recovered",
        "helped",
        "managed",
        "saved",
        "pulled",
        "thanks",
        "together",
        "fixed",
        "rallied",
    }
)


def _ko_lesson(texts: list[str], j: int) -> bool:
    """A silver lining or help ("배웠다", "덕분", "함께"); "함께" only with people ("팀원들과
    함께"), not "along with" a thing ("동결 발표와 함께 피자를 돌렸다")."""
    if not texts[j].startswith(_KO_LESSON):
        return False
    if texts[j].startswith("함께") and j > 0 and texts[j - 1].endswith(("와", "과")):
        return texts[j - 1].startswith((*_KO_PEOPLE, "멘토", "선배", "다 같이", "모두"))
    return True


_KO_LESSON = (
    "배웠",
    "배운",
    "배울",
    "성장",
    "덕분",
    "교훈",
    "복구",
    "수습",
    "도와",
    "해냈",
    "이겨",
    "버텼",
    "함께",
)
# Gratitude is ironic as a comment of its own ("정말 감사한 일이었죠."), rarely inside the sentence
# that gives its reason ("주말에도 나와 줘서 정말 고마웠어요").
_SINCERE_IN_SENTENCE = ("thank", "grateful", "thankful", "appreciat", "감사", "고맙", "고마")


def _en_relished_bad(tokens: list[_Tok], hit: _Hit, bad: dict[int, str], words: list[int]) -> bool:
    """Feigned enjoyment of something bad that follows as its object: "I just adored explaining
    the same bug to three managers", "Really loved watching my work get binned", "What a thrill
    it was to learn about the reorg from a LinkedIn post". The liking is marked ("just",
    "really", "what a", or an opening "Oh,") and told of a past event (or opened by "Oh,"), and
    nothing contrasts between; a plain statement of what one likes ("I love debugging outages")
    is sincere."""
    texts = [t.text for t in tokens]
    if not texts[hit.start].startswith(_EN_RELISH):
        return False
    near = [texts[j] for j in _window_before(tokens, hit.start, 2, ())]
    opener = texts[words[0]] == "oh" if words else False
    marked = (
        opener
        or any(t in ("just", "really", "truly", "absolutely", "so") for t in near)
        or (near[:2] == ["a", "what"])
    )
    past = (
        opener or texts[hit.start].endswith("ed") or any(texts[j] in ("was", "were") for j in words)
    )
    later = [b for b in bad if b > hit.end and tokens[b].sentence == tokens[hit.start].sentence]
    if not (marked and past and later):
        return False
    lesson = any(texts[j] in _EN_LESSON for j in words)
    return not lesson and not any(
        texts[j] in _EN_CONTRAST or texts[j] in _EN_CONCESSIVE for j in range(hit.end + 1, later[0])
    )


_EN_RELISH = ("lov", "ador", "enjoy", "thrill", "delight")
_EN_OWN_FEELINGS = ("proud", "glad", "grateful", "thankful", "relieved", "excited", "happy")
_EN_IRONY_INTENSIFIERS = frozenset(
    {"what", "how", "such", "just", "real", "so", "super", "truly", "really", "totally"}
)


def _uncertainty_answered(tokens: list[_Tok], language: Language, hits: list[_Hit]) -> None:
    """ "I'm not sure, but I think it was about 200" / "확실하지는 않은데 ~였던 것 같아요": not
    knowing exactly, then answering anyway, is a hedge, not anxiety. Apologies are not."""
    unsure = [
        h
        for h in hits
        if h.contribution < 0
        and not _is_apology(tokens, h)
        and (
            h.entry.kind == "know" or (h.entry.emotion == "anxiety" and abs(h.entry.valence) <= 0.3)
        )
    ]
    if not unsure:
        return
    last = max(h.end for h in unsure)
    texts = [t.text for t in tokens[last + 1 :]]
    exactness = any(
        t.text in ("exact", "exactly", "precise", "precisely", "details", "specifics", "specific")
        or t.text.startswith(("정확", "자세", "구체", "세부"))
        for t in (tokens[k] for k in _sentence_of(tokens, last))
    )
    if exactness and len([t for t in texts if t not in _BOUNDARIES]) >= 3:
        answered = True  # "I'm not sure about the exact architecture now; it may have changed"
    elif language == "en":
        answered = (
            any(re.fullmatch(r"\d[\d.,:]*", t) or t in _EN_NUMBER_WORDS for t in texts)
            or any(t in ("around", "roughly", "approximately") for t in texts)
            or (len(texts) > 4 and any(t in ("think", "believe", "guess") for t in texts))
            or (
                len(texts) > 5
                and texts[0] in ("but", ",")
                and any(t in _EN_PAST or t in ("used", "is", "are") for t in texts)
            )
        )
    else:
        joined = " ".join(texts)
        answered = len(texts) >= 2 and (
            bool(re.search(r"\d", joined)) or any(cue in joined for cue in _KO_ANSWER_CUES)
        )
    later = [h for h in hits if h not in unsure and h.contribution < 0 and h.start > last]
    # The answer may come first: "아마 자바 17이었을 텐데, 버전은 정확히 기억나지 않습니다",
    # "It was maybe forty people, but I'm not sure".
    first = min(h.start for h in unsure)
    if not answered and not [h for h in hits if h not in unsure and h.contribution < 0]:
        before = [t.text for t in tokens[:first] if not t.is_boundary]
        joined = " " + " ".join(before) + " "
        if language == "en":
            answered = len(before) >= 3 and (
                any(re.fullmatch(r"\d[\d.,:]*", t) or t in _EN_NUMBER_WORDS for t in before)
                or any(f" {c} " in joined for c in _EN_GUESS_CUES)
            )
        else:
            answered = len(before) >= 2 and (
                bool(re.search(r"\d", joined))
                or any(
                    cue in joined for cue in (*_KO_ANSWER_CUES, "아마", "텐데", "을 거", "ㄹ 거")
                )
            )
    if answered and not later:
        for hit in unsure:
            hit.multiplier = 0.0
        # The answer is a recollected fact: "대략 30퍼센트쯤 개선됐던 것 같습니다" reports an
        # improvement, it does not celebrate it.
        sentences = {tokens[h.start].sentence for h in unsure}
        for hit in hits:
            if (
                tokens[hit.start].sentence in sentences
                and (hit.entry.descriptive or hit.entry.achievement)
                and not hit.ironic
            ):
                hit.multiplier = 0.0


_EN_NUMBER_WORDS = frozenset(
    {
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety", "hundred", "thousand", "dozen",
    }
)  # fmt: skip
_EN_GUESS_CUES = ("probably", "maybe", "i think", "i believe", "around", "roughly")


def _is_apology(tokens: list[_Tok], hit: _Hit) -> bool:
    return tokens[hit.start].text.startswith(("sorry", "apolog", "죄송", "미안"))


def _politeness(tokens: list[_Tok], language: Language, hits: list[_Hit]) -> None:
    """ "Sorry, could you repeat the question?" / "죄송한데 다시 말씀해 주시겠어요?": an apology
    that introduces a request is politeness."""
    question = any(t.text == "?" for t in tokens)
    for hit in hits:
        if not _is_apology(tokens, hit):
            continue
        near = {tokens[hit.start].sentence, tokens[hit.start].sentence + 1}
        rest = " " + " ".join(t.text for t in tokens[hit.end + 1 :] if t.sentence in near) + " "
        if language == "en":
            request = question and any(f" {' '.join(r)} " in rest for r in _EN_REQUEST)
        else:
            request = any(r in rest for r in _KO_REQUEST) or (question and "다시" in rest)
        if request and not any(
            h is not hit and h.contribution < -REQUEST_MAX_NEGATIVE for h in hits
        ):
            # "Sorry, I missed the last part. Could you repeat it?": the little slips around a
            # request to repeat are part of the politeness too.
            for other in hits:
                if other.contribution < 0:
                    other.multiplier = 0.0


def _neutral_verdict(tokens: list[_Tok], language: Language, hits: list[_Hit]) -> None:
    """ "Some things went well and some didn't; overall it was a normal quarter", "평범한
    분기였습니다": a neutral verdict at the end outweighs the details before it."""
    words = [k for k, t in enumerate(tokens) if not t.is_boundary]
    if not words:
        return
    last_sentence = tokens[words[-1]].sentence
    final = [k for k in words if tokens[k].sentence == last_sentence]
    if language == "en":
        found = [
            k
            for k in final
            if tokens[k].text in _EN_NEUTRAL_VERDICT
            and tokens[k + 1 : k + 2] != []
            and not (k + 1 < len(tokens) and tokens[k + 1].text == "case")
        ]
    else:
        found = [k for k in final if tokens[k].text.startswith(_KO_NEUTRAL_VERDICT)]
    if not found:
        return
    if any(h.start >= found[0] and h.contribution for h in hits):
        return
    for hit in hits:
        hit.multiplier *= 0.3


_KO_NEUTRAL_VERDICT = ("평범", "보통", "무난", "그저 그랬", "그저그랬", "반반")


def _normalise_score(total: float) -> float:
    score = total / math.sqrt(total * total + NORMALISATION_ALPHA)
    return round(max(-1.0, min(1.0, score)), 3)


def _emotion(score: float, hits: list[_Hit], situations: dict[int, str] | None = None) -> Emotion:
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
        # No tagged word: the situation described decides ("nobody bothered to update it").
        for tag in (situations or {}).values():
            if tag in _EMOTION_OF_TAG:
                weights[tag] = weights.get(tag, 0.0) + 0.1
    if not weights:
        return "sad"
    best = max(weights.values())
    tag = next(t for t in _TAG_PRIORITY if math.isclose(weights.get(t, -1.0), best))
    return _EMOTION_OF_TAG[tag]


_KO_SPEAKER = frozenset(
    {"제", "저", "저는", "제가", "저도", "저를", "저한테", "나", "나는", "내가", "우리", "우리는"}
)
_KO_PEOPLE = (
    "저희",
    "팀장",
    "팀원",
    "사람",
    "동료",
    "선배",
    "상사",
    "매니저",
    "회사",
    "고객",
    "리드",
)


def _emphatic_negation(tokens: list[_Tok], language: Language, hits: list[_Hit]) -> list[_Hit]:
    """Something that never happened, said with emphasis, in a clause with no feeling word: "승진
    얘기는 한 번도 나오지 않았어요", "결국 정규직 전환은 안 됐어요", "아무도 도와주지 않았다",
    "I never got any feedback, not once in a year". What was missed is what the speaker wanted
    (a mild negative: anger for "never", sadness for an outcome, anxiety for never having tried
    something oneself: "한 번도 써 본 적이 없어요"). A clause with a feeling word is left to it
    ("후회한 적은 한 번도 없습니다")."""
    texts = [t.text for t in tokens]
    technical = {
        t.sentence
        for t in tokens
        if (
            t.text in _lexicons().en_technical
            if language == "en"
            else _ko_is_technical_token(t.text)
        )
    }
    # "didn't get an answer": a word that only counts when negated (not knowing) is no feeling.
    said = [h for h in hits if h.entry.valence != 0]
    felt = {tokens[k].clause for h in said for k in range(h.start, h.end + 1)}
    # "무례하다고 느낀 적은 한 번도 없었다": the quoted feeling belongs to the next clause's verb.
    felt |= {
        tokens[h.end].clause + 1 for h in said if re.search(r"(다|라)(고|는)$", tokens[h.end].text)
    }
    felt_sentences = {tokens[h.start].sentence for h in said}
    out: list[_Hit] = []
    done: set[int] = set()
    people = {
        t.sentence
        for t in tokens
        if t.text in _KO_SPEAKER or t.text.startswith(_KO_PEOPLE) or t.text in _EN_FIRST_PERSON
    }
    for k, token in enumerate(tokens):
        # "The job never once failed", "그 API는 아무도 호출하지 않아서": a system, not a
        # grievance (unless people are in it: "아무도 제 코드를 리뷰해 주지 않았다").
        system = token.sentence in technical and token.sentence not in people
        if token.clause in done or token.clause in felt or system:
            continue
        if language == "en":
            if not (
                texts[k] in ("not", "never")
                and texts[k + 1 : k + 2] == ["once"]
                and token.sentence not in felt_sentences
            ):
                continue
            done.add(token.clause)
            out.append(_Hit(k, k + 1, _Entry(-SITUATION_VALENCE, "anger")))
            continue
        outcome = token.text.startswith(("결국", "끝내"))
        # Not "한 명도 없었다": whether nobody doing something is good depends on what it was.
        never = _ko_is_npi(tokens, k) and texts[k - 1 : k] == ["한"] and token.text != "명도"
        nobody = token.text in ("아무도", "누구도")
        if not (outcome or never or nobody):
            continue
        clause = [j for j in _clause_of(tokens, k) if j > k and not tokens[j].is_boundary]
        denial = [
            j
            for j in clause
            if texts[j] in ("안", "못")
            or re.search(r"지\s*(?:는|도)?$", texts[j])
            and j + 1 < len(texts)
            and texts[j + 1].startswith(("않", "못"))
            or (not outcome and _KO_EOP_NEGATION.match(texts[j]) and texts[j] != "없이")
        ]
        if not denial:
            continue
        tried = any(re.search(r"[아어해]\s*본$|[봐본]\s*적", texts[j]) for j in clause) or any(
            texts[j] == "본" or texts[j].startswith("본 적") for j in clause
        )
        tag = "anxiety" if tried else "sadness" if outcome else "anger"
        done.add(token.clause)
        out.append(_Hit(denial[-1], denial[-1], _Entry(-SITUATION_VALENCE, tag)))
    return out


def _analyse(text: str, lex: _Lexicons) -> tuple[str, Language, list[_Hit], dict[int, str]]:
    text = _normalise_text(text or "")
    language = detect_language(text)
    if not text.strip():
        return text, language, [], {}
    if language == "ko":
        tokens = _ko_tokens(text)
        hits = _ko_hits(tokens, lex)
        point = _ko_contrast_point(tokens)
    else:
        tokens = _en_tokens(text)
        hits = _en_hits(tokens, lex)
        point = _en_contrast_point(tokens)
    hits += _emphatic_negation(tokens, language, hits)
    situations = _situations(tokens, language, lex)
    _politeness(tokens, language, hits)
    _irony(tokens, language, lex, hits, text, situations)
    _uncertainty_answered(tokens, language, hits)
    _apply_contrast(hits, point, situations)
    _neutral_verdict(tokens, language, hits)
    return text, language, hits, situations


def lexicon_emotion(text: str, score: float) -> Emotion:
    """The emotion for `score` (from any source, e.g. Comprehend) by this lexicon's cues in the
    text: neutral inside the neutral band, happy above it, and below it the strongest of anger,
    anxiety and sadness among the negative words (sad when none is tagged)."""
    _, _, hits, situations = _analyse(text, _lexicons())
    return _emotion(score, hits, situations)


class LexiconSentimentAnalyzer:
    """Offline lexicon sentiment for Korean and English answers; see the module docstring."""

    name = "offline-lexicon-v6"

    def __init__(self) -> None:
        self._lex = _lexicons()

    def analyze(self, text: str) -> SentimentResult:
        _, language, hits, situations = _analyse(text, self._lex)
        score = _normalise_score(sum(hit.contribution for hit in hits))
        if score == 0.0:
            score = 0.0  # no "-0.0"
        return SentimentResult(
            score=score, emotion=_emotion(score, hits, situations), language=language
        )

    def analyze_many(self, texts: Sequence[str]) -> list[SentimentResult]:
        return [self.analyze(text) for text in texts]
