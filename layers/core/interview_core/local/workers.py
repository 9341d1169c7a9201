"""Queue workers: each reads its PGMQ queue and calls the consumer Lambda's handler with a real
SQS event, deleting what succeeded and leaving the batchItemFailures to come back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from interview_core.local.lambda_runtime import LambdaContext, sqs_event
from interview_core.local.pgmq import PgmqReceiver
from interview_core.observability import logger

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


def deliver_batch(receiver: PgmqReceiver, handler: Handler, function_name: str, *, wait_seconds: int = 1) -> int:
    """Receive one batch and hand it to the handler; return how many messages succeeded."""
    messages = receiver.receive(wait_seconds=wait_seconds)
    if not messages:
        return 0
    try:
        response = handler(sqs_event(receiver.queue, messages), LambdaContext(function_name))
    except Exception:
        # As in AWS: an invocation error returns the whole batch after the visibility timeout.
        logger.exception("consumer failed on a whole batch", extra={"function": function_name})
        return 0
    failed = {int(item["itemIdentifier"]) for item in (response or {}).get("batchItemFailures", [])}
    done = [m.msg_id for m in messages if m.msg_id not in failed]
    receiver.delete(done)
    return len(done)


class QueueWorker(threading.Thread):
    def __init__(self, receiver: PgmqReceiver, handler: Handler, function_name: str) -> None:
        super().__init__(name=f"worker-{function_name}", daemon=True)
        self._receiver = receiver
        self._handler = handler
        self._function_name = function_name
        self._stop_requested = threading.Event()

    def run(self) -> None:
        while not self._stop_requested.is_set():
            try:
                deliver_batch(self._receiver, self._handler, self._function_name)
            except Exception:
                logger.exception("queue worker error; retrying", extra={"function": self._function_name})
                self._stop_requested.wait(1.0)
        self._receiver.close()

    def stop(self) -> None:
        self._stop_requested.set()
