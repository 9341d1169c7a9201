"""The embedded PostgreSQL 16 with pgvector (the pgserver wheel), its data kept between runs.

Several processes may use one data folder at once (`interview dev`, `interview db url`, a
second `interview dev`): each registers itself in the folder's handle list, and the last one
of those that asked for it stops the server. A process killed hard (kill -9) never unregisters:
its entry, and a postmaster.pid left by a server that died, are cleared before the next start,
so they neither keep the server running forever nor block it from starting."""

from __future__ import annotations

import atexit
import json
import logging
import os
import subprocess
import time
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import psycopg
from psycopg import errors

DATABASE_NAME = "interview"
# Any constant: serialises CREATE DATABASE between processes starting at once.
_CREATE_DATABASE_LOCK_ID = 7_351_004
_HANDLES = ".handle_pids.json"  # pgserver's list of the processes using the server
_START_ATTEMPTS = 3

logging.getLogger("pgserver").setLevel(logging.WARNING)


def _import_pgserver() -> ModuleType:
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
        self.pgdata = data_dir.resolve()
        self._stop_on_exit = stop_on_exit
        self._stopped = False
        with _server_lock():
            forget_dead_handles(self.pgdata)
            remove_stale_pid_file(self.pgdata)
        # pgserver stops the server only when the handle list holds nothing but its own process,
        # which a dead entry defeats; `stop` below decides instead (cleanup_mode None).
        # One handle per EmbeddedPostgres: pgserver's cached one may describe a server that has
        # been stopped and started since (by another process).
        pgserver.postgres_server.PostgresServer._instances.pop(self.pgdata, None)
        for attempt in range(1, _START_ATTEMPTS + 1):
            try:
                self._server = pgserver.get_server(self.pgdata, cleanup_mode=None)
                break
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                # The backends of a server killed hard can hold its shared memory a moment.
                if attempt == _START_ATTEMPTS:
                    raise
                time.sleep(attempt)
                with _server_lock():
                    remove_stale_pid_file(self.pgdata)
        if stop_on_exit:
            atexit.register(self.stop)

    def url(self, database: str = DATABASE_NAME) -> str:
        return self._server.get_uri(database)

    def ensure_database(self, database: str = DATABASE_NAME) -> str:
        """Create the database unless it exists; safe when several processes do it at once."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            # Held until this connection closes.
            conn.execute("SELECT pg_advisory_lock(%s)", (_CREATE_DATABASE_LOCK_ID,))
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (database,)
            ).fetchone()
            if not exists:
                try:
                    conn.execute(f'CREATE DATABASE "{database}"')
                except (errors.DuplicateDatabase, errors.UniqueViolation):
                    pass  # made at this moment by a process that takes no lock (an older one)
        return self.url(database)

    def stop(self) -> None:
        """Let go of the server; stop it if it was to stop on exit and no live process that
        registered for it is left. Calling it again does nothing."""
        if self._stopped:
            return
        self._stopped = True
        self._server.cleanup()  # takes this process off the handle list (and stops nothing)
        if not self._stop_on_exit:
            return
        with _server_lock():
            if not forget_dead_handles(self.pgdata):
                stop_embedded(self.pgdata)


def _server_lock() -> Any:  # fasteners' InterProcessLock
    """pgserver's inter-process lock, under which it starts servers and edits the handle list."""
    return _import_pgserver().postgres_server.PostgresServer._lock


def _alive(pid: int) -> bool:
    import psutil  # pgserver's dependency

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def forget_dead_handles(pgdata: Path) -> list[int]:
    """Drop the processes that died without unregistering (kill -9) from the handle list;
    return the live ones left."""
    path = pgdata / _HANDLES
    try:
        pids = [int(pid) for pid in json.loads(path.read_text())]
    except (OSError, ValueError, TypeError):
        pids = []
    live = [pid for pid in pids if _alive(pid)]
    if live != pids:  # never made here: initdb wants a new data folder empty
        path.write_text(json.dumps(live))
    return live


def _is_postgres_of(pid: int, pgdata: Path) -> bool:
    import psutil

    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE or process.name() != "postgres":
            return False
        return str(pgdata) in process.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def remove_stale_pid_file(pgdata: Path) -> bool:
    """Delete a postmaster.pid that no running server of this folder holds (its server died, its
    process number now belongs to another program, or it was cut short); True if deleted."""
    pid_file = pgdata / "postmaster.pid"
    try:
        lines = pid_file.read_text().split("\n")
    except FileNotFoundError:
        return False
    if lines[0].strip().isdigit() and _is_postgres_of(int(lines[0]), pgdata):
        return False
    # Its socket's lock file names the same dead server, and blocks a start just the same.
    socket_dir = Path(lines[4].strip()) if len(lines) > 4 and lines[4].strip() else pgdata
    for lock in {*socket_dir.glob(".s.PGSQL.*.lock"), *pgdata.glob(".s.PGSQL.*.lock")}:
        holder = lock.read_text().split("\n", 1)[0].strip()
        if not (holder.isdigit() and _is_postgres_of(int(holder), pgdata)):
            lock.unlink(missing_ok=True)
            lock.with_suffix("").unlink(missing_ok=True)  # the socket itself
    pid_file.unlink(missing_ok=True)
    return True


def stop_embedded(pgdata: Path) -> bool:
    """Stop the server of this data folder whoever started it (a `interview dev` killed hard
    leaves it running); False if none was running."""
    if not (pgdata / "postmaster.pid").exists():
        return False
    pg_ctl = _import_pgserver()._commands.pg_ctl  # the wheel's own pg_ctl

    # pgserver runs PostgreSQL as this user under root.
    user = "pgserver" if os.geteuid() == 0 else None
    try:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError:
        remove_stale_pid_file(pgdata)
        return False  # a stale pid file: nothing was running
    finally:
        (pgdata / _HANDLES).write_text("[]")
    return True


def start_embedded(pgdata: Path) -> str:
    """Start the server of this data folder if it is not running, and leave it running, to the
    processes that use it (for one that stopped it with `stop_embedded` and wants it back);
    its URL. The caller is not registered: it keeps the server running for nobody."""
    server = EmbeddedPostgres(pgdata, stop_on_exit=False)
    url = server.url()
    server.stop()  # off the handle list; a server not to stop on exit keeps running
    return url
