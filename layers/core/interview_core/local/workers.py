"""Queue workers: each reads its PGMQ queue and calls the consumer Lambda's handler with a real
SQS event, deleting what succeeded and leaving the batchItemFailures to come back. Timers: each
calls a scheduled Lambda's handler with an EventBridge event, as its rule does in AWS."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from interview_core.local.lambda_runtime import (
    LambdaContext,
    logging_as,
    scheduled_event,
    sqs_event,
)
from interview_core.local.pgmq import PgmqReceiver
from interview_core.observability import logger

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


def deliver_batch(
    receiver: PgmqReceiver, handler: Handler, function_name: str, *, wait_seconds: int = 1
) -> int:
    """Receive one batch and hand it to the handler; return how many messages succeeded."""
    messages = receiver.receive(wait_seconds=wait_seconds)
    if not messages:
        return 0
    context = LambdaContext(function_name)
    try:
        with logging_as(context):
            response = handler(sqs_event(receiver.queue, messages), context)
    except Exception:  # noqa: BLE001 - a worker outlives any job's error, as Lambda does
        # As in AWS: an invocation error returns the whole batch after the visibility timeout.
        logger.exception("consumer failed on a whole batch", extra={"function": function_name})
        return 0
    failed = {int(item["itemIdentifier"]) for item in (response or {}).get("batchItemFailures", [])}
    done = [m.msg_id for m in messages if m.msg_id not in failed]
    receiver.delete(done)
    return len(done)


class QueueWorker(threading.Thread):
    """Delivers batches until stopped; on a lost connection it reconnects and goes on."""

    def __init__(
        self, connect: Callable[[], PgmqReceiver], handler: Handler, function_name: str
    ) -> None:
        super().__init__(name=f"worker-{function_name}", daemon=True)
        self._connect = connect
        self._handler = handler
        self._function_name = function_name
        self._stop_requested = threading.Event()

    def run(self) -> None:
        receiver: PgmqReceiver | None = None
        while not self._stop_requested.is_set():
            try:
                receiver = receiver or self._connect()
                deliver_batch(receiver, self._handler, self._function_name)
            except Exception:  # noqa: BLE001 - a worker outlives any job's error, as Lambda does
                logger.exception(
                    "queue worker error; reconnecting", extra={"function": self._function_name}
                )
                if receiver is not None:
                    receiver.close()
                receiver = None
                self._stop_requested.wait(1.0)
        if receiver is not None:
            receiver.close()

    def stop(self) -> None:
        self._stop_requested.set()


class ScheduleTimer(threading.Thread):
    """Invokes a scheduled function every `every_seconds` (the first time after one period) until
    stopped; an error is logged and the next period comes as usual."""

    def __init__(self, handler: Handler, function_name: str, every_seconds: float) -> None:
        super().__init__(name=f"timer-{function_name}", daemon=True)
        self._handler = handler
        self._function_name = function_name
        self._every_seconds = every_seconds
        self._stop_requested = threading.Event()

    def run(self) -> None:
        while not self._stop_requested.wait(self._every_seconds):
            context = LambdaContext(self._function_name)
            try:
                with logging_as(context):
                    self._handler(scheduled_event(f"local-{self._function_name}"), context)
            except Exception:  # noqa: BLE001 - a worker outlives any job's error, as Lambda does
                logger.exception(
                    "scheduled function failed", extra={"function": self._function_name}
                )

    def stop(self) -> None:
        self._stop_requested.set()
