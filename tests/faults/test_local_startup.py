"""`interview dev` starting and stopping on one machine: a taken port is an error, not a reported
success; a stale postmaster.pid does not block the next start; two first starts at once on a
fresh data folder both come up (one database, one seeded bank) and the last to stop stops
PostgreSQL; each log line names the function that wrote it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import psycopg
import pytest
from interview_core.db.seed import bundled_question_bank
from interview_core.local.postgres import EmbeddedPostgres

from tests.faults.dev import (
    DevProcess,
    Outcomes,
    RetryingClient,
    data_folder,
    database_url,
    free_port,
    postgres_processes,
)

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("option", ["--port", "--web-port"])
def test_a_taken_port_is_an_error_with_a_message_not_a_success(option, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        other = free_port()
        api, web = (port, other) if option == "--port" else (other, port)
        env = {**os.environ, "INTERVIEW_DATA_DIR": str(tmp_path)}
        env.pop("DATABASE_URL", None)
        ran = subprocess.run(
            [sys.executable, "-m", "interview_core.cli", "dev"]
            + ["--port", str(api), "--web-port", str(web)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert ran.returncode != 0
    assert f"port {port} is in use ({option})" in ran.stderr
    assert "API on" not in ran.stderr and "web app on" not in ran.stderr
    assert "Traceback" not in ran.stderr
    assert not (tmp_path / "pgdata").exists(), "nothing was started before the port was checked"


def _postmaster_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.parametrize("stale", ["server killed hard", "number taken by another program"])
def test_a_stale_postmaster_pid_does_not_block_the_next_start(stale):
    with data_folder() as folder:
        pgdata = (folder / "pgdata").resolve()
        other = None
        if stale == "server killed hard":
            server = EmbeddedPostgres(pgdata, stop_on_exit=False)
            server.ensure_database()
            server.stop()  # lets go of it, leaves it running
            postmaster = _postmaster_pid(pgdata)
            os.kill(postmaster, signal.SIGKILL)
            deadline = time.monotonic() + 30
            while not _gone(postmaster) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert (pgdata / "postmaster.pid").exists(), "left behind by the dead server"
        else:
            server = EmbeddedPostgres(pgdata, stop_on_exit=True)
            server.ensure_database()
            left = (pgdata / "postmaster.pid").read_text()
            server.stop()
            assert not (pgdata / "postmaster.pid").exists()
            other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
            rest = left.split("\n", 1)[1]
            (pgdata / "postmaster.pid").write_text(f"{other.pid}\n{rest}")
        try:
            again = EmbeddedPostgres(pgdata, stop_on_exit=True)
            with psycopg.connect(again.ensure_database()) as conn:
                assert conn.execute("SELECT 1").fetchone() == (1,)
            again.stop()
            assert postgres_processes(pgdata) == []
        finally:
            if other is not None:
                other.kill()
                other.wait()


def test_two_first_starts_at_once_both_come_up_and_the_last_stop_stops_postgres():
    with data_folder() as folder:
        first = DevProcess(folder, free_port())
        second = DevProcess(folder, free_port())
        first.start(wait=False)
        second.start(wait=False)
        first.wait_healthy()
        second.wait_healthy()
        with psycopg.connect(database_url(first.pgdata)) as conn:
            questions = conn.execute("SELECT count(*) FROM questions").fetchone()[0]
        assert questions == len(bundled_question_bank()), "the bank is seeded once"

        assert first.stop() in (0, 130)
        assert postgres_processes(first.pgdata), "the second `interview dev` still uses it"
        assert httpx.get(f"{second.base}/health", timeout=5).json()["database"] == "ok"
        assert second.stop(signal.SIGTERM) in (0, 143)
        assert postgres_processes(first.pgdata) == []


def _log_lines(log: Path) -> list[dict]:
    lines = []
    for line in log.read_text().splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_each_log_line_names_the_function_that_wrote_it():
    with data_folder() as folder:
        dev = DevProcess(folder, free_port(), env={"POWERTOOLS_LOG_LEVEL": "INFO"}).start()
        # A report job for no interview: the report worker logs that it drops it.
        with psycopg.connect(database_url(dev.pgdata), autocommit=True) as conn:
            conn.execute("""SELECT pgmq.send('report', '{"interview_id": 999999}')""")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if any("job dropped" in line["message"] for line in _log_lines(dev.log)):
                break
            time.sleep(0.2)
        client = RetryingClient(dev.base, Outcomes())
        client.sign_up(f"logs-{os.getpid()}")
        client.create_interview()  # the API logs the questions it chose
        client.close()
        dev.stop()

        lines = _log_lines(dev.log)
        dropped = [line for line in lines if "job dropped" in line["message"]]
        chosen = [line for line in lines if line["message"] == "questions chosen"]
        assert dropped and chosen, lines
        assert {line.get("function_name") for line in dropped} == {"report_worker"}
        assert {line.get("function_name") for line in chosen} == {"create_interview"}
        assert chosen[0]["function_arn"].endswith(":function:create_interview")
        assert chosen[0]["function_request_id"] != dropped[0]["function_request_id"]
