#!/usr/bin/env python3
"""Check the v7 sentiment held-out set (plain Python, no analyser).

Parses whichever of utterances_ko.jsonl / utterances_en.jsonl exist next to this
file and checks: fields, ids unique and numbered 001..105 in file order, texts
unique, exact per-kind/label counts, emotion follows label, technical is neutral,
sarcasm is negative, mixed is never neutral, lengths 3-38 words (Korean counted
in eojeol, i.e. whitespace-separated tokens). Prints counts; exits 1 on a problem.
"""

import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ("ko", "en")
LABELS = ("positive", "neutral", "negative")
KINDS = ("plain", "sarcasm", "mixed", "negation", "hedged", "technical")
EMOTIONS = {
    "positive": {"happy"},
    "neutral": {"neutral"},
    "negative": {"sad", "angry", "anxious"},
}
EXPECTED = {  # kind -> (positive, neutral, negative)
    "plain": (19, 5, 11),
    "sarcasm": (0, 0, 12),
    "mixed": (9, 0, 9),
    "negation": (6, 1, 3),
    "hedged": (1, 9, 1),
    "technical": (0, 19, 0),
}
TOTAL = 105
FIELDS = ("id", "language", "label", "emotion", "kind", "text")
MIN_WORDS, MAX_WORDS = 3, 38


def check_file(lang, path, all_texts):
    problems = []
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                problems.append(f"{lang}: line {lineno}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{lang}: line {lineno}: bad JSON ({exc})")
                continue
            if not isinstance(obj, dict):
                problems.append(f"{lang}: line {lineno}: not an object")
                continue
            rows.append((lineno, obj))

    seen_ids = set()
    seen_texts = set()
    for n, (lineno, obj) in enumerate(rows, 1):
        where = f"{lang}: line {lineno}"
        missing = [k for k in FIELDS if k not in obj]
        extra = [k for k in obj if k not in FIELDS]
        if missing:
            problems.append(f"{where}: missing fields {missing}")
            continue
        if extra:
            problems.append(f"{where}: unexpected fields {extra}")
        if not all(isinstance(obj[k], str) for k in FIELDS):
            problems.append(f"{where}: every field must be a string")
            continue
        want_id = f"{lang}-v7-{n:03d}"
        if obj["id"] != want_id:
            problems.append(f"{where}: id {obj['id']!r}, expected {want_id!r}")
        if obj["id"] in seen_ids:
            problems.append(f"{where}: duplicate id {obj['id']!r}")
        seen_ids.add(obj["id"])
        if obj["language"] != lang:
            problems.append(f"{where}: language {obj['language']!r}, expected {lang!r}")
        label, emotion, kind = obj["label"], obj["emotion"], obj["kind"]
        if label not in LABELS:
            problems.append(f"{where}: bad label {label!r}")
        elif emotion not in EMOTIONS[label]:
            problems.append(f"{where}: emotion {emotion!r} does not follow label {label!r}")
        if kind not in KINDS:
            problems.append(f"{where}: bad kind {kind!r}")
        if kind == "technical" and label != "neutral":
            problems.append(f"{where}: technical must be neutral")
        if kind == "sarcasm" and label != "negative":
            problems.append(f"{where}: sarcasm must be negative")
        if kind == "mixed" and label == "neutral":
            problems.append(f"{where}: mixed must not be neutral")
        text = obj["text"]
        if text != text.strip() or not text:
            problems.append(f"{where}: empty text or surrounding whitespace")
        norm = " ".join(text.split())
        if norm in seen_texts:
            problems.append(f"{where}: duplicate text")
        seen_texts.add(norm)
        if norm in all_texts:
            problems.append(f"{where}: text also appears in {all_texts[norm]}")
        all_texts.setdefault(norm, lang)
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append(f"{where}: {words} words, outside {MIN_WORDS}-{MAX_WORDS}")

    objs = [o for _, o in rows]
    if len(objs) != TOTAL:
        problems.append(f"{lang}: {len(objs)} lines, expected {TOTAL}")
    cell = Counter((o.get("kind"), o.get("label")) for o in objs)
    for kind, wants in EXPECTED.items():
        for label, want in zip(LABELS, wants):
            if cell[(kind, label)] != want:
                problems.append(f"{lang}: {kind}/{label} = {cell[(kind, label)]}, expected {want}")

    # report
    labels = Counter(o.get("label") for o in objs)
    emotions = Counter(o.get("emotion") for o in objs)
    lengths = [len(o.get("text", "").split()) for o in objs]
    unit = "eojeol" if lang == "ko" else "words"
    print(f"[{lang}] {os.path.basename(path)}: {len(objs)} utterances")
    print("  labels: " + ", ".join(f"{l} {labels[l]}" for l in LABELS))
    print(
        "  emotions: "
        + ", ".join(f"{e} {emotions[e]}" for e in ("happy", "neutral", "sad", "angry", "anxious"))
    )
    print(f"  {'kind':<10} {'pos':>4} {'neu':>4} {'neg':>4}")
    for kind in KINDS:
        print(f"  {kind:<10} " + " ".join(f"{cell[(kind, l)]:>4}" for l in LABELS))
    if lengths:
        print(
            f"  length ({unit}): min {min(lengths)}, max {max(lengths)}, "
            f"mean {sum(lengths) / len(lengths):.1f}"
        )
    return problems


def main():
    problems = []
    found = 0
    all_texts = {}
    for lang in LANGS:
        path = os.path.join(HERE, f"utterances_{lang}.jsonl")
        if os.path.exists(path):
            found += 1
            problems += check_file(lang, path, all_texts)
    if not found:
        problems.append("no utterances_ko.jsonl or utterances_en.jsonl found")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  - " + p)
        return 1
    print(f"\nOK: {found} file(s) valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
