"""Failed log-ins slow, then lock, whoever keeps guessing: pure rules over one key's record (an
account, or a client address), the caller brings the time and stores the result.

A key's failures count while each comes within the window of the one before it (or of the end of
its lockout). At the limit the key is locked for a minute; every further failure doubles that, up
to the longest lockout. While a key is locked, log-ins with it are refused without a look at the
password, the right one included."""

from __future__ import annotations

import hashlib
import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

FIRST_LOCKOUT = timedelta(minutes=1)
# An IPv6 client usually has a whole /64 to itself: counting each address would let it guess
# from 2**64 of them.
IPV6_PREFIX = 64


class KeyKind(StrEnum):
    ACCOUNT = "account"
    ADDRESS = "address"


@dataclass(frozen=True)
class ThrottleKey:
    kind: KeyKind
    subject: str


@dataclass(frozen=True)
class ThrottlePolicy:
    window: timedelta
    max_lockout: timedelta
    max_failures: dict[KeyKind, int]

    def limit(self, key: ThrottleKey) -> int:
        return self.max_failures[key.kind]


@dataclass(frozen=True)
class FailureRecord:
    failures: int
    last_failure_at: datetime
    locked_until: datetime | None = None

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def quiet_since(self) -> datetime:
        """When the key stopped guessing: its last failure, or the end of its lockout."""
        if self.locked_until is None:
            return self.last_failure_at
        return max(self.last_failure_at, self.locked_until)

    def expires_at(self, window: timedelta) -> datetime:
        """After this the record means nothing (as if it were not there) and may be deleted."""
        return self.quiet_since() + window


def lockout(failures: int, limit: int, policy: ThrottlePolicy) -> timedelta | None:
    """How long a key with `failures` in its window is locked: none under the limit, a minute at
    it, doubling with each failure beyond, at most the policy's longest."""
    if failures < limit:
        return None
    doublings = min(failures - limit, 32)  # 2**32 minutes is past any cap
    return min(FIRST_LOCKOUT * 2**doublings, policy.max_lockout)


def after_failure(
    previous: FailureRecord | None, key: ThrottleKey, *, now: datetime, policy: ThrottlePolicy
) -> FailureRecord:
    """The key's record once one more failure is counted."""
    counting = previous is not None and previous.quiet_since() > now - policy.window
    failures = (previous.failures if counting and previous else 0) + 1
    locked_for = lockout(failures, policy.limit(key), policy)
    locked_until = now + locked_for if locked_for else None
    if previous is not None and previous.locked_at(now):
        # A failure that slipped in during a lockout (sent at the same time as the one that
        # locked it) never shortens it.
        assert previous.locked_until is not None
        locked_until = max(locked_until or previous.locked_until, previous.locked_until)
    return FailureRecord(failures=failures, last_failure_at=now, locked_until=locked_until)


def retry_after_seconds(locked_until: datetime, now: datetime) -> int:
    return max(1, math.ceil((locked_until - now).total_seconds()))


def account_subject(user_id: int | None, login: str) -> str:
    """An account by its id; a name that is nobody's by a digest of it (people type their
    password into the username field, and it is not kept), locked all the same so that a
    lockout tells nothing of who has an account."""
    if user_id is not None:
        return f"user:{user_id}"
    return "name:" + hashlib.sha256(login.strip().casefold().encode()).hexdigest()


def address_subject(address: str) -> str:
    """The client address as counted: an IPv4 address itself, an IPv6 address by its /64."""
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()[:100] or "unknown"
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, IPV6_PREFIX), strict=False))
    return str(parsed)
