"""Publishing jobs, behind one interface with two backends chosen by settings.

- PGMQ (local default): the job is sent in the same transaction as the row that causes it, so
  a committed answer always has its job and a rolled-back one never does.
- SQS (AWS, LocalStack): a transactional outbox. The job is written to `job_outbox` in the same
  transaction, sent right after the commit and then deleted; a job whose send failed (or whose
  process died in between) stays there and the relay sends it (`relay_outbox`, run every minute
  by the scheduled recover_jobs function). Sent at least once: consumers are idempotent.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from psycopg.types.json import Jsonb
from pydantic import BaseModel

from interview_core.db import outbox
from interview_core.db.connection import Database, UnitOfWork, get_database
from interview_core.jobs.messages import Job, JobKind, job_from
from interview_core.observability import logger
from interview_core.settings import Settings, get_settings

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient


class RelayResult(BaseModel):
    sent: int
    failed: int
    waiting: int


class JobPublisher(Protocol):
    def publish(self, uow: UnitOfWork, job: Job) -> None: ...


def queue_name_for(settings: Settings, kind: JobKind) -> str:
    return settings.queue_names[kind]


def pgmq_channel(queue: str) -> str:
    """The NOTIFY channel that wakes the local workers of a PGMQ queue."""
    return f"pgmq_jobs_{queue}"


class PgmqPublisher:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def publish(self, uow: UnitOfWork, job: Job) -> None:
        # The NOTIFY is delivered at commit, with the message: the workers wake on new work
        # instead of polling, and never for a rolled-back one. (PGMQ's own insert trigger updates
        # one shared row per message, which would make concurrent answers wait for each other.)
        queue = queue_name_for(self._settings, job.kind)
        uow.conn.execute(
            "SELECT pgmq.send(%s, %s), pg_notify(%s, '')",
            (queue, Jsonb(job.model_dump(mode="json")), pgmq_channel(queue)),
        )


# A request must not outlive its client's patience because SQS is slow: a send that hangs gives
# up after this long and the relay sends the job later.
SQS_CONNECT_TIMEOUT_SECONDS = 2
SQS_READ_TIMEOUT_SECONDS = 3
SQS_MAX_ATTEMPTS = 2


class SqsPublisher:
    """Queue settings hold the queue URLs."""

    def __init__(
        self, settings: Settings, client: SQSClient | None = None, database: Database | None = None
    ) -> None:
        self._settings = settings
        self._client = client
        self._database = database

    def _sqs(self) -> Any:
        if self._client is None:
            import boto3  # only the functions that publish pay for boto3's import
            from botocore.config import Config

            self._client = boto3.client(
                "sqs",
                config=Config(
                    connect_timeout=SQS_CONNECT_TIMEOUT_SECONDS,
                    read_timeout=SQS_READ_TIMEOUT_SECONDS,
                    retries={"total_max_attempts": SQS_MAX_ATTEMPTS, "mode": "standard"},
                ),
            )
        return self._client

    def _db(self) -> Database:
        return self._database or get_database()

    def publish(self, uow: UnitOfWork, job: Job) -> None:
        job_id = outbox.add(uow.conn, kind=job.kind, body=job.model_dump(mode="json"))
        uow.after_commit(lambda: self._send_committed(job_id, job))

    def _send_committed(self, job_id: int, job: Job) -> None:
        if not self.send_now(job):
            return  # still in the outbox: the relay sends it
        try:
            with self._db().unit_of_work() as uow:
                outbox.remove(uow.conn, job_id)
        except Exception:  # noqa: BLE001
            # Sent, but still in the outbox: the relay sends it once more, which consumers allow.
            logger.warning(
                "sent job not removed from the outbox",
                extra={"job": job.model_dump(), "outbox_id": job_id},
            )

    def send_now(self, job: Job) -> bool:
        queue_url = queue_name_for(self._settings, job.kind)
        try:
            self._sqs().send_message(QueueUrl=queue_url, MessageBody=job.model_dump_json())
        except Exception:  # noqa: BLE001
            # The job is committed in the outbox: the relay sends it. The caller's request
            # succeeded, so it must not see an error for it.
            logger.exception(
                "job not sent; the outbox relay will send it", extra={"job": job.model_dump()}
            )
            return False
        return True

    def relay(self, *, older_than_seconds: int = 10, limit: int = 500) -> RelayResult:
        """Send what the outbox still holds: jobs whose send after the commit failed or never
        ran."""
        sent = failed = 0
        with self._db().unit_of_work() as uow:
            for pending in outbox.due(uow.conn, older_than_seconds=older_than_seconds, limit=limit):
                job = job_from(pending.kind, pending.body)
                try:
                    self._sqs().send_message(
                        QueueUrl=queue_name_for(self._settings, job.kind),
                        MessageBody=job.model_dump_json(),
                    )
                except Exception as error:  # noqa: BLE001 - recorded per job; the others still go
                    failed += 1
                    outbox.record_failure(uow.conn, pending.id, f"{type(error).__name__}: {error}")
                    logger.error(
                        "outbox job not sent",
                        extra={
                            "outbox_id": pending.id,
                            "kind": pending.kind,
                            "error": type(error).__name__,
                        },
                    )
                    continue
                outbox.remove(uow.conn, pending.id)
                sent += 1
            left = outbox.waiting(uow.conn)
        return RelayResult(sent=sent, failed=failed, waiting=left)


def publisher_from_settings(settings: Settings) -> JobPublisher:
    if settings.queue_backend == "sqs":
        return SqsPublisher(settings)
    return PgmqPublisher(settings)


@lru_cache(maxsize=1)
def get_publisher() -> JobPublisher:
    return publisher_from_settings(get_settings())
