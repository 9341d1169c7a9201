"""How well the sentiment analyser labels interview utterances, per language.

Run from the repository root:  .venv/bin/python -m bench.sentiment_bench  [-v] [--json]

Reads five sets of Korean and English interview utterances labelled positive / neutral /
negative with an emotion (happy, neutral, sad, angry, anxious):

- bench/data/utterances.jsonl ("tuning") and bench/data/utterances_holdout.jsonl ("held-out"):
  the v2 sets, written by the engineer who tuned v1/v2;
- bench/data/sentiment_tuning_v3.jsonl ("tuning v3"): written for v3 (sarcasm, mixed, negation,
  hedged and technical sentences, with a "kind"), and tuned on;
- bench/data/v3/sentiment/utterances.jsonl ("held-out v3"): written blind by another author,
  measured once against offline-lexicon-v3, then tuned on for v4 (now tuning data);
- bench/data/v4/sentiment/utterances_{ko,en}.jsonl ("held-out v4") and
  bench/data/v5/sentiment/utterances_{ko,en}.jsonl ("held-out v5"): written blind by other
  authors, each measured once (v4 against offline-lexicon-v4's tuning, v5 against
  offline-lexicon-v4), then tuned on for v5 (tuning data now);
- bench/data/v6/sentiment/utterances_{ko,en}.jsonl ("held-out v6"): written blind by two other
  authors before the v5 work (its README), measured once against offline-lexicon-v5, then tuned
  on for offline-lexicon-v6, so tuning data now like the sets above;
- bench/data/v7/sentiment/utterances_{ko,en}.jsonl ("held-out v7"): written blind by two other
  authors before offline-lexicon-v6 was tuned, measured once against it, never tuned on. Its
  wrong utterances are never listed unless asked for with --show-held-out-errors: reading them
  ends its use as a held-out set (the code calls it BLIND).

The analyser measured is offline-lexicon-v6 (its name is printed first).

A score above NEUTRAL_BAND counts as positive, below -NEUTRAL_BAND as negative. Prints per
language and split:

- accuracy and macro-F1 of the polarity, against each split's target (TARGETS; GOALS for a goal
  not reached yet), next to a
  majority-class baseline (the most frequent label of the matching tuning split, per language)
  computed in the same run, which an analyser has to beat;
- for the splits whose utterances carry a "kind", the accuracy on sarcasm and on mixed ones (and
  in the JSON on every kind);
- the emotion accuracy (all five emotions; emotion follows polarity, so this is at most the
  polarity accuracy) and, among negative utterances read as negative, whether sad / angry /
  anxious was right;
- a confusion matrix (rows: label, columns: prediction);
- timing as a ratio against `detect_language` on the same texts, in the same run.

With --analyzer comprehend the analyser of SENTIMENT_PROVIDER=comprehend is measured instead
(needs AWS credentials and network; each utterance is one DetectSentiment call).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_core.ai.sentiment.offline import (
    NEUTRAL_BAND,
    LexiconSentimentAnalyzer,
    SentimentResult,
    detect_language,
)

DATA = Path(__file__).parent / "data"
SETS = {
    "tuning": DATA / "utterances.jsonl",
    "held-out": DATA / "utterances_holdout.jsonl",
    "tuning v3": DATA / "sentiment_tuning_v3.jsonl",
    "held-out v3": DATA / "v3" / "sentiment" / "utterances.jsonl",
    "held-out v4": (
        DATA / "v4" / "sentiment" / "utterances_ko.jsonl",
        DATA / "v4" / "sentiment" / "utterances_en.jsonl",
    ),
    "held-out v5": (
        DATA / "v5" / "sentiment" / "utterances_ko.jsonl",
        DATA / "v5" / "sentiment" / "utterances_en.jsonl",
    ),
    "held-out v6": (
        DATA / "v6" / "sentiment" / "utterances_ko.jsonl",
        DATA / "v6" / "sentiment" / "utterances_en.jsonl",
    ),
    "held-out v7": (
        DATA / "v7" / "sentiment" / "utterances_ko.jsonl",
        DATA / "v7" / "sentiment" / "utterances_en.jsonl",
    ),
}
# The tuning split whose majority label is each split's baseline.
BASELINE_OF = {
    "tuning": "tuning",
    "held-out": "tuning",
    "tuning v3": "tuning v3",
    "held-out v3": "tuning v3",
    "held-out v4": "tuning v3",
    "held-out v5": "tuning v3",
    "held-out v6": "tuning v3",
    "held-out v7": "tuning v3",
}
BLIND = "held-out v7"  # never tuned on; its errors are listed only on request
LABELS = ("positive", "neutral", "negative")
EMOTIONS = ("happy", "neutral", "sad", "angry", "anxious")
LANGUAGES = ("ko", "en")
KINDS = ("plain", "sarcasm", "mixed", "negation", "hedged", "technical")
TARGET_MACRO_F1 = 0.75  # the v2 splits and tuning v3, in each language
# The macro-F1 each split must reach in each language (the exit status and the tests use these).
# held-out v3: offline-lexicon-v3 measured 0.801 (ko) and 0.814 (en) on its one blind run; v4 was
# then tuned on it (0.860, 0.854), so it is tuning data now and its target that figure less 0.02.
# held-out v4: the goal is GOALS; offline-lexicon-v4 measured 0.750 (ko) and 0.777 (en) on its one
# run, short of it. held-out v5: offline-lexicon-v4 measured 0.766 (ko) and 0.865 (en) on its
# one run. v5 was then tuned on held-out v3, v4 and v5, so they are tuning data now and their
# targets what offline-lexicon-v5 measures less 0.02 (bench/README.md). held-out v6: measured
# once against offline-lexicon-v5, 0.837 (ko) and 0.879 (en); the target is that less 0.02.
# held-out v7: written blind before offline-lexicon-v6 was tuned (on v3-v6) and measured once
# against it, 0.836 (ko) and 0.848 (en) (offline-lexicon-v5 beside it: 0.806, 0.837); the target
# is that less 0.02.
TARGETS = {
    "tuning": {"ko": TARGET_MACRO_F1, "en": TARGET_MACRO_F1},
    "held-out": {"ko": TARGET_MACRO_F1, "en": TARGET_MACRO_F1},
    "tuning v3": {"ko": TARGET_MACRO_F1, "en": TARGET_MACRO_F1},
    "held-out v3": {"ko": 0.93, "en": 0.91},
    "held-out v4": {"ko": 0.96, "en": 0.90},
    "held-out v5": {"ko": 0.93, "en": 0.95},
    "held-out v6": {"ko": 0.81, "en": 0.85},
    "held-out v7": {"ko": 0.81, "en": 0.82},
}
GOALS = {"held-out v7": 0.85}


@dataclass(frozen=True)
class Utterance:
    id: str
    split: str
    language: str
    label: str
    emotion: str
    text: str
    kind: str | None = None


def load(split: str | None = None) -> list[Utterance]:
    """Every utterance of every set (or of one). A blind utterance whose text an earlier set
    already has (two common sentences its authors wrote independently) is left out of the blind
    set: it has been tuned on."""
    rows: list[Utterance] = []
    for name, path in SETS.items():
        for file in path if isinstance(path, tuple) else (path,):
            for line in file.read_text("utf-8").splitlines():
                if line.strip():
                    rows.append(Utterance(split=name, **json.loads(line)))
    tuned = {r.text for r in rows if r.split != BLIND}
    rows = [r for r in rows if r.split != BLIND or r.text not in tuned]
    return [r for r in rows if split is None or r.split == split]


def polarity(score: float) -> str:
    if score > NEUTRAL_BAND:
        return "positive"
    if score < -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def macro_f1(gold: list[str], predicted: list[str], labels: tuple[str, ...] = LABELS) -> float:
    """Unweighted mean of the per-label F1 over `labels` (a label never predicted nor present
    scores 0, as in scikit-learn with zero_division=0)."""
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def accuracy(gold: list[str], predicted: list[str]) -> float:
    return (
        sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold) if gold else 0.0
    )


def confusion(gold: list[str], predicted: list[str]) -> dict[str, dict[str, int]]:
    counts = Counter(zip(gold, predicted, strict=True))
    return {g: {p: counts[(g, p)] for p in LABELS} for g in LABELS}


def majority_label(rows: list[Utterance]) -> str:
    counts = Counter(r.label for r in rows)
    return max(LABELS, key=lambda label: (counts[label], -LABELS.index(label)))


def analyse(analyzer: Any, rows: list[Utterance]) -> dict[str, SentimentResult]:
    return dict(
        zip((r.id for r in rows), analyzer.analyze_many([r.text for r in rows]), strict=True)
    )


def figures(
    rows: list[Utterance], results: dict[str, SentimentResult], majority: str
) -> dict[str, Any]:
    gold = [r.label for r in rows]
    predicted = [polarity(results[r.id].score) for r in rows]
    baseline = [majority] * len(rows)
    negatives = [
        r for r in rows if r.label == "negative" and polarity(results[r.id].score) == "negative"
    ]
    kinds = {
        kind: {
            "n": len(mine),
            "accuracy": round(
                accuracy([r.label for r in mine], [polarity(results[r.id].score) for r in mine]), 3
            ),
        }
        for kind in KINDS
        if (mine := [r for r in rows if r.kind == kind])
    }
    return {
        "n": len(rows),
        "labels": dict(Counter(gold)),
        "accuracy": round(accuracy(gold, predicted), 3),
        "macro_f1": round(macro_f1(gold, predicted), 3),
        "baseline_accuracy": round(accuracy(gold, baseline), 3),
        "baseline_macro_f1": round(macro_f1(gold, baseline), 3),
        "emotion_accuracy": round(
            accuracy([r.emotion for r in rows], [results[r.id].emotion for r in rows]), 3
        ),
        "negative_emotion_accuracy": round(
            accuracy([r.emotion for r in negatives], [results[r.id].emotion for r in negatives]), 3
        ),
        "negative_emotion_n": len(negatives),
        "language_detected": round(
            sum(1 for r in rows if results[r.id].language == r.language) / len(rows), 3
        ),
        "confusion": confusion(gold, predicted),
        "majority_label": majority,
        "kinds": kinds,
    }


def timing_ratio(analyzer: Any, rows: list[Utterance], repeat: int = 5) -> float:
    """Seconds to analyse every text / seconds to detect the language of every text."""
    texts = [r.text for r in rows]

    def clock(fn: Any) -> float:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            for text in texts:
                fn(text)
            best = min(best, time.perf_counter() - start)
        return best

    return round(clock(analyzer.analyze) / max(clock(detect_language), 1e-9), 1)


def run(
    analyzer: Any, *, with_timing: bool = True, held_out_errors: bool = False
) -> dict[str, Any]:
    rows = load()
    results = analyse(analyzer, rows)
    report: dict[str, Any] = {
        "analyzer": analyzer.name,
        "target_macro_f1": TARGET_MACRO_F1,
        "targets": TARGETS,
        "goals": GOALS,
        "languages": {},
    }
    for language in LANGUAGES:
        mine = [r for r in rows if r.language == language]
        majorities = {
            split: majority_label([r for r in mine if r.split == BASELINE_OF[split]])
            for split in SETS
        }
        # "all": the v2 sets together, as the v2 bench reported them.
        v2 = [r for r in mine if r.split in ("tuning", "held-out")]
        per_split = {"all": figures(v2, results, majorities["tuning"])}
        for split in SETS:
            per_split[split] = figures(
                [r for r in mine if r.split == split], results, majorities[split]
            )
        report["languages"][language] = per_split
    report["errors"] = [
        {
            "id": r.id,
            "split": r.split,
            "label": r.label,
            "emotion": r.emotion,
            "score": results[r.id].score,
            "predicted_emotion": results[r.id].emotion,
            "text": r.text,
        }
        for r in rows
        if (polarity(results[r.id].score) != r.label or results[r.id].emotion != r.emotion)
        and (r.split != BLIND or held_out_errors)
    ]
    report["errors_not_listed"] = {
        BLIND: 0
        if held_out_errors
        else sum(
            1
            for r in rows
            if r.split == BLIND
            and (polarity(results[r.id].score) != r.label or results[r.id].emotion != r.emotion)
        )
    }
    if hasattr(analyzer, "fallbacks"):  # Comprehend: texts the offline analyser scored instead
        report["fallbacks"] = analyzer.fallbacks
    if with_timing:
        report["timing_vs_detect_language"] = timing_ratio(analyzer, rows)
    return report


def print_report(report: dict[str, Any], *, verbose: bool) -> None:
    print(f"Sentiment bench: {report['analyzer']}  (macro-F1 targets per split and language below)")
    for language, per_split in report["languages"].items():
        baselines = ", ".join(
            f"{split} '{per_split[split]['majority_label']}'" for split in ("tuning", "tuning v3")
        )
        print(f"\n[{language}]  majority-class baseline predicts {baselines}")
        print(
            f"  {'split':11} {'n':>4} {'acc':>6} {'macro-F1':>9} {'target':>7} {'base acc':>9} "
            f"{'base F1':>8}"
            f" {'emotion':>8} {'neg emo':>8} {'sarcasm':>8} {'mixed':>6}"
        )
        for split, f in per_split.items():
            label = "all v2" if split == "all" else split
            target = (
                f"{report['targets'][split][language]:7.2f}"
                if split in report["targets"]
                else f"{'':7}"
            )
            kinds = f["kinds"]
            sarcasm = f"{kinds['sarcasm']['accuracy']:8.3f}" if "sarcasm" in kinds else f"{'-':>8}"
            mixed = f"{kinds['mixed']['accuracy']:6.3f}" if "mixed" in kinds else f"{'-':>6}"
            print(
                f"  {label:11} {f['n']:4d} {f['accuracy']:6.3f} {f['macro_f1']:9.3f} {target}"
                f" {f['baseline_accuracy']:9.3f} {f['baseline_macro_f1']:8.3f}"
                f" {f['emotion_accuracy']:8.3f} {f['negative_emotion_accuracy']:8.3f} {sarcasm} "
                f"{mixed}"
            )
        matrix = per_split["all"]["confusion"]
        print("  confusion (all v2; rows = label, columns = prediction)")
        print(f"    {'':9}" + "".join(f"{p:>10}" for p in LABELS))
        for gold in LABELS:
            print(f"    {gold:9}" + "".join(f"{matrix[gold][p]:>10d}" for p in LABELS))
        print(f"  language detected right: {per_split['all']['language_detected']:.3f}")
        for split, goal in report["goals"].items():
            reached = "reached" if per_split[split]["macro_f1"] >= goal else "not reached"
            print(
                f"  goal for {split}: macro-F1 >= {goal}: {reached} "
                f"({per_split[split]['macro_f1']:.3f})"
            )
            kinds = per_split[split]["kinds"]
            print(
                f"  {split} by kind: "
                + ", ".join(
                    f"{kind} {round(f['accuracy'] * f['n'])}/{f['n']}" for kind, f in kinds.items()
                )
            )
    if "timing_vs_detect_language" in report:
        print(
            f"\ntiming: {report['timing_vs_detect_language']}x the time of detect_language on the "
            f"same texts"
        )
    if "fallbacks" in report:
        print(f"texts scored by the offline fallback instead: {report['fallbacks']}")
    hidden = report["errors_not_listed"][BLIND]
    print(
        f"utterances with a wrong polarity or emotion: {len(report['errors']) + hidden}"
        + (f" ({hidden} of {BLIND} not listed: --show-held-out-errors)" if hidden else "")
    )
    if verbose:
        for e in report["errors"]:
            print(
                f"  {e['id']:9} {e['split']:8} {e['label']}/{e['emotion']} -> {e['score']:+.3f}/"
                f"{e['predicted_emotion']}  {e['text']}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong utterance")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--analyzer", choices=("offline", "comprehend"), default="offline")
    parser.add_argument(
        "--show-held-out-errors",
        action="store_true",
        help=f"also list the wrong utterances of {BLIND} (this ends its use as a held-out set)",
    )
    args = parser.parse_args(argv)
    if args.analyzer == "comprehend":
        from interview_core.ai.sentiment.comprehend import ComprehendSentimentAnalyzer

        analyzer: Any = ComprehendSentimentAnalyzer()
    else:
        analyzer = LexiconSentimentAnalyzer()
    report = run(
        analyzer, with_timing=args.analyzer == "offline", held_out_errors=args.show_held_out_errors
    )
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_report(report, verbose=args.verbose)
    below = [
        (language, split)
        for language, per_split in report["languages"].items()
        for split, target in TARGETS.items()
        if per_split[split]["macro_f1"] < target[language]
    ]
    for language, split in below:
        print(f"below target: {language} {split}", file=sys.stderr)
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
