"""Starting the whole platform on one machine: database, schema, queues, workers and API."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import psycopg
from psycopg.rows import dict_row
from starlette.routing import compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from interview_core.db.migrate import migrate
from interview_core.db.seed import seed_question_bank
from interview_core.function_catalog import (
    HTTP_FUNCTIONS,
    QUEUE_FUNCTIONS,
    SCHEDULED_FUNCTIONS,
    HttpFunction,
)
from interview_core.local.lambda_runtime import LambdaContext, load_function, logging_as
from interview_core.local.paths import data_dir
from interview_core.local.pgmq import PgmqReceiver, ensure_queues, install_pgmq
from interview_core.local.postgres import EmbeddedPostgres
from interview_core.local.workers import QueueWorker, ScheduleTimer
from interview_core.settings import Settings


def resolve_database_url(*, stop_on_exit: bool) -> tuple[str, EmbeddedPostgres | None]:
    """DATABASE_URL if set, else the embedded server (started if needed)."""
    configured = os.environ.get("DATABASE_URL")
    if configured:
        return configured, None
    server = EmbeddedPostgres(data_dir() / "pgdata", stop_on_exit=stop_on_exit)
    return server.ensure_database(), server


def local_secret_key(folder: Path) -> str:
    """A random SECRET_KEY made once and kept, so tokens survive a restart of `interview dev`."""
    path = folder / "secret_key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


# Any constant: one process at a time prepares a database (two first starts at once).
_PREPARE_LOCK_ID = 7_351_005


def prepare_database(url: str, *, pgmq_queues: list[str] | None) -> dict[str, object]:
    """Migrate, seed the question bank on first start, and set up PGMQ when it is the queue.
    Processes that start at once take turns: the later one finds everything done."""
    with (
        psycopg.connect(url, autocommit=True) as lock,
        psycopg.connect(url, row_factory=dict_row) as conn,
    ):
        lock.execute("SELECT pg_advisory_lock(%s)", (_PREPARE_LOCK_ID,))  # until it closes
        applied = migrate(conn)
        with conn.transaction():
            seeded = seed_question_bank(conn)
        if pgmq_queues is not None:
            install_pgmq(conn)
            ensure_queues(conn, pgmq_queues)
    return {"migrations_applied": applied, "questions_seeded": seeded}


@dataclass
class Workers:
    """One thread per queue consumer Lambda, fed from PGMQ, and one timer per scheduled Lambda."""

    threads: list[QueueWorker | ScheduleTimer] = field(default_factory=list)

    @classmethod
    def start(cls, settings: Settings) -> Workers:
        workers = cls()
        for function in QUEUE_FUNCTIONS:
            queue = settings.queue_names[function.job_kind]
            connect = partial(
                PgmqReceiver,
                settings.database_url,
                queue,
                visibility_timeout=settings.queue_visibility_timeout_seconds,
                max_receive_count=settings.queue_max_receive_count,
            )
            # Reports may each wait on a language model: several at once, as Lambda runs them
            # (its event source's maximum concurrency), so one slow model call delays no other.
            copies = settings.local_report_workers if function.job_kind == "report" else 1
            for _ in range(copies):
                worker = QueueWorker(connect, load_function(function.name).handler, function.name)
                worker.start()
                workers.threads.append(worker)
        for scheduled in SCHEDULED_FUNCTIONS:
            timer = ScheduleTimer(
                load_function(scheduled.name).handler, scheduled.name, 60 * scheduled.every_minutes
            )
            timer.start()
            workers.threads.append(timer)
        return workers

    def stop(self) -> None:
        for worker in self.threads:
            worker.stop()
        for worker in self.threads:
            worker.join(timeout=5)


def http_routers() -> list:
    """Each endpoint's router, taken from its Lambda's handler module."""
    return [load_function(function.name).router for function in HTTP_FUNCTIONS]


class FunctionLogNames:
    """Each request's log lines name the function whose route it is, as in AWS, where each is its
    own Lambda; here one app serves them all. Routes are tried in the catalog's order, as the
    local app tries them."""

    def __init__(self, app: ASGIApp, functions: tuple[HttpFunction, ...] = HTTP_FUNCTIONS) -> None:
        self.app = app
        self._routes = [(f.method, compile_path(f.path)[0], f.name) for f in functions]

    def function_for(self, method: str, path: str) -> str | None:
        for route_method, pattern, name in self._routes:
            if route_method == method and pattern.match(path):
                return name
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = (
            self.function_for(scope["method"], scope["path"]) if scope["type"] == "http" else None
        )
        if name is None:
            await self.app(scope, receive, send)
            return
        with logging_as(LambdaContext(name)):
            await self.app(scope, receive, send)
