"""A bounded load run against the whole local platform, as candidates use it: every acknowledged
answer stored exactly once, every completed interview exactly one report.

Run from the repository root:  .venv/bin/python -m bench.load_bench  [--candidates 50 --answers 20]

Starts `interview dev` (API and queue workers, no web app) on a fresh embedded database in a
temporary folder, then N candidates at once each sign up, log in, create an interview, send M
answers (each with an Idempotency-Key; one in ten is sent twice, as a client retrying after a
lost response would) and complete it. Prints requests per second, p50/p99 latency per endpoint,
and the counts of 5xx answers, answers lost (acknowledged but not stored), answers stored twice,
and completed interviews without exactly one report once the workers are done. Goal: all zero.
Timings depend on the machine: they are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path

import httpx
import psycopg
from interview_core.db.connection import one

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.server_errors = 0
        self.lock = threading.Lock()

    def call(
        self, client: httpx.Client, name: str, method: str, path: str, **kwargs
    ) -> httpx.Response:
        started = time.perf_counter()
        response = client.request(method, path, **kwargs)
        with self.lock:
            self.latencies[name].append(time.perf_counter() - started)
            self.server_errors += response.status_code >= 500
        return response


def _candidate(
    base: str,
    number: int,
    answers: int,
    recorder: Recorder,
    acknowledged: list[tuple[int, str]],
    completed: list[int],
    errors: list[str],
) -> None:
    rng = random.Random(number)
    name = f"load{number}-{uuid.uuid4().hex[:6]}"
    password = f"correct-horse-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=base, timeout=60) as client:
        try:
            registered = recorder.call(
                client,
                "POST /register",
                "POST",
                "/register",
                json={
                    "email": f"{name}@example.com",
                    "username": name,
                    "password": password,
                    "role": "candidate",
                },
            )
            assert registered.status_code == 201, registered.text
            token = recorder.call(
                client,
                "POST /token",
                "POST",
                "/token",
                json={"username": name, "password": password},
            ).json()["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            interview = recorder.call(
                client,
                "POST /interviews",
                "POST",
                "/interviews",
                headers={**auth, "Idempotency-Key": str(uuid.uuid4())},
                json={"position": "Backend Developer"},
            ).json()
            questions = [q["id"] for q in interview["questions"]]
            for n in range(answers):
                text = (
                    f"[{name} #{n}] I would add an index on the filtered column "
                    "and check the plan with EXPLAIN."
                )
                headers = {**auth, "Idempotency-Key": str(uuid.uuid4())}
                body = {
                    "interview_id": interview["id"],
                    "text": text,
                    "question_id": questions[n % len(questions)],
                }
                for _ in range(2 if rng.random() < 0.1 else 1):  # a retry after a lost response
                    sent = recorder.call(
                        client,
                        "POST /transcripts",
                        "POST",
                        "/transcripts",
                        headers=headers,
                        json=body,
                    )
                    if sent.status_code == 201:
                        acknowledged.append((interview["id"], text))
            done = recorder.call(
                client,
                "POST /complete",
                "POST",
                f"/interviews/{interview['id']}/complete",
                headers={**auth, "Idempotency-Key": str(uuid.uuid4())},
            )
            if done.status_code == 200:
                completed.append(interview["id"])
        except Exception as error:  # noqa: BLE001 - counted, and the run goes on
            errors.append(f"{type(error).__name__}: {error}")


def run(candidates: int, answers: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="interview-load-"))
    port = _free_port()
    env = {
        **os.environ,
        "INTERVIEW_DATA_DIR": str(folder),
        "ENVIRONMENT": "local",
        "EVALUATOR": "offline",
        "SENTIMENT_PROVIDER": "offline",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "interview_core.cli", "dev", "--no-web", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            raise RuntimeError("interview dev did not become healthy")
        recorder = Recorder()
        acknowledged: list[tuple[int, str]] = []
        completed: list[int] = []
        errors: list[str] = []
        started = time.perf_counter()
        threads = [
            threading.Thread(
                target=_candidate,
                args=(base, n, answers, recorder, acknowledged, completed, errors),
            )
            for n in range(candidates)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        url = subprocess.run(
            [sys.executable, "-m", "interview_core.cli", "db", "url"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        with psycopg.connect(url) as conn:
            waited = time.monotonic()
            while time.monotonic() - waited < 300:  # the workers finish the reports and sentiments
                left = one(
                    conn.execute(
                        "SELECT (SELECT count(*) FROM pgmq.q_report) + (SELECT count(*) FROM "
                        "pgmq.q_sentiment)"
                    )
                )[0]
                if not left:
                    break
                time.sleep(1)
            stored: dict[str, int] = defaultdict(int)
            for (text,) in conn.execute(
                "SELECT text FROM transcripts WHERE speaker = 'User' AND text LIKE '[load%%'"
            ):
                stored[text] += 1
            reports: dict[int, int] = dict(
                conn.execute(
                    "SELECT interview_id, count(*) FROM evaluation_reports GROUP BY interview_id"
                ).fetchall()
            )
        unique = {text for _, text in acknowledged}
        return {
            "candidates": candidates,
            "answers_each": answers,
            "seconds": round(elapsed, 1),
            "requests": sum(len(v) for v in recorder.latencies.values()),
            "requests_per_second": round(
                sum(len(v) for v in recorder.latencies.values()) / elapsed, 1
            ),
            "latency_ms": {
                name: {
                    "n": len(v),
                    "p50": round(1000 * statistics.median(v), 1),
                    "p99": round(1000 * sorted(v)[min(len(v) - 1, int(0.99 * len(v)))], 1),
                }
                for name, v in sorted(recorder.latencies.items())
            },
            "server_errors_5xx": recorder.server_errors,
            "client_errors": errors[:5],
            "client_error_count": len(errors),
            "answers_acknowledged": len(unique),
            "answers_lost": sum(1 for text in unique if stored.get(text, 0) == 0),
            "answers_stored_twice": sum(1 for text in unique if stored.get(text, 0) > 1),
            "completed": len(completed),
            "completed_without_one_report": sum(1 for i in completed if reports.get(i) != 1),
        }
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=50)
    parser.add_argument("--answers", type=int, default=20)
    args = parser.parse_args(argv)
    result = run(args.candidates, args.answers)
    print(
        f"Load run: {result['candidates']} candidates x {result['answers_each']} answers, "
        f"{result['requests']} requests in {result['seconds']} s ({result['requests_per_second']} "
        f"requests/s)"
    )
    print(f"  {'endpoint':<18} {'n':>5} {'p50 ms':>9} {'p99 ms':>9}")
    for name, figures in result["latency_ms"].items():
        print(f"  {name:<18} {figures['n']:>5} {figures['p50']:>9} {figures['p99']:>9}")
    print(
        f"  5xx answers: {result['server_errors_5xx']}; client errors: "
        f"{result['client_error_count']}"
    )
    print(
        f"  answers acknowledged {result['answers_acknowledged']}: lost {result['answers_lost']}, "
        f"stored twice {result['answers_stored_twice']}"
    )
    print(
        f"  interviews completed {result['completed']}: without exactly one report "
        f"{result['completed_without_one_report']}  (goal: 5xx, lost, twice and without-a-report "
        f"all 0)"
    )
    for error in result["client_errors"]:
        print(f"    {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
