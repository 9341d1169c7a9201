"""Lambda, every minute (EventBridge; locally a timer in `interview dev`): send the jobs the
outbox still holds, those whose send right after their commit failed or never ran
(jobs/publisher.py). Nothing to do on the PGMQ backend, whose sends are part of the transaction."""

from typing import Any

from interview_core.aws_runtime import load_aws_secrets_into_environment
from interview_core.configuration import check_configuration
from interview_core.jobs.publisher import SqsPublisher, get_publisher
from interview_core.observability import logger

load_aws_secrets_into_environment()  # in AWS: DATABASE_URL from Secrets Manager
check_configuration()


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    publisher = get_publisher()
    if not isinstance(publisher, SqsPublisher):
        return {"sent": 0, "failed": 0, "waiting": 0}
    result = publisher.relay()
    (logger.warning if result.failed else logger.info)("outbox relayed", extra=result.model_dump())
    return result.model_dump()
