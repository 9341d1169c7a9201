"""What an HTTP Lambda loads on its cold start (issue 11): its own route, and none of the heavy
libraries that only some functions or some requests need. Each handler is imported in a fresh
interpreter that looks like a Lambda (so the Tracer is on and would patch at import)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from interview_core.function_catalog import HTTP_FUNCTIONS

FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"

# Loaded where used, never by a handler's import: password hashing (argon2), tokens (jose and the
# cryptography it loads), the AWS SDK's clients (Powertools imports the bare botocore package in
# every function; a session or a client is what costs), and what X-Ray's patch-everything would
# import. `interview_core.api.schemas` holds every model of every route.
NEVER_AT_IMPORT = (
    "argon2",
    "jose",
    "cryptography",
    "boto3",
    "botocore.session",
    "botocore.client",
    "httpx",
    "requests",
    "sqlite3",
    "interview_core.api.schemas",
)
ROUTES = "interview_core.api.routes."
SHARED_ROUTE_MODULES = {ROUTES + "params"}

# The parent loads only what every function loads anyway, then forks a child per handler: a
# fresh import of each, at a fraction of the cost of an interpreter per function.
_CHILD = """
import importlib.util, json, os, sys
import fastapi, mangum, psycopg, psycopg_pool, pydantic, pydantic_settings
import aws_lambda_powertools.logging, aws_lambda_powertools.tracing, aws_xray_sdk.core
base = sorted(sys.modules)


def start(path):
    read, write = os.pipe()
    if os.fork() == 0:
        os.close(read)
        try:
            spec = importlib.util.spec_from_file_location("handler", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            out = {"modules": sorted(sys.modules)}
        except BaseException as error:
            out = {"error": repr(error)}
        with os.fdopen(write, "w") as pipe:
            pipe.write(json.dumps(out))
        os._exit(0)
    os.close(write)
    return os.fdopen(read)


handlers = list(json.loads(sys.argv[1]).items())
found = {}
at_once = os.cpu_count() or 1
for first in range(0, len(handlers), at_once):
    batch = [(name, start(path)) for name, path in handlers[first : first + at_once]]
    for name, pipe in batch:
        found[name] = json.loads(pipe.read())
        pipe.close()
        os.wait()
print(json.dumps({"base": base, "functions": found}))
"""


def _lambda_environment() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.endswith("_SECRET_ARN") and not key.startswith("POWERTOOLS_TRACE")
    }
    env.update(
        {
            "ENVIRONMENT": "test",
            "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
            "SECRET_KEY": "a-secret-key-only-for-the-import-test",
            "QUEUE_BACKEND": "pgmq",
            # What the Lambda runtime sets: Powertools enables the Tracer.
            "LAMBDA_TASK_ROOT": "/var/task",
            "AWS_LAMBDA_FUNCTION_NAME": "import-test",
        }
    )
    return env


def _loaded(modules: list[str], name: str) -> list[str]:
    return [m for m in modules if m == name or m.startswith(name + ".")]


@pytest.fixture(scope="module")
def cold_imports() -> dict:
    handlers = {f.name: str(FUNCTIONS / f.name / "handler.py") for f in HTTP_FUNCTIONS}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(handlers)],
        env=_lambda_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_what_the_parent_preloads_is_none_of_what_is_checked(cold_imports):
    for heavy in NEVER_AT_IMPORT:
        assert not _loaded(cold_imports["base"], heavy), heavy
    assert not [m for m in cold_imports["base"] if m.startswith("interview_core")]


@pytest.mark.parametrize("function", [f.name for f in HTTP_FUNCTIONS])
def test_an_http_function_loads_its_own_route_and_nothing_heavy(cold_imports, function):
    result = cold_imports["functions"][function]
    assert "error" not in result, result.get("error")
    modules = result["modules"]

    heavy = {name: _loaded(modules, name) for name in NEVER_AT_IMPORT}
    assert {name: found for name, found in heavy.items() if found} == {}

    routes = {m for m in modules if m.startswith(ROUTES)}
    assert routes - SHARED_ROUTE_MODULES == {ROUTES + function}


def test_the_aws_sdk_is_patched_for_tracing_once_it_is_loaded_and_nothing_else_is():
    script = (
        "import json, sys\n"
        "import interview_core.observability\n"
        "from aws_xray_sdk.core import patcher\n"
        "before = {'patched': sorted(patcher._PATCHED_MODULES),\n"
        "  'sdk_loaded': 'botocore.session' in sys.modules}\n"
        "import boto3\n"
        "from botocore.client import BaseClient\n"
        "after = {'patched': sorted(patcher._PATCHED_MODULES),\n"
        "  'wrapped': type(BaseClient.__dict__['_make_api_call']).__name__}\n"
        "print(json.dumps({'before': before, 'after': after}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=_lambda_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["before"] == {"patched": [], "sdk_loaded": False}
    assert result["after"] == {"patched": ["botocore"], "wrapped": "FunctionWrapper"}
