"""The web app's sign-in sessions: a grant handed out with a log-in, exchanged for a session kept
in an httpOnly cookie, refreshed (rotated) for new access tokens, ended at sign-out. Rules in
domain/sessions.py, SQL in db/sessions.py."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from interview_core.db import sessions, users
from interview_core.db.connection import Database
from interview_core.domain.sessions import (
    GRANT_LIFETIME,
    RevokedReason,
    SessionKind,
    Verdict,
    cookie_session_expiry,
    judge,
    secret_hash,
)
from interview_core.errors import Unauthenticated
from interview_core.security import AccessToken, create_access_token
from interview_core.settings import Settings

NO_SESSION = "No session: sign in"
NO_GRANT = "No session grant: log in with POST /token and the header X-Session: cookie"
_REFUSALS = {
    Verdict.EXPIRED: "The session has expired; sign in again",
    Verdict.ENDED: "The session has ended; sign in again",
    Verdict.REUSED: "The session was used twice, so it was ended everywhere; sign in again",
    Verdict.WRONG_KIND: "The session is invalid; sign in again",
}
UNKNOWN_SESSION = "The session is invalid; sign in again"
ACCOUNT_GONE = "The account of this session no longer exists"


@dataclass(frozen=True)
class CookieSession:
    """What the browser keeps (`secret`, until `expires_at`) and the access token it got."""

    secret: str
    expires_at: datetime
    access: AccessToken


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Grant:
    secret: str
    chain_id: UUID  # the sign-in it begins: the access tokens of this sign-in carry it


def open_grant(db: Database, user_id: int) -> Grant:
    """A grant for a user who has just logged in: the web app exchanges it at once on its own
    origin (exchange_grant), where the cookie can be set."""
    secret = _new_secret()
    with db.unit_of_work() as uow:
        sessions.delete_ended(uow.conn, user_id)
        record = sessions.insert_session(
            uow.conn,
            user_id=user_id,
            token_hash=secret_hash(secret),
            kind=SessionKind.GRANT,
            expires_at=datetime.now(UTC) + GRANT_LIFETIME,
        )
    return Grant(secret=secret, chain_id=record.chain_id)


def exchange_grant(db: Database, settings: Settings, grant: str | None) -> CookieSession:
    """The first cookie session of a sign-in, for the grant POST /token handed out."""
    if not grant:
        raise Unauthenticated(NO_GRANT)
    return _rotate(db, settings, grant, presented_as=SessionKind.GRANT)


def refresh(db: Database, settings: Settings, secret: str | None) -> CookieSession:
    """A new access token for the session's user, and the session's successor: the one given is
    revoked. A revoked one given again ends its whole chain (someone else has a copy)."""
    if not secret:
        raise Unauthenticated(NO_SESSION)
    return _rotate(db, settings, secret, presented_as=SessionKind.COOKIE)


def end(db: Database, secret: str | None) -> None:
    """Signs out: every session of the chain is revoked. Unknown or ended secrets are ignored."""
    if not secret:
        return
    with db.unit_of_work() as uow:
        record = sessions.find_for_update(uow.conn, secret_hash(secret))
        if record is not None and record.kind == SessionKind.COOKIE:
            sessions.revoke_chain(uow.conn, record.chain_id, RevokedReason.LOGOUT)


def _rotate(
    db: Database, settings: Settings, secret: str, *, presented_as: SessionKind
) -> CookieSession:
    now = datetime.now(UTC)
    grace = timedelta(seconds=settings.session_reuse_grace_seconds)
    refused: str | None = None
    with db.unit_of_work() as uow:
        record = sessions.find_for_update(uow.conn, secret_hash(secret))
        if record is None:
            raise Unauthenticated(UNKNOWN_SESSION)
        verdict = judge(record, presented_as=presented_as, now=now, grace=grace)
        user = users.get_user(uow.conn, record.user_id)
        if verdict == Verdict.REUSED:
            sessions.revoke_chain(uow.conn, record.chain_id, RevokedReason.REUSED)
            refused = _REFUSALS[verdict]
        elif verdict in _REFUSALS:
            refused = _REFUSALS[verdict]
        elif user is None:  # users cascade to their sessions: only if that ever changes
            sessions.revoke_chain(uow.conn, record.chain_id, RevokedReason.LOGOUT)
            refused = ACCOUNT_GONE
        else:
            if verdict == Verdict.VALID:
                sessions.revoke(uow.conn, record.id, RevokedReason.ROTATED)
            successor = _new_secret()
            expires_at = cookie_session_expiry(
                record, now=now, lifetime=timedelta(hours=settings.session_lifetime_hours)
            )
            sessions.insert_session(
                uow.conn,
                user_id=record.user_id,
                token_hash=secret_hash(successor),
                kind=SessionKind.COOKIE,
                expires_at=expires_at,
                chain_id=record.chain_id,
                rotated_from=record.id,
            )
    # Raised after the commit: a chain ended for a reused session stays ended.
    if refused is not None:
        raise Unauthenticated(refused)
    assert user is not None
    return CookieSession(
        secret=successor,
        expires_at=expires_at,
        access=create_access_token(settings, user.id, user.role, session_chain=record.chain_id),
    )
