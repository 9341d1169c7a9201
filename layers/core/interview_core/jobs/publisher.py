"""Publishing jobs, behind one interface with two backends chosen by settings.

- PGMQ (local default): the job is sent in the same transaction as the row that causes it, so
  a committed answer always has its job and a rolled-back one never does.
- SQS (AWS, LocalStack): sent once the transaction has committed. If that send fails the row is
  still there, and `interview jobs requeue` (recovery.py) finds and re-queues its job.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from psycopg.types.json import Jsonb

from interview_core.db.connection import UnitOfWork
from interview_core.jobs.messages import Job, JobKind
from interview_core.observability import logger
from interview_core.settings import Settings, get_settings

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient


class JobPublisher(Protocol):
    def publish(self, uow: UnitOfWork, job: Job) -> None: ...


def queue_name_for(settings: Settings, kind: JobKind) -> str:
    return settings.queue_names[kind]


class PgmqPublisher:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def publish(self, uow: UnitOfWork, job: Job) -> None:
        uow.conn.execute(
            "SELECT pgmq.send(%s, %s)",
            (queue_name_for(self._settings, job.kind), Jsonb(job.model_dump(mode="json"))),
        )


class SqsPublisher:
    """Queue settings hold the queue URLs."""

    def __init__(self, settings: Settings, client: SQSClient | None = None) -> None:
        self._settings = settings
        self._client = client

    def _sqs(self) -> Any:
        if self._client is None:
            import boto3  # only the functions that publish pay for boto3's import

            self._client = boto3.client("sqs")
        return self._client

    def publish(self, uow: UnitOfWork, job: Job) -> None:
        uow.after_commit(lambda: self.send_now(job))

    def send_now(self, job: Job) -> bool:
        queue_url = queue_name_for(self._settings, job.kind)
        try:
            self._sqs().send_message(QueueUrl=queue_url, MessageBody=job.model_dump_json())
        except Exception:
            # The row is committed: recovery re-queues this job later. The caller's request
            # succeeded, so it must not see an error for it.
            logger.exception("job not published; recovery will re-queue it", extra={"job": job.model_dump()})
            return False
        return True


def publisher_from_settings(settings: Settings) -> JobPublisher:
    if settings.queue_backend == "sqs":
        return SqsPublisher(settings)
    return PgmqPublisher(settings)


@lru_cache(maxsize=1)
def get_publisher() -> JobPublisher:
    return publisher_from_settings(get_settings())
