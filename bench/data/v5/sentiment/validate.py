#!/usr/bin/env python3
"""Structural check of the blind sentiment set v5 (no analyser involved).

Parses whichever of utterances_ko.jsonl / utterances_en.jsonl exist next to this
file and checks: required fields, ids unique and numbered 001..105 in file order,
texts unique, language field, label/emotion/kind vocabularies, emotion follows
label, technical is neutral, exact per-language counts by kind x label, and
length 3-38 words (Korean counted in eojeol, i.e. whitespace-separated chunks).
Prints counts; exits 1 if any problem is found.
"""

import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ("ko", "en")
FIELDS = ("id", "language", "label", "emotion", "kind", "text")
LABELS = ("positive", "neutral", "negative")
KINDS = ("plain", "sarcasm", "mixed", "negation", "hedged", "technical")
EMOTIONS = {
    "positive": {"happy"},
    "neutral": {"neutral"},
    "negative": {"sad", "angry", "anxious"},
}
# expected[kind] = (positive, neutral, negative)
EXPECTED = {
    "plain": (19, 5, 11),
    "sarcasm": (0, 0, 12),
    "mixed": (9, 0, 9),
    "negation": (6, 1, 3),
    "hedged": (1, 9, 1),
    "technical": (0, 19, 0),
}
TOTAL = sum(sum(v) for v in EXPECTED.values())  # 105
MIN_WORDS, MAX_WORDS = 3, 38


def check_file(lang, path):
    problems = []
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                problems.append(f"line {lineno}: blank line")
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                problems.append(f"line {lineno}: bad JSON ({exc})")
                continue
            if not isinstance(obj, dict):
                problems.append(f"line {lineno}: not a JSON object")
                continue
            missing = [k for k in FIELDS if k not in obj]
            extra = [k for k in obj if k not in FIELDS]
            if missing:
                problems.append(f"line {lineno}: missing fields {missing}")
                continue
            if extra:
                problems.append(f"line {lineno}: unexpected fields {extra}")
            rows.append((lineno, obj))

    seen_ids, seen_texts = set(), {}
    cells = Counter()
    emotions = Counter()
    lengths = []
    for pos, (lineno, o) in enumerate(rows, 1):
        where = f"line {lineno} ({o.get('id')})"
        want_id = f"{lang}-v5-{pos:03d}"
        if o["id"] != want_id:
            problems.append(f"{where}: id should be {want_id}")
        if o["id"] in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(o["id"])
        if o["language"] != lang:
            problems.append(f"{where}: language {o['language']!r} != {lang!r}")
        label, emo, kind, text = o["label"], o["emotion"], o["kind"], o["text"]
        if label not in LABELS:
            problems.append(f"{where}: bad label {label!r}")
            continue
        if kind not in KINDS:
            problems.append(f"{where}: bad kind {kind!r}")
            continue
        if emo not in EMOTIONS[label]:
            problems.append(f"{where}: emotion {emo!r} does not follow label {label!r}")
        if kind == "technical" and label != "neutral":
            problems.append(f"{where}: technical must be neutral")
        if kind == "mixed" and label == "neutral":
            problems.append(f"{where}: mixed must not be neutral")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty text")
            continue
        if text != text.strip():
            problems.append(f"{where}: leading/trailing whitespace")
        key = " ".join(text.split()).casefold()
        if key in seen_texts:
            problems.append(f"{where}: duplicate text (also {seen_texts[key]})")
        seen_texts[key] = o["id"]
        n_words = len(text.split())
        lengths.append(n_words)
        if not MIN_WORDS <= n_words <= MAX_WORDS:
            problems.append(f"{where}: {n_words} words, outside {MIN_WORDS}-{MAX_WORDS}")
        cells[(kind, label)] += 1
        emotions[emo] += 1

    if len(rows) != TOTAL:
        problems.append(f"{len(rows)} rows, expected {TOTAL}")
    for kind in KINDS:
        for label, want in zip(LABELS, EXPECTED[kind]):
            got = cells[(kind, label)]
            if got != want:
                problems.append(f"count {kind}/{label}: {got}, expected {want}")

    # report
    unit = "eojeol" if lang == "ko" else "words"
    print(f"== {os.path.basename(path)}: {len(rows)} rows")
    print(f"   {'kind':<10}" + "".join(f"{l:>10}" for l in LABELS) + f"{'total':>8}")
    for kind in KINDS:
        vals = [cells[(kind, l)] for l in LABELS]
        print(f"   {kind:<10}" + "".join(f"{v:>10}" for v in vals) + f"{sum(vals):>8}")
    tot = [sum(cells[(k, l)] for k in KINDS) for l in LABELS]
    print(f"   {'total':<10}" + "".join(f"{v:>10}" for v in tot) + f"{sum(tot):>8}")
    print(
        "   emotions: "
        + ", ".join(f"{e}={emotions[e]}" for e in ("happy", "neutral", "sad", "angry", "anxious"))
    )
    if lengths:
        print(
            f"   length ({unit}): min={min(lengths)} max={max(lengths)} "
            f"mean={sum(lengths) / len(lengths):.1f}"
        )
    return problems


def main():
    found = 0
    all_problems = []
    for lang in LANGS:
        path = os.path.join(HERE, f"utterances_{lang}.jsonl")
        if not os.path.exists(path):
            print(f"-- utterances_{lang}.jsonl not present, skipped")
            continue
        found += 1
        probs = check_file(lang, path)
        for p in probs:
            print(f"   PROBLEM [{lang}] {p}")
        all_problems.extend(probs)
    if not found:
        print("no utterance files found")
        return 1
    if all_problems:
        print(f"FAIL: {len(all_problems)} problem(s)")
        return 1
    print(f"OK: {found} file(s) valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
