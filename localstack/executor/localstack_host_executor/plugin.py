"""A LocalStack Lambda runtime executor that runs each execution environment as a host process.

LocalStack community runs Lambdas in Docker only; its executor is a plugin, loaded by name from
the entry-point group `localstack.lambda.runtime_executor`. This one
(`LAMBDA_RUNTIME_EXECUTOR=host`) starts `runner.py` under a real interpreter of the function's
runtime version:

    LOCALSTACK_HOST_EXECUTOR_PYTHON           the interpreter for every python3.x runtime
    LOCALSTACK_HOST_EXECUTOR_PYTHON3_12       ... for python3.12 only (wins over the above)
    LOCALSTACK_HOST_EXECUTOR_LOG_DIR          one log file per execution environment (default:
                                              $TMPDIR/lambda-logs)

A venv with boto3 (what the Lambda runtime provides) is the right interpreter: the layers then
provide everything else, as in AWS. Not a sandbox: functions run with this user's rights.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from localstack.services.lambda_.invocation.lambda_models import FunctionVersion, InvocationResult
from localstack.services.lambda_.invocation.plugins import RuntimeExecutorPlugin
from localstack.services.lambda_.invocation.runtime_executor import (
    LambdaRuntimeException,
    RuntimeExecutor,
)

# mypy resolves `localstack` to this repository's folder of that name, not LocalStack's package.
from localstack import config  # type: ignore[attr-defined]

LOG = logging.getLogger(__name__)

RUNNER = Path(__file__).with_name("runner.py")
LOCAL_ADDRESS = "127.0.0.1"
# Lambda's own variables come from LocalStack; of the host's, only these pass through.
HOST_VARIABLES = ("PATH", "TMPDIR", "LANG", "LC_ALL", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
IPC_SLACK_S = 1.0


def interpreter_for(runtime: str | None) -> str:
    if not runtime or not runtime.startswith("python"):
        raise LambdaRuntimeException(
            f"the host executor runs Python runtimes only, not {runtime or 'container images'}"
        )
    specific = "LOCALSTACK_HOST_EXECUTOR_" + runtime.upper().replace(".", "_")
    python = os.environ.get(specific) or os.environ.get("LOCALSTACK_HOST_EXECUTOR_PYTHON")
    if not python:
        raise LambdaRuntimeException(f"set {specific} or LOCALSTACK_HOST_EXECUTOR_PYTHON")
    if not os.access(python, os.X_OK):
        raise LambdaRuntimeException(f"{python} (the {runtime} interpreter) is not executable")
    return python


def log_dir() -> Path:
    folder = os.environ.get("LOCALSTACK_HOST_EXECUTOR_LOG_DIR") or os.path.join(
        tempfile.gettempdir(), "lambda-logs"
    )
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def python_path(function_version: FunctionVersion) -> str:
    """Code first, then the layers (a later layer overwrites an earlier one in /opt)."""
    config_ = function_version.config
    entries = [str(config_.code.get_unzipped_code_location())]
    for layer in reversed(config_.layers or []):
        if layer.code is None:
            continue
        root = Path(layer.code.get_unzipped_code_location())
        entries += [str(p) for p in sorted(root.glob("python/lib/python3*/site-packages"))]
        if (root / "python").is_dir():
            entries.append(str(root / "python"))
    return os.pathsep.join(entries)


class HostRuntimeExecutor(RuntimeExecutor):
    def __init__(self, id: str, function_version: FunctionVersion) -> None:
        super().__init__(id=id, function_version=function_version)
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: queue.Queue[dict | None] = queue.Queue()
        self._lock = threading.Lock()
        self._env: dict[str, str] = {}
        name = function_version.id.function_name
        self._log_path = log_dir() / f"{name}-{id}.log"

    # --- lifecycle ------------------------------------------------------------------------
    def start(self, env_vars: dict[str, str]) -> None:
        self._env = {key: str(value) for key, value in env_vars.items() if value is not None}
        with self._lock:
            self._spawn()

    def _spawn(self) -> None:
        config_ = self.function_version.config
        code_dir = str(config_.code.get_unzipped_code_location())
        env = {key: os.environ[key] for key in HOST_VARIABLES if key in os.environ}
        env.update(self._env)
        env.update(
            {
                "LAMBDA_TASK_ROOT": code_dir,
                "PYTHONPATH": python_path(self.function_version),
                "PYTHONUNBUFFERED": "1",
                "PYTHONDONTWRITEBYTECODE": "1",  # the layers ship bytecode; the code is tiny
            }
        )
        env.setdefault("LANG", "C.UTF-8")
        answers: queue.Queue[dict | None] = queue.Queue()
        with open(self._log_path, "ab") as log:
            process = subprocess.Popen(
                [interpreter_for(config_.runtime), "-P", str(RUNNER)],
                cwd=code_dir,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
            )
        threading.Thread(
            target=self._read_answers,
            args=(process, answers),
            name=f"host-lambda-{self.id}",
            daemon=True,
        ).start()
        self._process, self._answers = process, answers
        try:
            ready = answers.get(timeout=config.LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT)
        except queue.Empty:
            ready = None
        if not ready or ready.get("type") != "ready":
            self._terminate()
            raise LambdaRuntimeException(
                f"runner of {self.function_version.id.function_name} did not start:\n"
                + self.get_logs()[-4000:]
            )
        LOG.debug("host lambda %s ready in %.0f ms", self.id, ready.get("init_ms", 0))

    @staticmethod
    def _read_answers(process: subprocess.Popen[bytes], answers: queue.Queue) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            try:
                answers.put(json.loads(line))
            except json.JSONDecodeError:
                LOG.warning("host lambda: not a protocol line: %r", line[:200])
        answers.put(None)  # the runner exited

    def stop(self) -> None:
        with self._lock:
            self._terminate()

    def _terminate(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        try:
            assert process.stdin is not None
            process.stdin.close()  # the runner leaves its loop on EOF
            process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=5)

    # --- addresses ------------------------------------------------------------------------
    def get_address(self) -> str:
        return LOCAL_ADDRESS

    def get_endpoint_from_executor(self) -> str:
        # boto3 in the function reaches LocalStack through AWS_ENDPOINT_URL at this address.
        return LOCAL_ADDRESS

    def get_runtime_endpoint(self) -> str:
        port = config.GATEWAY_LISTEN[0].port
        return f"http://{LOCAL_ADDRESS}:{port}/_localstack_lambda/{self.id}"

    # --- invocations ----------------------------------------------------------------------
    def invoke(self, payload: dict[str, str]) -> InvocationResult:
        request_id = payload["invoke-id"]
        timeout_s = float(self.function_version.config.timeout or 3)
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._spawn()  # after a timeout or a crash: a new (cold) environment
            process, answers = self._process, self._answers
            offset = self._log_size()
            request = {
                "id": request_id,
                "arn": payload.get("invoked-function-arn", self.function_version.qualified_arn),
                "payload": payload.get("payload") or "",
                "trace_id": payload.get("trace-id"),
                "timeout_s": timeout_s,
            }
            try:
                assert process is not None and process.stdin is not None
                process.stdin.write(json.dumps(request).encode() + b"\n")
                process.stdin.flush()
                answer = answers.get(timeout=timeout_s + IPC_SLACK_S)
            except queue.Empty:
                self._terminate()
                return self._failure(
                    request_id,
                    offset,
                    f"Task timed out after {timeout_s:.2f} seconds",
                    "Sandbox.Timedout",
                )
            except OSError as error:
                answer = None
                LOG.warning("host lambda %s: cannot send the invocation: %s", self.id, error)
            if answer is None:
                self._terminate()
                return self._failure(
                    request_id,
                    offset,
                    "Runtime exited without providing a reason",
                    "Runtime.ExitError",
                )
            return InvocationResult(
                request_id=request_id,
                payload=answer["payload"].encode(),
                is_error=not answer["ok"],
                logs=self._log_since(offset),
            )

    def _failure(
        self, request_id: str, offset: int, message: str, error_type: str
    ) -> InvocationResult:
        body = {
            "errorMessage": f"RequestId: {request_id} Error: {message}",
            "errorType": error_type,
        }
        return InvocationResult(
            request_id=request_id,
            payload=json.dumps(body).encode(),
            is_error=True,
            logs=self._log_since(offset) + f"{message}\n",
        )

    def _log_size(self) -> int:
        try:
            return self._log_path.stat().st_size
        except FileNotFoundError:
            return 0

    def _log_since(self, offset: int) -> str:
        try:
            with open(self._log_path, "rb") as log:
                log.seek(offset)
                return log.read().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def get_logs(self) -> str:
        return self._log_since(max(0, self._log_size() - 65536))

    # --- versions -------------------------------------------------------------------------
    @classmethod
    def prepare_version(cls, function_version: FunctionVersion) -> None:
        config_ = function_version.config
        interpreter_for(config_.runtime)  # fail the function's creation, not its first call
        if config_.code:
            config_.code.prepare_for_execution()  # unzip the code
        for layer in config_.layers or []:
            if layer.code is not None:
                layer.code.prepare_for_execution()

    @classmethod
    def cleanup_version(cls, function_version: FunctionVersion) -> None:
        pass

    @classmethod
    def validate_environment(cls) -> bool:
        python = os.environ.get("LOCALSTACK_HOST_EXECUTOR_PYTHON")
        if python and not os.access(python, os.X_OK):
            LOG.warning("LOCALSTACK_HOST_EXECUTOR_PYTHON=%s is not executable", python)
            return False
        return True


class HostRuntimeExecutorPlugin(RuntimeExecutorPlugin):
    name = "host"

    def load(self, *args, **kwargs) -> type[HostRuntimeExecutor]:
        return HostRuntimeExecutor
