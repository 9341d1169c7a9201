"""A posting's candidates side by side, as its organization reads them: the scores in force, each
rubric criterion the AI scored with the evidence quoted for it, the review, the team's ratings,
the stage. And the same as CSV. No I/O."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from interview_core.domain.integrity import Flag
from interview_core.domain.models import (
    EvaluationReport,
    Interview,
    InterviewReview,
    Question,
    ReviewState,
    ScoreOverride,
    Stage,
)
from interview_core.domain.score_review import FinalScores, final_scores

EVIDENCE_PER_CRITERION = 3


@dataclass(frozen=True)
class Quote:
    transcript_id: int
    quote: str


@dataclass(frozen=True)
class CriterionScore:
    """The AI's score of one rubric criterion of one question asked (overrides are of questions
    and groups, never of a criterion: this is the AI's, as the report says)."""

    question_id: int
    question_number: int
    criterion: str
    # The rubric's own label, else its description: in the question's (the interview's) language.
    label: str
    score: float
    evidence: tuple[Quote, ...]


@dataclass(frozen=True)
class CandidateRow:
    interview: Interview
    stage: Stage | None
    # The scores in force (overrides included); None until the report is written.
    final: FinalScores | None
    overridden: bool
    review_state: ReviewState | None
    reviewed_by: str | None
    reviewers: tuple[str, ...]  # the members who left a rating or a note, in order
    rating_mean: float | None  # of the ratings of the whole interview
    rating_count: int
    criteria: tuple[CriterionScore, ...]
    # For reviewers to look at; never in a score (domain.integrity).
    flags: tuple[Flag, ...] = ()


def _criterion_labels(question: Question) -> dict[str, str]:
    criteria = question.rubric_json.get("criteria")
    labels: dict[str, str] = {}
    for criterion in criteria if isinstance(criteria, list) else []:
        if isinstance(criterion, dict) and isinstance(criterion.get("name"), str):
            label = criterion.get("label") or criterion.get("description") or criterion["name"]
            labels[criterion["name"]] = str(label)
    return labels


def _criteria(report: EvaluationReport, questions: Sequence[Question]) -> list[CriterionScore]:
    by_id = {q.id: (number, q) for number, q in enumerate(questions, 1)}
    evaluated = report.details_json.get("questions")
    cells: list[CriterionScore] = []
    for item in evaluated if isinstance(evaluated, list) else []:
        if not isinstance(item, dict) or item.get("question_id") not in by_id:
            continue
        number, question = by_id[item["question_id"]]
        labels = _criterion_labels(question)
        for criterion in item.get("criteria") or []:
            if not isinstance(criterion, dict) or not isinstance(
                criterion.get("score"), int | float
            ):
                continue
            name = str(criterion.get("name", ""))
            quotes = tuple(
                Quote(transcript_id=int(e["transcript_id"]), quote=str(e["quote"]))
                for e in (criterion.get("evidence") or [])[:EVIDENCE_PER_CRITERION]
                if isinstance(e, dict) and isinstance(e.get("transcript_id"), int)
            )
            cells.append(
                CriterionScore(
                    question_id=question.id,
                    question_number=number,
                    criterion=name,
                    label=labels.get(name, name.replace("_", " ")),
                    score=float(criterion["score"]),
                    evidence=quotes,
                )
            )
    return cells


def candidate_row(
    interview: Interview,
    report: EvaluationReport | None,
    questions: Sequence[Question],
    overrides: Sequence[ScoreOverride],
    reviews: Sequence[InterviewReview],
    flags: Sequence[Flag] = (),
) -> CandidateRow:
    ratings = [r.rating for r in reviews if r.question_id is None and r.rating is not None]
    reviewers: list[str] = []
    for review in reviews:
        if review.author_username not in reviewers:
            reviewers.append(review.author_username)
    return CandidateRow(
        interview=interview,
        stage=interview.stage,
        final=final_scores(report, questions, overrides) if report is not None else None,
        overridden=bool(overrides),
        review_state=report.review_state if report is not None else None,
        reviewed_by=report.reviewed_by_username if report is not None else None,
        reviewers=tuple(reviewers),
        rating_mean=round(sum(ratings) / len(ratings), 2) if ratings else None,
        rating_count=len(ratings),
        criteria=tuple(_criteria(report, questions)) if report is not None else (),
        flags=tuple(flags),
    )


# ------------------------------------------------------------------ CSV

CSV_COLUMNS = (
    "interview_id",
    "candidate_username",
    "candidate_name",
    "status",
    "stage",
    "stage_name",
    "decision_reason",
    "decided_by",
    "decided_at",
    "overall",
    "technical",
    "communication",
    "cultural_fit",
    "scores_overridden",
    "review_state",
    "reviewed_by",
    "team_reviewers",
    "mean_rating",
    "ratings",
    "integrity_flags",
    "completed_at",
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): such a
# cell is written with a leading apostrophe, which spreadsheets show as text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def candidates_csv(rows: Sequence[CandidateRow], stage_name: Callable[[Stage], str]) -> str:
    """UTF-8 CSV with a byte order mark (spreadsheets then read Korean right), one line per
    candidate interview, the scores in force."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        interview, final = row.interview, row.final
        writer.writerow(
            _cell(value)
            for value in (
                interview.id,
                interview.candidate_username,
                interview.candidate_full_name,
                interview.status.value,
                row.stage.value if row.stage else None,
                stage_name(row.stage) if row.stage else None,
                interview.decision_reason,
                interview.decided_by_username if interview.decision else None,
                interview.decided_at if interview.decision else None,
                final.overall if final else None,
                final.technical if final else None,
                final.communication if final else None,
                final.cultural_fit if final else None,
                row.overridden,
                row.review_state.value if row.review_state else None,
                row.reviewed_by,
                " ".join(row.reviewers) or None,
                row.rating_mean,
                row.rating_count,
                " ".join(sorted({flag.kind.value for flag in row.flags})) or None,
                interview.end_time,
            )
        )
    return out.getvalue()
