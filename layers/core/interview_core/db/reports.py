"""SQL for evaluation_reports."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from interview_core.db.connection import Connection
from interview_core.domain.models import EvaluationReport

_COLUMNS = (
    "id, interview_id, technical_score, communication_score, cultural_fit_score, summary_text, "
    "details_json, evaluator_model, created_at, updated_at"
)


def upsert_report(
    conn: Connection,
    *,
    interview_id: int,
    technical_score: float,
    communication_score: float,
    cultural_fit_score: float,
    summary_text: str,
    details_json: dict[str, Any],
    evaluator_model: str,
) -> EvaluationReport:
    row = conn.execute(
        f"""INSERT INTO evaluation_reports (interview_id, technical_score, communication_score,
                cultural_fit_score, summary_text, details_json, evaluator_model)
            VALUES (%s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (interview_id) DO UPDATE SET
                technical_score = EXCLUDED.technical_score,
                communication_score = EXCLUDED.communication_score,
                cultural_fit_score = EXCLUDED.cultural_fit_score,
                summary_text = EXCLUDED.summary_text,
                details_json = EXCLUDED.details_json,
                evaluator_model = EXCLUDED.evaluator_model,
                updated_at = now()
            RETURNING {_COLUMNS}""",
        (
            interview_id,
            technical_score,
            communication_score,
            cultural_fit_score,
            summary_text,
            Jsonb(details_json),
            evaluator_model,
        ),
    ).fetchone()
    return EvaluationReport.model_validate(row)


def get_report(conn: Connection, interview_id: int) -> EvaluationReport | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM evaluation_reports WHERE interview_id = %s", (interview_id,)
    ).fetchone()
    return EvaluationReport.model_validate(row) if row else None
