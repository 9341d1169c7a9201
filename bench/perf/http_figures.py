"""The figures of the running platform, over loopback: `interview dev --no-web` (API and its
queue workers, as locally) on a fresh embedded database, driven by httpx clients in threads."""

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import psycopg
from interview_core.db.connection import one
from psycopg.types.json import Jsonb

from bench.perf.table import median, percentile

ROOT = Path(__file__).resolve().parents[2]
CONCURRENCY = 8


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _wait_healthy(base: str, process: subprocess.Popen[str], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stderr.read()[-2000:] if process.stderr is not None else ""
            raise RuntimeError(f"the server exited: {output}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not become healthy")


def _initialise(pgdata: Path) -> None:
    """An initialised (stopped) data folder before `interview dev` starts on it."""
    from interview_core.local.postgres import _import_pgserver

    server = _import_pgserver().get_server(pgdata, cleanup_mode="stop")
    server.cleanup()


class Platform:
    """`interview dev --no-web` in a temporary data folder."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="perf-platform-"))
        self.folder.chmod(0o755)  # PostgreSQL runs as its own user under root
        _initialise(self.folder / "pgdata")
        self.port = free_port()
        self.env = {
            **os.environ,
            "INTERVIEW_DATA_DIR": str(self.folder),
            "ENVIRONMENT": "local",
            "EVALUATOR": "offline",
            "SENTIMENT_PROVIDER": "offline",
            "POWERTOOLS_LOG_LEVEL": "WARNING",
            "MAX_ANSWERS_PER_QUESTION": "1000",
            "MAX_ANSWER_CHARS_PER_QUESTION": "1000000",
        }
        self.env.pop("DATABASE_URL", None)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "interview_core.cli",
                "dev",
                "--no-web",
                "--port",
                str(self.port),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        try:
            _wait_healthy(self.base, self.process, 240)
            self.database_url = subprocess.run(
                [sys.executable, "-m", "interview_core.cli", "db", "url"],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        except BaseException:
            self.close()
            raise

    def admin_url(self) -> str:
        info = psycopg.conninfo.conninfo_to_dict(self.database_url)
        info["dbname"] = "postgres"
        return psycopg.conninfo.make_conninfo("", **info)

    def close(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Candidate:
    client: httpx.Client
    auth: dict[str, str]
    username: str
    password: str
    interview_id: int = 0
    question_ids: list[int] = field(default_factory=list)


def sign_up(base: str, tag: str) -> Candidate:
    client = httpx.Client(base_url=base, timeout=60)
    name = f"{tag}-{uuid.uuid4().hex[:8]}"
    password = f"correct-horse-{uuid.uuid4().hex[:8]}"
    registered = client.post(
        "/register",
        json={
            "email": f"{name}@example.com",
            "username": name,
            "password": password,
            "role": "candidate",
        },
    )
    registered.raise_for_status()
    token = client.post("/token", json={"username": name, "password": password})
    token.raise_for_status()
    auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
    return Candidate(client, auth, name, password)


def new_interview(candidate: Candidate) -> None:
    made = candidate.client.post(
        "/interviews",
        headers={**candidate.auth, "Idempotency-Key": str(uuid.uuid4())},
        json={"position": "Backend Developer"},
    )
    made.raise_for_status()
    candidate.interview_id = made.json()["id"]
    candidate.question_ids = [q["id"] for q in made.json()["questions"]]


def post_answer(candidate: Candidate, n: int) -> httpx.Response:
    return candidate.client.post(
        "/transcripts",
        headers={**candidate.auth, "Idempotency-Key": str(uuid.uuid4())},
        json={
            "interview_id": candidate.interview_id,
            "text": f"Answer {n}: I would add an index on the filtered column and check EXPLAIN.",
            "question_id": candidate.question_ids[n % len(candidate.question_ids)],
        },
    )


def _in_threads(count: int, work: Callable[[int], None]) -> None:
    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def transcripts_per_second(candidates: list[Candidate], seconds: float) -> tuple[float, int]:
    """(answers stored per second, 5xx count) with one client per candidate posting in a loop."""
    done = [0] * len(candidates)
    errors = [0]
    stop = time.monotonic() + seconds

    def work(n: int) -> None:
        k = 0
        while time.monotonic() < stop:
            response = post_answer(candidates[n], k)
            k += 1
            if response.status_code == 201:
                done[n] += 1
            elif response.status_code >= 500:
                errors[0] += 1

    started = time.perf_counter()
    _in_threads(len(candidates), work)
    return sum(done) / (time.perf_counter() - started), errors[0]


def ceiling_per_second(database_url: str, interview_ids: list[int], seconds: float) -> float:
    """The same INSERT as an answer and a queue send (PGMQ), in one transaction, through psycopg
    from one connection per client: what the database allows."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SELECT pgmq.create('perf_ceiling')")
    done = [0] * len(interview_ids)
    stop = time.monotonic() + seconds

    def work(n: int) -> None:
        with psycopg.connect(database_url) as conn:
            while time.monotonic() < stop:
                with conn.transaction():
                    row = one(
                        conn.execute(
                            """INSERT INTO transcripts
                               (interview_id, speaker, text, question_id, "order")
                           VALUES (%(i)s, 'User', 'ceiling answer', NULL,
                                   (SELECT coalesce(max("order"), 0) + 1 FROM transcripts
                                    WHERE interview_id = %(i)s))
                           RETURNING id""",
                            {"i": interview_ids[n]},
                        )
                    )
                    conn.execute(
                        "SELECT pgmq.send('perf_ceiling', %s)", (Jsonb({"transcript_id": row[0]}),)
                    )
                done[n] += 1

    started = time.perf_counter()
    _in_threads(len(interview_ids), work)
    elapsed = time.perf_counter() - started
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SELECT pgmq.drop_queue('perf_ceiling')")
    return sum(done) / elapsed


def drain(database_url: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    with psycopg.connect(database_url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            left = one(
                conn.execute(
                    "SELECT (SELECT count(*) FROM pgmq.q_sentiment)"
                    " + (SELECT count(*) FROM pgmq.q_report)"
                )
            )[0]
            if not left:
                return True
            time.sleep(0.5)
    return False


def _wait_for(
    conn: psycopg.Connection[Any], sql: str, params: tuple[Any, ...], timeout: float
) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if conn.execute(sql, params).fetchone() is not None:
            return time.perf_counter() - started
        time.sleep(0.005)
    return None


def sentiment_latencies(
    database_url: str,
    probe: Candidate,
    samples: int,
    load: list[Candidate] | None,
    budget: float = 40.0,
) -> list[float]:
    """Seconds from sending an answer to its sentiment stored, `samples` times, with the `load`
    candidates posting answers meanwhile (or none: idle); an answer not scored within 10 s, or
    not sent within `budget` seconds, counts as never (inf)."""
    stop = threading.Event()
    loaders = load or []

    def loader(n: int) -> None:
        k = 0
        while not stop.is_set():
            post_answer(loaders[n], k)
            k += 1

    threads = [threading.Thread(target=loader, args=(n,)) for n in range(len(loaders))]
    for thread in threads:
        thread.start()
    found: list[float] = []
    deadline = time.monotonic() + budget
    try:
        with psycopg.connect(database_url, autocommit=True) as conn:
            for n in range(samples):
                if time.monotonic() > deadline:  # the rest would wait as long: counted as never
                    found += [float("inf")] * (samples - n)
                    break
                started = time.perf_counter()
                response = post_answer(probe, 10_000 + n)
                response.raise_for_status()
                waited = _wait_for(
                    conn,
                    "SELECT 1 FROM transcripts WHERE id = %s AND sentiment_score IS NOT NULL",
                    (response.json()["id"],),
                    10,
                )
                found.append(float("inf") if waited is None else time.perf_counter() - started)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return found


def report_latencies(
    database_url: str, candidates: list[Candidate], answers: int
) -> tuple[list[float], list[float]]:
    """For each candidate's interview (`answers` answers each): seconds from POST complete to the
    report stored, and to the report shown by a client that waits as the web app does (the 202's
    retry_after_ms)."""
    stored: list[float] = []
    shown: list[float] = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        for candidate in candidates:
            for n in range(answers):
                post_answer(candidate, n).raise_for_status()
            interview = candidate.interview_id
            seen: list[float] = []
            started = time.perf_counter()

            def follow(
                started: float = started,
                interview: int = interview,
                candidate: Candidate = candidate,
                seen: list[float] = seen,
            ) -> None:
                while time.perf_counter() - started < 60:
                    got = candidate.client.get(
                        f"/interviews/{interview}/report", headers=candidate.auth
                    )
                    if got.status_code == 200:
                        seen.append(time.perf_counter() - started)
                        return
                    time.sleep(got.json()["retry_after_ms"] / 1000)

            done = candidate.client.post(
                f"/interviews/{interview}/complete",
                headers={**candidate.auth, "Idempotency-Key": str(uuid.uuid4())},
            )
            done.raise_for_status()
            viewer = threading.Thread(target=follow)
            viewer.start()
            waited = _wait_for(
                conn, "SELECT 1 FROM evaluation_reports WHERE interview_id = %s", (interview,), 60
            )
            stored.append(float("inf") if waited is None else waited)
            viewer.join()
            shown.append(seen[0] if seen else float("inf"))
    return stored, shown


def token_figures(base: str, pid: int, candidate: Candidate, runs: int) -> dict[str, float]:
    """POST /token warm p50 (one client, one after another), and the server's RSS before and at
    its highest while 8 clients log in at once (3 times each)."""
    body = {"username": candidate.username, "password": candidate.password}
    timings: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as client:
        client.post("/token", json=body)
        for _ in range(runs):
            started = time.perf_counter()
            client.post("/token", json=body).raise_for_status()
            timings.append(time.perf_counter() - started)
    before = rss_mb(pid)
    peak = [before]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss_mb(pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()

    def login(_: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(3):
                client.post("/token", json=body)

    try:
        _in_threads(CONCURRENCY, login)
    finally:
        stop.set()
        sampler.join()
    return {"p50": median(timings), "rss_before": before, "rss_peak": peak[0]}


_BARE_APP = """
import sys, uvicorn

async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": b'{"status":"ok"}'})

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


RequestOptions = Callable[[], dict[str, Any]]
"""The keyword arguments of one request (headers, json), made again for each send."""


def warm_latencies(
    base: str, requests: list[tuple[str, str, RequestOptions]], runs: int
) -> dict[str, tuple[float, float]]:
    """{name: (p50, p99)} of each request sent `runs` times by one keep-alive client."""
    found: dict[str, tuple[float, float]] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, path, options in requests:
            method, _, url = path.partition(" ")
            timings: list[float] = []
            for _ in range(runs + 3):
                started = time.perf_counter()
                response = client.request(method, url, **options())
                timings.append(time.perf_counter() - started)
                if response.status_code >= 500:
                    raise RuntimeError(f"{name}: {response.status_code} {response.text[:200]}")
            timings = timings[3:]
            found[name] = (median(timings), percentile(timings, 0.99))
    return found


@contextmanager
def _bare_asgi_app() -> Iterator[str]:
    """A bare ASGI app under uvicorn, as the API runs locally; yields its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", _BARE_APP, str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(base, server, 30)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def bare_asgi_latency(runs: int) -> tuple[float, float]:
    with _bare_asgi_app() as base:
        return warm_latencies(base, [("bare", "GET /", dict)], runs)["bare"]


def bare_asgi_per_second(candidates: list[Candidate], seconds: float) -> float:
    """The answers' requests, as transcripts_per_second sends them, to the bare ASGI app: what
    these clients and one uvicorn process allow on this machine before any of the API's work."""
    with _bare_asgi_app() as base:
        bare = [replace(c, client=httpx.Client(base_url=base, timeout=60)) for c in candidates]
        try:
            done = [0] * len(bare)
            stop = time.monotonic() + seconds

            def work(n: int) -> None:
                k = 0
                while time.monotonic() < stop:
                    if post_answer(bare[n], k).status_code == 200:
                        done[n] += 1
                    k += 1

            started = time.perf_counter()
            _in_threads(len(bare), work)
            return sum(done) / (time.perf_counter() - started)
        finally:
            for candidate in bare:
                candidate.client.close()
