"""SQL for job failures (migration 0008): why a job failed, and how often."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb

from interview_core.db.connection import Connection


@dataclass(frozen=True)
class JobFailure:
    kind: str
    body: dict[str, Any]
    attempts: int
    last_error: str
    last_failed_at: datetime


def record(conn: Connection, *, kind: str, body: dict[str, Any], attempts: int, error: str) -> None:
    """One more failed attempt (`attempts` as the queue counts receives)."""
    conn.execute(
        """INSERT INTO job_failures (kind, body, attempts, last_error) VALUES (%(kind)s, %(body)s,
           %(attempts)s, %(error)s)
           ON CONFLICT (kind, body) DO UPDATE
           SET attempts = greatest(job_failures.attempts + 1, excluded.attempts),
               last_error = excluded.last_error, last_failed_at = now()""",
        {"kind": kind, "body": Jsonb(body), "attempts": max(1, attempts), "error": error[:2000]},
    )


def clear(conn: Connection, *, kind: str, body: dict[str, Any]) -> None:
    conn.execute("DELETE FROM job_failures WHERE kind = %s AND body = %s", (kind, Jsonb(body)))


def of_report(conn: Connection, interview_id: int) -> JobFailure | None:
    row = conn.execute(
        """SELECT kind, body, attempts, last_error, last_failed_at FROM job_failures
           WHERE kind = 'report' AND body ->> 'interview_id' = %s""",
        (str(interview_id),),
    ).fetchone()
    return JobFailure(**row) if row else None


def list_failures(conn: Connection, *, limit: int = 100) -> list[JobFailure]:
    rows = conn.execute(
        """SELECT kind, body, attempts, last_error, last_failed_at FROM job_failures
           ORDER BY last_failed_at DESC LIMIT %s""",
        (limit,),
    ).fetchall()
    return [JobFailure(**row) for row in rows]


def clear_done(conn: Connection) -> int:
    """Failures of jobs whose work has since been done (a report written, an answer scored)."""
    return conn.execute(
        """DELETE FROM job_failures f
           WHERE (kind = 'report' AND EXISTS (
                      SELECT 1 FROM evaluation_reports r WHERE r.interview_id = (f.body ->>
                      'interview_id')::bigint))
              OR (kind = 'sentiment' AND EXISTS (
                      SELECT 1 FROM transcripts t
                      WHERE t.id = (f.body ->> 'transcript_id')::bigint AND t.sentiment_score IS NOT
                      NULL))"""
    ).rowcount
