"""Real processes for the fault tests: `interview dev` in a subprocess on a free port with its own
data folder (its embedded PostgreSQL), and clients that send each POST with an Idempotency-Key and
retry it with the same key on a connection error or a 5xx, as the web app does."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

PASSWORD = "pass-phrase-42"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(pgdata: Path, database: str = "interview") -> str:
    """The embedded server's URL from its postmaster.pid, registering nothing with pgserver (a
    registered process would keep the server running past `interview dev`)."""
    lines = (pgdata / "postmaster.pid").read_text().splitlines()
    return f"postgresql://postgres:@/{database}?host={lines[4].strip()}"


def postgres_processes(pgdata: Path) -> list[psutil.Process]:
    """The PostgreSQL server processes of this data folder still running."""
    found = []
    for process in psutil.process_iter(["name", "cmdline", "status"]):
        running = process.info["status"] != psutil.STATUS_ZOMBIE
        of_folder = str(pgdata) in (process.info["cmdline"] or [])
        if process.info["name"] == "postgres" and running and of_folder:
            found.append(process)
    return found


class DevProcess:
    """`interview dev --no-web` on `port`, its data in `folder`, its output in folder/dev-N.log."""

    def __init__(self, folder: Path, port: int, env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.env = {
            **os.environ,
            "INTERVIEW_DATA_DIR": str(folder),
            "QUESTION_EMBEDDINGS": "off",  # no model loading in the background: faster starts
            "SENTIMENT_PROVIDER": "offline",
            "LOCAL_REPORT_WORKERS": "2",
            **(env or {}),
        }
        self.env.pop("DATABASE_URL", None)  # the embedded server of this folder
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def pgdata(self) -> Path:
        return (self.folder / "pgdata").resolve()

    @property
    def log(self) -> Path:
        return self.folder / f"dev-{self.starts}.log"

    def start(self, *, wait: bool = True, extra_args: tuple[str, ...] = ()) -> DevProcess:
        self.starts += 1
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "interview_core.cli", "dev", "--no-web"]
                + ["--port", str(self.port), *extra_args],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        if wait:
            self.wait_healthy()
        return self

    def wait_healthy(self, seconds: float = 90) -> None:
        assert self.process is not None
        deadline = time.monotonic() + seconds
        while True:
            try:
                if httpx.get(f"{self.base}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"interview dev did not start:\n{self.log.read_text()}")
            time.sleep(0.2)

    def kill_hard(self) -> None:
        """kill -9: nothing of the process runs any more, its clean-up neither."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self, sig: int = signal.SIGINT) -> int:
        """A graceful stop (Ctrl-C by default); its exit code."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


@contextmanager
def data_folder() -> Iterator[Path]:
    """A data folder of its own (not under pytest's basetemp, which a concurrent run prunes),
    whose embedded server is stopped and removed at the end whatever happened."""
    from interview_core.local.postgres import stop_embedded

    folder = Path(tempfile.mkdtemp(prefix="interview-fault-"))
    try:
        yield folder
    finally:
        if (folder / "pgdata").exists():
            stop_embedded(folder / "pgdata")
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Outcomes:
    """Every answer each request got, counted across the clients of one test."""

    statuses: Counter[int] = field(default_factory=Counter)
    connection_errors: int = 0
    retries: int = 0
    unavailable_without_retry_after: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def saw(self, response: httpx.Response | None) -> None:
        with self.lock:
            if response is None:
                self.connection_errors += 1
                return
            self.statuses[response.status_code] += 1
            if response.status_code == 503 and "Retry-After" not in response.headers:
                self.unavailable_without_retry_after += 1

    @property
    def server_errors_other_than_503(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500 and status != 503)


class RetryingClient:
    """One user's client: each POST carries an Idempotency-Key and is sent again with the same key
    after a connection error or a 5xx, until it is answered (bounded by `patience` seconds)."""

    def __init__(self, base: str, outcomes: Outcomes, *, patience: float = 120) -> None:
        self.http = httpx.Client(base_url=base, timeout=15)
        self.outcomes = outcomes
        self.patience = patience
        self.token: str | None = None

    def close(self) -> None:
        self.http.close()

    def send(
        self, method: str, path: str, *, json: Any = None, key: str | None = None
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        if method == "POST" and key is None:
            key = str(uuid.uuid4())
        if key:
            headers["Idempotency-Key"] = key
        deadline = time.monotonic() + self.patience
        while True:
            try:
                response: httpx.Response | None = self.http.request(
                    method, path, json=json, headers=headers
                )
            except httpx.TransportError:
                response = None
            self.outcomes.saw(response)
            if response is not None and response.status_code < 500:
                return response
            if time.monotonic() > deadline:
                raise AssertionError(f"{method} {path}: no answer within {self.patience} s")
            with self.outcomes.lock:
                self.outcomes.retries += 1
            wait = 0.3
            if response is not None and response.headers.get("Retry-After", "").isdigit():
                wait = min(float(response.headers["Retry-After"]), 1.0)  # bounded here
            time.sleep(wait)

    def sign_up(self, username: str) -> None:
        """Register (not idempotent: done before any fault) and log in."""
        registered = self.send(
            "POST",
            "/register",
            json={
                "email": f"{username}@example.com",
                "username": username,
                "password": PASSWORD,
                "role": "candidate",
            },
        )
        assert registered.status_code == 201, registered.text
        token = self.send("POST", "/token", json={"username": username, "password": PASSWORD})
        assert token.status_code == 200, token.text
        self.token = token.json()["access_token"]

    def create_interview(self) -> dict[str, Any]:
        created = self.send("POST", "/interviews", json={"position": "Backend Developer"})
        assert created.status_code == 201, created.text
        return created.json()

    def answer(self, interview: dict[str, Any], text: str, n: int) -> bool:
        """One answer; True when it was acknowledged (2xx)."""
        questions = [q["id"] for q in interview["questions"]]
        sent = self.send(
            "POST",
            "/transcripts",
            json={
                "interview_id": interview["id"],
                "text": text,
                "question_id": questions[n % len(questions)],
            },
        )
        return sent.is_success

    def complete(self, interview_id: int) -> None:
        done = self.send("POST", f"/interviews/{interview_id}/complete")
        assert done.status_code == 200, done.text


@dataclass
class Candidate:
    client: RetryingClient
    interview: dict[str, Any]


def candidates(base: str, outcomes: Outcomes, count: int, tag: str) -> list[Candidate]:
    """`count` signed-up candidates, each with an interview."""
    made = []
    for n in range(count):
        client = RetryingClient(base, outcomes)
        client.sign_up(f"{tag}{n}-{uuid.uuid4().hex[:6]}")
        made.append(Candidate(client, client.create_interview()))
    return made


def answer_text(tag: str, candidate: int, n: int) -> str:
    return (
        f"[{tag} {candidate}.{n} {uuid.uuid4().hex[:8]}] I would add an index on the filtered"
        " column, check the plan with EXPLAIN ANALYZE and measure before and after."
    )


class AnsweringClients:
    """Each candidate sends `answers` answers on its own thread; `acknowledged` maps each
    acknowledged answer's text to its interview."""

    def __init__(self, group: list[Candidate], answers: int, tag: str) -> None:
        self.group = group
        self.answers = answers
        self.tag = tag
        self.acknowledged: dict[str, int] = {}
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._run, args=(i, c), daemon=True)
            for i, c in enumerate(group)
        ]

    def _run(self, number: int, candidate: Candidate) -> None:
        try:
            for n in range(self.answers):
                text = answer_text(self.tag, number, n)
                if candidate.client.answer(candidate.interview, text, n):
                    with self._lock:
                        self.acknowledged[text] = candidate.interview["id"]
        except Exception as error:  # noqa: BLE001 - reported by the test
            self.errors.append(f"{type(error).__name__}: {error}")

    def start(self) -> AnsweringClients:
        for thread in self._threads:
            thread.start()
        return self

    def wait_until_acknowledged(self, count: int, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while len(self.acknowledged) < count and time.monotonic() < deadline:
            time.sleep(0.05)

    def join(self, seconds: float = 180) -> None:
        for thread in self._threads:
            thread.join(timeout=seconds)
        assert not any(t.is_alive() for t in self._threads), "a client never finished"
        assert not self.errors, self.errors
