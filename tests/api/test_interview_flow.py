"""The seed's 9-step interview flow, as a candidate lives it."""

from __future__ import annotations

from tests.api.helpers import admin_account, answer, create_interview, sign_up

STRONG_ANSWER = (
    "저는 FastAPI와 Django로 3년 동안 REST API를 개발했고, PostgreSQL과 MySQL을 운영했습니다. 먼저 "
    "인덱스 설계로 조회 시간을 40% 줄였고, 그 결과 API 응답 시간이 120ms에서 70ms로 개선되었습니다."
)


def test_creating_an_interview_picks_bank_questions_and_writes_them_as_ai_utterances(platform, sql):
    client = platform.client
    candidate = sign_up(client)

    interview = create_interview(client, candidate, position="Backend Developer")

    assert interview["status"] == "scheduled"
    assert interview["candidate_id"] == candidate.id
    questions = interview["questions"]
    assert len(questions) == 5
    assert [q["order"] for q in questions] == [1, 2, 3, 4, 5]
    assert {q["category"] for q in questions} == {
        "technical",
        "behavioral",
        "situational",
        "cultural_fit",
    }
    assert all(q["rubric_json"] is None for q in questions), "candidates never see the rubric"
    transcripts = client.get(
        f"/interviews/{interview['id']}/transcripts", headers=candidate.auth
    ).json()
    assert [(t["speaker"], t["text"], t["question_id"], t["order"]) for t in transcripts] == [
        ("AI", q["content"], q["id"], q["order"]) for q in questions
    ]
    listed = client.get(f"/interviews/{interview['id']}/questions", headers=candidate.auth).json()
    assert [q["id"] for q in listed] == [q["id"] for q in questions]


def test_a_whole_interview_ends_with_a_report_scores_and_question_statistics(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    interview_id = interview["id"]
    first, second = interview["questions"][:2]

    started = client.post(f"/interviews/{interview_id}/start", headers=candidate.auth)
    assert started.status_code == 200
    assert started.json()["status"] == "live" and started.json()["start_time"]

    saved = answer(client, candidate, interview_id, STRONG_ANSWER, first["id"])
    assert saved.status_code == 201, saved.text
    assert saved.json()["order"] == 6 and saved.json()["speaker"] == "User"
    answer(
        client, candidate, interview_id, "잘 모르겠습니다. 너무 어렵고 걱정됩니다.", second["id"]
    )

    # Before the report exists the API says so, with Retry-After.
    completed = client.post(f"/interviews/{interview_id}/complete", headers=candidate.auth)
    assert completed.status_code == 200 and completed.json()["status"] == "completed"
    assert completed.json()["end_time"]
    pending = client.get(f"/interviews/{interview_id}/report", headers=candidate.auth)
    assert pending.status_code == 202
    assert int(pending.headers["Retry-After"]) > 0
    # Just after completion the finer hint asks again soon (the offline report takes ~0.1 s).
    assert pending.json()["retry_after_ms"] <= 500
    assert pending.json()["retry_after"] == int(pending.headers["Retry-After"])

    # two sentiments, two follow-up decisions (none: the interview was completed), one report
    assert platform.run_workers() == 5

    report = client.get(f"/interviews/{interview_id}/report", headers=candidate.auth)
    assert report.status_code == 200, report.text
    body = report.json()
    # The candidate's own view of their practice interview: the scores, feedback, no evidence or
    # rubric.
    assert body["view"] == "candidate" and body["kind"] == "practice" and body["scores_visible"]
    assert (
        body["ai_assisted"]
        and body["review_state"] == "pending_review"
        and "details_json" not in body
    )
    assert body["evaluator_model"] == "offline-rubric-v10"
    for score in ("technical_score", "communication_score", "cultural_fit_score"):
        assert 0 <= body[score] <= 100
    per_question = {q["question_id"]: q for q in body["questions"]}
    assert [q["question_id"] for q in body["questions"]] == [
        q["id"] for q in interview["questions"]
    ]
    assert (
        per_question[first["id"]]["answered"]
        and per_question[first["id"]]["score"] > per_question[second["id"]]["score"]
    )
    assert not per_question[interview["questions"][4]["id"]]["answered"]
    assert per_question[interview["questions"][4]["id"]]["score"] is None
    # The evidence is for staff: an admin reads it (no organization sees practice).
    staff = client.get(
        f"/interviews/{interview_id}/report", headers=admin_account(client).auth
    ).json()
    assert staff["view"] == "staff" and staff["review"]["can_review"] is False
    evaluated = {q["question_id"]: q for q in staff["details_json"]["questions"]}
    assert all(e["quote"] in STRONG_ANSWER for e in evaluated[first["id"]]["evidence"])
    assert evaluated[first["id"]]["evidence"]

    transcripts = client.get(
        f"/interviews/{interview_id}/transcripts", headers=candidate.auth
    ).json()
    answers = [t for t in transcripts if t["speaker"] == "User"]
    assert answers[0]["sentiment_score"] >= 0 and answers[1]["sentiment_score"] < 0
    assert answers[1]["emotion"] in {"sad", "anxious"}

    final = client.get(f"/interviews/{interview_id}", headers=candidate.auth).json()
    assert final["overall_score"] == body["overall_score"]
    assert final["emotion_summary"]["answers"] == 2
    stats = sql.execute(
        "SELECT id, usage_count, avg_score FROM questions WHERE id = ANY(%s) ORDER BY id",
        ([first["id"], second["id"]],),
    ).fetchall()
    assert [s["usage_count"] for s in stats] == [1, 1]
    assert {s["id"]: s["avg_score"] for s in stats}[first["id"]] == per_question[first["id"]][
        "score"
    ]


def test_the_first_answer_starts_a_scheduled_interview(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)

    answer(client, candidate, interview["id"], "FastAPI를 씁니다.")

    live = client.get(f"/interviews/{interview['id']}", headers=candidate.auth).json()
    assert live["status"] == "live" and live["start_time"] is not None


def test_answers_after_the_end_are_refused_with_409(platform):
    client = platform.client
    candidate = sign_up(client)
    finished = create_interview(client, candidate)
    answer(client, candidate, finished["id"], "첫 답변")
    client.post(f"/interviews/{finished['id']}/complete", headers=candidate.auth)
    cancelled = create_interview(client, candidate)
    client.post(f"/interviews/{cancelled['id']}/cancel", headers=candidate.auth)

    for interview in (finished, cancelled):
        refused = answer(client, candidate, interview["id"], "늦은 답변")
        assert refused.status_code == 409
        assert "takes no more answers" in refused.json()["detail"]


def test_state_changes_that_make_no_sense_get_409(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    interview_id = interview["id"]

    assert (
        client.post(f"/interviews/{interview_id}/complete", headers=candidate.auth).status_code
        == 409
    )
    assert (
        client.get(f"/interviews/{interview_id}/report", headers=candidate.auth).status_code == 409
    )
    client.post(f"/interviews/{interview_id}/cancel", headers=candidate.auth)
    assert (
        client.post(f"/interviews/{interview_id}/start", headers=candidate.auth).status_code == 409
    )


def test_completing_twice_is_harmless_and_requeues_a_missing_report(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    answer(client, candidate, interview["id"], "답변입니다.")
    client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    sql.execute("SELECT pgmq.purge_queue('report')")  # the job is lost

    again = client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)

    assert again.status_code == 200
    platform.run_workers()
    assert (
        client.get(f"/interviews/{interview['id']}/report", headers=candidate.auth).status_code
        == 200
    )


def test_concurrent_answers_get_distinct_orders(platform):
    from concurrent.futures import ThreadPoolExecutor

    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(
            pool.map(lambda n: answer(client, candidate, interview["id"], f"answer {n}"), range(16))
        )

    assert all(r.status_code == 201 for r in responses)
    orders = sorted(r.json()["order"] for r in responses)
    assert orders == list(range(6, 22))
