"""The local queue: PGMQ inside PostgreSQL with SQS's semantics, and jobs enqueued in the same
transaction as the row that causes them."""

from __future__ import annotations

import time

import pytest
from interview_core.db.connection import Database
from interview_core.jobs.messages import ReportJob, SentimentJob
from interview_core.jobs.publisher import PgmqPublisher
from interview_core.local.pgmq import PgmqReceiver
from interview_core.local.workers import deliver_batch
from interview_core.settings import Settings

from tests.conftest import TEST_SECRET_KEY


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(database_url=database_url, secret_key=TEST_SECRET_KEY)


@pytest.fixture
def db(database_url):
    database = Database(database_url, max_size=2)
    yield database
    database.close()


def receiver(
    database_url: str, queue: str = "sentiment", *, vt: int = 30, max_receives: int = 3
) -> PgmqReceiver:
    return PgmqReceiver(database_url, queue, visibility_timeout=vt, max_receive_count=max_receives)


def test_a_job_is_queued_only_if_its_transaction_commits(db, settings, database_url):
    publisher = PgmqPublisher(settings)
    with pytest.raises(RuntimeError), db.unit_of_work() as uow:
        publisher.publish(uow, SentimentJob(transcript_id=1))
        raise RuntimeError("the answer could not be saved")
    with db.unit_of_work() as uow:
        publisher.publish(uow, SentimentJob(transcript_id=2))
        publisher.publish(uow, ReportJob(interview_id=7))

    sentiment, report = receiver(database_url), receiver(database_url, "report")
    assert [m.message for m in sentiment.receive(wait_seconds=0)] == [{"transcript_id": 2}]
    assert [m.message for m in report.receive(wait_seconds=0)] == [{"interview_id": 7}]


def test_a_received_message_is_hidden_until_its_visibility_timeout_then_comes_back(
    db, settings, database_url
):
    with db.unit_of_work() as uow:
        PgmqPublisher(settings).publish(uow, SentimentJob(transcript_id=5))
    queue = receiver(database_url, vt=1)

    first = queue.receive(wait_seconds=0)
    hidden = queue.receive(wait_seconds=0)
    time.sleep(1.2)
    again = queue.receive(wait_seconds=0)

    assert [m.read_ct for m in first] == [1]
    assert hidden == []
    assert [(m.msg_id, m.read_ct) for m in again] == [(first[0].msg_id, 2)]


def test_a_message_received_too_often_goes_to_the_dead_letter_queue(db, settings, database_url):
    with db.unit_of_work() as uow:
        PgmqPublisher(settings).publish(uow, SentimentJob(transcript_id=9))
    queue = receiver(database_url, vt=0, max_receives=2)

    receives = [len(queue.receive(wait_seconds=0)) for _ in range(3)]

    assert receives == [1, 1, 0]
    assert queue.depth() == 0
    assert queue.depth("sentiment_dlq") == 1


def test_a_worker_deletes_what_succeeded_and_leaves_the_failures(db, settings, database_url):
    with db.unit_of_work() as uow:
        for transcript_id in (1, 2, 3):
            PgmqPublisher(settings).publish(uow, SentimentJob(transcript_id=transcript_id))
    queue = receiver(database_url, vt=0)
    seen: list[dict] = []

    def handler(event, context):
        seen.extend(event["Records"])
        failed = [r["messageId"] for r in event["Records"] if '"transcript_id": 2' in r["body"]]
        return {"batchItemFailures": [{"itemIdentifier": m} for m in failed]}

    assert deliver_batch(queue, handler, "sentiment_worker", wait_seconds=0) == 2
    assert [r["eventSource"] for r in seen] == ["aws:sqs"] * 3
    assert [m.message for m in queue.receive(wait_seconds=0)] == [{"transcript_id": 2}]


def test_a_consumer_that_crashes_loses_nothing(db, settings, database_url):
    with db.unit_of_work() as uow:
        PgmqPublisher(settings).publish(uow, ReportJob(interview_id=3))
    queue = receiver(database_url, "report", vt=0)

    def crashing(event, context):
        raise ConnectionError("database went away")

    assert deliver_batch(queue, crashing, "report_worker", wait_seconds=0) == 0
    assert [m.message for m in queue.receive(wait_seconds=0)] == [{"interview_id": 3}]


def test_a_worker_survives_a_lost_database_connection(db, settings, database_url, sql):
    from functools import partial

    from interview_core.local.workers import QueueWorker

    delivered: list[str] = []

    def handler(event, context):
        delivered.extend(r["body"] for r in event["Records"])
        return {"batchItemFailures": []}

    worker = QueueWorker(partial(receiver, database_url), handler, "sentiment_worker")
    worker.start()
    try:
        with db.unit_of_work() as uow:
            PgmqPublisher(settings).publish(uow, SentimentJob(transcript_id=1))
        _wait_for(lambda: len(delivered) == 1)
        sql.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'interview-worker-sentiment'"
        )
        with db.unit_of_work() as uow:
            PgmqPublisher(settings).publish(uow, SentimentJob(transcript_id=2))
        _wait_for(lambda: len(delivered) == 2, seconds=10)
    finally:
        worker.stop()
        worker.join(5)
    assert delivered == ['{"transcript_id": 1}', '{"transcript_id": 2}']


def _wait_for(condition, seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)
