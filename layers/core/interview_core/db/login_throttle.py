"""SQL for the failed log-ins of each key (migration 0006); the rules are in
domain/login_throttle.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from interview_core.db.connection import Connection
from interview_core.domain.login_throttle import FailureRecord, ThrottleKey

# Rows deleted at most per write: the clean-up stays a small, bounded part of a failed log-in.
CLEANUP_BATCH = 100


def records(conn: Connection, keys: Sequence[ThrottleKey]) -> dict[ThrottleKey, FailureRecord]:
    found: dict[ThrottleKey, FailureRecord] = {}
    for key in keys:
        row = conn.execute(
            """SELECT failures, last_failure_at, locked_until FROM login_throttle
               WHERE kind = %s AND subject = %s""",
            (key.kind.value, key.subject),
        ).fetchone()
        if row is not None:
            found[key] = FailureRecord(**row)
    return found


def count_failure(
    conn: Connection,
    key: ThrottleKey,
    update: Callable[[FailureRecord | None], FailureRecord],
    *,
    expires_at: Callable[[FailureRecord], datetime],
) -> tuple[FailureRecord | None, FailureRecord]:
    """Apply `update` to the key's record under a row lock (so that failures sent at the same
    time are all counted); returns the record before and after."""
    conn.execute(
        """INSERT INTO login_throttle (kind, subject, failures, last_failure_at, expires_at)
           VALUES (%s, %s, 0, now(), now()) ON CONFLICT (kind, subject) DO NOTHING""",
        (key.kind.value, key.subject),
    )
    row = conn.execute(
        """SELECT failures, last_failure_at, locked_until FROM login_throttle
           WHERE kind = %s AND subject = %s FOR UPDATE""",
        (key.kind.value, key.subject),
    ).fetchone()
    assert row is not None
    previous = FailureRecord(**row) if row["failures"] > 0 else None
    current = update(previous)
    conn.execute(
        """UPDATE login_throttle
           SET failures = %s, last_failure_at = %s, locked_until = %s, expires_at = %s
           WHERE kind = %s AND subject = %s""",
        (
            current.failures,
            current.last_failure_at,
            current.locked_until,
            expires_at(current),
            key.kind.value,
            key.subject,
        ),
    )
    return previous, current


def clear(conn: Connection, key: ThrottleKey) -> None:
    conn.execute(
        "DELETE FROM login_throttle WHERE kind = %s AND subject = %s", (key.kind.value, key.subject)
    )


def delete_expired(conn: Connection, now: datetime) -> int:
    """Rows that mean nothing any more, a batch at a time; rows another log-in holds are left."""
    deleted = conn.execute(
        """DELETE FROM login_throttle WHERE ctid IN (
               SELECT ctid FROM login_throttle WHERE expires_at < %s
               LIMIT %s FOR UPDATE SKIP LOCKED)""",
        (now, CLEANUP_BATCH),
    )
    return deleted.rowcount
