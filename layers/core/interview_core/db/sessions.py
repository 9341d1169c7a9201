"""SQL for the web app's sign-in sessions (migration 0009); the rules are in domain/sessions.py."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from interview_core.db.connection import Connection
from interview_core.domain.sessions import RevokedReason, SessionKind, SessionRecord

_COLUMNS = "id, user_id, kind, chain_id, created_at, expires_at, revoked_at, revoked_reason"
# Rows of ended sessions kept for a day (a reused secret is still recognised), then deleted.
ENDED_ROWS_KEPT = "1 day"
CLEANUP_BATCH = 100


def _record(row: dict) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        user_id=row["user_id"],
        kind=SessionKind(row["kind"]),
        chain_id=row["chain_id"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        revoked_at=row["revoked_at"],
        revoked_reason=RevokedReason(row["revoked_reason"]) if row["revoked_reason"] else None,
    )


def insert_session(
    conn: Connection,
    *,
    user_id: int,
    token_hash: bytes,
    kind: SessionKind,
    expires_at: datetime,
    chain_id: UUID | None = None,
    rotated_from: int | None = None,
) -> SessionRecord:
    """A new session; without `chain_id` the first of a new chain."""
    row = conn.execute(
        f"""INSERT INTO sessions (user_id, token_hash, kind, chain_id, rotated_from, expires_at)
            VALUES (%s, %s, %s, COALESCE(%s, gen_random_uuid()), %s, %s)
            RETURNING {_COLUMNS}""",
        (user_id, token_hash, kind.value, chain_id, rotated_from, expires_at),
    ).fetchone()
    assert row is not None
    return _record(row)


def find_for_update(conn: Connection, token_hash: bytes) -> SessionRecord | None:
    """The session of this secret, locked: two refreshes with one secret take turns."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM sessions WHERE token_hash = %s FOR UPDATE", (token_hash,)
    ).fetchone()
    return _record(row) if row else None


def revoke(conn: Connection, session_id: int, reason: RevokedReason) -> None:
    conn.execute(
        """UPDATE sessions SET revoked_at = now(), revoked_reason = %s
           WHERE id = %s AND revoked_at IS NULL""",
        (reason.value, session_id),
    )


def revoke_chain(conn: Connection, chain_id: UUID, reason: RevokedReason) -> int:
    """Ends every session of a chain; the replaced ones too are marked with `reason`, so that
    none of them counts as only just replaced any more."""
    return conn.execute(
        """UPDATE sessions SET revoked_at = COALESCE(revoked_at, now()), revoked_reason = %s
           WHERE chain_id = %s AND revoked_reason IS DISTINCT FROM %s""",
        (reason.value, chain_id, reason.value),
    ).rowcount


def delete_ended(conn: Connection, user_id: int) -> int:
    """Deletes a bounded batch of the user's sessions that ended more than a day ago."""
    return conn.execute(
        f"""DELETE FROM sessions WHERE id IN (
                SELECT id FROM sessions
                WHERE user_id = %s AND expires_at < now() - interval '{ENDED_ROWS_KEPT}'
                LIMIT {CLEANUP_BATCH})""",
        (user_id,),
    ).rowcount


# The sign-in of the chain `%(chain)s` of user `%(user)s` has ended: signed out, or ended as
# stolen; no token of it is accepted any more. (A grant never exchanged only expires: its token
# keeps its own expiry.) A condition, for the statement that reads the token's user.
CHAIN_ENDED = f"""EXISTS (
    SELECT 1 FROM sessions
    WHERE chain_id = %(chain)s AND user_id = %(user)s
      AND revoked_reason IN ('{RevokedReason.LOGOUT.value}', '{RevokedReason.REUSED.value}'))"""
