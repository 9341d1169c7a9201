"""Limits on what one person can post, as pure rules (the services read the counts)."""

from __future__ import annotations

from datetime import datetime, timedelta

from interview_core.errors import ErrorCode, InvalidInput, TooManyRequests

INTERVIEW_WINDOW_HOURS = 24


def check_answer_fits(
    *, lines: int, chars: int, new_chars: int, max_lines: int, max_chars: int
) -> None:
    """One more answer line of `new_chars` to a question that already has `lines` lines of
    `chars`."""
    if lines >= max_lines:
        raise InvalidInput(
            f"This question already has {lines} answer lines, the most one question takes",
            code=ErrorCode.ANSWER_LIMIT,
        )
    if chars + new_chars > max_chars:
        raise InvalidInput(
            f"Answers to one question are limited to {max_chars} characters in all; "
            f"this one already has {chars}",
            code=ErrorCode.ANSWER_LIMIT,
        )


def check_interview_quota(created: list[datetime], *, now: datetime, limit: int) -> None:
    """At most `limit` interviews created in any 24 hours; `created` is the
    window's, oldest first."""
    if len(created) < limit:
        return
    frees_at = created[len(created) - limit] + timedelta(hours=INTERVIEW_WINDOW_HOURS)
    raise TooManyRequests(
        f"At most {limit} interviews can be created in 24 hours; try again later",
        retry_after=int((frees_at - now).total_seconds()) + 1,
        code=ErrorCode.DAILY_LIMIT,
    )
