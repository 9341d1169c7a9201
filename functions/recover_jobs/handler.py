"""Lambda, on a schedule (EventBridge; locally a timer in `interview dev`): queue again the report
and sentiment jobs lost between a committed row and its SQS send, or dead-lettered.

Rows from the last two hours only, each at least five minutes old: a job that keeps failing is
re-queued about a dozen times, then left in the dead-letter queue (its alarm) for someone to look
at. Lost embed jobs are caught up by the next deploy's `migrate` (or `interview jobs requeue`)."""

from typing import Any

from interview_core.ai.evaluation.llm_settings import get_llm_settings
from interview_core.aws_runtime import load_aws_secrets_into_environment
from interview_core.configuration import check_configuration
from interview_core.db.connection import get_database
from interview_core.jobs.publisher import get_publisher
from interview_core.observability import logger
from interview_core.services.recovery import requeue_lost_jobs

MIN_AGE_SECONDS = 5 * 60
MAX_AGE_SECONDS = 2 * 60 * 60

load_aws_secrets_into_environment()  # in AWS: DATABASE_URL from Secrets Manager
check_configuration()


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    requeued = requeue_lost_jobs(
        get_database(),
        get_publisher(),
        older_than_seconds=MIN_AGE_SECONDS,
        newer_than_seconds=MAX_AGE_SECONDS,
        embeddings=False,
        reevaluate_fallbacks=get_llm_settings().endpoint() is not None,
    )
    logger.info("lost jobs re-queued", extra=requeued.model_dump())
    return requeued.model_dump()
