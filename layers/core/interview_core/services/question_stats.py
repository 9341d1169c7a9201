"""Which questions separate strong from weak candidates.

For each question, over the completed, scored interviews that asked it: how many, its mean score,
and its discrimination -- the correlation of its score with the mean of the interview's other
questions (item-rest; the item-total correlation with the overall score when an interview has no
other scored question). Classical test theory reads 0.3 and above as a question that separates,
0.2-0.3 as marginal, below 0.2 as one that does not (and a negative value as one that ranks
candidates backwards). Also the point-biserial correlation with "strong" (overall score at or
above the median of those interviews) and the mean score of the strong and the weak halves.

Admins see every interview (or one posting's); a recruiter sees the real interviews of their
organization only, and the curated bank's questions and their organization's own, as everywhere
else. Practice interviews count for no organization.
"""

from __future__ import annotations

from typing import Any

from interview_core.db import job_postings, questions
from interview_core.db.connection import Database
from interview_core.domain import access
from interview_core.domain.models import User
from interview_core.errors import NotFound

MIN_FOR_CORRELATION = 3  # two points always correlate perfectly
MIN_FOR_VERDICT = 5
SEPARATES = 0.3
MARGINAL = 0.2


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


def verdict(interviews: int, discrimination: float | None) -> str:
    if interviews < MIN_FOR_VERDICT:
        return "too_few_interviews"
    if discrimination is None:
        return "no_spread"  # every score (or every overall score) the same
    if discrimination >= SEPARATES:
        return "separates"
    if discrimination >= MARGINAL:
        return "marginal"
    return "does_not_separate"


def shape(row: dict[str, Any]) -> dict[str, Any]:
    n = row["interviews"]
    enough = n >= MIN_FOR_CORRELATION
    correlation = _round(row["correlation"]) if enough else None
    rest = _round(row["rest_correlation"]) if enough else None
    discrimination = rest if rest is not None else correlation
    strong, weak = _round(row["strong_mean"], 1), _round(row["weak_mean"], 1)
    return {
        **{
            k: row[k]
            for k in (
                "id",
                "organization_id",
                "version",
                "content",
                "category",
                "difficulty",
                "position",
                "language",
                "is_active",
                "usage_count",
                "avg_score",
                "interviews",
                "strong_interviews",
                "weak_interviews",
            )
        },
        "mean_score": _round(row["mean_score"], 1),
        "score_sd": _round(row["score_sd"], 1),
        "correlation": correlation,
        "rest_correlation": rest,
        "point_biserial": _round(row["point_biserial"]) if enough else None,
        "strong_mean": strong,
        "weak_mean": weak,
        "separation": _round(strong - weak, 1) if strong is not None and weak is not None else None,
        "discrimination": discrimination,
        "verdict": verdict(n, discrimination),
    }


def question_statistics(
    db: Database, user: User, *, job_posting_id: int | None = None, **filters: Any
) -> list[dict[str, Any]]:
    scope = access.question_scope(user)
    with db.unit_of_work() as uow:
        if job_posting_id is not None:
            posting = job_postings.get_job_posting(uow.conn, job_posting_id)
            if posting is None or not access.can_manage_job_posting(user, posting):
                raise NotFound(f"Job posting {job_posting_id} not found")
        rows = questions.question_statistics(
            uow.conn, job_posting_id=job_posting_id, scope=scope, **filters
        )
    return [shape(row) for row in rows]
