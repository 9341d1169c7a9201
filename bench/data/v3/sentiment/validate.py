"""Checks utterances.jsonl in this folder: parses, ids unique, counts met, emotion follows label.

Run from anywhere: python validate.py  (prints the counts; exits 1 on any problem).
It never runs an analyser.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = {"positive", "neutral", "negative"}
KINDS = {"plain", "sarcasm", "mixed", "negation", "hedged", "technical"}
EMOTIONS = {"positive": {"happy"}, "neutral": {"neutral"}, "negative": {"sad", "angry", "anxious"}}
MIN_PER_LANG, MIN_LABEL = 90, 25
MIN_KIND = {"sarcasm": 10, "mixed": 12, "negation": 8, "hedged": 8, "technical": 15}
KEYS = {"id", "language", "label", "emotion", "kind", "text"}


def words(text, lang):
    return len(text.split())


def main():
    problems, rows = [], []
    for n, line in enumerate(
        (HERE / "utterances.jsonl").read_text(encoding="utf-8").splitlines(), 1
    ):
        if not line.strip():
            problems.append(f"line {n}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: {exc}")
            continue
        if set(row) != KEYS:
            problems.append(f"line {n}: keys {sorted(row)}")
            continue
        lang = row["language"]
        if lang not in ("ko", "en"):
            problems.append(f"line {n}: language {lang!r}")
        if not re.fullmatch(rf"{lang}-v3-\d{{3}}", row["id"]):
            problems.append(f"line {n}: id {row['id']!r}")
        if row["label"] not in LABELS:
            problems.append(f"line {n}: label {row['label']!r}")
        elif row["emotion"] not in EMOTIONS[row["label"]]:
            problems.append(f"line {n}: emotion {row['emotion']!r} with label {row['label']!r}")
        if row["kind"] not in KINDS:
            problems.append(f"line {n}: kind {row['kind']!r}")
        if row["kind"] == "technical" and row["label"] != "neutral":
            problems.append(f"line {n}: technical utterances are neutral")
        w = words(row["text"], lang)
        if not 3 <= w <= 40:
            problems.append(f"line {n}: {w} words")
        if lang == "ko" and not re.search(r"[\uac00-\ud7a3]", row["text"]):
            problems.append(f"line {n}: Korean utterance without Hangul")
        rows.append(row)

    ids = Counter(r["id"] for r in rows)
    problems += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    texts = Counter(r["text"] for r in rows)
    problems += [f"duplicate text {t!r}" for t, c in texts.items() if c > 1]

    for lang in ("ko", "en"):
        sub = [r for r in rows if r["language"] == lang]
        labels = Counter(r["label"] for r in sub)
        kinds = Counter(r["kind"] for r in sub)
        emotions = Counter(r["emotion"] for r in sub)
        print(f"{lang}: {len(sub)} utterances")
        print(f"  label:   {dict(sorted(labels.items()))}")
        print(f"  emotion: {dict(sorted(emotions.items()))}")
        print(f"  kind:    {dict(sorted(kinds.items()))}")
        for kind in sorted(KINDS):
            by = Counter(r["label"] for r in sub if r["kind"] == kind)
            print(f"    {kind:9} {dict(sorted(by.items()))}")
        lens = [words(r["text"], lang) for r in sub]
        print(f"  words:   min {min(lens)}, max {max(lens)}")
        if len(sub) < MIN_PER_LANG:
            problems.append(f"{lang}: only {len(sub)} utterances")
        for label in sorted(LABELS):
            if labels[label] < MIN_LABEL:
                problems.append(f"{lang}: only {labels[label]} {label}")
        for kind, need in MIN_KIND.items():
            if kinds[kind] < need:
                problems.append(f"{lang}: only {kinds[kind]} {kind}")

    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
