"""Shared fixtures: one embedded PostgreSQL per test session, a fresh database per test (copied
from a migrated and seeded template), and the platform's API and workers on top of it."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from psycopg.rows import dict_row

TEST_SECRET_KEY = "test-secret-key-that-is-long-enough"

# Settings the whole test session shares; a test that needs others sets them itself.
os.environ.update(
    {
        "ENVIRONMENT": "test",
        "SECRET_KEY": TEST_SECRET_KEY,
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        "QUEUE_BACKEND": "pgmq",
        # A developer's exported LLM key must not make the tests call out.
        "EVALUATOR": "offline",
    }
)

_TEMPLATE = "interview_template"
_counter = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server():
    from interview_core.local.postgres import EmbeddedPostgres

    # Not under pytest's basetemp: a concurrent pytest run prunes old basetemps, and with them
    # a live data folder.
    folder = Path(tempfile.mkdtemp(prefix="interview-test-pg-"))
    server = EmbeddedPostgres(folder / "pgdata", stop_on_exit=True)
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def template_database(pg_server) -> str:
    from interview_core.jobs.messages import JOB_TYPES
    from interview_core.local.platform import prepare_database

    url = pg_server.ensure_database(_TEMPLATE)
    prepare_database(url, pgmq_queues=list(JOB_TYPES))  # the default queue names: the kinds
    return _TEMPLATE


def create_database(pg_server, *, template: str | None) -> str:
    name = f"test_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return pg_server.url(name)


def drop_database(pg_server, url: str) -> None:
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(pg_server, template_database) -> Iterator[str]:
    """A fresh database with the schema, the seeded bank and the PGMQ queues."""
    url = create_database(pg_server, template=template_database)
    yield url
    drop_database(pg_server, url)


@pytest.fixture
def empty_database_url(pg_server) -> Iterator[str]:
    """A fresh database with nothing in it."""
    url = create_database(pg_server, template=None)
    yield url
    drop_database(pg_server, url)


@pytest.fixture
def sql(database_url: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to look at the test database."""
    with psycopg.connect(database_url, autocommit=True, row_factory=dict_row) as conn:
        yield conn


def _clear_cached_singletons() -> None:
    from interview_core.ai.embeddings.settings import get_embedding_settings
    from interview_core.ai.evaluation.llm_settings import get_llm_settings
    from interview_core.ai.sentiment.settings import get_sentiment_settings
    from interview_core.db.connection import get_database
    from interview_core.jobs.publisher import get_publisher
    from interview_core.mail.sender import get_mail_sender
    from interview_core.mail.settings import get_mail_settings
    from interview_core.settings import get_settings

    if get_database.cache_info().currsize:
        get_database().close()
    settings = (
        get_settings,
        get_llm_settings,
        get_sentiment_settings,
        get_embedding_settings,
        get_mail_settings,
    )
    for cached in (*settings, get_database, get_publisher, get_mail_sender):
        cached.cache_clear()


@pytest.fixture
def question_embeddings(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """Set this process's QUESTION_EMBEDDINGS for one test (None: unset); its embedder is made
    afresh around it."""
    from interview_core.ai.embeddings.base import get_embedder
    from interview_core.ai.embeddings.settings import get_embedding_settings

    def use(mode: str | None) -> None:
        if mode is None:
            monkeypatch.delenv("QUESTION_EMBEDDINGS", raising=False)
        else:
            monkeypatch.setenv("QUESTION_EMBEDDINGS", mode)
        get_embedding_settings.cache_clear()
        get_embedder.cache_clear()

    yield use
    get_embedding_settings.cache_clear()
    get_embedder.cache_clear()


@dataclass
class Platform:
    """The API in-process (every router, as `interview dev` serves them) and its workers,
    run on demand so a test decides when the background work happens."""

    client: TestClient
    database_url: str
    # tests/api: the other organizations in the database (tests/api/neighbours.py).
    neighbours: Any = None
    mail_folder: Path | None = None

    def run_workers(self) -> int:
        """Deliver queued jobs to the consumer Lambdas until the queues are empty."""
        from interview_core.function_catalog import QUEUE_FUNCTIONS
        from interview_core.local.lambda_runtime import load_function
        from interview_core.local.pgmq import PgmqReceiver
        from interview_core.local.workers import deliver_batch

        done = 0
        for function in QUEUE_FUNCTIONS:
            receiver = PgmqReceiver(
                self.database_url, function.job_kind, visibility_timeout=30, max_receive_count=3
            )
            try:
                while count := deliver_batch(
                    receiver, load_function(function.name).handler, function.name, wait_seconds=0
                ):
                    done += count
            finally:
                receiver.close()
        return done


@pytest.fixture
def platform(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Platform]:
    from interview_core.api.app import create_app
    from interview_core.local.platform import http_routers
    from interview_core.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", database_url)
    _clear_cached_singletons()
    app = create_app(get_settings(), http_routers())
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Platform(client=client, database_url=database_url)
    _clear_cached_singletons()
