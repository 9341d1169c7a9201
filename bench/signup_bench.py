"""50 people signing up at once, measured: POST /register then POST /token each, all started
together against the API served as `interview dev` serves it (uvicorn, one process, loopback),
for the Argon2 parameters of security.py and for argon2-cffi's defaults (used before).

Run:  .venv/bin/python -m bench.signup_bench [--people 50] [--only chosen]

It starts its own embedded PostgreSQL in a temporary folder and removes it afterwards. Prints,
per parameter set, one hash's time on one core, and p50/p99/max of each endpoint with the
whole batch's wall time. The API Lambdas of register and token have 1024 MB (about 0.58 of a
vCPU) and a 15 s timeout (infra_cdk/constants.py), and each serves one request at a time, so
there a request's hashing costs one hash's CPU time / 0.58 however many sign up at once; this
machine's figure, with every hash sharing its cores, is the harder case.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

# The API's settings, before anything reads them.
os.environ.setdefault("ENVIRONMENT", "test")
os.environ.setdefault("SECRET_KEY", "signup-bench-secret-key-long-enough")
os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
os.environ.setdefault("QUEUE_BACKEND", "pgmq")
os.environ.setdefault("EVALUATOR", "offline")

from interview_core.security import _hasher as _CHOSEN_HASHER

LAMBDA_VCPU_AT_1024_MB = 1024 / 1769  # Lambda gives a full vCPU at 1,769 MB, in proportion below
PARAMETER_SETS = {
    "chosen": None,  # security.py's
    "argon2-cffi default": {"time_cost": 3, "memory_cost": 65536, "parallelism": 4},
    # Next to nothing: what a sign-up costs here apart from the hash.
    "floor": {"time_cost": 1, "memory_cost": 64, "parallelism": 1},
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _use_parameters(parameters: dict[str, int] | None) -> str:
    """Make security.py hash with these parameters (None: its own); returns them as text."""
    from argon2 import PasswordHasher
    from interview_core import security

    if parameters is None:
        security._hasher = _CHOSEN_HASHER
    else:
        hasher = PasswordHasher(**cast(dict[str, Any], parameters))
        security._hasher = lambda: hasher  # type: ignore[assignment]
    security._DUMMY_HASH = None  # made again with the parameters in use
    used = security._hasher()
    return f"t={used.time_cost} m={used.memory_cost // 1024} MiB p={used.parallelism}"


def _one_hash_ms() -> tuple[float, float]:
    from interview_core.security import hash_password, verify_password

    hashed = hash_password("warm up the hasher")
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(10):
        verify_password(hashed, "warm up the hasher")
    return (time.perf_counter() - started) * 100, (time.process_time() - cpu) * 100


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _sign_ups(base: str, people: int, run: str) -> tuple[dict[str, list[float]], list[str], float]:
    import httpx

    timings: dict[str, list[float]] = {"register": [], "token": []}
    problems: list[str] = []
    start = threading.Barrier(people)

    def one(number: int) -> None:
        name = f"{run}{number}"
        with httpx.Client(base_url=base, timeout=120) as client:
            start.wait()
            began = time.perf_counter()
            registered = client.post(
                "/register",
                json={
                    "email": f"{name}@example.com",
                    "username": name,
                    "password": f"bench-pass-{number:04d}-x",
                },
            )
            timings["register"].append(time.perf_counter() - began)
            began = time.perf_counter()
            token = client.post(
                "/token", json={"username": name, "password": f"bench-pass-{number:04d}-x"}
            )
            timings["token"].append(time.perf_counter() - began)
            for response in (registered, token):
                if response.status_code >= 300:
                    problems.append(f"{response.request.url.path} {response.status_code}")

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=people) as pool:
        list(pool.map(one, range(people)))
    return timings, problems, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--only", choices=sorted(PARAMETER_SETS))
    args = parser.parse_args()

    import uvicorn
    from interview_core.local.platform import prepare_database
    from interview_core.local.postgres import EmbeddedPostgres

    folder = Path(tempfile.mkdtemp(prefix="signup-bench-"))
    database = EmbeddedPostgres(folder / "pgdata", stop_on_exit=True)
    try:
        url = database.ensure_database("signup_bench")
        prepare_database(url, pgmq_queues=["sentiment", "report", "embed", "mail"])
        os.environ["DATABASE_URL"] = url
        from interview_core.api.app import create_app
        from interview_core.local.platform import http_routers
        from interview_core.settings import get_settings

        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(
                create_app(get_settings(), http_routers()),
                host="127.0.0.1",
                port=port,
                log_level="warning",
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        cores = os.cpu_count()
        print(f"{args.people} sign-ups at once (register, then token), {cores} cores, loopback")
        print(
            f"{'parameters':<34} {'hash':>8} {'hash cpu':>9} {'Lambda':>7}  "
            f"{'register p50/p99/max s':>24}  {'token p50/p99/max s':>21}  {'batch s':>7}  errors"
        )
        for run, parameters in PARAMETER_SETS.items():
            if args.only and run != args.only:
                continue
            label = f"{run} ({_use_parameters(parameters)})"
            wall_ms, cpu_ms = _one_hash_ms()
            timings, problems, batch = _sign_ups(
                f"http://127.0.0.1:{port}", args.people, run.split()[0]
            )
            cells = {
                kind: "/".join(
                    f"{figure:.2f}"
                    for figure in (
                        statistics.median(values),
                        _percentile(values, 0.99),
                        max(values),
                    )
                )
                for kind, values in timings.items()
            }
            lambda_ms = cpu_ms / LAMBDA_VCPU_AT_1024_MB
            print(
                f"{label:<34} {wall_ms:>6.0f}ms {cpu_ms:>7.0f}ms {lambda_ms:>5.0f}ms  "
                f"{cells['register']:>24}  {cells['token']:>21}  {batch:>7.1f}  {len(problems)}"
            )
        server.should_exit = True
        thread.join(timeout=10)
    finally:
        database.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
