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
        "sqs",
        endpoint_url=f"http://{host}:{port}",
        region_name="eu-central-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    yield client
    server.stop()


@pytest.fixture
def queues(sqs):
    urls = {
        name: sqs.create_queue(QueueName=f"{name}-{id(object())}")["QueueUrl"]
        for name in ("sentiment", "report", "embed")
    }
    yield urls
    for url in urls.values():
        sqs.delete_queue(QueueUrl=url)


def _bodies(sqs, url: str) -> list[dict]:
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get(
        "Messages", []
    )
    return [json.loads(m["Body"]) for m in messages]


def _publisher(
    sqs, queues, database_url, database: Database | None = None, *, suffix: str = ""
) -> SqsPublisher:
    settings = Settings(
        database_url=database_url,
        secret_key=TEST_SECRET_KEY,
        queue_backend="sqs",
        sentiment_queue=queues["sentiment"] + suffix,
        report_queue=queues["report"] + suffix,
        embed_queue=queues["embed"] + suffix,
    )
    return SqsPublisher(
        settings, client=sqs, database=database or Database(database_url, max_size=1)
    )


def test_jobs_are_sent_to_their_queue_once_the_transaction_commits(sqs, queues, database_url):
    db = Database(database_url, max_size=1)
    publisher = _publisher(sqs, queues, database_url, db)
    with pytest.raises(RuntimeError), db.unit_of_work() as uow:
        publisher.publish(uow, SentimentJob(transcript_id=1))
        raise RuntimeError("rolled back")
    with db.unit_of_work() as uow:
        publisher.publish(uow, SentimentJob(transcript_id=2))
        publisher.publish(uow, ReportJob(interview_id=3))
        assert _bodies(sqs, queues["sentiment"]) == [], "nothing is sent before the commit"
    assert _bodies(sqs, queues["sentiment"]) == [{"transcript_id": 2}]
    assert _bodies(sqs, queues["report"]) == [{"interview_id": 3}]
    with db.unit_of_work() as uow:
        assert uow.conn.execute("SELECT count(*) AS n FROM job_outbox").fetchone()["n"] == 0, (
            "sent jobs leave the outbox"
        )
    db.close()


def test_a_failed_send_stays_in_the_outbox_and_the_relay_sends_it(sqs, queues, database_url):
    db = Database(database_url, max_size=1)
    broken = _publisher(sqs, queues, database_url, db, suffix="-missing")
    with db.unit_of_work() as uow:
        broken.publish(uow, SentimentJob(transcript_id=11))
        broken.publish(uow, ReportJob(interview_id=12))
    assert _bodies(sqs, queues["sentiment"]) == []

    # Still broken: counted, the reason kept, nothing lost.
    assert broken.relay(older_than_seconds=0).model_dump() == {"sent": 0, "failed": 2, "waiting": 2}
    with db.unit_of_work() as uow:
        rows = uow.conn.execute(
            "SELECT kind, attempts, last_error FROM job_outbox ORDER BY id"
        ).fetchall()
    assert [(r["kind"], r["attempts"]) for r in rows] == [("sentiment", 1), ("report", 1)]
    assert all(r["last_error"] for r in rows)

    working = _publisher(sqs, queues, database_url, db)
    assert working.relay(older_than_seconds=0).model_dump() == {
        "sent": 2,
        "failed": 0,
        "waiting": 0,
    }
    assert _bodies(sqs, queues["sentiment"]) == [{"transcript_id": 11}]
    assert _bodies(sqs, queues["report"]) == [{"interview_id": 12}]
    db.close()


def test_a_process_that_dies_between_commit_and_send_loses_nothing(sqs, queues, database_url):
    db = Database(database_url, max_size=1)
    publisher = _publisher(sqs, queues, database_url, db)
    with db.unit_of_work() as uow:
        publisher.publish(uow, ReportJob(interview_id=21))
        uow._after_commit.clear()  # the process is killed right after the commit
    assert _bodies(sqs, queues["report"]) == []
    assert publisher.relay(older_than_seconds=60).sent == 0, (
        "too recent: its own send may still be running"
    )
    assert publisher.relay(older_than_seconds=0).sent == 1
    assert _bodies(sqs, queues["report"]) == [{"interview_id": 21}]
    db.close()


def test_a_hung_sqs_gives_up_quickly_and_the_answer_is_still_saved_once(queues, platform, sql):
    """SQS accepts the connection and never answers: the request ends (the client's timeouts), the
    answer is stored once, its job waits in the outbox."""
    import socket

    from interview_core.jobs import publisher as publishing

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    hung = boto3.client(
        "sqs",
        endpoint_url=f"http://127.0.0.1:{listener.getsockname()[1]}",
        region_name="eu-central-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=__import__("botocore.config").config.Config(
            connect_timeout=publishing.SQS_CONNECT_TIMEOUT_SECONDS,
            read_timeout=1,
            retries={"total_max_attempts": 1},
        ),
    )
    db = Database(platform.database_url, max_size=2)
    publisher = _publisher(hung, queues, platform.database_url, db)
    candidate = sign_up(platform.client)
    interview = create_interview(platform.client, candidate)
    from interview_core.services.accounts import user_for_token
    from interview_core.services.interviews import add_answer
    from interview_core.settings import get_settings

    user = user_for_token(db, get_settings(), candidate.token)
    saved = add_answer(
        db,
        publisher,
        user,
        interview_id=interview["id"],
        text="An answer while SQS hangs.",
        question_id=None,
    )
    listener.close()
    assert (
        sql.execute("SELECT count(*) AS n FROM transcripts WHERE id = %s", (saved.id,)).fetchone()[
            "n"
        ]
        == 1
    )
    waiting = sql.execute("SELECT kind, body FROM job_outbox").fetchall()
    assert [(w["kind"], w["body"]) for w in waiting] == [("sentiment", {"transcript_id": saved.id})]
    db.close()


def test_a_failed_send_loses_nothing_recovery_requeues_it(sqs, queues, platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    answer(client, candidate, interview["id"], "답변입니다")
    client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    db = Database(platform.database_url, max_size=1)
    embed_bank(db, HashingEmbedder())
    sql.execute(
        "UPDATE questions SET content = content || ' (v2)', embedding = NULL, vector_id = NULL "
        "WHERE id = 5"
    )
    sql.execute(
        "SELECT pgmq.purge_queue('sentiment'), pgmq.purge_queue('report')"
    )  # the jobs never arrived
    broken = SqsPublisher(
        Settings(
            database_url=platform.database_url,
            secret_key=TEST_SECRET_KEY,
            queue_backend="sqs",
            sentiment_queue=queues["sentiment"] + "-missing",
            report_queue=queues["report"] + "-missing",
            embed_queue=queues["embed"] + "-missing",
        ),
        client=sqs,
    )

    requeue_lost_jobs(db, broken, older_than_seconds=0)  # sends fail: logged, nothing raised
    requeued = requeue_lost_jobs(
        db, _publisher(sqs, queues, platform.database_url), older_than_seconds=0
    )
    db.close()

    assert requeued.report_jobs == [interview["id"]] and len(requeued.sentiment_jobs) == 1
    assert _bodies(sqs, queues["report"]) == [{"interview_id": interview["id"]}]
    assert _bodies(sqs, queues["sentiment"]) == [{"transcript_id": requeued.sentiment_jobs[0]}]
    assert requeued.embed_jobs == 1, "question 5 was reworded and never re-embedded"
    assert _bodies(sqs, queues["embed"]) == [{"cause": "recovery", "cause_id": None}]
