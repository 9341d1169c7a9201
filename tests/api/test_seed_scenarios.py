"""The seed's two test scenarios, exactly as written: the curl flow over real HTTP against the
platform started as `interview dev` would start it, then the five SQL queries."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import psycopg
import pytest
from psycopg.rows import dict_row

from tests.conftest import create_database, drop_database

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def running_platform(pg_server, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """`interview dev` in a subprocess, on a brand-new database it migrates and seeds itself."""
    database_url = create_database(pg_server, template=None)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "INTERVIEW_DATA_DIR": str(tmp_path_factory.mktemp("data")),
    }
    log = open(tmp_path_factory.mktemp("log") / "dev.log", "w+")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "interview_core.cli", "dev", "--port", str(port), "--no-web"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"interview dev did not start:\n{log.read()}")
            time.sleep(0.2)
        yield base, database_url
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()
        drop_database(pg_server, database_url)


def curl(*args: str) -> tuple[int, dict]:
    out = subprocess.run(
        ["curl", "-s", "-w", "\n%{http_code}", *args], capture_output=True, text=True, check=True
    ).stdout
    body, status = out.rsplit("\n", 1)
    return int(status), json.loads(body)


def test_scenario_1_the_whole_flow_then_scenario_2_the_data(running_platform):
    base, database_url = running_platform

    # 1. sign up
    status, user = curl(
        "-X",
        "POST",
        f"{base}/register",
        "-H",
        "Content-Type: application/json",
        "-d",
        '{"email": "test@example.com", "username": "testuser", "password": "test1234",\n'
        '       "full_name": "테스트 유저", "role": "candidate"}',
    )
    assert status == 201, user
    assert user["full_name"] == "테스트 유저" and user["role"] == "candidate"
    # 2. log in (get a token) -- JSON body
    status, token = curl(
        "-X",
        "POST",
        f"{base}/token",
        "-H",
        "Content-Type: application/json",
        "-d",
        '{"username": "testuser", "password": "test1234"}',
    )
    assert status == 200 and token["token_type"] == "bearer"
    access_token = token["access_token"]
    auth = f"Authorization: Bearer {access_token}"
    # 3. create an interview (token required)
    status, interview = curl(
        "-X",
        "POST",
        f"{base}/interviews",
        "-H",
        auth,
        "-H",
        "Content-Type: application/json",
        "-d",
        '{"position": "Backend Developer"}',
    )
    assert status == 201, interview
    assert interview["id"] == 1 and interview["status"] == "scheduled"
    # 4. get the questions
    status, questions = curl("-X", "GET", f"{base}/interviews/1/questions", "-H", auth)
    assert status == 200 and len(questions) == 5
    assert questions[0]["id"] == 1, "the seed answers question 1: the first question asked"
    # 5. save an answer (transcript)
    status, transcript = curl(
        "-X",
        "POST",
        f"{base}/transcripts",
        "-H",
        auth,
        "-H",
        "Content-Type: application/json",
        "-d",
        '{"interview_id": 1, "speaker": "User",\n'
        '       "text": "저는 FastAPI와 PostgreSQL 경험이 3년 있습니다.", "question_id": 1}',
    )
    assert status == 201, transcript
    assert transcript["speaker"] == "User" and transcript["order"] == 6
    # 6. complete the interview
    status, completed = curl("-X", "POST", f"{base}/interviews/1/complete", "-H", auth)
    assert status == 200 and completed["status"] == "completed"
    # 7. get the evaluation report (the guide waits 10 seconds; we ask until it is there, at most
    # 10)
    deadline = time.monotonic() + 10
    while (status := curl("-X", "GET", f"{base}/interviews/1/report", "-H", auth)[0]) == 202:
        assert time.monotonic() < deadline, "no report after 10 seconds"
        time.sleep(0.5)
    status, report = curl("-X", "GET", f"{base}/interviews/1/report", "-H", auth)
    assert status == 200, report
    assert report["interview_id"] == 1 and report["evaluator_model"] == "offline-rubric-v10"
    assert report["technical_score"] > 0 and report["summary_text"]
    # The candidate reads their own view: practice shows the scores; evidence and rubrics stay with
    # staff.
    assert (
        report["view"] == "candidate" and report["scores_visible"] and "details_json" not in report
    )
    first = next(q for q in report["questions"] if q["question_id"] == 1)
    assert first["answered"] and first["score"] is not None

    # A second interview left live, so scenario 2's "live" query has a row to show.
    status, second = curl(
        "-X",
        "POST",
        f"{base}/interviews",
        "-H",
        auth,
        "-H",
        "Content-Type: application/json",
        "-d",
        '{"position": "Backend Developer"}',
    )
    curl("-X", "POST", f"{base}/interviews/{second['id']}/start", "-H", auth)

    with psycopg.connect(database_url, row_factory=dict_row) as conn:
        users = conn.execute("SELECT id, username, email, role FROM users;").fetchall()
        assert users == [
            {"id": 1, "username": "testuser", "email": "test@example.com", "role": "candidate"}
        ]

        live = conn.execute(
            "SELECT id, candidate_id, position, status, start_time FROM interviews WHERE status = "
            "'live';"
        ).fetchall()
        assert [(r["id"], r["candidate_id"], r["position"], r["status"]) for r in live] == [
            (2, 1, "Backend Developer", "live")
        ]
        assert live[0]["start_time"] is not None

        bank = conn.execute(
            "SELECT category, difficulty, COUNT(*) as count, AVG(usage_count) as avg_usage "
            "FROM questions GROUP BY category, difficulty;"
        ).fetchall()
        assert len(bank) == 12, "every category x difficulty"
        assert sum(r["count"] for r in bank) >= 60
        assert any(r["avg_usage"] > 0 for r in bank), "the report counted the questions it used"

        lines = conn.execute(
            "SELECT speaker, text, sentiment_score, emotion, timestamp "
            "FROM transcripts WHERE interview_id = 1 ORDER BY timestamp;"
        ).fetchall()
        assert [r["speaker"] for r in lines] == ["AI"] * 5 + ["User"]
        assert lines[-1]["text"] == "저는 FastAPI와 PostgreSQL 경험이 3년 있습니다."
        assert lines[-1]["sentiment_score"] is not None and lines[-1]["emotion"] == "neutral"

        reports = conn.execute(
            "SELECT i.position, e.technical_score, e.communication_score, e.cultural_fit_score, "
            "e.summary_text "
            "FROM evaluation_reports e JOIN interviews i ON e.interview_id = i.id;"
        ).fetchall()
        assert len(reports) == 1 and reports[0]["position"] == "Backend Developer"
        assert reports[0]["technical_score"] == report["technical_score"]
        [details] = conn.execute(
            "SELECT details_json FROM evaluation_reports WHERE interview_id = 1;"
        ).fetchall()
        first = next(q for q in details["details_json"]["questions"] if q["question_id"] == 1)
        assert (
            first["answered"]
            and first["evidence"][0]["quote"] == "저는 FastAPI와 PostgreSQL 경험이 3년 있습니다."
        )
