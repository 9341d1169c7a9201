"""A report job delivered again changes nothing, and a report the offline evaluator wrote because
the language model failed is written again by the model once it answers: unless people have
started on it (reviewed or overridden)."""

from __future__ import annotations

import json

from interview_core.ai.evaluation.base import InterviewRecord
from interview_core.ai.sentiment.offline import LexiconSentimentAnalyzer
from interview_core.db import interviews, reports, transcripts
from interview_core.db.connection import Database
from interview_core.services.recovery import requeue_lost_jobs
from interview_core.services.reports import generate_final_report

from tests.ai.conftest import good_report
from tests.ai.fake_openai import completion, error
from tests.api.helpers import answer, create_interview, sign_up

ANSWER = (
    "I would add a composite index on (user_id, created_at), check the plan with EXPLAIN ANALYZE, "
    "and watch the write overhead on the orders table."
)


def _completed_interview(platform) -> int:
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer", language="en")
    answer(client, candidate, interview["id"], ANSWER, interview["questions"][0]["id"])
    client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    return interview["id"]


def _record(db: Database, interview_id: int) -> InterviewRecord:
    with db.unit_of_work() as uow:
        interview = interviews.get_interview(uow.conn, interview_id)
        return InterviewRecord(
            interview_id=interview_id,
            position=interview.position,
            language=interview.language,
            questions=interviews.interview_questions(uow.conn, interview_id),
            transcripts=transcripts.list_transcripts(uow.conn, interview_id),
        )


def _report(db: Database, interview_id: int):
    with db.unit_of_work() as uow:
        return reports.get_report(uow.conn, interview_id)


def test_a_fallback_report_is_written_again_by_the_model_once_it_answers(
    platform, fake, make_evaluator
):
    db = Database(platform.database_url, max_size=2)
    interview_id = _completed_interview(platform)
    analyzer = LexiconSentimentAnalyzer()
    evaluator = make_evaluator(max_retries=0)

    fake.then(error(503, "overloaded"))
    first = generate_final_report(db, evaluator, analyzer, interview_id)
    assert "fallback" in first.evaluator_model

    # Delivered again while the model is still down: nothing changes.
    fake.then(error(503, "overloaded"))
    again = generate_final_report(db, evaluator, analyzer, interview_id)
    assert again.updated_at == first.updated_at and again.evaluator_model == first.evaluator_model

    # Recovery asks for it again when a model is configured; the model answers this time.
    queued = requeue_lost_jobs(
        db, platform_publisher(), older_than_seconds=0, reevaluate_fallbacks=True
    )
    assert queued.reevaluation_jobs == [interview_id]
    record = _record(db, interview_id)
    fake.then(lambda _: completion(json.dumps(good_report(record))))
    written = generate_final_report(db, evaluator, analyzer, interview_id)
    assert written.evaluator_model == "llm:solar-pro2" and written.id == first.id

    # Once written by the model, a redelivered job changes nothing, and recovery asks for nothing.
    assert (
        generate_final_report(db, evaluator, analyzer, interview_id).updated_at
        == _report(db, interview_id).updated_at
    )
    assert (
        requeue_lost_jobs(
            db, platform_publisher(), older_than_seconds=0, reevaluate_fallbacks=True
        ).reevaluation_jobs
        == []
    )
    db.close()


def test_a_fallback_report_people_have_reviewed_is_kept(platform, fake, make_evaluator, sql):
    db = Database(platform.database_url, max_size=2)
    interview_id = _completed_interview(platform)
    evaluator = make_evaluator(max_retries=0)
    fake.then(error(503, "overloaded"))
    first = generate_final_report(db, evaluator, LexiconSentimentAnalyzer(), interview_id)
    reviewer = sql.execute("SELECT id FROM users ORDER BY id LIMIT 1").fetchone()["id"]
    sql.execute(
        "UPDATE evaluation_reports SET review_state = 'reviewed', reviewed_by = %s, reviewed_at = "
        "now() "
        "WHERE interview_id = %s",
        (reviewer, interview_id),
    )
    sql.commit()

    assert (
        requeue_lost_jobs(
            db, platform_publisher(), older_than_seconds=0, reevaluate_fallbacks=True
        ).reevaluation_jobs
        == []
    )
    record = _record(db, interview_id)
    fake.then(lambda _: completion(json.dumps(good_report(record))))
    kept = generate_final_report(db, evaluator, LexiconSentimentAnalyzer(), interview_id)
    assert kept.evaluator_model == first.evaluator_model and not fake.requests[1:]
    db.close()


def platform_publisher():
    from interview_core.jobs.publisher import get_publisher

    return get_publisher()
