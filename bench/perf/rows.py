"""The one row of a statement that always returns one, for the bench's plain-psycopg queries."""

from __future__ import annotations

from typing import TypeVar

import psycopg

R = TypeVar("R")


def one_row(cursor: psycopg.Cursor[R]) -> R:
    """The row of a statement that always returns one (INSERT ... RETURNING, an aggregate)."""
    row = cursor.fetchone()
    if row is None:
        raise RuntimeError("the statement returned no row")
    return row
