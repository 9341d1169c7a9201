"""Questions drafted from a job posting's description by the language model (issue 12, part 3),
against a local fake of an OpenAI-compatible endpoint (real HTTP, the real SDK): drafts in the
organization's bank, near-duplicates dropped, never asked until a member approves them; and
follow-up questions phrased by the model, with the offline templates as the fallback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from interview_core.ai.evaluation.llm_settings import get_llm_settings

from tests.ai.fake_openai import FakeChatServer, Reply, completion, error
from tests.api.helpers import answer, create_interview, create_posting, invite_and_accept, sign_up

DESCRIPTION = (
    "결제 플랫폼 백엔드를 맡을 개발자를 찾습니다. 정산 배치의 안정성, 대용량 트래픽의 결제 API, "
    "장애 대응과 모니터링, 데이터 정합성을 책임집니다."
)
VAGUE_KO = "파이썬이랑 데이터베이스로 일해 봤습니다. 문제가 생기면 팀이랑 이야기합니다."


def _question(content: str, category: str = "technical") -> dict[str, Any]:
    return {
        "content": content,
        "category": category,
        "difficulty": "medium",
        "rubric": {
            "criteria": [
                {
                    "name": "approach",
                    "description": "접근 방법을 구체적으로 설명한다",
                    "weight": 0.6,
                    "keywords": ["정산", "배치"],
                },
                {
                    "name": "result",
                    "description": "결과를 수치로 말한다",
                    "weight": 0.4,
                    "keywords": ["결과"],
                },
            ],
            "expected_points": ["문제 정의", "해결 과정", "결과"],
        },
    }


NEW = [
    "정산 배치가 새벽에 실패했을 때 데이터 정합성을 어떻게 지키셨는지 말씀해 주세요.",
    "결제 API가 평소의 열 배 트래픽을 받을 때 무엇부터 점검하시겠습니까?",
    "모니터링 지표 중 결제 장애를 가장 먼저 알려 주는 것은 무엇이었고, 왜 그렇게 정하셨나요?",
]


@pytest.fixture
def fake_llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeChatServer]:
    with FakeChatServer().running() as server:
        monkeypatch.setenv("LLM_BASE_URL", server.url)
        monkeypatch.setenv("LLM_API_KEY", "test-key")
        monkeypatch.setenv("LLM_MODEL", "fake-model")
        monkeypatch.setenv("LLM_MAX_RETRIES", "1")
        monkeypatch.setenv("LLM_BACKOFF_SECONDS", "0")
        get_llm_settings.cache_clear()
        yield server
    get_llm_settings.cache_clear()


def _payload(body: dict[str, Any]) -> dict[str, Any]:
    return json.loads(body["messages"][-1]["content"])


def _proposals(*items: dict[str, Any]) -> Reply:
    return completion(json.dumps({"questions": list(items)}, ensure_ascii=False))


def _drafts(client, who, posting_id: int, **params: Any) -> list[dict[str, Any]]:
    response = client.get(
        "/questions",
        params={"status": "draft", "job_posting_id": posting_id, **params},
        headers=who.auth,
    )
    assert response.status_code == 200, response.text
    return response.json()


def _asked(client, who, interview: dict[str, Any]) -> set[int]:
    response = client.get(f"/interviews/{interview['id']}/questions", headers=who.auth)
    assert response.status_code == 200, response.text
    return {q["id"] for q in response.json()}


def _requests(client, who, posting_id: int) -> list[dict[str, Any]]:
    response = client.get(f"/job-postings/{posting_id}/question-drafts", headers=who.auth)
    assert response.status_code == 200, response.text
    return response.json()


def test_offline_drafting_is_unavailable_and_says_why(platform):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    candidate = sign_up(client)
    posting = create_posting(client, recruiter, language="ko", description=DESCRIPTION)

    found = client.get("/questions/generation", headers=recruiter.auth)
    assert found.status_code == 200
    assert found.json() == {
        "available": False,
        "code": "no_llm",
        "reason": found.json()["reason"],
        "model": None,
    }
    assert "LLM_API_KEY" in found.json()["reason"]
    asked = client.post(f"/job-postings/{posting['id']}/question-drafts", headers=recruiter.auth)
    assert asked.status_code == 409 and asked.json()["code"] == "generation_unavailable"
    assert client.get("/questions/generation", headers=candidate.auth).status_code == 403


def test_drafts_arrive_in_the_organizations_bank_and_are_asked_only_once_approved(
    platform, fake_llm, question_embeddings, sql
):
    question_embeddings("hashing")
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = create_posting(
        client, recruiter, title="결제 백엔드", language="ko", description=DESCRIPTION
    )
    bank_question = sql.execute(
        "SELECT id, content FROM questions WHERE language = 'ko' AND organization_id IS NULL "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    fake_llm.then(
        _proposals(
            _question(NEW[0]),
            _question(bank_question["content"]),  # the bank's own question, word for word
            _question(NEW[1], "situational"),
            _question("What would you check first when the payments API gets ten times the load?"),
            _question(NEW[2]),
        )
    )

    available = client.get("/questions/generation", headers=recruiter.auth).json()
    assert available == {"available": True, "code": None, "reason": None, "model": "fake-model"}
    asked = client.post(
        f"/job-postings/{posting['id']}/question-drafts", json={"count": 3}, headers=recruiter.auth
    )
    assert asked.status_code == 202, asked.text
    assert asked.json()["status"] == "queued" and asked.json()["count"] == 3
    again = client.post(f"/job-postings/{posting['id']}/question-drafts", headers=recruiter.auth)
    assert again.status_code == 409 and again.json()["code"] == "generation_running"

    platform.run_workers()

    [request] = _requests(client, recruiter, posting["id"])
    assert request["status"] == "done" and request["model"] == "llm:fake-model", request
    sent = _payload(fake_llm.requests[0].body)
    assert sent["task"] == "question_generation" and sent["count"] == 3
    assert sent["description"] == DESCRIPTION and sent["title"] == "결제 백엔드"
    assert sent["language"] == "ko"
    reasons = {(d["reason"], d["similar_to"]) for d in request["dropped"]}
    assert ("near_duplicate", bank_question["id"]) in reasons
    assert ("wrong_language", None) in reasons
    drafts = _drafts(client, recruiter, posting["id"])
    assert sorted(d["id"] for d in drafts) == sorted(request["added"])
    assert {d["content"] for d in drafts} == set(NEW)
    assert all(
        d["status"] == "draft"
        and not d["is_active"]
        and d["generated_by"] == "llm:fake-model"
        and d["organization_id"] == recruiter.organization_id
        and d["job_posting_id"] == posting["id"]
        for d in drafts
    )
    # A draft is never asked: an interview on the posting now has none of them.
    candidate = sign_up(client)
    before = invite_and_accept(client, recruiter, posting["id"], candidate)
    assert not _asked(client, candidate, before) & {d["id"] for d in drafts}

    first, second, third = sorted(drafts, key=lambda d: d["id"])
    for draft, decision in ((first, "approve"), (second, "approve"), (third, "reject")):
        decided = client.post(
            f"/questions/{draft['id']}/review", json={"decision": decision}, headers=recruiter.auth
        )
        assert decided.status_code == 200, decided.text
        assert decided.json()["status"] == ("approved" if decision == "approve" else "rejected")
        assert decided.json()["is_active"] is (decision == "approve")
    twice = client.post(
        f"/questions/{first['id']}/review", json={"decision": "reject"}, headers=recruiter.auth
    )
    assert twice.status_code == 409 and twice.json()["code"] == "not_a_draft"
    revived = client.patch(
        f"/questions/{third['id']}", json={"is_active": True}, headers=recruiter.auth
    )
    assert revived.status_code == 409 and revived.json()["code"] == "draft_not_approved"

    listed = client.get("/questions", params={"owner": "organization"}, headers=recruiter.auth)
    assert {q["id"] for q in listed.json()} >= {first["id"], second["id"]}
    assert third["id"] not in {q["id"] for q in listed.json()}, "rejected ones are left out"
    actions = [
        row["action"]
        for row in sql.execute(
            "SELECT action FROM audit_events WHERE target_type = 'question' AND target_id = ANY(%s)"
            " ORDER BY id",
            ([first["id"], second["id"], third["id"]],),
        ).fetchall()
    ]
    assert actions.count("question.drafted") == 3
    assert actions.count("question.approved") == 2 and actions.count("question.rejected") == 1

    # The approved ones are the organization's questions for the position from now on.
    late = sign_up(client)
    asked_ids = _asked(client, late, invite_and_accept(client, recruiter, posting["id"], late))
    assert third["id"] not in asked_ids
    assert asked_ids & {first["id"], second["id"]}, "the organization's own come first"


def test_another_organization_cannot_see_review_or_be_compared_with(
    platform, fake_llm, question_embeddings
):
    question_embeddings("hashing")
    client = platform.client
    owner = sign_up(client, "recruiter")
    other = sign_up(client, "recruiter")
    # The other organization's own question, which the model then proposes word for word.
    secret = "우리 회사 내부 결제 정산 시스템 코드명 '블루문'의 장애를 어떻게 복구하셨나요?"
    made = client.post(
        "/questions",
        json={
            "content": secret,
            "category": "technical",
            "difficulty": "medium",
            "rubric_json": _question(secret)["rubric"],
            "language": "ko",
        },
        headers=other.auth,
    )
    assert made.status_code == 201, made.text
    platform.run_workers()
    posting = create_posting(client, owner, language="ko", description=DESCRIPTION)
    fake_llm.then(_proposals(_question(secret), _question(NEW[0])))
    assert (
        client.post(
            f"/job-postings/{posting['id']}/question-drafts",
            json={"count": 2},
            headers=owner.auth,
        ).status_code
        == 202
    )
    platform.run_workers()

    [request] = _requests(client, owner, posting["id"])
    assert request["status"] == "done"
    assert all(d["similar_to"] != made.json()["id"] for d in request["dropped"])
    assert secret not in json.dumps(request, ensure_ascii=False)
    assert len(request["added"]) == 2
    draft = request["added"][0]
    for method, path, body in (
        ("GET", f"/job-postings/{posting['id']}/question-drafts", None),
        ("POST", f"/job-postings/{posting['id']}/question-drafts", {"count": 1}),
        ("POST", f"/questions/{draft}/review", {"decision": "approve"}),
        ("GET", f"/questions/{draft}", None),
    ):
        refused = client.request(method, path, json=body, headers=other.auth)
        assert refused.status_code in (403, 404), (path, refused.status_code, refused.text)
    assert _drafts(client, other, posting["id"]) == []


def test_a_model_that_fails_ends_the_request_failed_with_why_and_a_repeat_drafts_nothing(
    platform, fake_llm, question_embeddings, sql
):
    from interview_core.db.connection import get_database
    from interview_core.services.question_generation import draft_requested_questions

    question_embeddings("hashing")
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = create_posting(client, recruiter, language="ko", description=DESCRIPTION)
    fake_llm.then(error(503, "down"), error(503, "down"))
    client.post(f"/job-postings/{posting['id']}/question-drafts", headers=recruiter.auth)
    platform.run_workers()
    [failed] = _requests(client, recruiter, posting["id"])
    assert failed["status"] == "failed" and "HTTP 503" in failed["error"]
    assert failed["added"] == [] and _drafts(client, recruiter, posting["id"]) == []

    # A new request works; its job delivered again drafts nothing twice.
    fake_llm.then(_proposals(_question(NEW[0])))
    retried = client.post(
        f"/job-postings/{posting['id']}/question-drafts", json={"count": 1}, headers=recruiter.auth
    )
    assert retried.status_code == 202
    platform.run_workers()
    assert draft_requested_questions(get_database(), retried.json()["id"]) is None
    assert len(_drafts(client, recruiter, posting["id"])) == 1
    assert len(fake_llm.requests) == 3


def test_bad_input_is_a_clear_4xx(platform):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = create_posting(client, recruiter)
    for body in ({"count": 0}, {"count": 11}, {"count": 2.5}, {"count": True}, {"other": 1}):
        response = client.post(
            f"/job-postings/{posting['id']}/question-drafts", json=body, headers=recruiter.auth
        )
        assert response.status_code == 422, (body, response.text)
    assert client.post(
        "/job-postings/999999/question-drafts", headers=recruiter.auth
    ).status_code in (
        404,
        409,
    )
    bad = client.post("/questions/1/review", json={"decision": "maybe"}, headers=recruiter.auth)
    assert bad.status_code == 422
    curated = client.post(
        "/questions/1/review", json={"decision": "approve"}, headers=recruiter.auth
    )
    assert curated.status_code == 403


# ------------------------------------------------------------------ follow-ups phrased by the model


def _follow_up_reply(text: str):
    def reply(body: dict[str, Any]) -> Reply:
        return completion(json.dumps({"follow_up": text}, ensure_ascii=False))

    return reply


def _follow_up(platform, candidate, interview_id: int) -> dict[str, Any]:
    lines = platform.client.get(
        f"/interviews/{interview_id}/transcripts", headers=candidate.auth
    ).json()
    [line] = [line for line in lines if line["follow_up_of"]]
    return line


def test_the_model_phrases_the_follow_up_from_the_answer(platform, fake_llm, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    first = interview["questions"][0]
    asked = "말씀하신 팀과의 대화에서, 장애 원인을 직접 어떻게 찾으셨는지 예를 들어 주시겠어요?"
    fake_llm.then(_follow_up_reply(asked))

    answer(client, candidate, interview["id"], VAGUE_KO, first["id"], consenting=False)
    platform.run_workers()

    line = _follow_up(platform, candidate, interview["id"])
    assert line["text"] == asked and line["question_id"] == first["id"]
    sent = _payload(fake_llm.requests[0].body)
    assert sent["task"] == "follow_up" and sent["language"] == "ko"
    assert VAGUE_KO in sent["answer"] and sent["question"] == first["content"]
    assert sent["missing"] and {"name", "description"} <= set(sent["missing"][0])
    decision = sql.execute(
        "SELECT source, asked FROM follow_up_decisions WHERE answer_id = %s",
        (line["follow_up_of"],),
    ).fetchone()
    assert decision == {"source": "llm", "asked": True}


@pytest.mark.parametrize(
    "reply",
    [
        error(500, "down"),
        completion(json.dumps({"follow_up": "Could you give a concrete example of that?"})),
        completion("not json"),
    ],
    ids=["model down", "wrong language", "not JSON"],
)
def test_without_a_usable_phrasing_the_template_asks(platform, fake_llm, sql, reply):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    first = interview["questions"][0]
    fake_llm.then(reply, reply)

    answer(client, candidate, interview["id"], VAGUE_KO, first["id"], consenting=False)
    platform.run_workers()

    line = _follow_up(platform, candidate, interview["id"])
    assert line["text"].startswith("답변 감사합니다"), line["text"]
    decision = sql.execute(
        "SELECT source FROM follow_up_decisions WHERE answer_id = %s", (line["follow_up_of"],)
    ).fetchone()
    assert decision["source"] == "offline"
    assert len(fake_llm.requests) == 2, "one retry, then the template"


def test_a_request_whose_worker_was_lost_is_run_again_and_one_tried_too_often_fails(
    platform, fake_llm, question_embeddings, sql
):
    from interview_core.db.connection import get_database
    from interview_core.jobs.publisher import get_publisher
    from interview_core.services.recovery import requeue_lost_jobs

    question_embeddings("hashing")
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    lost = create_posting(client, recruiter, language="ko", description=DESCRIPTION)
    tired = create_posting(client, recruiter, language="ko", description=DESCRIPTION)
    for posting in (lost, tired):
        assert (
            client.post(
                f"/job-postings/{posting['id']}/question-drafts",
                json={"count": 1},
                headers=recruiter.auth,
            ).status_code
            == 202
        )
    # Both jobs vanish; the first request's worker died while running it, the second's three times.
    sql.execute("SELECT pgmq.purge_queue('question_drafts')")
    sql.execute(
        "UPDATE question_draft_requests SET status = 'running', attempts = 1,"
        " started_at = now() - interval '11 minutes' WHERE job_posting_id = %s",
        (lost["id"],),
    )
    sql.execute(
        "UPDATE question_draft_requests SET status = 'running', attempts = 3,"
        " started_at = now() - interval '11 minutes' WHERE job_posting_id = %s",
        (tired["id"],),
    )
    fake_llm.then(_proposals(_question(NEW[0])))

    requeued = requeue_lost_jobs(get_database(), get_publisher())
    platform.run_workers()

    [done] = _requests(client, recruiter, lost["id"])
    [failed] = _requests(client, recruiter, tired["id"])
    assert requeued.question_draft_jobs == [done["id"]]
    assert requeued.question_draft_requests_failed == [failed["id"]]
    assert done["status"] == "done" and len(done["added"]) == 1
    assert failed["status"] == "failed" and "3 times" in failed["error"]


def test_an_answer_arriving_while_the_model_phrases_takes_the_decision_over(
    platform, fake_llm, sql
):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    first = interview["questions"][0]
    more = "그리고 장애가 나면 로그를 봅니다."

    def meanwhile(body: dict[str, Any]) -> Reply:
        # The candidate's next line lands before the model has answered.
        answer(client, candidate, interview["id"], more, first["id"], consenting=False)
        return completion(
            json.dumps({"follow_up": "첫 답변에 대한 질문입니다?"}, ensure_ascii=False)
        )

    fake_llm.then(
        meanwhile, _follow_up_reply("두 번째 줄까지 들은 뒤의 질문입니다. 예를 들어 주시겠어요?")
    )
    saved = answer(client, candidate, interview["id"], VAGUE_KO, first["id"], consenting=False)
    platform.run_workers()

    line = _follow_up(platform, candidate, interview["id"])
    assert line["text"].startswith("두 번째 줄까지") and line["follow_up_of"] != saved.json()["id"]
    first_decision = sql.execute(
        "SELECT asked, reason FROM follow_up_decisions WHERE answer_id = %s",
        (saved.json()["id"],),
    ).fetchone()
    assert first_decision == {"asked": False, "reason": "superseded"}
