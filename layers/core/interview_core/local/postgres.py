"""The embedded PostgreSQL 16 with pgvector (the pgserver wheel), its data kept between runs."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import psycopg

DATABASE_NAME = "interview"

logging.getLogger("pgserver").setLevel(logging.WARNING)


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, *, stop_on_exit: bool) -> None:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells): harmless here.
            warnings.simplefilter("ignore")
            import pgserver  # a local-only dependency

        data_dir.mkdir(parents=True, exist_ok=True)
        self._server = pgserver.get_server(data_dir, cleanup_mode="stop" if stop_on_exit else None)

    def url(self, database: str = DATABASE_NAME) -> str:
        return self._server.get_uri(database)

    def ensure_database(self, database: str = DATABASE_NAME) -> str:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{database}"')
        return self.url(database)

    def stop(self) -> None:
        self._server.cleanup()
