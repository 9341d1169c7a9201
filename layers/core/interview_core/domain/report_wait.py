"""How soon to ask again for a report that is being written: often just after the interview was
completed (the offline evaluator writes a report in about a tenth of a second), then less often
(an LLM takes seconds). The 202 carries it in milliseconds (`retry_after_ms`) beside HTTP's
whole-second Retry-After."""

from __future__ import annotations

from datetime import datetime

# (seconds since completion below which, milliseconds to wait), in order. The first second
# polls every 100 ms: an offline report is written in about a tenth of a second, and a report
# GET costs a few milliseconds.
SCHEDULE_MS = ((1.0, 100), (3.0, 250), (15.0, 1000))
LATER_MS = 2000


def report_wait_seconds(completed_at: datetime | None, *, now: datetime) -> float:
    """Seconds the report has been waited for (0 if the completion time is unknown)."""
    if completed_at is None:
        return 0.0
    return max(0.0, (now - completed_at).total_seconds())


def poll_delay_ms(waited_seconds: float) -> int:
    for below, delay in SCHEDULE_MS:
        if waited_seconds < below:
            return delay
    return LATER_MS


def retry_after_header(delay_ms: int) -> str:
    """HTTP's Retry-After is in whole seconds: at least 1."""
    return str(max(1, -(-delay_ms // 1000)))
