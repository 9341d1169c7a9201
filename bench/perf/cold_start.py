"""Cold starts as Lambda does them: a fresh interpreter, the function's folder as the task root,
the layers on the path (no project venv: `python -S`), the runtime's boto3, then import + the
first event. CPU time of the child (import + first event, measured inside with process_time)."""

from __future__ import annotations

import compileall
import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.perf.table import median

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = ROOT / "functions"
BUILD = ROOT / "layers" / "build"
EMBEDDING_FUNCTIONS = frozenset({"migrate", "embed_worker"})

# Runs in the child: import the handler, send it the first event, print the CPU times.
_CHILD = """
import importlib.util, json, sys, time
t0 = time.process_time()
path, event = sys.argv[1], json.loads(sys.argv[2])
spec = importlib.util.spec_from_file_location("handler", path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
t1 = time.process_time()

class Context:
    function_name = "bench"
    function_version = "$LATEST"
    memory_limit_in_mb = 1024
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:bench"
    aws_request_id = "00000000-0000-0000-0000-000000000001"
    log_group_name = "/aws/lambda/bench"
    log_stream_name = "bench"
    def get_remaining_time_in_millis(self):
        return 30000

status = None
if event is not None:
    result = module.handler(event, Context())
    status = result.get("statusCode") if isinstance(result, dict) else None
t2 = time.process_time()
print(json.dumps({"import": t1 - t0, "total": t2 - t0, "status": status}))
"""

_PLAIN = '''"""A plain handler: the least a Python Lambda costs."""


def handler(event, context):
    return {"statusCode": 200, "body": "ok"}
'''

_FLOOR = '''"""One route, FastAPI + Mangum: the floor every HTTP function stands on."""
from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()


@app.get("/health")
def health():
    return {"status": "ok"}


_asgi = Mangum(app, lifespan="off")


def handler(event, context):
    return _asgi(event, context)
'''


@dataclass
class ColdStart:
    name: str
    cpu_seconds: float  # median of import + first event
    import_seconds: float
    status: int | None
    error: str | None = None


def rest_event(method: str, path: str, body: str | None = "{}") -> dict:
    """An API Gateway REST (v1) proxy event, as the platform's API sends (Mangum reads it)."""
    concrete = re.sub(r"\{[^}]+\}", "1", path)
    params = dict.fromkeys(re.findall(r"\{([^}]+)\}", path), "1") or None
    return {
        "resource": path,
        "path": concrete,
        "httpMethod": method,
        "headers": {"host": "api.example.com", "content-type": "application/json"},
        "multiValueHeaders": {
            "host": ["api.example.com"],
            "content-type": ["application/json"],
        },
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": params,
        "stageVariables": None,
        "requestContext": {
            "resourcePath": path,
            "httpMethod": method,
            "path": f"/prod{concrete}",
            "stage": "prod",
            "requestId": "bench-request",
            "accountId": "123456789012",
            "apiId": "bench",
            "identity": {"sourceIp": "127.0.0.1", "userAgent": "bench"},
        },
        "body": body if method in ("POST", "PATCH") else None,
        "isBase64Encoded": False,
    }


def sqs_event() -> dict:
    return {"Records": []}


def scheduled_event() -> dict:
    return {
        "version": "0",
        "id": "bench",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "123456789012",
        "time": "2026-12-01T00:00:00Z",
        "region": "us-east-1",
        "resources": [],
        "detail": {},
    }


def function_events() -> dict[str, dict | None]:
    """Every function in functions/ and its first event (None: import only)."""
    sys.path.insert(0, str(ROOT / "layers" / "core"))
    from interview_core.function_catalog import (
        HTTP_FUNCTIONS,
        QUEUE_FUNCTIONS,
        SCHEDULED_FUNCTIONS,
    )

    events: dict[str, dict | None] = {}
    for http in HTTP_FUNCTIONS:
        events[http.name] = rest_event(http.method, http.path)
    for queue in QUEUE_FUNCTIONS:
        events[queue.name] = sqs_event()
    for scheduled in SCHEDULED_FUNCTIONS:
        events[scheduled.name] = scheduled_event()
    for folder in sorted(FUNCTIONS.iterdir()):
        if (folder / "handler.py").is_file():
            # migrate's event migrates a database: its cold start is the import alone
            events.setdefault(folder.name, None)
    return {name: events[name] for name in sorted(events)}


class Layout:
    """The layers as Lambda mounts them, in a temporary folder: the core layer copied from the
    current sources (bytecode compiled, as layers/build.py does), the built wheel layers, and the
    runtime's boto3 from this venv."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="perf-layers-"))
        core = self.folder / "core" / "python"
        shutil.copytree(
            ROOT / "layers" / "core" / "interview_core",
            core / "interview_core",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        compileall.compile_dir(
            core,
            quiet=1,
            workers=1,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        self.core = core
        self.deps = BUILD / "deps" / "python"
        self.embeddings = BUILD / "embeddings" / "python"
        runtime = self.folder / "runtime"
        runtime.mkdir()
        import boto3
        import botocore
        import s3transfer

        for module in (boto3, botocore, s3transfer):
            (runtime / module.__name__).symlink_to(Path(module.__file__).parent)
        self.runtime = runtime
        floor = self.folder / "floor"
        plain = self.folder / "plain"
        for folder, text in ((floor, _FLOOR), (plain, _PLAIN)):
            folder.mkdir()
            (folder / "handler.py").write_text(text)
        self.floor_handler = floor / "handler.py"
        self.plain_handler = plain / "handler.py"

    @property
    def ready(self) -> bool:
        return self.deps.is_dir()

    def python_path(self, function_dir: Path, *, embeddings: bool) -> str:
        layers = [self.deps, self.core]
        if embeddings and self.embeddings.is_dir():
            layers.append(self.embeddings)
        return os.pathsep.join(str(p) for p in (function_dir, *layers, self.runtime))

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _env(layout: Layout, handler: Path, database_url: str, *, embeddings: bool) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": layout.python_path(handler.parent, embeddings=embeddings),
        "PYTHONDONTWRITEBYTECODE": "1",  # /var/task and /opt are read-only in Lambda
        "DATABASE_URL": database_url,
        "SECRET_KEY": "a-secret-key-only-for-the-cold-start-bench",
        "ENVIRONMENT": "test",
        "QUEUE_BACKEND": "pgmq",
        "EVALUATOR": "offline",
        "SENTIMENT_PROVIDER": "offline",
        "QUESTION_EMBEDDINGS": "off",
        # What the Lambda runtime sets: Powertools and X-Ray behave as they do there.
        "AWS_LAMBDA_FUNCTION_NAME": "bench",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1024",
        "AWS_EXECUTION_ENV": "AWS_Lambda_python3.12",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "LAMBDA_TASK_ROOT": str(handler.parent),
        "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;"
        "Sampled=0",
        "AWS_XRAY_CONTEXT_MISSING": "IGNORE_ERROR",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "POWERTOOLS_LOG_LEVEL": "ERROR",
    }


def measure_once(
    layout: Layout, handler: Path, event: dict | None, database_url: str, *, embeddings: bool
) -> dict:
    done = subprocess.run(
        [sys.executable, "-S", "-c", _CHILD, str(handler), json.dumps(event)],
        env=_env(layout, handler, database_url, embeddings=embeddings),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(
    layout: Layout,
    name: str,
    handler: Path,
    event: dict | None,
    database_url: str,
    runs: int,
    *,
    embeddings: bool = False,
) -> ColdStart:
    results = [
        measure_once(layout, handler, event, database_url, embeddings=embeddings)
        for _ in range(runs)
    ]
    good = [r for r in results if "error" not in r]
    if not good:
        return ColdStart(name, float("nan"), float("nan"), None, results[0]["error"])
    return ColdStart(
        name,
        median([r["total"] for r in good]),
        median([r["import"] for r in good]),
        good[0]["status"],
    )


def measure_all(
    layout: Layout, database_url: str, runs: int, names: Sequence[str] | None = None
) -> tuple[ColdStart, ColdStart, list[ColdStart]]:
    """(plain handler, FastAPI + Mangum floor, every function), two children at a time."""
    events = function_events()
    chosen = [n for n in events if names is None or n in names]
    health = rest_event("GET", "/health")
    plain = measure(layout, "plain handler", layout.plain_handler, health, database_url, runs)
    floor = measure(layout, "FastAPI + Mangum", layout.floor_handler, health, database_url, runs)

    def one(name: str) -> ColdStart:
        return measure(
            layout,
            name,
            FUNCTIONS / name / "handler.py",
            events[name],
            database_url,
            runs,
            embeddings=name in EMBEDDING_FUNCTIONS,
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        functions = list(pool.map(one, chosen))
    return plain, floor, functions


def top_imports(
    layout: Layout, name: str, database_url: str, count: int = 12
) -> list[tuple[int, str]]:
    """The slowest imports (cumulative microseconds, module) of a function's cold import."""
    handler = FUNCTIONS / name / "handler.py"
    done = subprocess.run(
        [sys.executable, "-S", "-X", "importtime", "-c", _CHILD, str(handler), "null"],
        env=_env(layout, handler, database_url, embeddings=name in EMBEDDING_FUNCTIONS),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return parse_importtime(done.stderr, count)


def parse_importtime(text: str, count: int) -> list[tuple[int, str]]:
    """Top-level imports of `-X importtime` output by cumulative time, largest first. Only the
    outermost packages (indent 1) so that one import is not counted with its own children."""
    found: list[tuple[int, str]] = []
    for line in text.splitlines():
        match = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|( *)(\S+)", line)
        if match and len(match.group(3)) <= 3:
            found.append((int(match.group(2)), match.group(4)))
    return sorted(found, reverse=True)[:count]
