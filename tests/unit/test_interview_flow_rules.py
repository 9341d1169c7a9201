from __future__ import annotations

import pytest
from interview_core.domain.interview_flow import check_accepts_answers, check_transition
from interview_core.domain.models import InterviewStatus as S
from interview_core.errors import Conflict


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.SCHEDULED, S.LIVE),
        (S.SCHEDULED, S.CANCELLED),
        (S.LIVE, S.COMPLETED),
        (S.LIVE, S.CANCELLED),
    ],
)
def test_allowed_transitions(current, target):
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.SCHEDULED, S.COMPLETED),
        (S.COMPLETED, S.LIVE),
        (S.CANCELLED, S.LIVE),
        (S.COMPLETED, S.CANCELLED),
    ],
)
def test_refused_transitions_say_why(current, target):
    with pytest.raises(Conflict) as refused:
        check_transition(current, target)
    assert refused.value.message


def test_only_scheduled_and_live_interviews_take_answers():
    check_accepts_answers(S.SCHEDULED)
    check_accepts_answers(S.LIVE)
    for finished in (S.COMPLETED, S.CANCELLED):
        with pytest.raises(Conflict):
            check_accepts_answers(finished)
