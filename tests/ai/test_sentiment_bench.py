"""The offline sentiment analyser on the labeled utterances of bench/data (the same figures as
`python -m bench.sentiment_bench`): a regression below the target fails here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest
from interview_core.ai.sentiment.offline import LexiconSentimentAnalyzer

from bench.sentiment_bench import LABELS, LANGUAGES, SETS, TARGET_MACRO_F1, load, macro_f1, run


@pytest.fixture(scope="module")
def report():
    return run(LexiconSentimentAnalyzer(), with_timing=False)


def test_the_labeled_data_is_large_and_balanced_enough():
    rows = load()
    assert len(rows) >= 200
    assert len({r.id for r in rows}) == len(rows)
    for language in LANGUAGES:
        mine = [r for r in rows if r.language == language]
        assert len(mine) >= 100, language
        held_out = [r for r in mine if r.split == "held-out"]
        assert 0.25 <= len(held_out) / len(mine) <= 0.4, language
        for split in SETS:
            labels = Counter(r.label for r in mine if r.split == split)
            assert set(labels) == set(LABELS) and min(labels.values()) >= 10, (language, split, labels)
    for r in rows:
        assert r.label in LABELS and r.emotion in ("happy", "neutral", "sad", "angry", "anxious")
        # The labelling convention the analysers follow: the emotion agrees with the polarity.
        assert (r.label == "positive") == (r.emotion == "happy"), r.id
        assert (r.label == "neutral") == (r.emotion == "neutral"), r.id
        assert len(r.text.split()) >= 3, r.id  # utterances, not isolated words


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("split", ["all", *SETS])
def test_macro_f1_meets_the_target_and_beats_the_majority_baseline(report, language, split):
    figures = report["languages"][language][split]
    assert figures["macro_f1"] >= TARGET_MACRO_F1, figures
    assert figures["accuracy"] >= TARGET_MACRO_F1, figures
    assert figures["macro_f1"] > figures["baseline_macro_f1"] + 0.4, figures
    assert figures["language_detected"] == 1.0


@pytest.mark.parametrize("language", LANGUAGES)
def test_negative_emotions_are_mostly_right(report, language):
    figures = report["languages"][language]["all"]
    assert figures["negative_emotion_accuracy"] >= 0.75, figures


def test_macro_f1_is_the_usual_definition():
    gold = ["positive", "positive", "neutral", "negative"]
    assert macro_f1(gold, gold) == 1.0
    # positive: p 1, r 1/2 -> F1 2/3; neutral: p 1/3, r 1 -> F1 1/2; negative: 0
    assert macro_f1(gold, ["positive", "neutral", "neutral", "neutral"]) == pytest.approx((2 / 3 + 1 / 2 + 0) / 3)
    assert macro_f1(gold, ["positive"] * 4) == pytest.approx((2 * 0.5 * 1 / 1.5) / 3)


def test_the_bench_runs_and_gives_the_same_figures_in_a_fresh_process(report):
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    out = subprocess.run([sys.executable, "-m", "bench.sentiment_bench", "--json"], capture_output=True,
                         text=True, env=env, check=True, timeout=120)
    fresh = json.loads(out.stdout)
    assert fresh["languages"] == report["languages"]
    assert fresh["analyzer"] == "offline-lexicon-v2"
