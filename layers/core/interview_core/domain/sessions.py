"""The rules of the web app's sign-in sessions (migration 0009), without I/O: what a presented
session secret is worth, and how long each kind of session lasts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

# A grant is exchanged by the web app right after POST /token answers: a minute is plenty.
GRANT_LIFETIME = timedelta(seconds=60)


class SessionKind(StrEnum):
    GRANT = "grant"  # handed out in POST /token's JSON, exchanged once for a cookie session
    COOKIE = "cookie"  # kept by the browser in the httpOnly cookie


class RevokedReason(StrEnum):
    ROTATED = "rotated"  # replaced by the next session of its chain
    LOGOUT = "logout"
    REUSED = "reused"  # a replaced session came back: the chain is taken to be stolen


class Verdict(StrEnum):
    VALID = "valid"
    # Replaced a moment ago: the answer that carried its successor was probably lost (a reload
    # or a dropped connection while refreshing). Another successor is given, in the same chain.
    JUST_ROTATED = "just_rotated"
    REUSED = "reused"
    ENDED = "ended"
    EXPIRED = "expired"
    WRONG_KIND = "wrong_kind"


@dataclass(frozen=True)
class SessionRecord:
    id: int
    user_id: int
    kind: SessionKind
    chain_id: UUID
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    revoked_reason: RevokedReason | None


def secret_hash(secret: str) -> bytes:
    """What is stored of a session's secret (a random 256-bit value: no salt or stretching)."""
    return hashlib.sha256(secret.encode()).digest()


def judge(
    record: SessionRecord, *, presented_as: SessionKind, now: datetime, grace: timedelta
) -> Verdict:
    """What a session presented as `presented_as` (a grant to exchange, or the cookie) is
    worth: valid, ended one way or another, or a replaced one presented again."""
    if record.kind != presented_as:
        return Verdict.WRONG_KIND
    if now >= record.expires_at:
        return Verdict.EXPIRED
    if record.revoked_at is None:
        return Verdict.VALID
    if record.revoked_reason == RevokedReason.ROTATED:
        # A grant has no grace: it travelled in JSON, where a script could have read it.
        recent = record.kind == SessionKind.COOKIE and now - record.revoked_at <= grace
        return Verdict.JUST_ROTATED if recent else Verdict.REUSED
    return Verdict.ENDED


def cookie_session_expiry(record: SessionRecord, *, now: datetime, lifetime: timedelta) -> datetime:
    """The end of the next session of a chain: a chain lives `lifetime` from the exchange of its
    grant, however often it is refreshed (a sign-in lasts at most that long)."""
    if record.kind == SessionKind.GRANT:
        return now + lifetime
    return record.expires_at
