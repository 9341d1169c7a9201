"""Failed log-ins slowed, then locked, per account and per client address (the rules are in
domain/login_throttle.py, the rows in db/login_throttle.py).

POST /token asks `refuse_while_locked` before it looks at the password (a locked key costs no
hashing), then reports the outcome: `count_failure` (under the rows' locks) or `count_success`.
Both look at the lock again after the password was checked, so a burst of guesses sent at once
learns no more than guesses sent in turn: one whose key was locked meanwhile is answered 429,
right or wrong."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from functools import partial

from interview_core.db import login_throttle as rows
from interview_core.db.connection import Connection
from interview_core.domain.login_throttle import (
    FailureRecord,
    KeyKind,
    ThrottleKey,
    ThrottlePolicy,
    account_subject,
    address_subject,
    after_failure,
    retry_after_seconds,
)
from interview_core.errors import TooManyRequests
from interview_core.settings import Settings


def policy(settings: Settings) -> ThrottlePolicy:
    return ThrottlePolicy(
        window=timedelta(minutes=settings.login_failure_window_minutes),
        max_lockout=timedelta(minutes=settings.login_max_lockout_minutes),
        max_failures={
            KeyKind.ACCOUNT: settings.login_max_failures_per_account,
            KeyKind.ADDRESS: settings.login_max_failures_per_address,
        },
    )


def keys_for(
    *, user_id: int | None, login: str, client_address: str
) -> tuple[ThrottleKey, ThrottleKey]:
    """The account first, then the address: the order every writer locks them in."""
    return (
        ThrottleKey(KeyKind.ACCOUNT, account_subject(user_id, login)),
        ThrottleKey(KeyKind.ADDRESS, address_subject(client_address)),
    )


def locked_error(locked_until: datetime, now: datetime) -> TooManyRequests:
    seconds = retry_after_seconds(locked_until, now)
    return TooManyRequests(
        f"Too many failed log-ins: try again in {math.ceil(seconds / 60)} minute(s)",
        retry_after=seconds,
    )


def _latest_lock(found: dict[ThrottleKey, FailureRecord], now: datetime) -> datetime | None:
    locks = [
        record.locked_until
        for record in found.values()
        if record.locked_at(now) and record.locked_until
    ]
    return max(locks, default=None)


def refuse_while_locked(conn: Connection, keys: tuple[ThrottleKey, ...], *, now: datetime) -> None:
    locked_until = _latest_lock(rows.records(conn, keys), now)
    if locked_until is not None:
        raise locked_error(locked_until, now)


def count_failure(
    conn: Connection, keys: tuple[ThrottleKey, ...], throttle: ThrottlePolicy, *, now: datetime
) -> TooManyRequests | None:
    """Count one failure on every key. Returns the 429 to answer instead of a 401 when a key was
    already locked (the guess came in alongside the ones that locked it), else None. Returned,
    not raised, so that the caller's transaction keeps the count."""
    rows.delete_expired(conn, now)
    already_locked: list[datetime] = []
    for key in keys:
        previous, _current = rows.count_failure(
            conn,
            key,
            partial(after_failure, key=key, now=now, policy=throttle),
            expires_at=lambda record: record.expires_at(throttle.window),
        )
        if previous is not None and previous.locked_at(now) and previous.locked_until is not None:
            already_locked.append(previous.locked_until)
    if already_locked:
        current = _latest_lock(rows.records(conn, keys), now) or max(already_locked)
        return locked_error(current, now)
    return None


def count_success(
    conn: Connection, keys: tuple[ThrottleKey, ...], *, now: datetime
) -> TooManyRequests | None:
    """The right password: refused all the same (returned, as above) while a key is locked;
    otherwise the account's failures are forgotten (the address's are not: one good log-in from an
    address does not excuse the guesses made from it)."""
    locked_until = _latest_lock(rows.records(conn, keys), now)
    if locked_until is not None:
        return locked_error(locked_until, now)
    for key in keys:
        if key.kind == KeyKind.ACCOUNT:
            rows.clear(conn, key)
    return None
