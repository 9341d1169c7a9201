"""The embedded PostgreSQL 16 with pgvector (the pgserver wheel), its data kept between runs."""

from __future__ import annotations

import logging
import os
import subprocess
import warnings
from pathlib import Path

import psycopg

DATABASE_NAME = "interview"

logging.getLogger("pgserver").setLevel(logging.WARNING)


def _import_pgserver():
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells): harmless here.
        warnings.simplefilter("ignore")
        import pgserver  # a local-only dependency
        import pgserver._commands
    return pgserver


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, *, stop_on_exit: bool) -> None:
        pgserver = _import_pgserver()
        data_dir.mkdir(parents=True, exist_ok=True)
        self._server = pgserver.get_server(data_dir, cleanup_mode="stop" if stop_on_exit else None)

    def url(self, database: str = DATABASE_NAME) -> str:
        return self._server.get_uri(database)

    def ensure_database(self, database: str = DATABASE_NAME) -> str:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (database,)
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{database}"')
        return self.url(database)

    def stop(self) -> None:
        self._server.cleanup()


def stop_embedded(pgdata: Path) -> bool:
    """Stop the server of this data folder whoever started it (a `interview dev` killed hard
    leaves it running); False if none was running."""
    if not (pgdata / "postmaster.pid").exists():
        return False
    pg_ctl = _import_pgserver()._commands.pg_ctl  # the wheel's own pg_ctl

    user = (
        "pgserver" if os.geteuid() == 0 else None
    )  # pgserver runs PostgreSQL as this user under root
    try:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError:
        return False  # a stale pid file: nothing was running
    finally:
        (pgdata / ".handle_pids.json").write_text("[]")
    return True
