"""Question choice and pgvector top-10 at the seed's 64-question bank and at a large synthetic one,
in a throwaway database on the bench's embedded PostgreSQL.

The synthetic questions are general questions of the curated bank (no position, no
organization) in the interview's language, so that every one of them is a candidate of the
interview: the worst case for choosing. Their vectors are the seed questions' own e5 vectors
(same category) plus noise, normalised: clustered like real questions, not uniform noise."""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import psycopg
from interview_core.db.connection import one
from psycopg.rows import dict_row

from bench.perf.table import median

LANGUAGE = "en"
POSITION = "Backend Developer"
DIFFICULTIES = ("easy", "medium", "hard")


@dataclass
class ChoiceFigures:
    bank: int
    seconds: float  # median of select_questions
    question_ids: list[int]


@dataclass
class VectorFigures:
    bank: int
    index_used: bool
    plan: str
    hnsw_seconds: float
    exact_seconds: float
    recall_at_10: float
    pgvector: str


def create_database(admin_url: str, name: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    info = psycopg.conninfo.conninfo_to_dict(admin_url)
    info["dbname"] = name
    return psycopg.conninfo.make_conninfo("", **info)


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(url: str) -> str:
    """Migrate and seed; embed the seed bank. Returns the embedder's model name."""
    from interview_core.ai.embeddings.base import get_embedder
    from interview_core.db.connection import Database
    from interview_core.local.platform import prepare_database
    from interview_core.services.question_selection import embed_bank

    prepare_database(url, pgmq_queues=None)
    embedder = get_embedder()
    if embedder is None:
        raise RuntimeError("no embedder: set QUESTION_EMBEDDINGS=e5 or hashing")
    db = Database(url, max_size=1)
    try:
        embed_bank(db, embedder)
    finally:
        db.close()
    return embedder.name


def _select(url: str, runs: int) -> ChoiceFigures:
    from interview_core.db.connection import Database
    from interview_core.services.question_selection import select_questions

    db = Database(url, max_size=1)
    timings: list[float] = []
    chosen: list[int] = []
    try:
        for _ in range(runs):
            with db.unit_of_work() as uow:
                started = time.perf_counter()
                selection = select_questions(
                    uow.conn,
                    candidate_id=0,
                    position=POSITION,
                    language=LANGUAGE,
                    posting=None,
                    organization_id=None,
                    count=5,
                    embedder=lambda: None,
                )
                timings.append(time.perf_counter() - started)
                chosen = [q.id for q in selection.questions]
        with psycopg.connect(url) as conn:
            bank = one(conn.execute("SELECT count(*) FROM questions"))[0]
    finally:
        db.close()
    # the first runs warm the connection's caches; the median is of what follows
    return ChoiceFigures(bank, median(timings[min(2, runs - 1) :]), chosen)


def choice(url: str, runs: int) -> ChoiceFigures:
    return _select(url, runs)


def _hnsw_definitions(conn: psycopg.Connection[tuple[Any, ...]]) -> list[tuple[str, str]]:
    return conn.execute(
        """SELECT indexname, indexdef FROM pg_indexes
           WHERE tablename = 'questions' AND indexdef ILIKE '%%USING hnsw%%' ORDER BY indexname"""
    ).fetchall()


def seed_synthetic(url: str, model: str, total: int, *, seed: int = 11) -> float:
    """Fill the bank up to `total` questions; returns the seconds it took (HNSW build included).
    The HNSW indexes are dropped and built again after the load, as a bulk load would be done."""
    rng = random.Random(seed)
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        centres: dict[str, list[list[float]]] = {}
        for category, vector in conn.execute(
            "SELECT category, embedding::text FROM questions WHERE embedding IS NOT NULL"
        ):
            centres.setdefault(category, []).append([float(x) for x in vector[1:-1].split(",")])
        have = one(conn.execute("SELECT count(*) FROM questions"))[0]
        definitions = _hnsw_definitions(conn)
        for name, _ in definitions:
            conn.execute(f'DROP INDEX "{name}"')
        categories = sorted(centres)
        buffer = io.StringIO()
        for n in range(total - have):
            category = categories[n % len(categories)]
            centre = rng.choice(centres[category])
            noisy = [x + rng.gauss(0.0, 0.03) for x in centre]
            norm = sum(x * x for x in noisy) ** 0.5
            vector = "[" + ",".join(f"{x / norm:.5f}" for x in noisy) + "]"
            difficulty = DIFFICULTIES[(n // len(categories)) % 3]
            content = f"Synthetic {category} question {n}: how would you approach case {n}?"
            buffer.write(
                f"{content}\t{category}\t{difficulty}\t\\N\t{LANGUAGE}\t{vector}\t{model}\n"
            )
        buffer.seek(0)
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY questions (content, category, difficulty, position, language, embedding,"
                " vector_id) FROM STDIN"
            ) as copy,
        ):
            while chunk := buffer.read(1 << 20):
                copy.write(chunk)
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("SET max_parallel_maintenance_workers = 1")
        for _, definition in definitions:
            conn.execute(definition)
        conn.execute("VACUUM ANALYZE questions")
    return time.perf_counter() - started


def _query_vectors(
    conn: psycopg.Connection[dict[str, Any]], count: int, seed: int = 5
) -> list[str]:
    rng = random.Random(seed)
    rows = conn.execute(
        "SELECT embedding::text FROM questions WHERE embedding IS NOT NULL AND id <= 64"
    ).fetchall()
    vectors: list[str] = []
    for _ in range(count):
        base = [float(x) for x in next(iter(rng.choice(rows).values()))[1:-1].split(",")]
        noisy = [x + rng.gauss(0.0, 0.05) for x in base]
        norm = sum(x * x for x in noisy) ** 0.5
        vectors.append("[" + ",".join(f"{x / norm:.5f}" for x in noisy) + "]")
    return vectors


def vector_search(url: str, model: str, queries: int) -> VectorFigures:
    """The bank's nearest_questions (top 10, one language) against the exact answer."""
    from interview_core.ai.embeddings.base import parse_vector
    from interview_core.db import questions

    # autocommit, and each measurement in a transaction of its own: the exact scan's SET LOCAL
    # must not outlive it (in one long transaction it lasted, and every later HNSW query
    # was measured as a scan).
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        version = one(conn.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'"))[
            "extversion"
        ]
        bank = one(conn.execute("SELECT count(*) AS n FROM questions"))["n"]
        vectors = _query_vectors(conn, queries)
        hnsw: list[float] = []
        exact: list[float] = []
        recalls: list[float] = []
        for text in vectors:
            vector = parse_vector(text)
            started = time.perf_counter()
            with conn.transaction():  # as the service calls it, in a unit of work
                found = questions.nearest_questions(
                    conn,
                    model=model,
                    language=LANGUAGE,
                    vector=vector,
                    organization_id=None,
                    limit=10,
                )
            hnsw.append(time.perf_counter() - started)
            started = time.perf_counter()
            with conn.transaction():
                conn.execute("SET LOCAL enable_indexscan = off")
                truth = conn.execute(
                    """SELECT id FROM questions
                       WHERE vector_id = %(m)s AND language = %(l)s AND embedding IS NOT NULL
                       ORDER BY embedding <=> %(v)s::vector, id LIMIT 10""",
                    {"m": model, "l": LANGUAGE, "v": text},
                ).fetchall()
            exact.append(time.perf_counter() - started)
            truth_ids = {r["id"] for r in truth}
            recalls.append(len(truth_ids & {f[0] for f in found}) / max(1, len(truth_ids)))
        with conn.transaction():
            plan = _plan(conn, lambda sql, params: conn.execute(sql, params), model, vectors[0])
    return VectorFigures(
        bank=bank,
        index_used="hnsw" in plan.lower() or "embedding_idx" in plan,
        plan=plan,
        hnsw_seconds=median(hnsw[1:] or hnsw),
        exact_seconds=median(exact[1:] or exact),
        recall_at_10=sum(recalls) / len(recalls),
        pgvector=version,
    )


def _plan(
    conn: psycopg.Connection[dict[str, Any]],
    run: Callable[[str, dict[str, Any] | None], psycopg.Cursor[dict[str, Any]]],
    model: str,
    vector: str,
) -> str:
    """EXPLAIN of nearest_questions' query as it runs: the statements the function sends are
    captured, its settings made again in the same transaction, its query explained."""
    from interview_core.db import questions

    captured: list[tuple[str, dict[str, Any]]] = []

    class Spy:
        def __init__(self, inner: psycopg.Connection[dict[str, Any]]) -> None:
            self.inner = inner

        def execute(
            self, sql: str, params: dict[str, Any] | None = None
        ) -> psycopg.Cursor[dict[str, Any]]:
            captured.append((sql, params or {}))
            return self.inner.execute(sql, params)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inner, name)

    from interview_core.ai.embeddings.base import parse_vector

    # the Spy stands in for the connection: it records execute() and forwards everything else
    spy = cast(psycopg.Connection[dict[str, Any]], Spy(conn))
    questions.nearest_questions(
        spy,
        model=model,
        language=LANGUAGE,
        vector=parse_vector(vector),
        organization_id=None,
        limit=10,
    )
    # the settings the function makes before its query, then the query under EXPLAIN
    query = max(i for i, (sql, _) in enumerate(captured) if "SELECT" in sql.upper())
    for sql, params in captured[:query]:
        run(sql, params or None)
    sql, params = captured[query]
    rows = run("EXPLAIN " + sql, params).fetchall()
    return "\n".join(next(iter(r.values())) for r in rows)
