"""How well the offline evaluator orders interviews of known quality.

Run from the repository root:  .venv/bin/python -m bench.evaluator_bench  [--json]

Reads bench/data/interviews.jsonl: complete interviews in Korean and English written at five known
quality levels (strong > average > weak > off_topic > empty), each answer to a real question of the
seeded bank (its id is its 1-based position in db/seed/question_bank.json, as seeded on a fresh
database), so the evaluator sees the bank's own rubric. Prints:

- Spearman correlation between the known level and the overall score (target >= 0.8), overall and
  per language, next to a length-only baseline (total words answered) that an evaluator must beat;
- the share of interviews whose overall score falls in the band the label expects;
- the share of pairs ordered correctly (different labels; a tie counts half): per report score,
  per question category (answers to the same question), per rubric criterion and per signal;
- the spread when the same interview is scored twice, in this process and in a fresh process with
  another hash seed (must be 0 offline);
- timing, as a ratio against scoring the same interviews with no answers, measured in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interview_core.ai.evaluation.base import Evaluation, InterviewRecord
from interview_core.ai.evaluation.offline import OfflineRubricEvaluator
from interview_core.db.seed import bundled_question_bank
from interview_core.domain.models import Question, Speaker, Transcript

DATA = Path(__file__).parent / "data"
# The set the offline evaluator was developed against, and a held-out set written afterwards with
# other questions and harder cases (mixed answers, keyword-dropping), never tuned on.
SETS = {"tuning": DATA / "interviews.jsonl", "held-out": DATA / "interviews_holdout.jsonl"}
LEVELS = ("empty", "off_topic", "weak", "average", "strong")  # ascending quality
RANK = {level: i for i, level in enumerate(LEVELS)}
_T0 = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class BenchInterview:
    id: str
    language: str
    level: str
    band: tuple[float, float]
    answer_levels: dict[int, str]  # question id -> level of that answer
    record: InterviewRecord


def bank_question(question_id: int) -> Question:
    bank = bundled_question_bank()
    row = bank[question_id - 1]
    return Question(
        id=question_id,
        content=row["content"],
        category=row["category"],
        difficulty=row["difficulty"],
        rubric_json=row["rubric"],
        vector_id=None,
        position=row.get("position"),
        language=row["language"],
        usage_count=0,
        avg_score=None,
        is_active=True,
    )


def build_record(number: int, row: dict[str, Any], *, with_answers: bool = True) -> InterviewRecord:
    """The record as the platform builds it: every question written as an AI line first (in the
    interview's order), then the candidate's answers, each tagged with its question id."""
    questions = [bank_question(q["question_id"]) for q in row["questions"]]
    for question, spec in zip(questions, row["questions"], strict=True):
        if question.content != spec["question"]:
            raise ValueError(
                f"{row['id']}: question {question.id} is not the bank's question of that id"
            )
    lines: list[Transcript] = []

    def add(speaker: str, text: str, question_id: int) -> None:
        n = len(lines) + 1
        lines.append(
            Transcript(
                id=number * 100 + n,
                interview_id=number,
                speaker=Speaker(speaker),
                text=text,
                timestamp=_T0,
                sentiment_score=None,
                emotion=None,
                question_id=question_id,
                order=n,
            )
        )

    for question in questions:
        add("AI", question.content, question.id)
    if with_answers:
        for spec in row["questions"]:
            parts = spec["answer"] if isinstance(spec["answer"], list) else [spec["answer"]]
            for part in parts:
                if part.strip():
                    add("User", part, spec["question_id"])
    return InterviewRecord(
        interview_id=number,
        position=row["position"],
        language=row["language"],
        questions=questions,
        transcripts=lines,
    )


def load_bench(*paths: Path) -> list[BenchInterview]:
    rows = [
        json.loads(line)
        for path in (paths or tuple(SETS.values()))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    return [
        BenchInterview(
            id=row["id"],
            language=row["language"],
            level=row["level"],
            band=tuple(row["band"]),
            answer_levels={
                q["question_id"]: q.get("level", row["level"]) for q in row["questions"]
            },
            record=build_record(i, row),
        )
        for i, row in enumerate(rows, start=1)
    ]


# ---------------------------------------------------------------- statistics (stdlib only)


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rho with average ranks for ties (Pearson correlation of the ranks)."""
    rx, ry = _ranks(x), _ranks(y)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (sx * sy) if sx and sy else 0.0


def pairs_ordered(items: list[tuple[int, float]]) -> tuple[float, int]:
    """(share, count) of pairs with different labels where the better label has the higher score;
    a tie in score counts half."""
    good, total = 0.0, 0
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            (la, sa), (lb, sb) = items[i], items[j]
            if la == lb:
                continue
            total += 1
            if sa == sb:
                good += 0.5
            elif (sa > sb) == (la > lb):
                good += 1
    return (good / total if total else float("nan")), total


def _words(record: InterviewRecord) -> int:
    return sum(len(t.text.split()) for t in record.transcripts if t.speaker == "User")


# ---------------------------------------------------------------- the run


def _evaluate_all(bench: list[BenchInterview]) -> list[Evaluation]:
    evaluator = OfflineRubricEvaluator()
    return [evaluator.evaluate(b.record) for b in bench]


def _digest(evaluations: list[Evaluation]) -> str:
    payload = [
        [
            e.technical_score,
            e.communication_score,
            e.cultural_fit_score,
            e.summary_text,
            e.details_json(),
        ]
        for e in evaluations
    ]
    return hashlib.sha256(
        json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()


def _fresh_process_digest() -> str:
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-m", "bench.evaluator_bench", "--digest"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    return out.stdout.strip()


def _timing(bench: list[BenchInterview], repeats: int = 5) -> tuple[float, float]:
    """Median seconds to score the whole bench, and to score the same interviews unanswered."""
    empty_records = [
        build_record(i, _row_of(b), with_answers=False) for i, b in enumerate(bench, start=1)
    ]
    evaluator = OfflineRubricEvaluator()
    full, empty = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        for b in bench:
            evaluator.evaluate(b.record)
        full.append(time.perf_counter() - start)
        start = time.perf_counter()
        for record in empty_records:
            evaluator.evaluate(record)
        empty.append(time.perf_counter() - start)
    return statistics.median(full), statistics.median(empty)


def _row_of(b: BenchInterview) -> dict[str, Any]:
    return {
        "id": b.id,
        "position": b.record.position,
        "language": b.record.language,
        "questions": [
            {"question_id": q.id, "question": q.content, "answer": ""} for q in b.record.questions
        ],
    }


def headline(bench: list[BenchInterview]) -> dict[str, Any]:
    """Spearman (overall, per language, length baseline), band hits, scores per level."""
    evaluations = _evaluate_all(bench)
    labels = [RANK[b.level] for b in bench]
    overall = [e.overall_score for e in evaluations]
    result: dict[str, Any] = {
        "interviews": len(bench),
        "spearman": {"all": spearman(labels, overall)},
    }
    for language in sorted({b.language for b in bench}):
        idx = [i for i, b in enumerate(bench) if b.language == language]
        result["spearman"][language] = spearman([labels[i] for i in idx], [overall[i] for i in idx])
    result["spearman_length_baseline"] = spearman(labels, [float(_words(b.record)) for b in bench])
    result["band_hits"] = sum(
        b.band[0] <= s <= b.band[1] for b, s in zip(bench, overall, strict=True)
    ) / len(bench)
    by_level: dict[str, list[float]] = defaultdict(list)
    for b, s in zip(bench, overall, strict=True):
        by_level[b.level].append(s)
    result["overall_by_level"] = {
        level: {"mean": round(statistics.fmean(v), 1), "min": min(v), "max": max(v), "n": len(v)}
        for level in reversed(LEVELS)
        if (v := by_level.get(level))
    }
    return result


def run(bench: list[BenchInterview]) -> dict[str, Any]:
    evaluations = _evaluate_all(bench)
    labels = [RANK[b.level] for b in bench]
    result: dict[str, Any] = {**headline(bench), "evaluator_model": evaluations[0].evaluator_model}

    result["pairs_by_report_score"] = {}
    for name in ("technical_score", "communication_score", "cultural_fit_score", "overall_score"):
        share, n = pairs_ordered([(labels[i], getattr(e, name)) for i, e in enumerate(evaluations)])
        result["pairs_by_report_score"][name] = (round(share, 3), n)

    # Answers to the same question, compared with each other.
    per_question: dict[int, list[tuple[int, Any]]] = defaultdict(list)
    for b, e in zip(bench, evaluations, strict=True):
        for q in e.questions:
            per_question[q.question_id].append((RANK[b.answer_levels[q.question_id]], q))
    category_of = {q.id: q.category for b in bench for q in b.record.questions}

    def tally(key_score) -> tuple[float, int]:
        good = total = 0.0
        for items in per_question.values():
            share, n = pairs_ordered([(rank, key_score(q)) for rank, q in items])
            if n:
                good += share * n
                total += n
        return (round(good / total, 3) if total else float("nan")), int(total)

    result["pairs_by_category"] = {}
    for category in ("technical", "behavioral", "situational", "cultural_fit"):
        good = total = 0.0
        for qid, items in per_question.items():
            if category_of[qid] != category:
                continue
            share, n = pairs_ordered(
                [(rank, q.score if q.score is not None else -1.0) for rank, q in items]
            )
            good, total = good + share * n, total + n
        if total:
            result["pairs_by_category"][category] = (round(good / total, 3), int(total))
    result["pairs_by_answer_score"] = tally(lambda q: q.score if q.score is not None else -1.0)

    # Per rubric criterion: each criterion of each question, its score across the answers.
    good = total = 0.0
    worst: list[tuple[float, str]] = []
    for qid, items in per_question.items():
        names = sorted({c.name for _, q in items for c in q.criteria})
        for name in names:
            scored = [
                (rank, next((c.score for c in q.criteria if c.name == name), 0.0))
                for rank, q in items
            ]
            share, n = pairs_ordered(scored)
            if n:
                good, total = good + share * n, total + n
                worst.append((share, f"q{qid}:{name}"))
    result["pairs_by_rubric_criterion"] = (
        round(good / total, 3) if total else float("nan"),
        int(total),
    )
    result["weakest_criteria"] = [f"{name} {share:.2f}" for share, name in sorted(worst)[:5]]

    signals = sorted(
        {k for e in evaluations for q in e.questions for k in getattr(q, "signals", {}) or {}}
    )
    result["pairs_by_signal"] = {
        name: tally(lambda q, name=name: (getattr(q, "signals", {}) or {}).get(name, -1.0))
        for name in signals
    }

    second = _evaluate_all(bench)
    result["rescore_max_abs_diff"] = max(
        abs(getattr(a, f) - getattr(b, f))
        for a, b in zip(evaluations, second, strict=True)
        for f in ("technical_score", "communication_score", "cultural_fit_score", "overall_score")
    )
    result["rescore_identical_reports"] = _digest(evaluations) == _digest(second)
    result["rescore_identical_in_fresh_process"] = _digest(evaluations) == _fresh_process_digest()

    full, empty = _timing(bench)
    result["timing"] = {
        "ms_per_interview": round(1000 * full / len(bench), 3),
        "ms_per_unanswered_interview": round(1000 * empty / len(bench), 3),
        "ratio_vs_unanswered": round(full / empty, 2) if empty else float("nan"),
    }
    result["per_interview"] = [
        {
            "id": b.id,
            "level": b.level,
            "band": list(b.band),
            "overall": e.overall_score,
            "technical": e.technical_score,
            "communication": e.communication_score,
            "cultural_fit": e.cultural_fit_score,
        }
        for b, e in zip(bench, evaluations, strict=True)
    ]
    return result


def _print_headline(name: str, result: dict[str, Any]) -> None:
    sp = result["spearman"]
    print(f"  [{name}] {result['interviews']} interviews")
    print(
        f"    Spearman(level, overall)      all {sp['all']:.3f}  "
        + "  ".join(f"{k} {v:.3f}" for k, v in sp.items() if k != "all")
        + "   (target >= 0.8)"
    )
    print(f"    length-only baseline Spearman {result['spearman_length_baseline']:.3f}")
    print(f"    overall score within the label's band: {result['band_hits']:.0%}")
    print(
        "    overall by level: "
        + "  ".join(
            f"{k} {v['mean']:.1f} [{v['min']:.0f}-{v['max']:.0f}]"
            for k, v in result["overall_by_level"].items()
        )
    )


def _print(result: dict[str, Any], parts: dict[str, dict[str, Any]], verbose: bool) -> None:
    print(
        f"Offline evaluator bench: {result['interviews']} labeled interviews, "
        f"{result['evaluator_model']}"
    )
    for name, part in parts.items():
        _print_headline(name, part)
    _print_headline("all", result)
    print("  pairs ordered correctly (share, pairs):")
    for name, (share, n) in result["pairs_by_report_score"].items():
        print(f"    interview {name:<22} {share:.3f}  ({n})")
    share, n = result["pairs_by_answer_score"]
    print(f"    answer score, same question      {share:.3f}  ({n})")
    for name, (share, n) in result["pairs_by_category"].items():
        print(f"    answer score, {name:<18} {share:.3f}  ({n})")
    share, n = result["pairs_by_rubric_criterion"]
    print(
        f"    rubric criterion, same question  {share:.3f}  ({n});  weakest: "
        f"{', '.join(result['weakest_criteria'])}"
    )
    for name, (share, n) in result["pairs_by_signal"].items():
        print(f"    signal {name:<25} {share:.3f}  ({n})")
    print(
        f"  scored twice: max |diff| {result['rescore_max_abs_diff']}, identical reports "
        f"{result['rescore_identical_reports']}, identical in a fresh process (other hash seed) "
        f"{result['rescore_identical_in_fresh_process']}"
    )
    t = result["timing"]
    print(
        f"  timing: {t['ms_per_interview']:.2f} ms per interview, "
        f"{t['ms_per_unanswered_interview']:.2f} ms unanswered"
        f" (baseline); ratio {t['ratio_vs_unanswered']:.1f}x"
    )
    if verbose:
        for row in result["per_interview"]:
            flag = "" if row["band"][0] <= row["overall"] <= row["band"][1] else "  <- outside band"
            print(
                f"    {row['id']:<16} {row['level']:<9} overall {row['overall']:5.1f}  tech "
                f"{row['technical']:5.1f}"
                f"  comm {row['communication']:5.1f}  fit {row['cultural_fit']:5.1f}  band "
                f"{row['band']}{flag}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every interview's scores"
    )
    parser.add_argument("--digest", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    bench = load_bench()
    if args.digest:
        print(_digest(_evaluate_all(bench)))
        return 0
    parts = {name: headline(load_bench(path)) for name, path in SETS.items()}
    result = run(bench)
    if args.json:
        print(json.dumps({"sets": parts, "all": result}, ensure_ascii=False, indent=2))
    else:
        _print(result, parts, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
