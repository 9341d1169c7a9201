"""The interview room's API (issue 12): the AI notice and consent, follow-up questions in the
transcript, when a scheduled interview opens, and error codes a client translates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.api.helpers import (
    answer,
    consent,
    create_interview,
    create_posting,
    invite_and_accept,
    sign_up,
)

VAGUE_KO = "파이썬이랑 데이터베이스로 일해 봤습니다. 문제가 생기면 팀이랑 이야기합니다."
VAGUE_EN = "I have worked with Python and databases, and I talk to the team when things break."


def _lines(client, who, interview_id: int) -> list[dict]:
    response = client.get(f"/interviews/{interview_id}/transcripts", headers=who.auth)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_seed_flow_answers_without_consent_and_gets_a_follow_up_on_a_vague_answer(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    first = interview["questions"][0]
    assert interview["consent_required"] is False and interview["follow_up_limit"] == 1

    saved = answer(client, candidate, interview["id"], VAGUE_KO, first["id"], consenting=False)

    assert saved.status_code == 201, saved.text
    assert saved.json()["follow_up_state"] == "pending"
    platform.run_workers()
    lines = _lines(client, candidate, interview["id"])
    answered = next(line for line in lines if line["id"] == saved.json()["id"])
    assert answered["follow_up_state"] == "asked"
    [follow_up] = [line for line in lines if line["follow_up_of"] == answered["id"]]
    assert follow_up["speaker"] == "AI" and follow_up["question_id"] == first["id"]
    assert follow_up["order"] > answered["order"]
    assert "?" in follow_up["text"] and follow_up["text"] != first["content"]

    # The follow-up is answered like its question; the practice limit (one) is then reached.
    again = answer(client, candidate, interview["id"], VAGUE_KO, first["id"], consenting=False)
    assert again.json()["follow_up_state"] is None
    platform.run_workers()
    assert (
        sum(1 for line in _lines(client, candidate, interview["id"]) if line["follow_up_of"]) == 1
    )


def test_an_answer_that_covers_the_rubric_gets_no_follow_up(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    first = interview["questions"][0]
    strong = (
        "FastAPI로 3년, Django로 2년 동안 결제 API 서비스를 개발하고 운영했습니다. 데이터베이스는 "
        "PostgreSQL을 주로 썼는데, 트랜잭션이 중요한 주문 데이터라서 선택했고 ORM과 직접 쓴 SQL "
        "쿼리를 함께 썼습니다. 캐시는 Redis를 썼습니다. 제 역할은 백엔드 리드였고, 하루 "
        "트래픽 200만 요청 규모의 서비스를 담당하면서 인덱스 튜닝으로 응답 시간을 줄였습니다."
    )

    saved = answer(client, candidate, interview["id"], strong, first["id"])
    platform.run_workers()

    answered = next(
        line
        for line in _lines(client, candidate, interview["id"])
        if line["id"] == saved.json()["id"]
    )
    assert answered["follow_up_state"] == "none", sql.execute(
        "SELECT reason FROM follow_up_decisions"
    ).fetchall()
    decision = sql.execute(
        "SELECT asked, reason, source FROM follow_up_decisions WHERE answer_id = %s",
        (answered["id"],),
    ).fetchone()
    assert decision == {"asked": False, "reason": "covered", "source": "offline"}


def test_nothing_said_is_not_followed_up_and_a_completed_interview_asks_nothing(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, language="en", position="Backend Developer")
    first, second = interview["questions"][:2]

    answer(client, candidate, interview["id"], "I don't know, sorry.", first["id"])
    platform.run_workers()
    answer(client, candidate, interview["id"], VAGUE_EN, second["id"])
    client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    platform.run_workers()

    reasons = {
        row["question_id"]: row["reason"]
        for row in sql.execute("SELECT question_id, reason FROM follow_up_decisions").fetchall()
    }
    assert reasons == {first["id"]: "not_attempted", second["id"]: "interview_closed"}
    assert not any(line["follow_up_of"] for line in _lines(client, candidate, interview["id"]))


def test_a_redelivered_follow_up_job_asks_once(platform):
    from interview_core.db.connection import get_database
    from interview_core.services.follow_ups import follow_up_answer

    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, language="en", position="Backend Developer")
    saved = answer(client, candidate, interview["id"], VAGUE_EN, interview["questions"][0]["id"])

    asked = follow_up_answer(get_database(), saved.json()["id"])
    again = follow_up_answer(get_database(), saved.json()["id"])

    assert asked is not None and again is None
    assert (
        sum(1 for line in _lines(client, candidate, interview["id"]) if line["follow_up_of"]) == 1
    )
    assert asked.text.startswith("Thank you. One more question")


def test_a_real_interview_takes_no_answer_before_consent_and_keeps_what_was_accepted(platform, sql):
    client = platform.client
    owner = sign_up(client, "recruiter")
    candidate = sign_up(client)
    posting = create_posting(client, owner)
    interview = invite_and_accept(client, owner, posting["id"], candidate)
    question = client.get(
        f"/interviews/{interview['id']}/questions", headers=candidate.auth
    ).json()[0]
    assert interview["consent_required"] is True and interview["consented_at"] is None

    refused = answer(client, candidate, interview["id"], VAGUE_KO, question["id"], consenting=False)
    assert refused.status_code == 409
    assert refused.json()["code"] == "consent_required"

    notice = client.get(f"/interviews/{interview['id']}/notice", headers=candidate.auth).json()
    assert notice["language"] == "ko" and "AI 면접관" in notice["text"]
    organization = client.get("/organizations/me", headers=owner.auth).json()["name"]
    assert organization in notice["text"] and "Backend Developer" in notice["text"]
    assert notice["version"] == interview["notice_version"]
    stale = client.post(
        f"/interviews/{interview['id']}/consent", json={"version": "v0"}, headers=candidate.auth
    )
    assert (stale.status_code, stale.json()["code"]) == (409, "notice_changed")
    # Someone else who may see the interview cannot consent for the candidate.
    assert (
        client.post(
            f"/interviews/{interview['id']}/consent",
            json={"version": notice["version"]},
            headers=owner.auth,
        ).status_code
        == 403
    )

    consented = consent(client, candidate, interview["id"])

    assert consented["consent_required"] is False and consented["consented_at"]
    assert answer(client, candidate, interview["id"], VAGUE_KO, question["id"]).status_code == 201
    kept = sql.execute(
        "SELECT notice_version, notice_text, language FROM interview_consents "
        "WHERE interview_id = %s",
        (interview["id"],),
    ).fetchone()
    assert kept == {
        "notice_version": notice["version"],
        "notice_text": notice["text"],
        "language": "ko",
    }
    audit = sql.execute(
        "SELECT action, after FROM audit_events WHERE action = 'interview.consented'"
    ).fetchone()
    assert audit["after"] == {"notice_version": notice["version"]}


def test_a_postings_own_notice_is_versioned_and_its_settings_reach_the_room(platform):
    client = platform.client
    owner = sign_up(client, "recruiter")
    candidate = sign_up(client)
    posting = create_posting(
        client,
        owner,
        ai_notice="Acme uses an AI interviewer. People decide.",
        follow_up_limit=0,
        answer_seconds=240,
    )
    assert (posting["follow_up_limit"], posting["answer_seconds"]) == (0, 240)
    interview = invite_and_accept(client, owner, posting["id"], candidate)
    assert interview["answer_seconds"] == 240 and interview["follow_up_limit"] == 0
    shown = client.get(f"/interviews/{interview['id']}/notice", headers=candidate.auth).json()
    assert shown["text"] == "Acme uses an AI interviewer. People decide."

    edited = client.patch(
        f"/job-postings/{posting['id']}",
        json={"ai_notice": "Acme uses an AI interviewer; a recruiter reviews every score."},
        headers=owner.auth,
    )
    assert edited.json()["ai_notice_version"] == posting["ai_notice_version"] + 1
    late = client.post(
        f"/interviews/{interview['id']}/consent",
        json={"version": shown["version"]},
        headers=candidate.auth,
    )
    assert late.json()["code"] == "notice_changed"
    consent(client, candidate, interview["id"])
    question = client.get(
        f"/interviews/{interview['id']}/questions", headers=candidate.auth
    ).json()[0]

    saved = answer(client, candidate, interview["id"], VAGUE_KO, question["id"])

    assert saved.json()["follow_up_state"] is None  # follow-ups off: no job, no wait


def test_bad_posting_settings_are_422(platform):
    client = platform.client
    owner = sign_up(client, "recruiter")
    for body in ({"follow_up_limit": 4}, {"follow_up_limit": -1}, {"answer_seconds": 10}):
        response = client.post(
            "/job-postings",
            json={"title": "T", "position": "Backend Developer", **body},
            headers=owner.auth,
        )
        assert response.status_code == 422, body
        assert response.json()["code"] == "validation_error"


def test_a_scheduled_interview_opens_only_shortly_before_its_time(platform):
    client = platform.client
    owner = sign_up(client, "recruiter")
    candidate = sign_up(client)
    posting = create_posting(client, owner)
    invite_and_accept(client, owner, posting["id"], candidate)  # the organization knows them
    later = datetime.now(UTC) + timedelta(days=2)
    scheduled = client.post(
        "/interviews",
        json={
            "job_posting_id": posting["id"],
            "candidate_id": candidate.id,
            "scheduled_time": later.isoformat(),
            "retake": True,
        },
        headers=owner.auth,
    )
    assert scheduled.status_code == 201, scheduled.text
    interview = scheduled.json()
    assert datetime.fromisoformat(interview["opens_at"]) == later - timedelta(minutes=15)

    started = client.post(f"/interviews/{interview['id']}/start", headers=candidate.auth)
    consent(client, candidate, interview["id"])
    answered = answer(client, candidate, interview["id"], VAGUE_KO, interview["questions"][0]["id"])

    assert (started.status_code, started.json()["code"]) == (409, "not_open_yet")
    assert (answered.status_code, answered.json()["code"]) == (409, "not_open_yet")


def test_every_error_has_a_code(platform):
    client = platform.client
    candidate = sign_up(client)
    missing = client.get("/interviews/999999", headers=candidate.auth)
    unsigned = client.get("/interviews/1")
    invalid = client.post("/interviews", json={"position": ""}, headers=candidate.auth)

    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert (unsigned.status_code, unsigned.json()["code"]) == (401, "unauthenticated")
    assert (invalid.status_code, invalid.json()["code"]) == (422, "validation_error")


def test_a_korean_position_name_gets_the_positions_own_questions(platform):
    client = platform.client
    candidate = sign_up(client)
    korean = create_interview(client, candidate, position="백엔드 개발자")
    english = create_interview(client, sign_up(client), position="Backend Developer")

    assert korean["position"] == "백엔드 개발자"  # what the candidate typed
    assert any(q["position"] == "Backend Developer" for q in korean["questions"])
    assert {q["category"] for q in korean["questions"]} == {
        q["category"] for q in english["questions"]
    }


def test_a_spoken_answer_in_several_lines_gets_one_follow_up_after_its_last_line(platform, sql):
    """Lines of one answer arrive faster than the interviewer decides: each earlier line's
    decision gives way to the last one's, and the question's limit (one) holds."""
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    first = interview["questions"][0]
    parts = [
        answer(client, candidate, interview["id"], text, first["id"], consenting=False).json()
        for text in VAGUE_KO.split(". ")
    ]
    assert [p["follow_up_state"] for p in parts] == ["pending", "pending"]

    platform.run_workers()

    lines = _lines(client, candidate, interview["id"])
    [follow_up] = [line for line in lines if line["follow_up_of"]]
    assert follow_up["follow_up_of"] == parts[-1]["id"]
    rows = sql.execute(
        "SELECT answer_id, reason FROM follow_up_decisions WHERE interview_id = %s",
        (interview["id"],),
    ).fetchall()
    assert {row["answer_id"]: row["reason"] for row in rows}[parts[0]["id"]] == "superseded"
