"""The AI notice, consent and the scheduled window (domain.interview_room)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from interview_core.domain.interview_room import (
    consent_required,
    is_open,
    notice_for,
    notice_version,
    opens_at,
)
from interview_core.domain.models import Interview

_NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def _interview(**changes) -> Interview:
    base = {
        "id": 7,
        "candidate_id": 1,
        "candidate_username": "kim",
        "candidate_full_name": None,
        "kind": "practice",
        "job_posting_id": None,
        "job_posting_title": None,
        "organization_id": None,
        "position": "Backend Developer",
        "language": "ko",
        "status": "scheduled",
        "scheduled_time": None,
        "deadline": None,
        "retake": False,
        "start_time": None,
        "end_time": None,
        "overall_score": None,
        "emotion_summary": None,
        "created_at": _NOW,
    }
    return Interview.model_validate({**base, **changes})


def test_practice_never_requires_consent_a_real_interview_until_given():
    assert not consent_required(_interview())
    real = _interview(kind="real", job_posting_id=3, organization_id=2)
    assert consent_required(real)
    assert not consent_required(real.model_copy(update={"consented_at": _NOW}))


def test_the_default_notice_says_who_what_and_how_in_the_interviews_language():
    real = _interview(kind="real", job_posting_id=3, organization_id=2, language="en")
    notice = notice_for(real, posting_notice=None, organization="Acme")
    assert notice.version == "default-real-en-v1" == notice_version(real)
    assert "AI interviewer" in notice.text and "Acme" in notice.text
    assert "Backend Developer" in notice.text and "people" in notice.text
    practice = notice_for(_interview(), posting_notice=None, organization=None)
    assert practice.language == "ko" and "연습 면접" in practice.text


def test_a_postings_own_notice_has_the_postings_version():
    real = _interview(kind="real", job_posting_id=3, organization_id=2, ai_notice_version=4)
    notice = notice_for(real, posting_notice="Our notice.", organization="Acme")
    assert (notice.version, notice.text) == ("posting-3-v4", "Our notice.")


def test_a_scheduled_interview_opens_fifteen_minutes_early():
    at = _NOW + timedelta(hours=1)
    scheduled = _interview(scheduled_time=at)
    assert opens_at(scheduled) == at - timedelta(minutes=15)
    assert not is_open(scheduled, _NOW)
    assert is_open(scheduled, at - timedelta(minutes=10))
    assert is_open(_interview(), _NOW)  # no time set: open now
    assert opens_at(scheduled.model_copy(update={"status": "live"})) is None


def test_positions_typed_in_korean_or_english_are_the_banks():
    from interview_core.domain.positions import bank_position

    assert bank_position("백엔드 개발자") == "Backend Developer"
    assert bank_position("백엔드개발자") == "Backend Developer"
    assert bank_position("Back-end developer") == "Backend Developer"
    assert bank_position("프런트엔드 엔지니어") == "Frontend Developer"
    assert bank_position("데이터 사이언티스트") == "Data Scientist"
    assert bank_position("PM") == "Product Manager"
    assert bank_position("Chef") == "Chef"  # not the bank's: the general questions
