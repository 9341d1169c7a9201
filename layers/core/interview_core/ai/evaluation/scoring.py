"""How the platform turns per-question scores into the report's scores. One place, used by every
evaluator (the LLM's own totals are never taken) and by human review when a reviewer overrides a
question's score.

- A question's score is the weighted mean of its rubric criteria's scores.
- A group (technical; behavioral, situational and cultural fit) is the mean score of its answered
  questions, scaled by the share of the group's questions answered: skipped questions lower it as
  coverage (x COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) x share answered), not as zero-point answers.
- The overall score is 0.5 technical + 0.25 communication + 0.25 cultural fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from interview_core.domain.models import Category

COVERAGE_FLOOR = 0.3
TECHNICAL = frozenset({Category.TECHNICAL})
CULTURAL = frozenset({Category.BEHAVIORAL, Category.SITUATIONAL, Category.CULTURAL_FIT})
OVERALL_WEIGHTS = {"technical": 0.5, "communication": 0.25, "cultural_fit": 0.25}


def weighted_mean(scores: Sequence[float], weights: Sequence[float]) -> float:
    total = sum(weights)
    return sum(w * s for w, s in zip(weights, scores, strict=True)) / total if total else 0.0


def coverage_factor(answered: int, asked: int) -> float:
    return COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * (answered / asked) if asked else 0.0


def group_score(
    questions: Iterable[tuple[str, float | None]], categories: frozenset[Category]
) -> float | None:
    """A group's score from (category, score or None when not answered) per question asked: the mean
    answered score scaled by the share answered; 0 when none was answered; None when none was
    asked."""
    asked = [score for category, score in questions if category in categories]
    if not asked:
        return None
    answered = [score for score in asked if score is not None]
    if not answered:
        return 0.0
    return sum(answered) / len(answered) * coverage_factor(len(answered), len(asked))


def overall_score(technical: float, communication: float, cultural_fit: float) -> float:
    return round(
        OVERALL_WEIGHTS["technical"] * technical
        + OVERALL_WEIGHTS["communication"] * communication
        + OVERALL_WEIGHTS["cultural_fit"] * cultural_fit,
        1,
    )
