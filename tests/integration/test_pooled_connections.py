"""The connection pool without a round trip per checkout, and the pipelined unit of work, against
the test database: a connection the server has closed is replaced before use (no 500, no 503),
and a pipelined transaction commits all or nothing, leaving its connection as it found it."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from interview_core.db.connection import Database, DatabaseUnavailable
from psycopg import pq


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url, max_size=2, wait_seconds=2)
    yield database
    database.close()


@pytest.fixture
def scratch(sql) -> str:
    sql.execute("CREATE TABLE scratch (id int PRIMARY KEY)")
    return "scratch"


def _backend(db: Database) -> int:
    with db.unit_of_work() as uow:
        return uow.conn.execute("SELECT pg_backend_pid() AS pid").fetchone()["pid"]


def _terminate(sql, pid: int) -> None:
    # With a timeout, pg_terminate_backend returns once the backend has exited: the server has
    # closed the pooled connection by then.
    assert sql.execute("SELECT pg_terminate_backend(%s, 5000) AS done", (pid,)).fetchone()["done"]


@pytest.mark.parametrize("how", ["transaction", "pipelined", "autocommit"])
def test_a_connection_the_server_closed_is_replaced_before_use(db, sql, how):
    first = _backend(db)
    _terminate(sql, first)

    if how == "autocommit":
        with db.autocommit() as conn:
            pid = conn.execute("SELECT pg_backend_pid() AS pid").fetchone()["pid"]
    else:
        with db.unit_of_work(pipelined=how == "pipelined") as uow:
            pid = uow.conn.execute("SELECT pg_backend_pid() AS pid").fetchone()["pid"]

    assert pid != first


def test_a_connection_lost_mid_transaction_is_a_503_not_a_500(db, sql):
    with pytest.raises(DatabaseUnavailable), db.unit_of_work() as uow:
        pid = uow.conn.execute("SELECT pg_backend_pid() AS pid").fetchone()["pid"]
        _terminate(sql, pid)
        uow.conn.execute("SELECT 1").fetchone()
    assert _backend(db) != pid, "the broken connection was not given out again"


def _ids(sql, table: str) -> list[int]:
    return [row["id"] for row in sql.execute(f"SELECT id FROM {table} ORDER BY id").fetchall()]


def _idle_as_pooled(db: Database) -> None:
    with db.unit_of_work() as uow:
        assert uow.conn.autocommit is False
        assert uow.conn.info.transaction_status == pq.TransactionStatus.INTRANS


def test_a_pipelined_unit_of_work_commits_what_it_sent_unread(db, sql, scratch):
    done: list[str] = []
    with db.unit_of_work(pipelined=True) as uow:
        uow.conn.execute(f"INSERT INTO {scratch} VALUES (1)")
        read = uow.conn.execute(f"INSERT INTO {scratch} VALUES (2) RETURNING id").fetchone()
        uow.conn.execute(f"INSERT INTO {scratch} VALUES (3)")
        uow.after_commit(lambda: done.append("after commit"))
        assert _ids(sql, scratch) == [], "nothing is seen before COMMIT"

    assert read == {"id": 2}
    assert _ids(sql, scratch) == [1, 2, 3]
    assert done == ["after commit"]
    _idle_as_pooled(db)


def test_a_pipelined_unit_of_work_that_raises_stores_nothing(db, sql, scratch):
    with pytest.raises(LookupError), db.unit_of_work(pipelined=True) as uow:
        uow.conn.execute(f"INSERT INTO {scratch} VALUES (1) RETURNING id").fetchone()
        uow.conn.execute(f"INSERT INTO {scratch} VALUES (2)")  # sent, never read
        raise LookupError("a 4xx decided after a read")
    assert _ids(sql, scratch) == []
    _idle_as_pooled(db)


def test_a_failed_statement_never_read_fails_the_unit_of_work_at_its_end(db, sql, scratch):
    sql.execute(f"INSERT INTO {scratch} VALUES (2)")
    with pytest.raises(psycopg.errors.UniqueViolation), db.unit_of_work(pipelined=True) as uow:
        uow.conn.execute(f"INSERT INTO {scratch} VALUES (1)")
        uow.conn.execute(f"INSERT INTO {scratch} VALUES (2)")  # a duplicate, never read
        uow.conn.execute(f"INSERT INTO {scratch} VALUES (3)")
    assert _ids(sql, scratch) == [2]
    _idle_as_pooled(db)


def test_a_failed_read_in_a_pipelined_unit_of_work_rolls_it_back(db, sql, scratch):
    sql.execute(f"INSERT INTO {scratch} VALUES (2)")
    with pytest.raises(psycopg.errors.UniqueViolation), db.unit_of_work(pipelined=True) as uow:
        uow.conn.execute(f"INSERT INTO {scratch} VALUES (1)")
        uow.conn.execute(f"INSERT INTO {scratch} VALUES (2) RETURNING id").fetchone()
    assert _ids(sql, scratch) == [2]
    _idle_as_pooled(db)
