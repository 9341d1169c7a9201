"""The host executor's runner (localstack/executor/.../runner.py) on its own: the JSON-lines
protocol, the context object, errors in AWS's shape, and init errors. No LocalStack needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "localstack" / "executor" / "localstack_host_executor" / "runner.py"

HANDLER = """
import os
print("a line for the log")
def handler(event, context):
    if event.get("fail"):
        raise ValueError("asked to fail")
    return {"echo": event, "function": context.function_name,
            "memory": context.memory_limit_in_mb,
            "remaining": context.get_remaining_time_in_millis(),
            "request": context.aws_request_id, "trace": os.environ["_X_AMZN_TRACE_ID"]}
"""


def run(code_dir: Path, handler: str, *requests: dict) -> tuple[list[dict], str]:
    env = {
        "_HANDLER": handler,
        "AWS_LAMBDA_FUNCTION_NAME": "fn",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
        "PYTHONPATH": str(code_dir),
    }
    stdin = "".join(json.dumps(r) + "\n" for r in requests)
    done = subprocess.run(
        [sys.executable, "-P", str(RUNNER)],
        cwd=code_dir,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()], done.stderr


def request(request_id: str, event: dict) -> dict:
    return {
        "id": request_id,
        "arn": "arn:aws:lambda:us-east-1:000000000000:function:fn",
        "payload": json.dumps(event),
        "trace_id": "Root=1-abc",
        "timeout_s": 3,
    }


@pytest.fixture
def code_dir(tmp_path: Path) -> Path:
    (tmp_path / "handler.py").write_text(HANDLER)
    return tmp_path


def test_answers_each_invocation_on_stdout_and_logs_go_to_stderr(code_dir: Path) -> None:
    answers, log = run(code_dir, "handler.handler", request("r1", {"x": 1}), request("r2", {}))
    assert answers[0]["type"] == "ready" and answers[0]["init_error"] is None
    first = answers[1]
    assert first["id"] == "r1" and first["ok"]
    body = json.loads(first["payload"])
    assert body["echo"] == {"x": 1} and body["function"] == "fn" and body["memory"] == 256
    assert body["request"] == "r1" and body["trace"] == "Root=1-abc"
    assert 0 < body["remaining"] <= 3000
    assert answers[2]["id"] == "r2" and answers[2]["ok"]
    # The module's print (stdout in the handler) is in the log, not in the protocol.
    assert "a line for the log" in log and "REPORT RequestId: r1" in log


def test_a_failing_handler_returns_an_aws_shaped_error(code_dir: Path) -> None:
    answers, log = run(code_dir, "handler.handler", request("r1", {"fail": True}))
    answer = answers[1]
    assert not answer["ok"]
    error = json.loads(answer["payload"])
    assert error["errorType"] == "ValueError" and error["errorMessage"] == "asked to fail"
    assert error["stackTrace"] and "asked to fail" in log


def test_an_import_error_is_reported_by_every_invoke(code_dir: Path) -> None:
    answers, _ = run(code_dir, "missing_module.handler", request("r1", {}))
    assert answers[0]["init_error"]["errorType"] == "Runtime.ImportModuleError"
    assert not answers[1]["ok"]
    assert json.loads(answers[1]["payload"])["errorType"] == "Runtime.ImportModuleError"
