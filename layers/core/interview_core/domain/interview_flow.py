"""The interview's state machine: scheduled -> live -> completed, or cancelled before the end."""

from interview_core.domain.models import InterviewStatus
from interview_core.errors import Conflict, ErrorCode

S = InterviewStatus

_ALLOWED: dict[InterviewStatus, set[InterviewStatus]] = {
    S.SCHEDULED: {S.LIVE, S.CANCELLED},
    S.LIVE: {S.COMPLETED, S.CANCELLED},
    S.COMPLETED: set(),
    S.CANCELLED: set(),
}


def check_transition(current: InterviewStatus, target: InterviewStatus) -> None:
    if target not in _ALLOWED[current]:
        if current == S.SCHEDULED and target == S.COMPLETED:
            raise Conflict("The interview has not started yet: start it or answer a question first")
        raise Conflict(
            f"A {current.value} interview cannot become {target.value}",
            code=ErrorCode.INTERVIEW_CLOSED if current in (S.COMPLETED, S.CANCELLED) else None,
        )


def accepts_answers(current: InterviewStatus) -> bool:
    return current not in (S.COMPLETED, S.CANCELLED)


def check_accepts_answers(current: InterviewStatus) -> None:
    if not accepts_answers(current):
        raise Conflict(
            f"The interview is {current.value}: it takes no more answers",
            code=ErrorCode.INTERVIEW_CLOSED,
        )
