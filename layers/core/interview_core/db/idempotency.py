"""SQL for idempotency keys: the first response to a request, kept for its retries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psycopg.types.json import Jsonb

from interview_core.db.connection import Connection


@dataclass(frozen=True)
class StoredResponse:
    scope: str
    request_hash: str
    response: Any


def stored_response(conn: Connection, *, user_id: int, key: str) -> StoredResponse | None:
    """The response kept for this key, if a request with it has committed. Waits for a request
    with the same key still in flight (an advisory lock on the key), so two copies never both
    run."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, %s))", (key, user_id))
    row = conn.execute(
        (
            "SELECT scope, request_hash, response FROM idempotency_keys WHERE user_id = %s AND key "
            "= %s"
        ),
        (user_id, key),
    ).fetchone()
    return StoredResponse(row["scope"], row["request_hash"], row["response"]) if row else None


def store_response(
    conn: Connection, *, user_id: int, key: str, scope: str, request_hash: str, response: Any
) -> None:
    conn.execute(
        """INSERT INTO idempotency_keys (user_id, key, scope, request_hash, response)
           VALUES (%s, %s, %s, %s, %s)""",
        (user_id, key, scope, request_hash, Jsonb(response)),
    )


def delete_older_than(conn: Connection, *, hours: int) -> int:
    return conn.execute(
        "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => %s)",
        (hours,),
    ).rowcount
