"""SQL for the job outbox (migration 0007): jobs committed with their rows, waiting to be sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psycopg.types.json import Jsonb

from interview_core.db.connection import Connection, one


@dataclass(frozen=True)
class OutboxJob:
    id: int
    kind: str
    body: dict[str, Any]


def add(conn: Connection, *, kind: str, body: dict[str, Any]) -> int:
    row = one(
        conn.execute(
            "INSERT INTO job_outbox (kind, body) VALUES (%s, %s) RETURNING id", (kind, Jsonb(body))
        )
    )
    return int(row["id"])


def due(conn: Connection, *, older_than_seconds: int, limit: int) -> list[OutboxJob]:
    """Jobs not sent right after their commit, oldest first, locked for this relay (another relay
    running at the same time skips them)."""
    rows = conn.execute(
        """SELECT id, kind, body FROM job_outbox
           WHERE created_at < now() - make_interval(secs => %s)
           ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
        (older_than_seconds, limit),
    ).fetchall()
    return [OutboxJob(row["id"], row["kind"], row["body"]) for row in rows]


def remove(conn: Connection, job_id: int) -> None:
    conn.execute("DELETE FROM job_outbox WHERE id = %s", (job_id,))


def record_failure(conn: Connection, job_id: int, error: str) -> None:
    conn.execute(
        "UPDATE job_outbox SET attempts = attempts + 1, last_error = %s WHERE id = %s",
        (error[:1000], job_id),
    )


def waiting(conn: Connection) -> int:
    return int(one(conn.execute("SELECT count(*) AS n FROM job_outbox"))["n"])
