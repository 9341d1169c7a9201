"""The `local` stage deployed on LocalStack (no Docker: Lambdas run as host processes through
localstack/executor), on an embedded PostgreSQL this session starts. Once per session.

As in AWS, the functions log in as the application's role (`interview_app`, made here with
`interview_core.db.app_role.ensure_app_role`, as the migrate function does there), not as the
schema's owner. The mail worker sends by SMTP to a real SMTP server started here (LocalStack
community has no SES v2; infra_cdk/mail.py), whose messages the tests read.

Set INTERVIEW_SKIP_LOCALSTACK=1 to skip; otherwise a LocalStack that cannot be installed,
started or deployed is a test error, not a skip.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import create_database, drop_database

ROOT = Path(__file__).resolve().parents[2]
SKIP_VARIABLE = "INTERVIEW_SKIP_LOCALSTACK"


def load_stack_module() -> ModuleType:
    """localstack/stack.py by path (a `localstack` package would shadow LocalStack's own)."""
    if "interview_localstack_stack" in sys.modules:
        return sys.modules["interview_localstack_stack"]
    spec = importlib.util.spec_from_file_location(
        "interview_localstack_stack", ROOT / "localstack" / "stack.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class LocalStage:
    api_url: str
    database_url: str  # the schema owner's login (the test's view of the data)
    localstack: Any  # stack.LocalStack
    deployment: Any  # stack.Deployment
    app_role: str = ""  # what the functions log in as
    mail_folder: Path | None = None  # the mail the stage sent, one .eml a message
    timings: dict[str, float] = field(default_factory=dict)

    def say(self, message: str) -> None: ...  # replaced by the fixture

    def diagnostics(self) -> str:
        return (
            f"--- LocalStack log ({self.localstack.log_file}):\n{self.localstack.log_tail()}\n"
            f"--- Lambda logs ({self.localstack.lambda_logs}):\n{self.localstack.lambda_log_tail()}"
        )


@pytest.fixture(scope="session")
def local_stage(
    request: pytest.FixtureRequest, pg_server, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalStage]:
    if os.environ.get(SKIP_VARIABLE) == "1":
        pytest.skip(f"{SKIP_VARIABLE}=1: the LocalStack end-to-end run is switched off")
    from interview_core.local.mailbox import LocalMailServer
    from interview_core.local.platform import prepare_database

    plugins = request.config.pluginmanager
    terminal = plugins.get_plugin("terminalreporter")
    capture = plugins.get_plugin("capturemanager")

    def say(message: str) -> None:
        # Past pytest's capture, so `make test-localstack` shows the URL and the timings.
        line = f"[localstack] {message}"
        if terminal is None or capture is None:
            print(line, file=sys.stderr, flush=True)
            return
        with capture.global_and_fixture_disabled():
            terminal.write_line(line)

    stack = load_stack_module()
    timings: dict[str, float] = {}
    started = time.monotonic()
    say("the local stage on LocalStack (logs: .localstack/runs/<port>/)")
    stack.ensure_installed(say, timings)
    with stack.timed("embedded PostgreSQL + migrations + application role", say, timings):
        database_url = create_database(pg_server, template=None)
        prepare_database(database_url, pgmq_queues=None)
        app_database_url = stack.app_role_url(database_url, log=say)
    mail = LocalMailServer(tmp_path_factory.mktemp("localstack-mail")).start()
    try:
        localstack = stack.LocalStack(port=stack.free_port(), log=say)
        with stack.timed("LocalStack start", say, timings):
            localstack.start()
        try:
            deployment = stack.deploy_local_stage(
                localstack,
                database_url,
                app_database_url=app_database_url,
                smtp=(mail.host, mail.port),
                log=say,
                timings=timings,
            )
            timings["setup total"] = time.monotonic() - started
            say(f"setup total: {timings['setup total']:.1f} s")
            say(f"API URL: {deployment.api_url}")
            stage = LocalStage(
                api_url=deployment.api_url,
                database_url=database_url,
                localstack=localstack,
                deployment=deployment,
                app_role=stack.APP_ROLE,
                mail_folder=mail.folder,
                timings=timings,
            )
            stage.say = say  # type: ignore[method-assign]
            yield stage
        finally:
            with stack.timed("stop LocalStack and its Lambda runners", say):
                localstack.stop()
    finally:
        mail.stop()
        drop_database(pg_server, database_url)
        _drop_role(pg_server, stack.APP_ROLE)


def _drop_role(pg_server, role: str) -> None:
    """Roles are cluster-wide: the dropped database took its grants, the role is left."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
