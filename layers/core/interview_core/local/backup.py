"""`interview db backup` and `interview db restore`: the database in one file, with the embedded
PostgreSQL wheel's own pg_dump and pg_restore (custom format: compressed, restorable into an
empty or an existing database)."""

from __future__ import annotations

import subprocess
from pathlib import Path


class BackupError(RuntimeError):
    """pg_dump or pg_restore failed; the message says why."""


def _tool(name: str) -> str:
    from interview_core.local.postgres import _import_pgserver

    binary = Path(str(_import_pgserver().__file__)).parent / "pginstall" / "bin" / name
    if not binary.exists():
        raise BackupError(f"{name} is not in the embedded PostgreSQL wheel")
    return str(binary)


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            (result.stderr or result.stdout).strip().splitlines()[-1]
            if (result.stderr or result.stdout)
            else f"{Path(command[0]).name} exited with {result.returncode}"
        )


def backup(database_url: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    _run(
        [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--file",
            str(partial),
            "--dbname",
            database_url,
        ]
    )
    partial.replace(path)  # a failed dump never leaves a file that looks like a backup
    return path


def restore(database_url: str, path: Path) -> None:
    """Replace what the database holds with the backup's contents."""
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            database_url,
            str(path),
        ]
    )
