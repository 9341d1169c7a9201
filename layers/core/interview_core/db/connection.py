"""One connection pool per execution environment, opened lazily and reused on warm starts."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar, cast

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from interview_core.settings import Settings, get_settings

Connection = psycopg.Connection[dict]


Row = TypeVar("Row")


def one(cursor: psycopg.Cursor[Row]) -> Row:
    """The row of a statement that always returns one (INSERT ... RETURNING, an aggregate)."""
    row = cursor.fetchone()
    if row is None:
        raise RuntimeError("the statement returned no row")
    return row


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
        self._pool = ConnectionPool(
            url,
            min_size=0,
            max_size=max_size,
            kwargs=kwargs,
            # A Lambda environment may have been frozen for minutes: check before use.
            check=ConnectionPool.check_connection,
            open=False,
            name="interview",
        )
        self._opened = False
        self._open_lock = threading.Lock()

    @contextmanager
    def unit_of_work(self, *, wait_seconds: float | None = None) -> Iterator[UnitOfWork]:
        if not self._opened:
            with self._open_lock:
                if not self._opened:
                    self._pool.open(wait=False)
                    self._opened = True
        try:
            with self._pool.connection(timeout=wait_seconds or self._wait_seconds) as conn:
                # The pool's connections have dict rows (the row_factory above).
                uow = UnitOfWork(cast(Connection, conn))
                with conn.transaction():
                    yield uow
        except PoolTimeout as error:
            raise DatabaseUnavailable("no database connection within the wait") from error
        except psycopg.OperationalError as error:
            if conn_lost(error):
                raise DatabaseUnavailable("the database connection was lost") from error
            raise
        for action in uow._after_commit:
            action()

    def close(self) -> None:
        if self._opened:
            self._pool.close()
            self._opened = False


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
