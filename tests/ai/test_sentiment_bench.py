"""The offline sentiment analyser on the labeled utterances of bench/data (the same figures as
`python -m bench.sentiment_bench`): a regression below a split's target fails here.

Splits: the v2 sets ("tuning", "held-out"), the v3 tuning set ("tuning v3"), the v3 to v6
held-out sets ("held-out v3" .. "held-out v6", each written blind, measured once, then tuned on)
and the blind v7 set ("held-out v7", written blind by other authors, measured once against
offline-lexicon-v6, never tuned on; the bench calls it BLIND and lists its errors only on
request). bench/README.md says how each was written and what each target is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest
from interview_core.ai.sentiment.offline import LexiconSentimentAnalyzer

from bench.sentiment_bench import (
    BLIND,
    KINDS,
    LABELS,
    LANGUAGES,
    SETS,
    TARGETS,
    load,
    macro_f1,
    run,
)

# Accuracy on the sarcastic and on the mixed utterances of held-out v7, per language: what
# offline-lexicon-v6 measured on its one blind run (bench/README.md: ko 6/12 and 15/18, en 4/12
# and 13/18) less about one utterance. Low on purpose: they record that state, not a goal.
BLIND_KIND_FLOORS = {
    "ko": {"sarcasm": 0.41, "mixed": 0.77},
    "en": {"sarcasm": 0.25, "mixed": 0.66},
}


@pytest.fixture(scope="module")
def report():
    return run(LexiconSentimentAnalyzer(), with_timing=False)


def test_the_labeled_data_is_large_and_balanced_enough():
    rows = load()
    assert len({r.id for r in rows}) == len(rows)
    for language in LANGUAGES:
        mine = [r for r in rows if r.language == language]
        v2 = [r for r in mine if r.split in ("tuning", "held-out")]
        assert len(v2) >= 100, language
        assert 0.25 <= sum(r.split == "held-out" for r in v2) / len(v2) <= 0.4, language
        for split in SETS:
            labels = Counter(r.label for r in mine if r.split == split)
            assert set(labels) == set(LABELS) and min(labels.values()) >= 10, (
                language,
                split,
                labels,
            )
        for split, size in (("tuning v3", 60), (BLIND, 90)):
            of_split = [r for r in mine if r.split == split]
            assert len(of_split) >= size, (language, split)
            # Written to cover the hard cases, and labelled with the kind of each.
            assert {r.kind for r in of_split} == set(KINDS), (language, split)
            assert all(r.label == "neutral" for r in of_split if r.kind == "technical")
    for r in rows:
        assert r.label in LABELS and r.emotion in ("happy", "neutral", "sad", "angry", "anxious")
        # The labelling convention the analysers follow: the emotion agrees with the polarity.
        assert (r.label == "positive") == (r.emotion == "happy"), r.id
        assert (r.label == "neutral") == (r.emotion == "neutral"), r.id
        assert len(r.text.split()) >= 3, r.id  # utterances, not isolated words


def test_no_tuning_sentence_is_a_held_out_one():
    rows = load()
    tuned = {r.text for r in rows if r.split != BLIND}
    assert not [r.id for r in rows if r.split == BLIND and r.text in tuned]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("split", [*TARGETS])
def test_macro_f1_meets_the_target_and_beats_the_majority_baseline(report, language, split):
    figures = report["languages"][language][split]
    assert figures["macro_f1"] >= TARGETS[split][language], figures
    if split in ("tuning", "held-out"):  # as in v2
        assert figures["accuracy"] >= TARGETS[split][language], figures
    assert figures["macro_f1"] > figures["baseline_macro_f1"] + 0.4, figures
    assert figures["language_detected"] == 1.0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_v2_sets_together_still_meet_their_target(report, language):
    figures = report["languages"][language]["all"]
    target = TARGETS["held-out"][language]
    assert figures["macro_f1"] >= target and figures["accuracy"] >= target, figures


@pytest.mark.parametrize("language", LANGUAGES)
def test_sarcasm_and_mixed_utterances_of_the_blind_set(report, language):
    kinds = report["languages"][language][BLIND]["kinds"]
    for kind, floor in BLIND_KIND_FLOORS[language].items():
        assert kinds[kind]["n"] >= 10
        assert kinds[kind]["accuracy"] >= floor, (kind, kinds[kind])


@pytest.mark.parametrize("language", LANGUAGES)
def test_negative_emotions_are_mostly_right(report, language):
    figures = report["languages"][language]["all"]
    assert figures["negative_emotion_accuracy"] >= 0.75, figures


def test_blind_set_errors_are_not_listed_unless_asked(report):
    assert not [e for e in report["errors"] if e["split"] == BLIND]
    assert report["errors_not_listed"][BLIND] >= 0


def test_macro_f1_is_the_usual_definition():
    gold = ["positive", "positive", "neutral", "negative"]
    assert macro_f1(gold, gold) == 1.0
    # positive: p 1, r 1/2 -> F1 2/3; neutral: p 1/3, r 1 -> F1 1/2; negative: 0
    assert macro_f1(gold, ["positive", "neutral", "neutral", "neutral"]) == pytest.approx(
        (2 / 3 + 1 / 2 + 0) / 3
    )
    assert macro_f1(gold, ["positive"] * 4) == pytest.approx((2 * 0.5 * 1 / 1.5) / 3)


def test_the_bench_runs_and_gives_the_same_figures_in_a_fresh_process(report):
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    out = subprocess.run(
        [sys.executable, "-m", "bench.sentiment_bench", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    fresh = json.loads(out.stdout)
    assert fresh["languages"] == report["languages"]
    assert fresh["analyzer"] == "offline-lexicon-v6"
    assert out.returncode == 0, out.stderr
