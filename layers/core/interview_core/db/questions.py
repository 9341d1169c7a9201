"""SQL for the question bank."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from interview_core.db.connection import Connection
from interview_core.domain.models import Question

_COLUMNS = (
    "id, content, category, difficulty, rubric_json, vector_id, position, language, "
    "usage_count, avg_score, is_active"
)


def count_questions(conn: Connection) -> int:
    return conn.execute("SELECT count(*) AS n FROM questions").fetchone()["n"]


def insert_questions(conn: Connection, questions: list[dict[str, Any]]) -> None:
    """Insert in the given order (ids follow it); a question already in the bank is skipped."""
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO questions (content, category, difficulty, rubric_json, position, language)
               VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (language, content) DO NOTHING""",
            [
                (q["content"], q["category"], q["difficulty"], Jsonb(q["rubric"]), q["position"], q["language"])
                for q in questions
            ],
        )


def candidates_for(conn: Connection, *, position: str, language: str) -> list[Question]:
    """Active questions an interview for this position may ask: the position's own and the
    general ones (no position)."""
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM questions
            WHERE is_active AND language = %s AND (position IS NULL OR lower(position) = lower(%s))
            ORDER BY id""",
        (language, position),
    ).fetchall()
    return [Question.model_validate(row) for row in rows]


def get_questions(conn: Connection, question_ids: list[int]) -> list[Question]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM questions WHERE id = ANY(%s) ORDER BY id", (question_ids,)
    ).fetchall()
    return [Question.model_validate(row) for row in rows]


def refresh_statistics(conn: Connection, question_ids: list[int]) -> None:
    """Recompute usage_count and avg_score from the scored interviews: idempotent, so a report
    written twice never counts twice."""
    conn.execute(
        """UPDATE questions q SET
               usage_count = stats.used,
               avg_score = stats.average,
               updated_at = now()
           FROM (SELECT q2.id,
                        count(iq.score) AS used,
                        round(avg(iq.score)::numeric, 2)::double precision AS average
                 FROM questions q2 LEFT JOIN interview_questions iq ON iq.question_id = q2.id
                 WHERE q2.id = ANY(%(ids)s)
                 GROUP BY q2.id) AS stats
           WHERE q.id = stats.id""",
        {"ids": question_ids},
    )


def get_question(conn: Connection, question_id: int) -> Question | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM questions WHERE id = %s", (question_id,)).fetchone()
    return Question.model_validate(row) if row else None


def search_questions(
    conn: Connection,
    *,
    category: str | None,
    difficulty: str | None,
    position: str | None,
    language: str | None,
    active: bool | None,
    text: str | None,
    limit: int,
    offset: int,
) -> list[Question]:
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM questions
            WHERE (%(category)s::text IS NULL OR category = %(category)s)
              AND (%(difficulty)s::text IS NULL OR difficulty = %(difficulty)s)
              AND (%(position)s::text IS NULL OR lower(position) = lower(%(position)s))
              AND (%(language)s::text IS NULL OR language = %(language)s)
              AND (%(active)s::boolean IS NULL OR is_active = %(active)s)
              AND (%(text)s::text IS NULL OR content ILIKE '%%' || %(text)s || '%%')
            ORDER BY id LIMIT %(limit)s OFFSET %(offset)s""",
        {"category": category, "difficulty": difficulty, "position": position, "language": language,
         "active": active, "text": text, "limit": limit, "offset": offset},
    ).fetchall()
    return [Question.model_validate(row) for row in rows]


_EDITABLE = ("content", "category", "difficulty", "rubric_json", "position", "language", "is_active")


def _params(values: dict[str, Any]) -> dict[str, Any]:
    return {k: Jsonb(v) if k == "rubric_json" else v for k, v in values.items()}


def insert_question(conn: Connection, values: dict[str, Any]) -> Question:
    columns = [c for c in _EDITABLE if c in values]
    row = conn.execute(
        f"""INSERT INTO questions ({", ".join(columns)}) VALUES ({", ".join(f"%({c})s" for c in columns)})
            RETURNING {_COLUMNS}""",
        _params(values),
    ).fetchone()
    return Question.model_validate(row)


def update_question(conn: Connection, question_id: int, changes: dict[str, Any]) -> Question | None:
    assignments = [f"{c} = %({c})s" for c in _EDITABLE if c in changes]
    row = conn.execute(
        f"""UPDATE questions SET {", ".join([*assignments, "updated_at = now()"])}
            WHERE id = %(id)s RETURNING {_COLUMNS}""",
        {**_params(changes), "id": question_id},
    ).fetchone()
    return Question.model_validate(row) if row else None
