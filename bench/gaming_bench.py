"""The offline evaluator on the held-out set bench/data/v11, written blind by other authors and
never tuned on, and on the earlier sets v10 to v3, which offline-rubric-v10 was tuned on (printed
as such): does it measure content, not form?

Run from the repository root:  .venv/bin/python -m bench.gaming_bench  [--json]

Prints, per language:
- Spearman between the known level of each interview and its overall score (goal >= 0.9);
- each gaming attack's mean answer score against the honest answers to the same questions: their
  mean over every level (goal: every attack at or below it) and the mean of the weak ones;
- the paired fairness checks (both sides deserve the same score): the concise-expert ratio
  (concise / at length, goal >= 0.9), the Korean/English gap for the same content (goal <= 5
  points), casual vs formal, with and without fillers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interview_core.ai.evaluation.base import Evaluator, InterviewRecord, QuestionEvaluation
from interview_core.ai.evaluation.offline import OfflineRubricEvaluator
from interview_core.domain.models import Language, Question, Speaker, Transcript

from bench.evaluator_bench import RANK, bank_question, spearman

# Sets written blind by authors who never saw the scorer. Each was measured once against the
# scorer of its time (v3 against offline-rubric-v3, ..., v10 against v9, v11 against v10)
# and then became tuning data for the next scorer, so a new set was written to measure it. Only
# the newest is held out; the others are printed, marked as tuned on.
_DATA = Path(__file__).parent / "data"
SETS = {
    "v11": _DATA / "v11",
    "v10": _DATA / "v10",
    "v9": _DATA / "v9",
    "v8": _DATA / "v8",
    "v7": _DATA / "v7",
    "v6": _DATA / "v6",
    "v5": _DATA / "v5",
    "v4": _DATA / "v4",
    "v3": _DATA / "v3",
}
# offline-rubric-v10 was tuned on these
TUNED_ON = {"v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10"}
_T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
GOALS = {"spearman": 0.9, "concise_ratio": 0.9, "ko_en_gap": 5.0}


def _rows(data: Path, kind: str) -> list[dict[str, Any]]:
    """Every record of a kind (interviews, attacks, pairs), from its per-language files."""
    return [
        json.loads(line)
        for path in sorted(data.glob(f"{kind}_*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]


@dataclass
class Questions:
    custom: dict[str, dict[str, Any]]
    ids: dict[str, int]

    @classmethod
    def load(cls, data: Path) -> Questions:
        custom = json.loads((data / "questions.json").read_text("utf-8"))
        return cls(custom=custom, ids={key: 1000 + i for i, key in enumerate(sorted(custom))})

    def get(self, key: str) -> Question:
        if key.startswith("bank:"):
            return bank_question(int(key.split(":", 1)[1]))
        spec = self.custom[key]
        return Question(
            id=self.ids[key],
            content=spec["content"],
            category=spec["category"],
            difficulty=spec.get("difficulty", "medium"),
            rubric_json=spec["rubric"],
            vector_id=None,
            position=spec.get("position"),
            language=spec["language"],
            usage_count=0,
            avg_score=None,
            is_active=True,
        )


def record(
    number: int, language: str, position: str, items: list[tuple[Question, Any]]
) -> InterviewRecord:
    """As the platform builds it: every question as an AI line first, then the answers, tagged."""
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

    for question, _ in items:
        add("AI", question.content, question.id)
    for question, answer in items:
        for part in answer if isinstance(answer, list) else [answer]:
            if part.strip():
                add("User", part, question.id)
    return InterviewRecord(
        interview_id=number,
        position=position,
        language=Language(language),
        questions=[q for q, _ in items],
        transcripts=lines,
    )


def _words(answer: Any) -> int:
    return len(" ".join(answer if isinstance(answer, list) else [answer]).split())


def _answer_score(
    evaluator: Evaluator, question: Question, answer: Any, language: str
) -> QuestionEvaluation:
    return evaluator.evaluate(
        record(1, language, question.position or "any", [(question, answer)])
    ).questions[0]


def run(name: str = "v11", evaluator: Evaluator | None = None) -> dict[str, Any]:
    evaluator = evaluator or OfflineRubricEvaluator()
    data = SETS[name]
    questions = Questions.load(data)
    result: dict[str, Any] = {
        "evaluator_model": evaluator.name,
        "set": name,
        "tuned_on": name in TUNED_ON,
    }

    # Interviews of known quality.
    honest: dict[str, list[float]] = defaultdict(list)  # question key -> answer scores
    weak: dict[str, list[float]] = defaultdict(list)
    by_language: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    rows = _rows(data, "interviews")
    for number, row in enumerate(rows, start=1):
        items = [(questions.get(q["key"]), q["answer"]) for q in row["questions"]]
        evaluation = evaluator.evaluate(record(number, row["language"], row["position"], items))
        levels, scores = by_language[row["language"]]
        levels.append(RANK[row["level"]])
        scores.append(evaluation.overall_score)
        for spec, scored in zip(row["questions"], evaluation.questions, strict=True):
            if scored.answered and scored.score is not None:
                honest[spec["key"]].append(scored.score)
                if spec.get("level", row["level"]) == "weak":
                    weak[spec["key"]].append(scored.score)
    result["interviews"] = {
        language: {"count": len(levels), "spearman": round(spearman(levels, scores), 3)}
        for language, (levels, scores) in sorted(by_language.items())
    }

    # Attacks, against the honest answers to the same questions.
    attacks: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for row in _rows(data, "attacks"):
        question = questions.get(row["key"])
        score = (
            _answer_score(evaluator, question, row["answer"], str(question.language)).score or 0.0
        )
        cell = attacks[(row["attack"], row["language"])]
        cell["attack"].append(score)
        cell["honest"].extend(honest.get(row["key"], []))
        cell["weak"].extend(weak.get(row["key"], []))
    result["attacks"] = [
        {
            "attack": attack,
            "language": language,
            "answers": len(cell["attack"]),
            "mean": round(statistics.fmean(cell["attack"]), 1),
            "honest_mean": round(statistics.fmean(cell["honest"]), 1) if cell["honest"] else None,
            "weak_mean": round(statistics.fmean(cell["weak"]), 1) if cell["weak"] else None,
            "at_or_below_honest": bool(cell["honest"])
            and statistics.fmean(cell["attack"]) <= statistics.fmean(cell["honest"]),
        }
        for (attack, language), cell in sorted(attacks.items())
    ]

    # Pairs that deserve the same score.
    pairs: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row in _rows(data, "pairs"):
        scores = []
        for side in ("a", "b"):
            question = questions.get(row[side]["key"])
            scores.append(
                _answer_score(
                    evaluator, question, row[side]["answer"], str(question.language)
                ).score
                or 0.0
            )
        if row["kind"] == "concise_expert" and _words(row["a"]["answer"]) < _words(
            row["b"]["answer"]
        ):
            scores.reverse()  # b is the concise side (sets differ in which side they write first)
        pairs[row["kind"]].append((scores[0], scores[1]))
    result["pairs"] = {
        kind: {
            "count": len(values),
            "mean_a": round(statistics.fmean(a for a, _ in values), 1),
            "mean_b": round(statistics.fmean(b for _, b in values), 1),
            "ratio_b_over_a": round(
                statistics.fmean(b for _, b in values)
                / max(statistics.fmean(a for a, _ in values), 1e-9),
                3,
            ),
            "mean_abs_gap": round(statistics.fmean(abs(a - b) for a, b in values), 1),
        }
        for kind, values in sorted(pairs.items())
    }
    return result


def print_table(result: dict[str, Any]) -> None:
    state = (
        "tuned on: not a held-out figure"
        if result["tuned_on"]
        else "blind, never looked at while tuning"
    )
    print(
        f"Gaming and fairness bench, held-out {result['set']} ({state}): "
        f"{result['evaluator_model']}"
    )
    print(
        "  Spearman(level, overall), goal >= 0.9: "
        + "  ".join(
            f"{lang} {v['spearman']:.3f} ({v['count']} interviews)"
            for lang, v in result["interviews"].items()
        )
    )
    print(
        "  attack (mean answer score)             lang  n   attack  honest  weak  at or below "
        "honest"
    )
    for row in result["attacks"]:
        print(
            f"    {row['attack']:<36} {row['language']:<4} {row['answers']:<3} {row['mean']:6.1f}  "
            f"{row['honest_mean'] if row['honest_mean'] is not None else '-':>6}  "
            f"{row['weak_mean'] if row['weak_mean'] is not None else '-':>4}  "
            f"{'yes' if row['at_or_below_honest'] else 'NO'}"
        )
    print("  pairs (both sides deserve the same score)  n   mean a  mean b  b/a    mean |a-b|")
    for kind, v in result["pairs"].items():
        print(
            f"    {kind:<40} {v['count']:<3} {v['mean_a']:6.1f}  {v['mean_b']:6.1f}  "
            f"{v['ratio_b_over_a']:.3f}  {v['mean_abs_gap']:5.1f}"
        )
    concise = result["pairs"].get("concise_expert", {}).get("ratio_b_over_a")
    gap = result["pairs"].get("ko_en", {}).get("mean_abs_gap")
    print(
        f"  goals: concise-expert ratio >= {GOALS['concise_ratio']} ({concise}); "
        f"Korean/English gap <= {GOALS['ko_en_gap']} points ({gap})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    args = parser.parse_args(argv)
    names = [n for n in SETS if args.set in (n, "all") and SETS[n].is_dir()]
    results = [run(name) for name in names]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for result in results:
            print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
