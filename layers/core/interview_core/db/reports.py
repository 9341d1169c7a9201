"""SQL for evaluation_reports: the AI's original report (written by the report job) and its review
state (written by the organization's members). Neither writer touches the other's columns."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from interview_core.db.connection import Connection
from interview_core.domain.models import EvaluationReport, ReviewState, Scoring

_COLUMNS = (
    "e.id, e.interview_id, e.technical_score, e.communication_score, e.cultural_fit_score, "
    "e.summary_text, "
    "e.details_json, e.evaluator_model, e.created_at, e.updated_at, e.scoring, e.review_state, "
    "e.reviewed_by, "
    "r.username AS reviewed_by_username, e.reviewed_at, e.review_note"
)
_FROM = "evaluation_reports e LEFT JOIN users r ON r.id = e.reviewed_by"
# The row a write returns (`e`, from RETURNING *), read with its reviewer's name in the same
# statement.
_WRITTEN = f"SELECT {_COLUMNS} FROM written e LEFT JOIN users r ON r.id = e.reviewed_by"


def upsert_report(
    conn: Connection,
    *,
    interview_id: int,
    technical_score: float | None,
    communication_score: float | None,
    cultural_fit_score: float | None,
    summary_text: str,
    details_json: dict[str, Any],
    evaluator_model: str,
    scoring: Scoring = Scoring.AI,
) -> EvaluationReport:
    """Write the AI's part of the report. A second write (a redelivered job) replaces it and
    keeps the review and the report's id, so overrides stay attached."""
    row = conn.execute(
        """WITH written AS (
               INSERT INTO evaluation_reports (interview_id, technical_score, communication_score,
                   cultural_fit_score, summary_text, details_json, evaluator_model, scoring)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
               ON CONFLICT (interview_id) DO UPDATE SET
                   technical_score = EXCLUDED.technical_score,
                   communication_score = EXCLUDED.communication_score,
                   cultural_fit_score = EXCLUDED.cultural_fit_score,
                   summary_text = EXCLUDED.summary_text,
                   details_json = EXCLUDED.details_json,
                   evaluator_model = EXCLUDED.evaluator_model,
                   scoring = EXCLUDED.scoring,
                   updated_at = now()
               RETURNING *)
           """
        + _WRITTEN,
        (
            interview_id,
            technical_score,
            communication_score,
            cultural_fit_score,
            summary_text,
            Jsonb(details_json),
            evaluator_model,
            scoring,
        ),
    ).fetchone()
    return EvaluationReport.model_validate(row)


def get_report(
    conn: Connection, interview_id: int, *, for_update: bool = False
) -> EvaluationReport | None:
    lock = " FOR UPDATE OF e" if for_update else ""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE e.interview_id = %s{lock}", (interview_id,)
    ).fetchone()
    return EvaluationReport.model_validate(row) if row else None


def reports_of(conn: Connection, interview_ids: list[int]) -> dict[int, EvaluationReport]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE e.interview_id = ANY(%s)", (interview_ids,)
    ).fetchall()
    return {row["interview_id"]: EvaluationReport.model_validate(row) for row in rows}


def set_review(
    conn: Connection,
    interview_id: int,
    *,
    state: ReviewState,
    reviewer_id: int | None,
    note: str | None,
) -> EvaluationReport:
    """Reviewed by `reviewer_id` now, or back to pending review (no reviewer); the note either
    way."""
    reviewed = state == ReviewState.REVIEWED
    row = conn.execute(
        """WITH written AS (
               UPDATE evaluation_reports SET review_state = %s, reviewed_by = %s,
                      reviewed_at = CASE WHEN %s THEN now() END, review_note = %s
               WHERE interview_id = %s
               RETURNING *)
           """
        + _WRITTEN,
        (state, reviewer_id if reviewed else None, reviewed, note, interview_id),
    ).fetchone()
    assert row is not None, f"interview {interview_id} has no report to review"
    return EvaluationReport.model_validate(row)


def fallback_reports_to_reevaluate(
    conn: Connection, *, newer_than_days: int, limit: int
) -> list[int]:
    """Interviews whose report the offline evaluator wrote because the language model failed,
    still pending review, with no score overridden: worth a second try by the model."""
    rows = conn.execute(
        """SELECT e.interview_id FROM evaluation_reports e
           WHERE e.scoring = 'ai' AND e.review_state = 'pending_review'
             AND e.details_json -> 'notes' -> 'fallback' IS NOT NULL
             AND e.created_at > now() - make_interval(days => %s)
             AND NOT EXISTS (SELECT 1 FROM score_overrides o WHERE o.interview_id = e.interview_id)
           ORDER BY e.interview_id LIMIT %s""",
        (newer_than_days, limit),
    ).fetchall()
    return [row["interview_id"] for row in rows]
