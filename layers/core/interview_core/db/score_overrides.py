"""SQL for score_overrides: append-only (the table refuses UPDATE, DELETE and TRUNCATE)."""

from __future__ import annotations

from interview_core.db.connection import Connection
from interview_core.domain.models import OverrideScope, ScoreOverride

_COLUMNS = """o.id, o.interview_id, o.scope, o.question_id, o.ai_score, o.previous_score, o.score,
              o.reason,
               o.reviewer_id, u.username AS reviewer_username, o.created_at"""


def insert_override(
    conn: Connection,
    *,
    interview_id: int,
    scope: OverrideScope,
    question_id: int | None,
    ai_score: float | None,
    previous_score: float | None,
    score: float,
    reason: str,
    reviewer_id: int,
) -> ScoreOverride:
    row = conn.execute(
        f"""WITH written AS (
                INSERT INTO score_overrides (interview_id, scope, question_id, ai_score,
                previous_score, score,
                                             reason, reviewer_id)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING *)
            SELECT {_COLUMNS} FROM written o JOIN users u ON u.id = o.reviewer_id""",
        (interview_id, scope, question_id, ai_score, previous_score, score, reason, reviewer_id),
    ).fetchone()
    return ScoreOverride.model_validate(row)


def list_overrides(conn: Connection, interview_id: int) -> list[ScoreOverride]:
    """Oldest first: the latest per (scope, question) is the one in force."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM score_overrides o JOIN users u ON u.id = o.reviewer_id "
        "WHERE o.interview_id = %s ORDER BY o.id",
        (interview_id,),
    ).fetchall()
    return [ScoreOverride.model_validate(row) for row in rows]


def overrides_of(conn: Connection, interview_ids: list[int]) -> dict[int, list[ScoreOverride]]:
    """list_overrides of many interviews at once (each oldest first)."""
    found: dict[int, list[ScoreOverride]] = {i: [] for i in interview_ids}
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM score_overrides o JOIN users u ON u.id = o.reviewer_id "
        "WHERE o.interview_id = ANY(%s) ORDER BY o.id",
        (interview_ids,),
    ).fetchall()
    for row in rows:
        override = ScoreOverride.model_validate(row)
        found[override.interview_id].append(override)
    return found
