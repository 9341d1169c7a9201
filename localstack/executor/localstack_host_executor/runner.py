"""One Lambda execution environment as a host process: the function's own Python runs this file.

Started by the executor with the code folder as working directory and PYTHONPATH = code folder +
the layers' python/ folders, it imports the handler once (the init phase), then serves one
invocation per JSON line on stdin and answers with one JSON line on the original stdout. The
handler's own output (print, logging to stdout) goes to stderr, the environment's log file.
Standard library only: the function's interpreter has nothing but boto3 besides the layers.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import threading
import time
import traceback
from typing import Any


def _protocol_stream():
    """The original stdout for answers; stdout itself then points at stderr (the log)."""
    answers = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    return answers


def _exit_with_parent() -> None:
    """LocalStack gone (even by SIGKILL): go too, also from inside a stuck handler."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class LambdaContext:
    """The attributes of AWS's context object that handlers and Powertools read."""

    def __init__(self, request_id: str, arn: str, deadline: float) -> None:
        self.aws_request_id = request_id
        self.invoked_function_arn = arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"))
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        self.identity = None
        self.client_context = None
        self._deadline = deadline

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.time()) * 1000))


def _error(error: BaseException, *, error_type: str | None = None) -> dict[str, Any]:
    return {
        "errorMessage": str(error),
        "errorType": error_type or type(error).__name__,
        "stackTrace": traceback.format_tb(error.__traceback__),
    }


def _load_handler(spec: str) -> Any:
    """`_HANDLER` = "path/to/module.function" as AWS reads it."""
    module_path, _, function_name = spec.rpartition(".")
    if not module_path or not function_name:
        raise ValueError(f"Bad handler '{spec}': expected module.function")
    module = importlib.import_module(module_path.replace("/", "."))
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise AttributeError(
            f"Handler '{function_name}' missing on module '{module_path}'"
        ) from None


def main() -> None:
    answers = _protocol_stream()
    _exit_with_parent()
    started = time.perf_counter()
    init_error: dict[str, Any] | None = None
    handler = None
    try:
        handler = _load_handler(os.environ["_HANDLER"])
    except Exception as error:  # noqa: BLE001 - reported on every invoke, as AWS does
        error_type = (
            "Runtime.ImportModuleError"
            if isinstance(error, ImportError)
            else "Runtime.HandlerNotFound"
            if isinstance(error, AttributeError)
            else None
        )
        init_error = _error(error, error_type=error_type)
        traceback.print_exc()
    init_ms = (time.perf_counter() - started) * 1000
    print(f"INIT_REPORT Init Duration: {init_ms:.2f} ms", file=sys.stderr, flush=True)
    answers.write(
        json.dumps({"type": "ready", "init_ms": init_ms, "init_error": init_error}) + "\n"
    )

    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        request_id = request["id"]
        os.environ["_X_AMZN_TRACE_ID"] = request.get("trace_id") or ""
        context = LambdaContext(request_id, request["arn"], time.time() + request["timeout_s"])
        print(f"START RequestId: {request_id} Version: {context.function_version}", file=sys.stderr)
        began = time.perf_counter()
        ok = False
        body: dict[str, Any] | str
        if init_error is not None:
            body = init_error
        else:
            try:
                event = json.loads(request["payload"]) if request["payload"] else {}
                result = handler(event, context)  # type: ignore[misc]
                try:
                    body = json.dumps(result)
                    ok = True
                except (TypeError, ValueError) as error:
                    body = _error(error, error_type="Runtime.MarshalError")
            except Exception as error:  # noqa: BLE001 - the function's error, returned
                traceback.print_exc()
                body = _error(error)
        duration_ms = (time.perf_counter() - began) * 1000
        sys.stdout.flush()
        sys.stderr.flush()
        print(f"END RequestId: {request_id}", file=sys.stderr)
        print(
            f"REPORT RequestId: {request_id}\tDuration: {duration_ms:.2f} ms",
            file=sys.stderr,
            flush=True,
        )
        payload = body if ok else json.dumps(body)
        answers.write(
            json.dumps({"type": "result", "id": request_id, "ok": ok, "payload": payload}) + "\n"
        )


if __name__ == "__main__":
    main()
