"""Versioned SQL migrations: each file in migrations/ applied once, in name order, in its own
transaction. The same code runs from `interview db migrate`, the local runner and, in AWS, the
migration Lambda. Re-running is harmless; an applied file that was edited afterwards is refused."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import psycopg
from psycopg.rows import tuple_row

# Any constant: serialises concurrent migrators (two Lambdas, a deploy and a developer).
_MIGRATION_LOCK_ID = 7_351_001


@dataclass(frozen=True)
class Migration:
    version: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


class MigrationError(RuntimeError):
    pass


def bundled_migrations() -> list[Migration]:
    folder = files("interview_core.db.migrations")
    sql_files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".sql")), key=lambda e: e.name
    )
    return [
        Migration(entry.name.removesuffix(".sql"), entry.read_text("utf-8")) for entry in sql_files
    ]


def migrate(conn: psycopg.Connection[Any], migrations: list[Migration] | None = None) -> list[str]:
    """Apply the pending migrations; return the versions applied now."""
    migrations = bundled_migrations() if migrations is None else migrations
    applied_now: list[str] = []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK_ID,))
        conn.execute(
            """CREATE TABLE IF NOT EXISTS schema_migrations (
                   version    text PRIMARY KEY,
                   checksum   text NOT NULL,
                   applied_at timestamptz NOT NULL DEFAULT now())"""
        )
        with conn.cursor(row_factory=tuple_row) as cur:
            applied: dict[str, str] = dict(
                cur.execute("SELECT version, checksum FROM schema_migrations").fetchall()
            )
        for migration in migrations:
            if migration.version in applied:
                if applied[migration.version] != migration.checksum:
                    raise MigrationError(
                        f"migration {migration.version} was changed after it was applied; "
                        "add a new migration instead of editing an applied one"
                    )
                continue
            conn.execute(migration.sql)
            conn.execute(
                "INSERT INTO schema_migrations (version, checksum) VALUES (%s, %s)",
                (migration.version, migration.checksum),
            )
            applied_now.append(migration.version)
    return applied_now
