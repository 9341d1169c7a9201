"""An SQS-triggered Lambda handler around one job function, with partial batch failures:
a message that fails comes back alone; the others are deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from interview_core.aws_runtime import load_aws_secrets_into_environment
from interview_core.configuration import check_configuration
from interview_core.jobs import failures
from interview_core.jobs.messages import Job
from interview_core.observability import logger, metrics, tracer

J = TypeVar("J", bound=Job)
LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def sqs_job_handler(job_model: type[J], run_job: Callable[[J], None]) -> LambdaHandler:
    load_aws_secrets_into_environment()  # in AWS: DATABASE_URL from Secrets Manager
    check_configuration()  # a bad setting fails the cold start, not each job
    processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)

    def record_handler(record: SQSRecord) -> None:  # Powertools requires the name `record`
        job = job_model.model_validate_json(record.body)
        attempt = int(record.attributes.approximate_receive_count or 1)
        # Per thread: locally several consumers run in one process (Lambda: one at a time).
        logger.thread_safe_append_keys(
            job=job.model_dump(), message_id=record.message_id, attempt=attempt
        )
        try:
            run_job(job)
        except Exception as error:
            # Said at ERROR with the reason, and kept beside the retries and the dead-letter copy.
            logger.exception("job failed; the queue retries it, then dead-letters it")
            failures.remember(job, attempts=attempt, error=f"{type(error).__name__}: {error}")
            raise
        finally:
            logger.thread_safe_remove_keys(["job", "message_id", "attempt"])
        if attempt > 1:
            failures.forget(job)  # it had failed before: no longer
        metrics.add_metric(name=f"{job_model.kind}_jobs_done", unit="Count", value=1)

    @logger.inject_lambda_context
    @tracer.capture_lambda_handler(capture_response=False)
    @metrics.log_metrics
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        if not event.get("Records"):
            return {"batchItemFailures": []}
        return dict(
            process_partial_response(
                event=event, record_handler=record_handler, processor=processor, context=context
            )
        )

    return handler
