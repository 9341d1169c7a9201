"""How soon a client asks again for a report being written: soon just after completion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from interview_core.domain.report_wait import (
    poll_delay_ms,
    report_wait_seconds,
    retry_after_header,
)


def test_a_report_just_asked_for_is_asked_for_again_within_a_tenth_then_a_quarter_second():
    assert poll_delay_ms(0.0) == 100
    assert poll_delay_ms(0.99) == 100
    assert poll_delay_ms(1.0) == 250
    assert poll_delay_ms(2.9) == 250


def test_the_wait_grows_as_the_report_takes_longer_and_never_shrinks():
    delays = [poll_delay_ms(seconds / 10) for seconds in range(600)]
    assert delays == sorted(delays)
    assert poll_delay_ms(5) == 1000
    assert poll_delay_ms(60) == 2000


def test_retry_after_is_whole_seconds_and_at_least_one():
    assert retry_after_header(250) == "1"
    assert retry_after_header(1000) == "1"
    assert retry_after_header(1001) == "2"
    assert retry_after_header(2000) == "2"


def test_the_wait_is_counted_from_completion_and_never_negative():
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    assert report_wait_seconds(now - timedelta(seconds=4), now=now) == 4.0
    assert report_wait_seconds(now + timedelta(seconds=1), now=now) == 0.0  # clocks apart
    assert report_wait_seconds(None, now=now) == 0.0
