"""The LLM evaluator through the real `openai` SDK against a local server speaking the OpenAI HTTP
API: good answers, malformed JSON, timeouts, 429 then success, and the fallback to the offline
evaluator, with every quote checked against the transcript and every score computed by the
platform."""

from __future__ import annotations

import json

from interview_core.ai.evaluation.llm import BEGIN_DATA, END_DATA, load_prompt
from interview_core.ai.evaluation.offline import MODEL_NAME as OFFLINE
from interview_core.domain.models import Speaker

from tests.ai.conftest import bench_record, good_report
from tests.ai.fake_openai import Reply, completion, error


def _quotes_are_in_the_transcript(evaluation, record) -> int:
    text_of = {t.id: t for t in record.transcripts}
    count = 0
    for q in evaluation.questions:
        for e in [*q.evidence, *(e for c in q.criteria for e in c.evidence)]:
            line = text_of[e.transcript_id]
            assert line.speaker == Speaker.USER and e.quote in line.text, e
            assert line.question_id == q.question_id
            count += 1
    return count


def test_a_good_answer_becomes_the_report_with_its_model_named(fake, make_evaluator):
    record = bench_record("en-be-strong", skip_last=True)
    # Sentiment on the lines must not reach the model.
    record = record.model_copy(
        update={
            "transcripts": [
                t.model_copy(update={"sentiment_score": -0.9, "emotion": "anxious"})
                if t.speaker == Speaker.USER
                else t
                for t in record.transcripts
            ]
        }
    )
    fake.then(completion(json.dumps(good_report(record))))

    evaluation = make_evaluator().evaluate(record)

    [request] = fake.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer test-key"
    assert request.body["model"] == "solar-pro2"
    assert request.body["response_format"] == {"type": "json_object"}
    assert request.body["max_tokens"] == 4000
    system, user = request.body["messages"]
    assert system == {"role": "system", "content": load_prompt("en")}
    assert "sentiment" not in user["content"] and "anxious" not in user["content"]
    # What the candidate said is sent between the markers only.
    before, rest = user["content"].split(BEGIN_DATA + "\n")
    data, after = rest.split("\n" + END_DATA)
    assert after == "" and "SQL databases like PostgreSQL" not in before
    transcript = json.loads(data)["transcript"]
    assert [t["speaker"] for t in transcript].count("candidate") == 4
    platform = json.loads(before.split("\n")[1])
    assert [q["answered"] for q in platform["questions"]] == [True, True, True, False]
    assert platform["communication_criterion"]["name"] == "communication"

    assert evaluation.evaluator_model == "llm:solar-pro2"
    # The platform's scores: technical 80 x coverage 1; cultural 80 x (0.3 + 0.7 x 1/2);
    # communication 70 x (0.3 + 0.7 x 3/4). The model sent no totals.
    assert (
        evaluation.technical_score,
        evaluation.communication_score,
        evaluation.cultural_fit_score,
    ) == (80, 57.8, 52)
    assert evaluation.overall_score == round(0.5 * 80 + 0.25 * 57.8 + 0.25 * 52, 1)
    assert evaluation.summary_text.startswith("Specific answers")
    answered = [q for q in evaluation.questions if q.answered]
    assert len(answered) == 3 and all(q.score == 80 for q in answered)
    assert all(len(q.criteria) == 3 for q in answered) and all(
        q.signals == {"communication": 70} for q in answered
    )
    assert all(q.feedback.startswith("Your example was concrete") for q in answered)
    assert evaluation.feedback_strengths == ["You explained your experience with real cases."]
    assert evaluation.feedback_improvements == ["Close the teamwork story with its outcome."]
    assert evaluation.needs_human_review is None
    skipped = evaluation.questions[-1]
    assert not skipped.answered and skipped.score is None
    assert _quotes_are_in_the_transcript(evaluation, record) >= 9
    details = evaluation.details_json()
    assert details["evaluator_model"] == "llm:solar-pro2"
    assert details["needs_human_review"] is None
    assert details["feedback"]["strengths"] == evaluation.feedback_strengths
    notes = details["notes"]
    assert notes["model"] == "solar-pro2" and notes["provider"] == "127.0.0.1"
    assert notes["evidence_check"]["dropped"] == 0 and notes["attempts"] == 1
    assert notes["transcript_cap"]["cut"] == [] and "feedback_check" not in notes


def test_question_scores_are_the_weighted_mean_of_their_criteria(fake, make_evaluator):
    record = bench_record("en-be-strong")
    report = good_report(record)
    for criterion, score in zip(report["questions"][0]["criteria"], (100, 50, 0), strict=True):
        criterion["score"] = score  # weights 0.4, 0.35, 0.25
    fake.then(completion(json.dumps(report)))

    evaluation = make_evaluator().evaluate(record)

    assert evaluation.questions[0].score == 57.5
    assert evaluation.technical_score == round((57.5 + 80) / 2, 1)


def test_malformed_json_is_retried_and_the_second_answer_used(fake, make_evaluator):
    record = bench_record("en-fe-average")
    fake.then(
        completion('{"questions": [ {"question_id": 38, "crit'),
        completion(json.dumps(good_report(record))),
    )

    evaluation = make_evaluator().evaluate(record)

    assert len(fake.requests) == 2
    assert evaluation.evaluator_model == "llm:solar-pro2"
    assert evaluation.notes["retried_after"][0].startswith("unusable response: not JSON")
    # The retry says what was wrong.
    assert fake.requests[1].body["messages"][:2] == fake.requests[0].body["messages"]
    assert "not JSON" in fake.requests[1].body["messages"][2]["content"]


def test_a_report_that_fails_validation_is_retried(fake, make_evaluator):
    record = bench_record("en-fe-average")
    wrong = good_report(record)
    wrong["questions"][0]["criteria"][0]["score"] = 140
    fake.then(completion(json.dumps(wrong)), completion(json.dumps(good_report(record))))

    evaluation = make_evaluator().evaluate(record)

    assert evaluation.evaluator_model == "llm:solar-pro2"
    assert "questions.0.criteria.0.score" in evaluation.notes["retried_after"][0]


def test_a_timeout_is_retried(fake, make_evaluator):
    record = bench_record("en-ds-average")
    slow = completion(json.dumps(good_report(record)))
    slow.delay = 1.5
    fake.then(slow, completion(json.dumps(good_report(record))))

    evaluation = make_evaluator(timeout_seconds=0.4).evaluate(record)

    assert len(fake.requests) == 2
    assert evaluation.evaluator_model == "llm:solar-pro2"
    assert evaluation.notes["retried_after"] == ["timed out after 0.4 s"]


def test_429_then_success_waits_as_long_as_retry_after_says(fake, make_evaluator):
    record = bench_record("en-pm-strong")
    fake.then(
        error(429, "Too many requests", {"Retry-After": "1"}),
        completion(json.dumps(good_report(record))),
    )

    evaluation = make_evaluator(backoff_seconds=0.01).evaluate(record)

    first, second = fake.requests
    assert second.at - first.at >= 0.95, "Retry-After: 1 was not honoured"
    assert evaluation.evaluator_model == "llm:solar-pro2"
    assert evaluation.notes["retried_after"] == ["rate limited (HTTP 429)"]


def test_retry_after_is_capped(fake, make_evaluator):
    record = bench_record("en-pm-strong")
    fake.then(
        error(429, "slow down", {"Retry-After": "3600"}),
        completion(json.dumps(good_report(record))),
    )

    evaluation = make_evaluator(max_backoff_seconds=0.1).evaluate(record)

    first, second = fake.requests
    assert second.at - first.at < 2
    assert evaluation.evaluator_model == "llm:solar-pro2"


def test_server_errors_until_the_end_fall_back_to_the_offline_evaluator_and_say_why(
    fake, make_evaluator
):
    record = bench_record("en-be-average")
    fake.then(error(503, "overloaded"), error(502, "bad gateway"), error(500, "boom"))

    evaluation = make_evaluator(max_retries=2).evaluate(record)

    assert len(fake.requests) == 3
    assert evaluation.evaluator_model == f"{OFFLINE} (fallback: llm:solar-pro2 HTTP 500)"
    fallback = evaluation.details_json()["notes"]["fallback"]
    assert fallback["from"] == "llm:solar-pro2" and fallback["written_by"] == OFFLINE
    assert fallback["reason"] == "HTTP 500; gave up after 3 attempts"
    assert fallback["attempts"] == ["HTTP 503", "HTTP 502", "HTTP 500"]
    assert (
        evaluation.needs_human_review
        == "written by the offline evaluator because the language model failed: HTTP 500"
    )
    assert evaluation.details_json()["needs_human_review"] == evaluation.needs_human_review
    assert "written by the offline rubric evaluator" in evaluation.summary_text
    assert "language model (solar-pro2) failed" in evaluation.summary_text
    # The offline report is a whole report.
    assert all(q.score is not None for q in evaluation.questions) and evaluation.overall_score > 0


def test_malformed_every_time_falls_back(fake, make_evaluator):
    record = bench_record("en-ds-strong")
    fake.then(*[completion("Sure! Here is the evaluation: great candidate.") for _ in range(3)])

    evaluation = make_evaluator(max_retries=2).evaluate(record)

    assert evaluation.evaluator_model.startswith(
        f"{OFFLINE} (fallback: llm:solar-pro2 unusable response: not JSON"
    )
    assert len(evaluation.notes["fallback"]["attempts"]) == 3


def test_a_bad_key_is_not_retried(fake, make_evaluator):
    record = bench_record("en-ds-strong")
    fake.then(error(401, "Invalid API key"), completion(json.dumps(good_report(record))))

    evaluation = make_evaluator().evaluate(record)

    assert len(fake.requests) == 1
    assert (
        evaluation.evaluator_model
        == f"{OFFLINE} (fallback: llm:solar-pro2 HTTP 401 from the model endpoint, not retried)"
    )


def test_nothing_listening_falls_back(make_evaluator):
    evaluation = make_evaluator(base_url="http://127.0.0.1:9/v1", max_retries=1).evaluate(
        bench_record("en-be-weak")
    )
    assert evaluation.evaluator_model.startswith(
        f"{OFFLINE} (fallback: llm:solar-pro2 connection failed"
    )


def test_quotes_not_in_the_answer_are_dropped_and_flagged(fake, make_evaluator):
    record = bench_record("en-be-strong")
    report = good_report(record)
    ai_line = next(t for t in record.transcripts if t.speaker == Speaker.AI)
    first = report["questions"][0]
    real = first["criteria"][0]["evidence"][0]
    first["criteria"][0]["evidence"] = [
        real,
        {
            "transcript_id": real["transcript_id"],
            "quote": "I have ten years of Cassandra experience.",
        },  # invented
        {"transcript_id": ai_line.id, "quote": ai_line.text[:40]},  # the interviewer's words
        {"transcript_id": 999_999, "quote": "anything at all here"},  # no such line
        {
            "transcript_id": real["transcript_id"],
            "quote": f"“{real['quote']}”",
        },  # the same, in quotation marks
    ]
    # A quote from another question's answer cannot support this one.
    other = report["questions"][1]["criteria"][0]["evidence"][0]
    first["criteria"][1]["evidence"].append(other)
    fake.then(completion(json.dumps(report)))

    evaluation = make_evaluator().evaluate(record)

    assert evaluation.evaluator_model == "llm:solar-pro2"
    _quotes_are_in_the_transcript(evaluation, record)
    check = evaluation.notes["evidence_check"]
    assert check["dropped"] == 4
    assert sorted(d["reason"] for d in check["dropped_quotes"]) == [
        "from the answer to another question",
        "not in the candidate's answer to this question",
        "not in the candidate's answer to this question",
        "not in the candidate's answer to this question",
    ]
    # The quote in quotation marks is the same one: kept once (without the punctuation around it).
    assert [e.quote for e in evaluation.questions[0].criteria[0].evidence] == [
        real["quote"].rstrip(".")
    ]


def test_a_korean_interview_is_answered_in_korean(fake, make_evaluator):
    record = bench_record("ko-be-strong")
    english = good_report(record, summary="Strong, specific answers with numbers.")
    fake.then(completion(json.dumps(english)), completion(json.dumps(good_report(record))))

    evaluation = make_evaluator().evaluate(record)

    assert fake.requests[0].body["messages"][0]["content"] == load_prompt("ko")
    assert "한국어" in load_prompt("ko") and BEGIN_DATA in load_prompt("ko")
    assert evaluation.notes["retried_after"] == [
        "unusable response: the summary of a Korean interview is not in Korean"
    ]
    assert evaluation.summary_text.startswith("구체적인 사례")
    assert all(q.feedback.startswith("예시가 구체적") for q in evaluation.questions if q.answered)
    _quotes_are_in_the_transcript(evaluation, record)


def test_a_korean_fallback_says_so_in_korean(fake, make_evaluator):
    record = bench_record("ko-ds-average")
    fake.then(error(500, "down"), error(500, "down"))

    evaluation = make_evaluator(max_retries=1).evaluate(record)

    assert "언어 모델(solar-pro2) 평가에 실패해 대신 작성했습니다" in evaluation.summary_text
    assert "오프라인 루브릭 평가기로 작성" in evaluation.summary_text
    assert evaluation.needs_human_review.startswith("written by the offline evaluator")


def test_a_score_for_an_unanswered_question_is_not_kept(fake, make_evaluator):
    record = bench_record("en-fe-strong", skip_last=True)
    report = good_report(record)
    report["questions"].append(
        {
            "question_id": record.questions[-1].id,
            "answered": True,
            "criteria": [{"name": "situation", "score": 90, "evidence": []}],
        }
    )
    fake.then(completion(json.dumps(report)))

    evaluation = make_evaluator().evaluate(record)

    assert evaluation.evaluator_model == "llm:solar-pro2"
    assert evaluation.questions[-1].score is None and not evaluation.questions[-1].answered
    assert any("not answered" in note for note in evaluation.notes["ignored"])


def test_a_fenced_json_answer_is_accepted(fake, make_evaluator):
    record = bench_record("en-be-average")
    fake.then(completion("```json\n" + json.dumps(good_report(record)) + "\n```"))
    assert make_evaluator().evaluate(record).evaluator_model == "llm:solar-pro2"


def test_unscripted_routes_are_real_404s(fake):
    """The fake is a real server: a wrong path gets a real 404 through the SDK."""
    import openai

    client = openai.OpenAI(base_url=fake.url.replace("/v1", "/v2"), api_key="k", max_retries=0)
    try:
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    except openai.NotFoundError as e:
        assert e.status_code == 404
    else:
        raise AssertionError("expected a 404")
    assert Reply().status == 200
