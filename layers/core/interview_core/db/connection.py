"""One connection pool per execution environment, opened lazily and reused on warm starts."""

from __future__ import annotations

import select
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import lru_cache
from time import monotonic
from typing import Generic, TypeVar, cast

import psycopg
from psycopg import pq
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from interview_core.settings import Settings, get_settings

Connection = psycopg.Connection[dict]


Row = TypeVar("Row")
T = TypeVar("T")


def one(cursor: psycopg.Cursor[Row]) -> Row:
    """The row of a statement that always returns one (INSERT ... RETURNING, an aggregate)."""
    row = cursor.fetchone()
    if row is None:
        raise RuntimeError("the statement returned no row")
    return row


class Pending(Generic[T]):
    """A statement already sent, its row read only when asked for. In a pipelined unit of work
    the statements sent before the first read travel to the server in one round trip."""

    def __init__(self, cursor: psycopg.Cursor[dict], read: Callable[[dict | None], T]) -> None:
        self._cursor = cursor
        self._read = read

    def result(self) -> T:
        return self._read(self._cursor.fetchone())


@dataclass
class UnitOfWork:
    """One transaction, plus work to run only once it has committed (an SQS send, say)."""

    conn: Connection
    _after_commit: list[Callable[[], None]] = field(default_factory=list)

    def after_commit(self, action: Callable[[], None]) -> None:
        self._after_commit.append(action)


class DatabaseUnavailable(Exception):
    """No connection within the wait, or the server went away mid-request: answered 503 with
    Retry-After, never a hang or a 500."""

    retry_after_seconds = 5


class Database:
    def __init__(
        self, url: str, *, max_size: int = 10, prepare: bool = True, wait_seconds: float = 2.0
    ) -> None:
        # A server that is down or hung costs a request at most `wait_seconds`, not libpq's default
        # of waiting forever on connect and the pool's 30 s on checkout.
        self._wait_seconds = wait_seconds
        kwargs: dict = {
            "row_factory": dict_row,
            "autocommit": False,
            "connect_timeout": max(1, round(wait_seconds)),
        }
        if not prepare:
            kwargs["prepare_threshold"] = None
        # No `check` callback: the pool's own check costs a round trip on every checkout.
        # `_usable` tests each connection as it is taken out instead (see there).
        self._pool: ConnectionPool[psycopg.Connection[dict]] = ConnectionPool(
            url, min_size=0, max_size=max_size, kwargs=kwargs, open=False, name="interview"
        )
        self._opened = False
        self._open_lock = threading.Lock()
        self._returned_at: weakref.WeakKeyDictionary[psycopg.Connection[dict], float] = (
            weakref.WeakKeyDictionary()
        )

    @contextmanager
    def unit_of_work(
        self, *, wait_seconds: float | None = None, pipelined: bool = False
    ) -> Iterator[UnitOfWork]:
        """One transaction. `pipelined`: statements are sent without waiting for their results
        (psycopg's pipeline mode), BEGIN with the first ones: each read (`fetchone`, `Pending`)
        waits once for everything sent before it, and COMMIT once for the rest, so the round
        trips are the reads plus one, whatever the number of statements. An error of a statement
        whose result is not read is raised at the next read or at the end (and nothing is
        committed): for code that reads what its decisions need."""
        with self._connection(wait_seconds) as conn:
            uow = UnitOfWork(conn)
            with _pipelined_transaction(conn) if pipelined else conn.transaction():
                yield uow
        for action in uow._after_commit:
            action()

    @contextmanager
    def autocommit(self, *, wait_seconds: float | None = None) -> Iterator[Connection]:
        """A connection outside any transaction: each statement is its own, so a single read
        costs one round trip (no BEGIN, no COMMIT) and sees one snapshot."""
        with self._connection(wait_seconds) as conn:
            conn.autocommit = True
            try:
                yield conn
            finally:
                if conn.info.transaction_status == pq.TransactionStatus.IDLE:
                    conn.autocommit = False

    @contextmanager
    def _connection(self, wait_seconds: float | None) -> Iterator[Connection]:
        if not self._opened:
            with self._open_lock:
                if not self._opened:
                    self._pool.open(wait=False)
                    self._opened = True
        try:
            conn = self._checkout(wait_seconds or self._wait_seconds)
            try:
                yield conn
            finally:
                self._returned_at[conn] = monotonic()
                self._pool.putconn(conn)
        except PoolTimeout as error:
            raise DatabaseUnavailable("no database connection within the wait") from error
        except psycopg.OperationalError as error:
            if conn_lost(error):
                raise DatabaseUnavailable("the database connection was lost") from error
            raise

    def _checkout(self, timeout: float) -> Connection:
        deadline = monotonic() + timeout
        while True:
            conn = self._pool.getconn(timeout=max(deadline - monotonic(), 0.001))
            idle = monotonic() - self._returned_at.get(conn, monotonic())
            if _usable(conn, idle_seconds=idle):
                if conn.autocommit:  # left so by a pipelined transaction that failed to end
                    conn.autocommit = False
                # The pool's connections have dict rows (the row_factory above).
                return cast(Connection, conn)
            # Closed, the pool discards it and opens another in its place; the next one is
            # tried at once (the pool's own check loop would first sleep a second).
            conn.close()
            self._pool.putconn(conn)

    def close(self) -> None:
        if self._opened:
            self._pool.close()
            self._opened = False


# A connection idle longer than this is pinged before use (one round trip): a Lambda environment
# thawed after minutes, a proxy's idle timeout. Under load connections come back within
# milliseconds and are never pinged.
IDLE_PING_SECONDS = 30.0


def _usable(conn: psycopg.Connection[dict], *, idle_seconds: float) -> bool:
    """Whether a connection taken from the pool can be used, without a round trip unless it has
    been idle for long. An idle connection has nothing to read: if its socket is readable, the
    server has closed it (a restart, a terminated backend, a proxy's timeout) and says so, or
    hung up."""
    if conn.closed or conn.pgconn.status != pq.ConnStatus.OK:
        return False
    poller = select.poll()
    poller.register(conn.fileno(), select.POLLIN)
    if poller.poll(0):
        return False
    if idle_seconds > IDLE_PING_SECONDS:
        try:
            ConnectionPool.check_connection(conn)
        except psycopg.Error:
            return False
    return True


@contextmanager
def _pipelined_transaction(conn: Connection) -> Iterator[None]:
    """BEGIN, the block's statements and COMMIT in pipeline mode. psycopg's own transaction()
    waits for BEGIN and for COMMIT in pipeline mode too, so they are sent here as statements of
    an autocommit connection, queued with the others."""
    conn.autocommit = True
    try:
        with conn.pipeline() as pipeline:
            conn.execute("BEGIN", prepare=False)
            try:
                yield
            except BaseException:
                if conn.pgconn.status == pq.ConnStatus.OK:
                    if conn.pgconn.pipeline_status == pq.PipelineStatus.ABORTED:
                        with suppress(psycopg.Error):
                            pipeline.sync()  # out of the aborted batch, into a failed transaction
                    conn.execute("ROLLBACK", prepare=False)
                raise
            conn.execute("COMMIT", prepare=False)
    except psycopg.Error:
        # A statement whose result was never read failed at the final Sync: the COMMIT after it
        # did not run and the transaction is still open, failed.
        if conn.pgconn.status == pq.ConnStatus.OK and conn.info.transaction_status in (
            pq.TransactionStatus.INTRANS,
            pq.TransactionStatus.INERROR,
        ):
            with suppress(psycopg.Error):
                conn.execute("ROLLBACK", prepare=False)
        raise
    finally:
        if conn.info.transaction_status == pq.TransactionStatus.IDLE:
            conn.autocommit = False


def conn_lost(error: psycopg.OperationalError) -> bool:
    """A connection failure (refused, reset, closed by the server), not an error of the statement
    (a cancelled query, a serialization failure), which keeps its own meaning."""
    return error.sqlstate is None or error.sqlstate.startswith(("08", "57P"))


def database_from_settings(settings: Settings) -> Database:
    return Database(
        settings.database_url,
        max_size=settings.database_pool_size,
        prepare=settings.database_prepare_statements,
        wait_seconds=settings.database_wait_seconds,
    )


@lru_cache(maxsize=1)
def get_database() -> Database:
    return database_from_settings(get_settings())
