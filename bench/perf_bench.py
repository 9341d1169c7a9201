"""Where people wait and where operators pay: one table of the figures of issue 11, each with its
baseline measured in the same run, the ratio, the goal and whether it is met.

Run from the repository root:  .venv/bin/python -m bench.perf_bench  [--quick]

Needs the built wheel layers (`python layers/build.py`) for the cold starts; the core layer is
copied from the current sources. Starts `interview dev --no-web` on a fresh embedded database in
a temporary folder (API and workers, as locally) and a throwaway database beside it for the
question bank at scale. Timings depend on the machine: they are printed, never asserted.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
import uuid
from pathlib import Path

os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")

from bench.perf import cold_start, http_figures, question_scale
from bench.perf.table import (
    Row,
    fmt_ratio,
    goal_check,
    median,
    ms,
    percentile,
    ratio,
    render,
)

ROOT = Path(__file__).resolve().parents[1]
LAMBDA_LIMIT_BYTES = 250 * 1024 * 1024


def _p(values: list[float], fraction: float) -> float:
    return percentile([v for v in values if math.isfinite(v)], fraction) if values else math.nan


def cold_rows(platform: http_figures.Platform, runs: int) -> tuple[list[Row], list[str]]:
    layout = cold_start.Layout()
    notes: list[str] = []
    try:
        if not layout.ready:
            return [Row("cold starts", "layers not built", "-", "-", "-", None)], [
                "cold starts: run `python layers/build.py` first"
            ]
        plain, floor, functions = cold_start.measure_all(layout, platform.database_url, runs)
        http = {f.name for f in _http_functions()}
        failed = [f for f in functions if f.error]
        good = [f for f in functions if not f.error]
        api = sorted((f for f in good if f.name in http), key=lambda f: f.cpu_seconds)
        workers = sorted((f for f in good if f.name not in http), key=lambda f: f.cpu_seconds)
        rows = []
        if api:
            api_ratios = [ratio(f.cpu_seconds, floor.cpu_seconds) for f in api]
            slowest = api[-1]
            rows.append(
                Row(
                    f"API cold start, import + first event, CPU ({len(api)} functions)",
                    f"{ms(api[0].cpu_seconds)}-{ms(slowest.cpu_seconds)}, median "
                    f"{fmt_ratio(median(api_ratios))}",
                    f"FastAPI + Mangum floor {ms(floor.cpu_seconds)}; plain handler "
                    f"{ms(plain.cpu_seconds)}",
                    f"{fmt_ratio(median(api_ratios))} (max {fmt_ratio(max(api_ratios))})",
                    "<= 1.3x the floor",
                    goal_check(median(api_ratios), lambda r: r <= 1.3),
                )
            )
        if workers:
            rows.append(
                Row(
                    f"worker/scheduled cold start, CPU ({len(workers)} functions)",
                    f"{ms(workers[0].cpu_seconds)}-{ms(workers[-1].cpu_seconds)}",
                    f"plain handler {ms(plain.cpu_seconds)}",
                    fmt_ratio(ratio(median([w.cpu_seconds for w in workers]), floor.cpu_seconds))
                    + " of the floor",
                    "printed",
                    None,
                )
            )
        notes.append("Cold start per function (median CPU ms, import + first event; status):")
        for f in sorted(good, key=lambda f: -f.cpu_seconds):
            notes.append(
                f"  {f.name:<28} {1000 * f.cpu_seconds:7.0f}  import {1000 * f.import_seconds:6.0f}"
                f"  {fmt_ratio(ratio(f.cpu_seconds, floor.cpu_seconds)):>6} of the floor"
                f"  status {f.status}"
            )
        for f in failed:
            notes.append(f"  {f.name:<28} FAILED: {f.error}")
        slowest_name = api[-1].name if api else (workers[-1].name if workers else None)
        if slowest_name:
            notes.append(
                f"Top imports of the slowest API function ({slowest_name}), cumulative ms:"
            )
            for micros, module in cold_start.top_imports(
                layout, slowest_name, platform.database_url
            ):
                notes.append(f"  {micros / 1000:7.1f}  {module}")
        return rows, notes
    finally:
        layout.close()


def _http_functions() -> tuple:
    from interview_core.function_catalog import HTTP_FUNCTIONS

    return HTTP_FUNCTIONS


def _short(plan_line: str) -> str:
    """A plan line without the query vector's 384 numbers."""
    return re.sub(r"'\[[^']*\]'", "'[...]'", plan_line)


def question_rows(platform: http_figures.Platform, total: int) -> tuple[list[Row], list[str]]:
    admin = platform.admin_url()
    name = f"perf_questions_{uuid.uuid4().hex[:6]}"
    url = question_scale.create_database(admin, name)
    notes: list[str] = []
    try:
        model = question_scale.prepare(url)
        small = question_scale.choice(url, 15)
        seconds = question_scale.seed_synthetic(url, model, total)
        notes.append(f"Seeded {total} questions (HNSW indexes built) in {seconds:.0f} s")
        large = question_scale.choice(url, 12)
        vectors = question_scale.vector_search(url, model, 20)
    finally:
        question_scale.drop_database(admin, name)
    notes.append(
        f"Questions chosen at {small.bank}: {small.question_ids}; at {large.bank}: "
        f"{large.question_ids}"
    )
    notes.append(f"pgvector {vectors.pgvector}; nearest_questions plan at {vectors.bank}:")
    notes.extend(f"  {_short(line)}" for line in vectors.plan.splitlines()[:8])
    rows = [
        Row(
            f"POST /interviews question choice at {large.bank} questions",
            ms(large.seconds),
            f"{ms(small.seconds)} at the {small.bank}-question bank",
            fmt_ratio(ratio(large.seconds, small.seconds)),
            "<= 20 ms, flat in bank size",
            goal_check(large.seconds, lambda s: s <= 0.020),
        ),
        Row(
            f"pgvector top-10 at {vectors.bank}, HNSW",
            f"index {'used' if vectors.index_used else 'NOT used'}: {ms(vectors.hnsw_seconds)}, "
            f"recall@10 {vectors.recall_at_10:.3f}",
            f"exact scan {ms(vectors.exact_seconds)}",
            fmt_ratio(ratio(vectors.hnsw_seconds, vectors.exact_seconds)),
            "the index used, recall >= 0.95",
            vectors.index_used and vectors.recall_at_10 >= 0.95,
        ),
    ]
    return rows, notes


def http_rows(platform: http_figures.Platform, quick: bool) -> tuple[list[Row], list[str]]:
    notes: list[str] = []
    base = platform.base
    seconds = 4.0 if quick else 8.0
    clients = [http_figures.sign_up(base, f"perf{n}") for n in range(http_figures.CONCURRENCY)]
    for client in clients:
        http_figures.new_interview(client)
    rate, errors = http_figures.transcripts_per_second(clients, seconds)
    ceiling = http_figures.ceiling_per_second(
        platform.database_url, [c.interview_id for c in clients], seconds
    )
    harness = http_figures.bare_asgi_per_second(clients, seconds)
    notes.append(f"POST /transcripts: {errors} answers with 5xx during the run")
    drained = http_figures.drain(platform.database_url, 90)
    probe = http_figures.sign_up(base, "probe")
    http_figures.new_interview(probe)
    samples = 10 if quick else 20
    idle = http_figures.sentiment_latencies(platform.database_url, probe, samples, None)
    loaded = http_figures.sentiment_latencies(platform.database_url, probe, samples, clients)
    if not drained:
        notes.append("the sentiment queue had not drained before the sentiment run")
    http_figures.drain(platform.database_url, 90)
    reporters = [http_figures.sign_up(base, f"report{n}") for n in range(3 if quick else 6)]
    for reporter in reporters:
        http_figures.new_interview(reporter)
    stored, shown = http_figures.report_latencies(platform.database_url, reporters, 20)
    token = http_figures.token_figures(base, platform.process.pid, probe, 10 if quick else 20)
    runs = 30 if quick else 60
    interview = probe.interview_id
    auth = probe.auth
    endpoints: list[tuple[str, str, http_figures.RequestOptions]] = [
        ("GET /health", "GET /health", dict),
        ("GET /me", "GET /me", lambda: {"headers": auth}),
        ("GET /interviews/{id}", f"GET /interviews/{interview}", lambda: {"headers": auth}),
        (
            "GET /interviews/{id}/questions",
            f"GET /interviews/{interview}/questions",
            lambda: {"headers": auth},
        ),
        (
            "GET /interviews/{id}/transcripts",
            f"GET /interviews/{interview}/transcripts",
            lambda: {"headers": auth},
        ),
        ("GET /questions", "GET /questions", lambda: {"headers": auth}),
        (
            "POST /transcripts",
            "POST /transcripts",
            lambda: {
                "headers": {**auth, "Idempotency-Key": str(uuid.uuid4())},
                "json": {
                    "interview_id": interview,
                    "text": "One more answer about indexes.",
                    "question_id": probe.question_ids[0],
                },
            },
        ),
    ]
    warm = http_figures.warm_latencies(base, endpoints, runs)
    bare = http_figures.bare_asgi_latency(runs)
    rows = [
        Row(
            f"POST /transcripts per second, concurrency {http_figures.CONCURRENCY}",
            f"{rate:.0f}/s",
            f"the same INSERT + queue send through psycopg: {ceiling:.0f}/s (these clients "
            f"against a bare ASGI app: {harness:.0f}/s, {100 * ratio(harness, ceiling):.0f}%)",
            f"{100 * ratio(rate, ceiling):.0f}% of the ceiling",
            ">= 40% of that ceiling",
            goal_check(ratio(rate, ceiling), lambda r: r >= 0.40),
        ),
        Row(
            f"answer -> sentiment stored, {http_figures.CONCURRENCY} clients posting",
            f"p50 {ms(_p(loaded, 0.5))}, p95 {ms(_p(loaded, 0.95))}"
            + (f" ({sum(not math.isfinite(v) for v in loaded)} never)" if loaded else ""),
            f"idle: p50 {ms(_p(idle, 0.5))}, p95 {ms(_p(idle, 0.95))}",
            fmt_ratio(ratio(_p(loaded, 0.95), _p(idle, 0.95))) + " (p95)",
            "p95 <= 500 ms under that load",
            goal_check(_p(loaded, 0.95), lambda s: s <= 0.5 and all(map(math.isfinite, loaded))),
        ),
        Row(
            "complete -> report stored, 20 answers, offline",
            f"p50 {ms(_p(stored, 0.5))}, p95 {ms(_p(stored, 0.95))}",
            "the seed's 10 s wait",
            fmt_ratio(ratio(_p(stored, 0.95), 10.0)),
            "keep (<= 10 s)",
            goal_check(_p(stored, 0.95), lambda s: s <= 10),
        ),
        Row(
            "complete -> report as the web app sees it (retry_after_ms)",
            f"p50 {ms(_p(shown, 0.5))}, p95 {ms(_p(shown, 0.95))}",
            f"report stored at p50 {ms(_p(stored, 0.5))}",
            fmt_ratio(ratio(_p(shown, 0.5), _p(stored, 0.5))),
            "<= 300 ms",
            goal_check(_p(shown, 0.5), lambda s: s <= 0.3),
        ),
        Row(
            "POST /token warm p50; RSS with 8 logins at once",
            f"{ms(token['p50'])}; {token['rss_before']:.0f} -> {token['rss_peak']:.0f} MB",
            f"bare ASGI app {ms(bare[0])}",
            fmt_ratio(ratio(token["p50"], bare[0])),
            "argon2 cost chosen and stated; memory bounded",
            None,
        ),
    ]
    for name, (p50, p99) in warm.items():
        rows.append(
            Row(
                f"warm {name} p50/p99",
                f"{ms(p50)} / {ms(p99)}",
                f"bare ASGI app {ms(bare[0])} / {ms(bare[1])}",
                fmt_ratio(ratio(p50, bare[0])),
                "printed",
                None,
            )
        )
    return rows, notes


def layer_rows() -> list[Row]:
    layout = cold_start.Layout()
    try:

        def size(folder: Path) -> int:
            return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())

        if not layout.ready:
            return [Row("layers unzipped", "not built", "-", "-", "-", None)]
        deps, core = size(layout.deps), size(layout.core)
        embeddings = size(layout.embeddings) if layout.embeddings.is_dir() else 0
        api = deps + core + size(ROOT / "functions" / "create_interview")
        migrate = deps + core + embeddings + size(ROOT / "functions" / "migrate")
        worst = max(api, migrate)
        return [
            Row(
                "layers unzipped (function + its layers)",
                f"{api / 1e6:.0f} MB (API), {migrate / 1e6:.0f} MB (migrate, embed worker)",
                f"Lambda's {LAMBDA_LIMIT_BYTES / 1e6:.0f} MB",
                f"{100 * worst / LAMBDA_LIMIT_BYTES:.0f}% of the limit",
                "keep, printed",
                worst < LAMBDA_LIMIT_BYTES,
            )
        ]
    finally:
        layout.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 20k questions")
    parser.add_argument("--questions", type=int, help="the large bank's size (default 100000)")
    parser.add_argument(
        "--only",
        choices=["cold", "questions", "http", "layers"],
        action="append",
        help="measure only these parts (repeatable)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or ["cold", "questions", "http", "layers"])
    total = args.questions or (20_000 if args.quick else 100_000)
    started = time.perf_counter()
    rows: list[Row] = []
    notes: list[str] = []
    platform = http_figures.Platform()
    try:
        if "cold" in parts:
            more, said = cold_rows(platform, 1 if args.quick else 3)
            rows += more
            notes += said
        if "questions" in parts:
            more, said = question_rows(platform, total)
            rows += more
            notes += said
        if "http" in parts:
            more, said = http_rows(platform, args.quick)
            rows += more
            notes += said
    finally:
        platform.close()
    if "layers" in parts:
        rows += layer_rows()
    print(
        render(
            rows,
            f"Performance (bench.perf_bench{' --quick' if args.quick else ''}), "
            f"{time.perf_counter() - started:.0f} s",
        )
    )
    print()
    print("\n".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
