"""The queue's faults, ending in the same check as the others. SQS hung (it accepts connections
and never answers): each answer is acknowledged within the SQS client's timeouts and stored once,
its retry changes nothing, the jobs wait in the outbox and the relay sends them once SQS answers.
A poison message (a report job that fails every time): it reaches the dead-letter queue with its
reason kept in job_failures, and once the fault is fixed a redrive writes the one report.
(tests/integration/test_sqs_publisher.py and tests/api/test_job_failures.py test the parts.)"""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import boto3
import pytest
from interview_core.local.lambda_runtime import LambdaContext, load_function, sqs_event
from interview_core.local.pgmq import PgmqReceiver, QueueMessage, redrive
from interview_core.local.workers import deliver_batch
from moto.server import ThreadedMotoServer

from tests.api.helpers import create_interview, sign_up
from tests.conftest import _clear_cached_singletons
from tests.faults.checks import check_nothing_lost_or_doubled

KINDS = ("sentiment", "follow_up", "report", "embed", "mail")


def _post_answer(client, candidate, interview: dict, text: str, key: str) -> int:
    return client.post(
        "/transcripts",
        headers={**candidate.auth, "Idempotency-Key": key},
        json={"interview_id": interview["id"], "text": text},
    ).status_code


def _use_sqs(monkeypatch: pytest.MonkeyPatch, endpoint: str) -> dict[str, str]:
    urls = {kind: f"{endpoint}/123456789012/{kind}-{uuid.uuid4().hex[:6]}" for kind in KINDS}
    monkeypatch.setenv("QUEUE_BACKEND", "sqs")
    monkeypatch.setenv("AWS_ENDPOINT_URL_SQS", endpoint)
    for kind, url in urls.items():
        monkeypatch.setenv(f"{kind.upper()}_QUEUE", url)
    _clear_cached_singletons()  # the settings and the publisher, made again from these
    return urls


@pytest.fixture
def aws_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")


@pytest.fixture
def moto_sqs() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_sqs_hung_then_back_loses_nothing_and_stores_nothing_twice(
    aws_env, platform, monkeypatch, moto_sqs
):
    client = platform.client
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(64)
        _use_sqs(monkeypatch, f"http://127.0.0.1:{hung.getsockname()[1]}")
        candidate = sign_up(client)
        interview = create_interview(client, candidate)
        acknowledged: dict[str, int] = {}
        for n in range(2):
            text, key = (
                f"[sqs-hung {n} {uuid.uuid4().hex[:8]}] An answer while SQS hangs.",
                str(uuid.uuid4()),
            )
            assert _post_answer(client, candidate, interview, text, key) == 201
            acknowledged[text] = interview["id"]
            # The client gave up on the slow answer and sends it again: the first answer again.
            assert _post_answer(client, candidate, interview, text, key) == 201
        done = client.post(
            f"/interviews/{interview['id']}/complete",
            headers={**candidate.auth, "Idempotency-Key": str(uuid.uuid4())},
        )
        assert done.status_code == 200
    waiting = platform_rows(platform.database_url, "SELECT kind FROM job_outbox ORDER BY id")
    assert waiting == ["sentiment", "sentiment", "report"], "every job waits in the outbox"

    # SQS answers again: the relay sends the outbox; the consumers get what it sent.
    urls = _use_sqs(monkeypatch, moto_sqs)
    sqs = boto3.client("sqs", endpoint_url=moto_sqs)
    for url in urls.values():
        sqs.create_queue(QueueName=url.rsplit("/", 1)[1])
    from interview_core.jobs.publisher import get_publisher

    assert get_publisher().relay(older_than_seconds=0).sent == 3
    assert platform_rows(platform.database_url, "SELECT kind FROM job_outbox") == []
    for kind, function in (("sentiment", "sentiment_worker"), ("report", "report_worker")):
        received = sqs.receive_message(QueueUrl=urls[kind], MaxNumberOfMessages=10)["Messages"]
        messages = [
            QueueMessage(i, 1, datetime.now(UTC), json.loads(m["Body"]))
            for i, m in enumerate(received, 1)
        ]
        answer = load_function(function).handler(sqs_event(kind, messages), LambdaContext(function))
        assert answer["batchItemFailures"] == []

    survived = check_nothing_lost_or_doubled(platform.database_url, acknowledged)
    assert survived.answers_stored_once == 2 and survived.reports == 1
    print(f"SQS hung, then back: {survived}")


def platform_rows(database_url: str, query: str) -> list:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return [row[0] for row in conn.execute(query)]


def test_a_poison_report_job_is_dead_lettered_with_its_reason_then_redriven(
    platform, sql, monkeypatch
):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    acknowledged: dict[str, int] = {}
    for n in range(3):
        text, key = (
            f"[poison {n} {uuid.uuid4().hex[:8]}] An answer about indexes.",
            str(uuid.uuid4()),
        )
        assert _post_answer(client, candidate, interview, text, key) == 201
        assert _post_answer(client, candidate, interview, text, key) == 201  # a retry
        acknowledged[text] = interview["id"]
    assert client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth).is_success

    worker = load_function("report_worker")
    original = worker.generate_final_report

    def poisoned(*args: object, **kwargs: object) -> None:
        raise RuntimeError("this job fails every time")

    monkeypatch.setattr(worker, "generate_final_report", poisoned)
    # Visible again at once after each failure; the fourth receive dead-letters it.
    receiver = PgmqReceiver(
        platform.database_url, "report", visibility_timeout=0, max_receive_count=3
    )
    try:
        for _ in range(4):
            deliver_batch(receiver, worker.handler, "report_worker", wait_seconds=0)
        assert receiver.depth() == 0 and receiver.depth("report_dlq") == 1
    finally:
        receiver.close()
    failure = sql.execute("SELECT kind, attempts, last_error, body FROM job_failures").fetchone()
    assert failure["kind"] == "report" and failure["attempts"] == 3
    assert "this job fails every time" in failure["last_error"]
    assert failure["body"] == {"interview_id": interview["id"]}

    monkeypatch.setattr(worker, "generate_final_report", original)  # the fault is fixed
    assert redrive(sql, "report") == 1  # `interview jobs redrive`
    platform.run_workers()
    survived = check_nothing_lost_or_doubled(platform.database_url, acknowledged)
    assert survived.answers_stored_once == 3 and survived.reports == 1
    print(f"poison report job: dead-lettered after 3 attempts, redriven: {survived}")
