"""Calling Lambda handlers the way AWS does: the function modules from functions/, a context
object, and SQS-shaped events."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

from interview_core.local.paths import functions_dir
from interview_core.local.pgmq import QueueMessage
from interview_core.observability import logger

REGION = "local"
ACCOUNT = "000000000000"


def load_function(name: str) -> ModuleType:
    """Import functions/<name>/handler.py under a unique module name, once."""
    module_name = f"interview_functions.{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    path = functions_dir() / name / "handler.py"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(f"no Lambda handler at {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class LambdaContext:
    function_name: str
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = "local"
    log_stream_name: str = "local"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return 300_000


def function_log_keys(context: LambdaContext) -> dict[str, object]:
    """The keys Powertools' inject_lambda_context gives each log line of this function."""
    return {
        "function_name": context.function_name,
        "function_memory_size": context.memory_limit_in_mb,
        "function_arn": context.invoked_function_arn,
        "function_request_id": context.aws_request_id,
    }


@contextmanager
def logging_as(context: LambdaContext) -> Iterator[None]:
    """Log lines written inside name this function and invocation. Here every function runs in
    one process, and Powertools keeps what inject_lambda_context adds for the whole process, so
    each line would name whichever function was invoked last; these keys are per thread and per
    asyncio task (a context variable), and win over the process-wide ones."""
    keys = function_log_keys(context)
    before = dict(logger.thread_safe_get_current_keys())
    logger.thread_safe_append_keys(**keys)
    try:
        yield
    finally:
        logger.thread_safe_clear_keys()
        logger.thread_safe_append_keys(**before)
        # What inject_lambda_context left process-wide names no function once it is done: None
        # (left out of log lines) rather than removed, so that no other thread's line meets a
        # dictionary changing size.
        logger.append_keys(**dict.fromkeys([*keys, "cold_start"]))


def sqs_event(queue: str, messages: list[QueueMessage]) -> dict[str, Any]:
    records = []
    for message in messages:
        body = json.dumps(message.message)
        records.append(
            {
                "messageId": str(message.msg_id),
                "receiptHandle": str(message.msg_id),
                "body": body,
                "attributes": {
                    "ApproximateReceiveCount": str(message.read_ct),
                    "SentTimestamp": str(int(message.enqueued_at.timestamp() * 1000)),
                    "SenderId": ACCOUNT,
                    "ApproximateFirstReceiveTimestamp": str(
                        int(message.enqueued_at.timestamp() * 1000)
                    ),
                },
                "messageAttributes": {},
                "md5OfBody": hashlib.md5(body.encode()).hexdigest(),
                "eventSource": "aws:sqs",
                "eventSourceARN": f"arn:aws:sqs:{REGION}:{ACCOUNT}:{queue}",
                "awsRegion": REGION,
            }
        )
    return {"Records": records}


def scheduled_event(rule: str) -> dict[str, Any]:
    """What EventBridge sends a function on a schedule."""
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": REGION,
        "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{rule}"],
        "detail": {},
    }
