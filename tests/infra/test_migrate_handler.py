"""functions/migrate: what the CDK Trigger runs on deploy, against a real PostgreSQL."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import psycopg

from infra_cdk.constants import FUNCTIONS_DIR


def _handler():
    spec = importlib.util.spec_from_file_location(
        "migrate_handler_under_test", FUNCTIONS_DIR / "migrate" / "handler.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.handler


CONTEXT = SimpleNamespace(
    function_name="migrate",
    function_version="$LATEST",
    memory_limit_in_mb=512,
    invoked_function_arn="arn:aws:lambda:ap-northeast-2:000000000000:function:migrate",
    aws_request_id="req-1",
    log_group_name="/aws/lambda/migrate",
    log_stream_name="s",
)


def test_migrates_and_seeds_once_then_does_nothing(empty_database_url, monkeypatch):
    # Given an empty database named directly (no secret ARN, as on the local stage)
    monkeypatch.delenv("DATABASE_SECRET_ARN", raising=False)
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    handler = _handler()
    # When the Trigger runs it, twice
    first = handler({}, CONTEXT)
    second = handler({}, CONTEXT)
    # Then the first run applies every migration and seeds the bank, the second changes nothing
    assert first["migrations_applied"] and first["questions_seeded"] > 0
    assert second == {"migrations_applied": [], "questions_seeded": 0}
    with psycopg.connect(empty_database_url) as conn:
        assert (
            conn.execute("SELECT count(*) FROM questions").fetchone()[0]
            == first["questions_seeded"]
        )
