"""PGMQ on the local PostgreSQL: its SQL-only install, the queues, and the receive side with
SQS's semantics (visibility timeout, receive count, dead-letter queue after N receives)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from interview_core.db.connection import one
from interview_core.jobs.publisher import pgmq_channel


def dead_letter_queue(queue: str) -> str:
    return f"{queue}_dlq"


def install_pgmq(conn: psycopg.Connection[dict]) -> bool:
    """Install PGMQ's SQL once (its script is not re-runnable); True if it was installed now."""
    from pgmq.install import get_embedded_install_sql  # local-only dependency

    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(7351002)")
        if one(conn.execute("SELECT to_regclass('pgmq.meta') AS meta"))["meta"] is not None:
            return False
        conn.execute(get_embedded_install_sql())
    return True


def ensure_queues(conn: psycopg.Connection[dict], queues: list[str]) -> None:
    with conn.transaction():
        existing = {
            row["queue_name"] for row in conn.execute("SELECT queue_name FROM pgmq.meta").fetchall()
        }
        for name in queues:
            for queue in (name, dead_letter_queue(name)):
                if queue not in existing:
                    conn.execute("SELECT pgmq.create(%s)", (queue,))


@dataclass(frozen=True)
class QueueMessage:
    msg_id: int
    read_ct: int
    enqueued_at: datetime
    message: dict[str, Any]


class PgmqReceiver:
    """Receives, deletes and dead-letters messages of one queue, on its own connection."""

    def __init__(
        self, url: str, queue: str, *, visibility_timeout: int, max_receive_count: int
    ) -> None:
        self.queue = queue
        self._conn = psycopg.connect(
            url, autocommit=True, row_factory=dict_row, application_name=f"interview-worker-{queue}"
        )
        # Notifications arrive on this connection from now on, also while it is busy: one sent
        # between an empty read and the wait below is waiting for it, not lost.
        self._conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(pgmq_channel(queue))))
        self._visibility_timeout = visibility_timeout
        self._max_receive_count = max_receive_count

    def receive(self, *, max_messages: int = 10, wait_seconds: float = 1) -> list[QueueMessage]:
        """Up to max_messages; if there are none, wait up to wait_seconds for the NOTIFY of a new
        one (a message visible again after its timeout comes with none: found at the next
        receive). A message received more than max_receive_count times goes to the dead-letter
        queue instead of being returned."""
        messages = self._read(max_messages)
        if not messages and wait_seconds > 0:
            for _ in self._conn.notifies(timeout=wait_seconds, stop_after=1):
                pass
            messages = self._read(max_messages)
        dead = [m for m in messages if m.read_ct > self._max_receive_count]
        for message in dead:
            self.dead_letter(message)
        return [m for m in messages if m.read_ct <= self._max_receive_count]

    def _read(self, max_messages: int) -> list[QueueMessage]:
        rows = self._conn.execute(
            "SELECT msg_id, read_ct, enqueued_at, message FROM pgmq.read(%s, %s, %s)",
            (self.queue, self._visibility_timeout, max_messages),
        ).fetchall()
        return [QueueMessage(**row) for row in rows]

    def delete(self, msg_ids: list[int]) -> None:
        if msg_ids:
            self._conn.execute("SELECT pgmq.delete(%s, %s::bigint[])", (self.queue, msg_ids))

    def dead_letter(self, message: QueueMessage) -> None:
        with self._conn.transaction():
            self._conn.execute(
                "SELECT pgmq.send(%s, %s)", (dead_letter_queue(self.queue), Jsonb(message.message))
            )
            self._conn.execute("SELECT pgmq.delete(%s, %s::bigint)", (self.queue, message.msg_id))

    def depth(self, queue: str | None = None) -> int:
        row = one(
            self._conn.execute("SELECT queue_length FROM pgmq.metrics(%s)", (queue or self.queue,))
        )
        return int(row["queue_length"])

    def close(self) -> None:
        self._conn.close()


def redrive(conn: psycopg.Connection[dict], queue: str) -> int:
    """Move every message of the queue's dead-letter queue back to it, in one transaction;
    how many were moved."""
    table = sql.Identifier("pgmq", f"q_{dead_letter_queue(queue)}")
    with conn.transaction():
        rows = conn.execute(
            sql.SQL("SELECT msg_id, message FROM {} ORDER BY msg_id FOR UPDATE").format(table)
        ).fetchall()
        for row in rows:
            conn.execute("SELECT pgmq.send(%s, %s)", (queue, Jsonb(row["message"])))
            conn.execute(
                "SELECT pgmq.delete(%s, %s::bigint)", (dead_letter_queue(queue), row["msg_id"])
            )
    return len(rows)
