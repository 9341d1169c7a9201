"""Checks utterances_ko.jsonl and utterances_en.jsonl (whichever exist) in this folder (v4):
parses, ids unique and in order, exact counts met, emotion follows label.

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
FILES = {"ko": "utterances_ko.jsonl", "en": "utterances_en.jsonl"}
# exact (kind, label) counts per language: 35 positive, 34 neutral, 36 negative = 105
COUNTS = {
    ("plain", "positive"): 19,
    ("plain", "neutral"): 5,
    ("plain", "negative"): 11,
    ("sarcasm", "negative"): 12,
    ("mixed", "positive"): 9,
    ("mixed", "negative"): 9,
    ("negation", "positive"): 6,
    ("negation", "neutral"): 1,
    ("negation", "negative"): 3,
    ("hedged", "positive"): 1,
    ("hedged", "neutral"): 9,
    ("hedged", "negative"): 1,
    ("technical", "neutral"): 19,
}
PER_LANG, MIN_WORDS, MAX_WORDS = 105, 3, 38
KEYS = {"id", "language", "label", "emotion", "kind", "text"}


def words(text, lang):
    return len(text.split())


def main():
    problems, rows, lines = [], [], []
    present = [lang for lang, name in FILES.items() if (HERE / name).exists()]
    for flang in present:
        text = (HERE / FILES[flang]).read_text(encoding="utf-8")
        lines += [
            (flang, f"{FILES[flang]}:{i}", line) for i, line in enumerate(text.splitlines(), 1)
        ]
    if not present:
        problems.append("no utterances_ko.jsonl or utterances_en.jsonl")
    for flang, n, line in lines:
        if not line.strip():
            problems.append(f"{n}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{n}: {exc}")
            continue
        if set(row) != KEYS:
            problems.append(f"{n}: keys {sorted(row)}")
            continue
        lang = row["language"]
        if lang != flang:
            problems.append(f"{n}: language {lang!r} in {FILES[flang]}")
        if not re.fullmatch(rf"{flang}-v4-\d{{3}}", row["id"]):
            problems.append(f"{n}: id {row['id']!r}")
        if row["label"] not in LABELS:
            problems.append(f"{n}: label {row['label']!r}")
        elif row["emotion"] not in EMOTIONS[row["label"]]:
            problems.append(f"{n}: emotion {row['emotion']!r} with label {row['label']!r}")
        if row["kind"] not in KINDS:
            problems.append(f"{n}: kind {row['kind']!r}")
        if row["kind"] == "technical" and row["label"] != "neutral":
            problems.append(f"{n}: technical utterances are neutral")
        w = words(row["text"], lang)
        if not MIN_WORDS <= w <= MAX_WORDS:
            problems.append(f"{n}: {w} words")
        if lang == "ko" and not re.search(r"[\uac00-\ud7a3]", row["text"]):
            problems.append(f"{n}: Korean utterance without Hangul")
        rows.append(row)

    ids = Counter(r["id"] for r in rows)
    problems += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    texts = Counter(r["text"] for r in rows)
    problems += [f"duplicate text {t!r}" for t, c in texts.items() if c > 1]

    for lang in present:
        sub = [r for r in rows if r["language"] == lang]
        if [r["id"] for r in sub] != [f"{lang}-v4-{i:03d}" for i in range(1, len(sub) + 1)]:
            problems.append(f"{lang}: ids are not {lang}-v4-001.. in file order")
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
        print(f"  words:   min {min(lens, default=0)}, max {max(lens, default=0)}")
        if len(sub) != PER_LANG:
            problems.append(f"{lang}: {len(sub)} utterances, want {PER_LANG}")
        got = Counter((r["kind"], r["label"]) for r in sub)
        for key in sorted(set(COUNTS) | set(got)):
            if got[key] != COUNTS.get(key, 0):
                problems.append(f"{lang}: {key[0]}/{key[1]} {got[key]}, want {COUNTS.get(key, 0)}")

    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
