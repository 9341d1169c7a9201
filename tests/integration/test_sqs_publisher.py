"""The SQS backend of the job queue, against moto's SQS server over real HTTP through boto3."""

from __future__ import annotations

import json

import boto3
import pytest
from interview_core.ai.embeddings.hashing import HashingEmbedder
from interview_core.db.connection import Database
from interview_core.jobs.messages import ReportJob, SentimentJob
from interview_core.jobs.publisher import SqsPublisher
from interview_core.services.question_selection import embed_bank
from interview_core.services.recovery import requeue_lost_jobs
from interview_core.settings import Settings
from moto.server import ThreadedMotoServer

from tests.api.helpers import answer, create_interview, sign_up
from tests.conftest import TEST_SECRET_KEY


@pytest.fixture(scope="module")
def sqs():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    client = boto3.client(
        "sqs", endpoint_url=f"http://{host}:{port}", region_name="eu-central-1",
        aws_access_key_id="test", aws_secret_access_key="test",
    )
    yield client
    server.stop()


@pytest.fixture
def queues(sqs):
    urls = {name: sqs.create_queue(QueueName=f"{name}-{id(object())}")["QueueUrl"] for name in ("sentiment", "report", "embed")}
    yield urls
    for url in urls.values():
        sqs.delete_queue(QueueUrl=url)


def _bodies(sqs, url: str) -> list[dict]:
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
    return [json.loads(m["Body"]) for m in messages]


def _publisher(sqs, queues, database_url) -> SqsPublisher:
    settings = Settings(
        database_url=database_url, secret_key=TEST_SECRET_KEY, queue_backend="sqs",
        sentiment_queue=queues["sentiment"], report_queue=queues["report"], embed_queue=queues["embed"],
    )
    return SqsPublisher(settings, client=sqs)


def test_jobs_are_sent_to_their_queue_once_the_transaction_commits(sqs, queues, database_url):
    publisher = _publisher(sqs, queues, database_url)
    db = Database(database_url, max_size=1)
    with pytest.raises(RuntimeError), db.unit_of_work() as uow:
        publisher.publish(uow, SentimentJob(transcript_id=1))
        raise RuntimeError("rolled back")
    with db.unit_of_work() as uow:
        publisher.publish(uow, SentimentJob(transcript_id=2))
        publisher.publish(uow, ReportJob(interview_id=3))
        assert _bodies(sqs, queues["sentiment"]) == [], "nothing is sent before the commit"
    db.close()

    assert _bodies(sqs, queues["sentiment"]) == [{"transcript_id": 2}]
    assert _bodies(sqs, queues["report"]) == [{"interview_id": 3}]


def test_a_failed_send_loses_nothing_recovery_requeues_it(sqs, queues, platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    answer(client, candidate, interview["id"], "답변입니다")
    client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    db = Database(platform.database_url, max_size=1)
    embed_bank(db, HashingEmbedder())
    sql.execute("UPDATE questions SET content = content || ' (v2)', embedding = NULL, vector_id = NULL WHERE id = 5")
    sql.execute("SELECT pgmq.purge_queue('sentiment'), pgmq.purge_queue('report')")  # the jobs never arrived
    broken = SqsPublisher(
        Settings(database_url=platform.database_url, secret_key=TEST_SECRET_KEY, queue_backend="sqs",
                 sentiment_queue=queues["sentiment"] + "-missing", report_queue=queues["report"] + "-missing",
                 embed_queue=queues["embed"] + "-missing"),
        client=sqs,
    )

    requeue_lost_jobs(db, broken, older_than_seconds=0)  # sends fail: logged, nothing raised
    requeued = requeue_lost_jobs(db, _publisher(sqs, queues, platform.database_url), older_than_seconds=0)
    db.close()

    assert requeued.report_jobs == [interview["id"]] and len(requeued.sentiment_jobs) == 1
    assert _bodies(sqs, queues["report"]) == [{"interview_id": interview["id"]}]
    assert _bodies(sqs, queues["sentiment"]) == [{"transcript_id": requeued.sentiment_jobs[0]}]
    assert requeued.embed_jobs == 1, "question 5 was reworded and never re-embedded"
    assert _bodies(sqs, queues["embed"]) == [{"cause": "recovery", "cause_id": None}]
