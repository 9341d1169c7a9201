#!/usr/bin/env python3
"""Check the v11 scorer held-out set's shape (plain Python, no scorer).

Checks whichever files exist next to this one: questions.json, interviews_<lang>.jsonl,
attacks_<lang>.jsonl, pairs_<lang>.jsonl. Prints counts; exits 1 on a problem.
Needs the question bank's size only (Korean bank keys 1-32, English 33-64).
"""

import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = ("strong", "average", "weak", "off_topic", "empty")
ATTACKS = (
    "star_readback",
    "repeat_empty",
    "question_comma_list",
    "dont_know_terms",
    "never_used",
    "rubric_keywords_in_filler",
    "expected_points_copied",
    "prompt_injection",
    "off_topic_sprinkled",
    "buzzword_salad",
    "padded_weak",
    "numbers_no_reasoning",
)
USES_RUBRIC = {"rubric_keywords_in_filler", "expected_points_copied"}
PAIR_KINDS = {
    "ko": ("concise_expert", "casual_formal", "filler"),
    "en": ("concise_expert", "casual_formal", "filler", "ko_en"),
}
BANK = {"ko": range(1, 33), "en": range(33, 65)}


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def answer_ok(answer):
    if isinstance(answer, str):
        return True
    return (
        isinstance(answer, list)
        and bool(answer)
        and all(isinstance(x, str) and x.strip() for x in answer)
    )


def key_ok(key, lang, custom):
    if key.startswith("bank:"):
        try:
            return int(key[5:]) in BANK[lang]
        except ValueError:
            return False
    return key in custom and custom[key]["language"] == lang


def main():
    problems = []
    qpath = os.path.join(HERE, "questions.json")
    custom = {}
    if os.path.exists(qpath):
        with open(qpath, encoding="utf-8") as f:
            custom = json.load(f)
        for key, q in custom.items():
            crit = q.get("rubric", {}).get("criteria", [])
            if len(crit) != 3 or abs(sum(c["weight"] for c in crit) - 1.0) > 1e-6:
                problems.append(f"questions.json {key}: needs 3 criteria with weights summing to 1")
            for c in crit:
                if not 5 <= len(c.get("keywords", [])) <= 9:
                    problems.append(f"questions.json {key}: {c.get('name')} needs 5-9 keywords")
            if len(q.get("rubric", {}).get("expected_points", [])) != 4:
                problems.append(f"questions.json {key}: needs 4 expected points")
            if custom.get(q.get("twin"), {}).get("twin") != key:
                problems.append(f"questions.json {key}: twin is not mutual")
            if not key.startswith("v11-") or not key.endswith("-" + q.get("language", "")):
                problems.append(f"questions.json {key}: key must be v11-<topic>-<lang>")
        print(f"questions.json: {len(custom)} questions")
    for lang in ("ko", "en"):
        path = os.path.join(HERE, f"interviews_{lang}.jsonl")
        if os.path.exists(path):
            interviews = rows(path)
            levels = Counter(r["level"] for r in interviews)
            answers = Counter()
            for r in interviews:
                if r.get("language") != lang or r.get("level") not in LEVELS:
                    problems.append(f"{r.get('id')}: bad language or level")
                qs = r.get("questions", [])
                for q in qs:
                    if not key_ok(q["key"], lang, custom) or q.get("level") not in LEVELS:
                        problems.append(f"{r['id']}: bad key or level {q}")
                    if not answer_ok(q.get("answer")):
                        problems.append(f"{r['id']}: bad answer on {q['key']}")
                    answers[q.get("level")] += 1
                top = Counter(q["level"] for q in qs).most_common(1)
                if not top or top[0][0] != r["level"] or top[0][1] * 2 <= len(qs):
                    problems.append(f"{r['id']}: level is not the strict majority of its answers")
            print(f"interviews_{lang}: {len(interviews)} {dict(levels)}; answers {dict(answers)}")
            if len(interviews) != 20 or any(levels[lv] != 4 for lv in LEVELS):
                problems.append(f"interviews_{lang}: need 20 interviews, 4 per level")
        path = os.path.join(HERE, f"attacks_{lang}.jsonl")
        if os.path.exists(path):
            attacks = rows(path)
            kinds = Counter(r["attack"] for r in attacks)
            for r in attacks:
                if r["attack"] not in ATTACKS or r.get("language") != lang:
                    problems.append(f"{r.get('id')}: bad attack kind or language")
                if r.get("uses_rubric") != (r["attack"] in USES_RUBRIC):
                    problems.append(f"{r['id']}: uses_rubric is wrong")
                if not (key_ok(r["key"], lang, custom) and answer_ok(r["answer"]) and r["answer"]):
                    problems.append(f"{r['id']}: bad key or answer")
            print(f"attacks_{lang}: {len(attacks)}")
            if len(attacks) != 24 or any(kinds[k] != 2 for k in ATTACKS):
                problems.append(f"attacks_{lang}: need 12 kinds x 2")
        path = os.path.join(HERE, f"pairs_{lang}.jsonl")
        if os.path.exists(path):
            pairs = rows(path)
            kinds = Counter(r["kind"] for r in pairs)
            for r in pairs:
                if r["kind"] not in PAIR_KINDS[lang]:
                    problems.append(f"{r.get('id')}: bad pair kind")
                for side in ("a", "b"):
                    s = r[side]
                    want = "ko" if (r["kind"] == "ko_en" and side == "a") else lang
                    if not (
                        key_ok(s["key"], want, custom) and answer_ok(s["answer"]) and s["answer"]
                    ):
                        problems.append(f"{r['id']}: bad side {side}")
            print(f"pairs_{lang}: {len(pairs)} {dict(kinds)}")
    ids = [
        r["id"]
        for lang in ("ko", "en")
        for kind in ("interviews", "attacks", "pairs")
        if os.path.exists(p := os.path.join(HERE, f"{kind}_{lang}.jsonl"))
        for r in rows(p)
    ]
    if len(ids) != len(set(ids)):
        problems.append("ids are not unique")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  - " + p)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
