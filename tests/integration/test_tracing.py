"""What the Lambdas put into X-Ray: never a response (POST /token answers with an access token),
and only the AWS SDK is patched for tracing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from typing import Any

import pytest
from interview_core.local.lambda_runtime import LambdaContext, load_function

from tests.integration.test_lambda_handlers import rest_proxy_event


class RecordingSubsegment:
    def __init__(self, name: str) -> None:
        self.name = name
        self.metadata: list[tuple[str, str, Any]] = []
        self.annotations: dict[str, Any] = {}

    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None:
        self.metadata.append((namespace, key, value))

    def put_annotation(self, key: str, value: Any) -> None:
        self.annotations[key] = value

    def add_exception(
        self, exception: BaseException, stack: Any = None, remote: bool = False
    ) -> None:
        self.metadata.append(("exception", type(exception).__name__, str(exception)))


class RecordingProvider:
    """Stands in for X-Ray: keeps every subsegment the Tracer opens."""

    def __init__(self) -> None:
        self.subsegments: list[RecordingSubsegment] = []

    @contextmanager
    def in_subsegment(self, name: str | None = None, **_: Any):
        subsegment = RecordingSubsegment(name or "")
        self.subsegments.append(subsegment)
        yield subsegment


@pytest.fixture
def xray(monkeypatch) -> RecordingProvider:
    from interview_core.observability import tracer

    provider = RecordingProvider()
    monkeypatch.setattr(tracer, "provider", provider)
    return provider


def test_the_access_token_from_post_token_never_reaches_the_trace(platform, xray):
    login = {"username": "tracy", "password": "a-long-pass-phrase-77"}
    registered = platform.client.post(
        "/register", json={**login, "email": "tracy@example.com", "role": "candidate"}
    )
    assert registered.status_code == 201, registered.text
    event = rest_proxy_event("POST", "/token", "/token", body=login)

    response = load_function("token").handler(event, LambdaContext("token"))

    assert response["statusCode"] == 200, response["body"]
    token = json.loads(response["body"])["access_token"]
    [subsegment] = xray.subsegments
    assert subsegment.name == "## handler"
    assert subsegment.annotations["Service"] == "interview-platform"
    assert subsegment.metadata == []
    assert token not in repr(subsegment.__dict__)


def test_a_queue_consumer_keeps_its_response_out_of_the_trace_too(platform, xray):
    worker = load_function("sentiment_worker").handler
    response = worker({"Records": []}, LambdaContext("sentiment_worker"))

    assert response == {"batchItemFailures": []}
    [subsegment] = xray.subsegments
    assert subsegment.metadata == []


def test_only_the_aws_sdk_is_patched_for_tracing_in_a_lambda():
    # A fresh interpreter that looks like a Lambda, so the Tracer is enabled and patches.
    script = (
        "import sys, json\n"
        "import interview_core.observability\n"
        "import boto3\n"  # botocore is patched when it is first loaded
        "from aws_xray_sdk.core import patcher\n"
        "others = ('psycopg', 'httpx', 'requests', 'sqlite3')\n"
        "print(json.dumps({'patched': sorted(patcher._PATCHED_MODULES),\n"
        "  'imported': sorted(m for m in others if m in sys.modules)}))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("POWERTOOLS_TRACE")}
    env.update({"LAMBDA_TASK_ROOT": "/var/task", "AWS_LAMBDA_FUNCTION_NAME": "token"})
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"patched": ["botocore"], "imported": []}
