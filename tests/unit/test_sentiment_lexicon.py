"""The offline sentiment lexicons stay general vocabulary, not phrases fitted to bench sentences.

The rules (bench/README.md, "Sentiment"):

- a word (English) or stem/lemma (Korean) entry is one word: letters only, and a Korean key is a
  root ("걱정") or a lemma in 다 ("힘들다"), never a conjugated surface form copied from a sentence
  ("힘들었습니다", "해결하려");
- a phrase is at most MAX_PHRASE_WORDS words (Korean: two eojeols, as the analyser matches them)
  and is either a blocker (valence 0: a fixed technical term such as "stress test", "최악 경우")
  or marked `"idiom": true` (a fixed expression whose meaning is not its words': "over the moon",
  "마음이 무겁다");
- no entry copies a sentence: none covers half or more of the words of any bench sentence, and at
  most a third of the phrases occur in exactly one bench sentence (the rest occur in none, as new
  general vocabulary does, or in several). Every phrase found in exactly one is an idiom or a term.

"Bench sentences" are the sets the analyser is tuned on: bench/data/utterances.jsonl,
utterances_holdout.jsonl and sentiment_tuning_v3.jsonl. The blind v3 held-out set is not read.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from interview_core.ai.sentiment import offline

ROOT = Path(__file__).resolve().parents[2]
LEXICONS = ROOT / "layers" / "core" / "interview_core" / "ai" / "sentiment"
TUNED_ON = [
    ROOT / "bench" / "data" / name
    for name in ("utterances.jsonl", "utterances_holdout.jsonl", "sentiment_tuning_v3.jsonl")
]
MAX_PHRASE_WORDS = 3
MAX_SINGLE_SENTENCE_SHARE = 1 / 3
# Endings of a conjugated word: a key ending so was copied from a sentence, not a root or lemma.
KOREAN_SURFACE_ENDINGS = (
    "습니다",
    "니다",
    "어요",
    "아요",
    "해요",
    "었다",
    "았다",
    "했다",
    "네요",
    "죠",
    "려",
    "해야",
)


def lexicon(language: str) -> dict:
    return json.loads((LEXICONS / f"lexicon_{language}.json").read_text("utf-8"))


@cache
def sentences(language: str) -> list[list[str]]:
    """The tokens of every bench sentence of `language`, as the analyser cuts them."""
    out = []
    for path in TUNED_ON:
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and (row := json.loads(line))["language"] == language:
                text = offline._normalise_text(row["text"])
                tokens = offline._en_tokens(text) if language == "en" else offline._ko_tokens(text)
                out.append([t.text for t in tokens if not t.is_boundary])
    return out


def occurs(language: str, phrase: str, words: list[str]) -> bool:
    """Does `phrase` (or a Korean stem) match inside the token list the way the analyser
    matches it?"""
    parts = phrase.split()
    if language == "en":
        return any(words[i : i + len(parts)] == parts for i in range(len(words)))
    if len(parts) == 1:  # a root inside an eojeol; a lemma in 다 in any of its forms
        forms = offline._ko_forms(phrase) if phrase.endswith("다") else {phrase}
        return any(form in word for form in forms for word in words)
    first, second = parts
    return any(
        (w == first or (w.startswith(first) and len(w) == len(first) + 1))
        and words[i + 1].startswith(second)
        for i, w in enumerate(words[:-1])
    )


def phrases(language: str) -> dict[str, dict]:
    return lexicon(language)["phrases"]


def test_english_words_are_single_words():
    for word in lexicon("en")["words"]:
        assert re.fullmatch(r"[a-z]+", word), word


def test_korean_stems_are_roots_or_lemmas():
    lex = lexicon("ko")
    for key in [*lex["stems"], *lex["start_stems"]]:
        assert re.fullmatch(r"[가-힣]+", key), key
        assert not key.endswith(KOREAN_SURFACE_ENDINGS), (
            f"{key}: a conjugated form, write the lemma in 다"
        )
        assert len(key) <= 7, key


@pytest.mark.parametrize("language", ["en", "ko"])
def test_phrases_are_short_idioms_or_technical_terms(language):
    for phrase, spec in phrases(language).items():
        words = phrase.split()
        assert 2 <= len(words) <= (MAX_PHRASE_WORDS if language == "en" else 2), phrase
        assert spec["v"] == 0 or spec.get("idiom") is True, (
            f"{phrase}: a phrase with a valence must be an idiom"
        )


@pytest.mark.parametrize("language", ["en", "ko"])
def test_no_entry_is_copied_from_a_bench_sentence(language):
    lex = lexicon(language)
    entries = list(lex["phrases"])
    if language == "ko":  # long roots could hide a copied fragment too ("해결하려")
        entries += [k for k in lex["stems"] if len(k.removesuffix("다")) >= 4]
    for sentence in sentences(language):
        for entry in entries:
            copied = 2 * len(entry.split()) >= len(sentence) and occurs(language, entry, sentence)
            assert not copied, f"{entry!r} covers half of a bench sentence: {' '.join(sentence)}"
    counts = {p: sum(occurs(language, p, s) for s in sentences(language)) for p in lex["phrases"]}
    single = sorted(p for p, n in counts.items() if n == 1)
    for phrase in single:
        spec = lex["phrases"][phrase]
        assert spec["v"] == 0 or spec.get("idiom") is True, phrase
    assert len(single) <= MAX_SINGLE_SENTENCE_SHARE * len(counts), (
        f"{len(single)} of {len(counts)} {language} phrases occur in exactly one bench sentence: "
        f"prefer general words and rules to phrases ({single})"
    )


@pytest.mark.parametrize("language", ["en", "ko"])
def test_situation_and_irony_cues_are_short(language):
    lex = lexicon(language)
    for cue in [*lex["situation"], *lex["irony"]]:
        assert 1 <= len(cue.split()) <= MAX_PHRASE_WORDS, cue


def test_korean_lemmas_are_matched_in_their_conjugated_forms():
    forms = offline._ko_forms
    assert {"힘들", "힘든", "힘듭", "힘드"} <= forms("힘들다")
    assert {"어렵", "어려워", "어려웠", "어려운", "어려울"} <= forms("어렵다")
    assert {"기쁘", "기뻐", "기뻤", "기쁜", "기쁩"} <= forms("기쁘다")
    assert {"몰라", "몰랐", "모르", "모른"} <= forms("모르다")
    assert {"지쳐", "지쳤", "지친"} <= forms("지치다")
    assert {"아파", "아팠"} <= forms("아프다")
    analyzer = offline.LexiconSentimentAnalyzer()
    for text in (
        "정말 힘들었어요.",
        "너무 힘들어서 그만두고 싶었어요.",
        "힘든 시간이었습니다.",
        "일이 힘듭니다.",
        "문제가 어려웠습니다.",
        "그때는 정말 슬펐어요.",
    ):
        assert analyzer.analyze(text).score < -offline.NEUTRAL_BAND, text
