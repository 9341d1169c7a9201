"""Keeping why a job failed (db/job_failures.py), from the consumers. Never in the way of the job
itself: with the database down the failure is only logged."""

from __future__ import annotations

from interview_core.db import job_failures
from interview_core.db.connection import get_database
from interview_core.jobs.messages import Job
from interview_core.observability import logger


def remember(job: Job, *, attempts: int, error: str) -> None:
    try:
        with get_database().unit_of_work() as uow:
            job_failures.record(
                uow.conn,
                kind=job.kind,
                body=job.model_dump(mode="json"),
                attempts=attempts,
                error=error,
            )
    except Exception:  # noqa: BLE001 - bookkeeping must not mask the job's own error
        logger.warning("job failure not recorded", extra={"job": job.model_dump()})


def forget(job: Job) -> None:
    try:
        with get_database().unit_of_work() as uow:
            job_failures.clear(uow.conn, kind=job.kind, body=job.model_dump(mode="json"))
    except Exception:  # noqa: BLE001 - bookkeeping must not fail a done job
        logger.warning("job failure not cleared", extra={"job": job.model_dump()})
