"""The rules of the log-in throttle (domain/login_throttle.py): when a key locks, for how long,
and when its failures are forgotten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from interview_core.domain.login_throttle import (
    FailureRecord,
    KeyKind,
    ThrottleKey,
    ThrottlePolicy,
    account_subject,
    address_subject,
    after_failure,
    lockout,
    retry_after_seconds,
)

POLICY = ThrottlePolicy(
    window=timedelta(minutes=15),
    max_lockout=timedelta(minutes=15),
    max_failures={KeyKind.ACCOUNT: 5, KeyKind.ADDRESS: 20},
)
ACCOUNT = ThrottleKey(KeyKind.ACCOUNT, "user:1")
ADDRESS = ThrottleKey(KeyKind.ADDRESS, "203.0.113.7")
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def fail(
    times: int,
    key: ThrottleKey = ACCOUNT,
    *,
    start: datetime = T0,
    every: timedelta = timedelta(seconds=1),
    record: FailureRecord | None = None,
) -> FailureRecord:
    now = start
    for _ in range(times):
        record = after_failure(record, key, now=now, policy=POLICY)
        now += every
    assert record is not None
    return record


@pytest.mark.parametrize(
    ("failures", "minutes"),
    [(4, None), (5, 1), (6, 2), (7, 4), (8, 8), (9, 15), (10, 15), (500, 15)],
)
def test_the_lockout_starts_at_a_minute_and_doubles_up_to_the_cap(failures, minutes):
    expected = None if minutes is None else timedelta(minutes=minutes)
    assert lockout(failures, 5, POLICY) == expected


def test_the_fifth_failure_in_a_row_locks_an_account_for_a_minute():
    four = fail(4)
    assert not four.locked_at(T0 + timedelta(seconds=4))
    five = fail(1, record=four, start=T0 + timedelta(seconds=4))
    assert five.failures == 5
    assert five.locked_until == T0 + timedelta(seconds=4, minutes=1)


def test_an_address_locks_only_at_its_higher_limit():
    assert not fail(19, ADDRESS).locked_at(T0 + timedelta(seconds=19))
    assert fail(20, ADDRESS).locked_at(T0 + timedelta(seconds=20))


def test_after_the_lockout_one_more_failure_locks_twice_as_long():
    locked = fail(5)
    assert locked.locked_until is not None
    later = locked.locked_until + timedelta(seconds=1)
    again = after_failure(locked, ACCOUNT, now=later, policy=POLICY)
    assert again.failures == 6
    assert again.locked_until == later + timedelta(minutes=2)


def test_failures_are_forgotten_after_a_quiet_window():
    four = fail(4)
    quiet = four.last_failure_at + timedelta(minutes=15, seconds=1)
    assert four.expires_at(POLICY.window) < quiet
    fresh = after_failure(four, ACCOUNT, now=quiet, policy=POLICY)
    assert fresh.failures == 1 and fresh.locked_until is None


def test_the_window_runs_from_the_end_of_the_lockout_so_waiting_it_out_does_not_reset_the_count():
    nine = fail(9)  # locked for 15 minutes from the ninth failure
    assert nine.locked_until is not None
    just_after = nine.locked_until + timedelta(minutes=1)
    tenth = after_failure(nine, ACCOUNT, now=just_after, policy=POLICY)
    assert tenth.failures == 10 and tenth.locked_until == just_after + timedelta(minutes=15)


def test_a_failure_counted_during_a_lockout_never_shortens_it():
    record = FailureRecord(failures=1, last_failure_at=T0, locked_until=T0 + timedelta(hours=1))
    during = after_failure(record, ACCOUNT, now=T0 + timedelta(minutes=1), policy=POLICY)
    assert during.locked_until == T0 + timedelta(hours=1)


def test_retry_after_is_whole_seconds_and_at_least_one():
    assert retry_after_seconds(T0 + timedelta(seconds=59.2), T0) == 60
    assert retry_after_seconds(T0, T0) == 1


def test_an_unknown_name_is_counted_by_a_digest_never_as_typed():
    assert account_subject(42, "kim") == "user:42"
    subject = account_subject(None, "  My-Secret-Password ")
    assert subject.startswith("name:") and "secret" not in subject.lower()
    assert subject == account_subject(
        None, "my-secret-password"
    )  # the same name, whatever the case


@pytest.mark.parametrize(
    ("address", "subject"),
    [
        ("203.0.113.7", "203.0.113.7"),
        (" 203.0.113.7 ", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64"),  # the same /64: one key
        ("::ffff:198.51.100.9", "198.51.100.9"),
        ("testclient", "testclient"),
        ("", "unknown"),
    ],
)
def test_addresses_are_counted_per_ipv4_address_and_per_ipv6_64(address, subject):
    assert address_subject(address) == subject
