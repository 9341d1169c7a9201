"""When the interviewer follows an answer up, and how the offline interviewer words it."""

from __future__ import annotations

from interview_core.domain.follow_up import Criterion, decide, phrase


def _criteria(*scores: float) -> list[Criterion]:
    return [
        Criterion(name=f"c{i}", description="Explains the trade-off", weight=w, score=s)
        for i, (s, w) in enumerate(zip(scores, (0.5, 0.3, 0.2), strict=False))
    ]


def _decide(**changes):
    given = {
        "open_for_answers": True,
        "asked_so_far": 0,
        "limit": 1,
        "answer_attempted": True,
        "criteria": _criteria(80, 20, 20),
    }
    return decide(**{**given, **changes})


def test_the_least_covered_criterion_is_asked_about_the_heavier_first_among_equals():
    decision = _decide()
    assert decision.asked and decision.reason == "c1"


def test_nothing_is_asked_when_covered_over_the_limit_closed_or_not_an_attempt():
    assert _decide(criteria=_criteria(80, 60, 50)).reason == "covered"
    assert _decide(asked_so_far=1).reason == "limit_reached"
    assert _decide(limit=0).reason == "follow_ups_off"
    assert _decide(open_for_answers=False).reason == "interview_closed"
    assert _decide(answer_attempted=False).reason == "not_attempted"
    assert _decide(superseded=True).reason == "superseded"
    assert not _decide(superseded=True).asked
    assert not any(
        d.asked
        for d in (
            _decide(criteria=_criteria(80, 60, 50)),
            _decide(asked_so_far=1),
            _decide(open_for_answers=False),
        )
    )


def test_korean_descriptions_become_questions_in_three_shapes():
    def ask(description: str) -> str:
        return phrase(Criterion("x", description, 1.0, 0.0), "ko")

    assert "원인을 어떻게 찾았는지 조금 더 구체적으로 말씀해 주시겠어요?" in ask(
        "어떤 상황이었고 원인을 어떻게 찾았는지 설명한다"
    )
    assert "중복 요청을 안전하게 처리하는 방법을 조금 더" in ask(
        "멱등성 키로 중복 요청을 안전하게 처리한다"
    )
    assert "적용하신 경험을" in ask("배운 것을 업무나 프로젝트에 적용했다")
    # A description that does not turn into a topic gets the general probe.
    assert "구체적인 예를 들어" in ask("성과")


def test_english_descriptions_become_questions_or_the_general_probe():
    def ask(description: str) -> str:
        return phrase(Criterion("x", description, 1.0, 0.0), "en")

    assert ask("Compares offset-based and cursor pagination").endswith(
        "could you say more about offset-based and cursor pagination?"
    )
    assert "how you noticed" in ask("Explains how they noticed and corrected course")
    assert "concrete example" in ask("Learned efficiently with a clear strategy")
