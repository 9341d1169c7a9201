"""How many times one POST /transcripts waits on the database. Counted in libpq's own trace of
the API's connections (nothing in the code under test is replaced): each run of messages the
client sends followed by the server's answers is one round trip, whether it carries one statement
or a pipelined batch. The bound is pinned so that a change which adds a round trip to the answer
path fails here, not only in `make bench`."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tests.api.helpers import create_interview, sign_up

# The token's user (one statement outside a transaction), then the transaction: BEGIN, the
# interview locked and read, the key locked and looked up; then the answer's row, its job, the
# kept response and COMMIT. It was 16 before issue 11 (17 with a statement's first PREPARE).
ANSWER_ROUND_TRIPS = 3
# Statements executed the same number of times before the count, so that each is prepared
# (psycopg prepares a statement at its sixth execution on a connection): the count is steady.
WARM_UP_ANSWERS = 8


class LibpqTrace:
    """Every psycopg connection opened while installed, traced by libpq into a file of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.traced: list[tuple[psycopg.Connection, Path]] = []

    def attach(self, conn: psycopg.Connection) -> None:
        path = self.folder / f"connection-{len(self.traced)}.trace"
        path.touch()
        self.traced.append((conn, path))
        self._start(conn, path)

    @staticmethod
    def _start(conn: psycopg.Connection, path: Path) -> None:
        # libpq writes through a FILE* of its own on this descriptor, closed by untrace.
        conn.pgconn.trace(os.open(path, os.O_WRONLY | os.O_APPEND))
        conn.pgconn.set_trace_flags(psycopg.pq.Trace.SUPPRESS_TIMESTAMPS)

    def round_trips(self, during: Callable[[], object]) -> tuple[int, list[str]]:
        """(round trips, the statements sent) on all traced connections while `during` runs."""
        for conn, path in self.traced:
            if not conn.closed:
                conn.pgconn.untrace()  # flushes what libpq buffered
            path.write_text("")
            if not conn.closed:
                self._start(conn, path)
        during()
        trips, statements = 0, []
        for conn, path in self.traced:
            if not conn.closed:
                conn.pgconn.untrace()
            previous = ""
            for line in path.read_text(errors="replace").splitlines():
                direction, _, rest = line.partition("\t")
                if direction == "B" and previous == "F":
                    trips += 1
                if direction in ("F", "B"):
                    previous = direction
                if direction == "F":
                    statements += _statement(rest.split("\t"))
        return trips, statements


def _statement(message: list[str]) -> list[str]:
    """What a traced message sent: a statement's text (Parse, Query), or the name of a prepared
    one (Bind). Messages are `length, type, fields`."""
    if len(message) < 3:
        return []
    kind, fields = message[1], message[2].strip()
    if kind == "Query":
        return [fields[:60]]
    if kind == "Parse":  # a statement on several lines is traced on several lines
        return [fields.split('" "', 1)[-1].strip('"')[:60] or "(a statement on several lines)"]
    if kind == "Bind" and (name := fields.split(" ")[1].strip('"')):
        return [f"prepared {name}"]
    return []


@pytest.fixture
def libpq_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LibpqTrace]:
    """Installed before the platform fixture opens its pool."""
    trace = LibpqTrace(tmp_path)
    connect = psycopg.Connection.connect

    def traced_connect(*args, **kwargs):
        conn = connect(*args, **kwargs)
        trace.attach(conn)
        return conn

    monkeypatch.setattr(psycopg.Connection, "connect", traced_connect)
    yield trace


def _answering(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    questions = [q["id"] for q in interview["questions"]]
    texts = iter(
        f"Answer {n}: an index on the filtered column, checked with EXPLAIN." for n in range(1000)
    )

    def post(key: bool = True, question: int | None = questions[0]) -> dict:
        response = platform.client.post(
            "/transcripts",
            json={"interview_id": interview["id"], "text": next(texts), "question_id": question},
            headers={**candidate.auth, **({"Idempotency-Key": str(uuid.uuid4())} if key else {})},
        )
        assert response.status_code == 201, response.text
        return response.json()

    return post


@pytest.fixture(params=[True, False], ids=["prepared", "unprepared"])
def prepared(request, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Server-side prepared statements on (locally) or off (AWS, behind RDS Proxy); set before
    the platform fixture reads the settings."""
    monkeypatch.setenv("DATABASE_PREPARE_STATEMENTS", "true" if request.param else "false")
    return request.param


@pytest.mark.parametrize("with_key", [True, False], ids=["with-idempotency-key", "without-key"])
def test_an_answer_costs_three_round_trips(libpq_trace, prepared, platform, with_key):
    post = _answering(platform)
    for _ in range(WARM_UP_ANSWERS):
        post(key=with_key)

    trips, statements = libpq_trace.round_trips(lambda: post(key=with_key))

    assert trips <= ANSWER_ROUND_TRIPS, f"{trips} round trips: {statements}"


def test_counted_round_trips_are_the_real_ones(libpq_trace, platform):
    """The counter itself: a statement per round trip outside a pipeline."""
    from interview_core.db.connection import get_database

    def three_statements() -> None:
        with get_database().autocommit() as conn:
            for n in range(3):
                conn.execute("SELECT %s::int", (n,)).fetchone()

    platform.client.get("/health")
    trips, _ = libpq_trace.round_trips(three_statements)
    assert trips == 3
