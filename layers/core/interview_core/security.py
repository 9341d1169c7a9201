"""Passwords (Argon2) and access tokens (JWT, algorithm pinned by settings)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING
from uuid import UUID

from pydantic import BaseModel

from interview_core.errors import Unauthenticated
from interview_core.settings import Settings

if TYPE_CHECKING:
    from argon2 import PasswordHasher

# argon2 and jose (with the cryptography it loads) are imported where they are used: a Lambda
# that neither checks passwords nor handles tokens never loads them (issue 11).

# Argon2id at OWASP's first recommendation (19 MiB, 2 passes, 1 lane): ~40 ms of one core a hash,
# against ~300 ms for argon2-cffi's default (64 MiB, 3 passes, 4 lanes); the figures and why are
# in docs/decisions.md. Hashes made with other parameters still verify, and are made again with
# these on the next log-in (password_needs_rehash).
ARGON2_TIME_COST = 2
ARGON2_MEMORY_KIB = 19 * 1024
ARGON2_PARALLELISM = 1


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher(
        time_cost=ARGON2_TIME_COST, memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_PARALLELISM
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


# Verifying against this keeps an unknown username as slow as a wrong password.
_DUMMY_HASH = None


def burn_password_check(password: str) -> None:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_password("not-a-real-password")
    verify_password(_DUMMY_HASH, password)


class AccessToken(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


def create_access_token(
    settings: Settings, user_id: int, role: str, *, session_chain: UUID | None = None
) -> AccessToken:
    """A signed token; with `session_chain` (the web app's tokens) it ends with that sign-in's
    session: a signed-out or stolen-and-ended chain refuses its tokens before they expire."""
    now = datetime.now(UTC)
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    claims: dict[str, object] = {
        "sub": str(user_id),
        "role": role,
        "iat": now,
        "exp": now + lifetime,
    }
    if session_chain is not None:
        claims["sid"] = str(session_chain)
    from jose import jwt

    token = jwt.encode(claims, settings.secret_key.get_secret_value(), algorithm=settings.algorithm)
    return AccessToken(access_token=token, expires_in=int(lifetime.total_seconds()))


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    session_chain: UUID | None  # the sign-in session it belongs to, for the web app's tokens


def token_claims(settings: Settings, token: str) -> TokenClaims:
    from jose import ExpiredSignatureError, JWTError, jwt

    try:
        # python-jose checks `exp` only when present: a token without one would never expire.
        claims = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            algorithms=[settings.algorithm],
            options={"require_exp": True},
        )
    except ExpiredSignatureError:
        raise Unauthenticated("The access token has expired; log in again") from None
    # python-jose lets a signed but malformed claim through as TypeError or OverflowError
    # (`"exp": null`, `"exp": 1e999`).
    except (JWTError, TypeError, ValueError, OverflowError):
        raise Unauthenticated("The access token is invalid") from None
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.isdigit():
        raise Unauthenticated("The access token is invalid")
    session = claims.get("sid")
    if session is None:
        return TokenClaims(user_id=int(subject), session_chain=None)
    try:
        return TokenClaims(user_id=int(subject), session_chain=UUID(str(session)))
    except ValueError:
        raise Unauthenticated("The access token is invalid") from None
