"""The Lambda layers: pinned for the runtime, built without Docker, and enough to import every
function the way Lambda does (function folder + layers + the runtime's boto3, nothing else).

The dependency layer build needs the package index the first time; later runs reuse it while
layers/deps/requirements.txt is unchanged.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from interview_core.function_catalog import HTTP_FUNCTIONS, QUEUE_FUNCTIONS
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from infra_cdk.constants import FUNCTIONS_DIR, REPO_ROOT
from infra_cdk.lambda_layers import layer_builder

LAMBDA_LIMIT_BYTES = 250 * 1024 * 1024  # function + layers, unzipped


def _locked() -> dict[str, str]:
    text = (REPO_ROOT / "layers" / "deps" / "requirements.txt").read_text()
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([\w.-]+)==(\S+)", text, re.M)
    }


def test_the_lock_pins_every_runtime_dependency_with_a_hash():
    build = layer_builder()
    locked = _locked()
    text = (REPO_ROOT / "layers" / "deps" / "requirements.txt").read_text()
    assert text.count("--hash=sha256:") == len(locked)
    with (REPO_ROOT / "pyproject.toml").open("rb") as f:
        declared = [Requirement(r) for r in tomllib.load(f)["project"]["dependencies"]]
    for requirement in declared:
        name = canonicalize_name(requirement.name)
        if name in build.RUNTIME_PROVIDED:
            assert name not in locked, f"{name} comes with the Lambda runtime"
            continue
        assert name in locked, f"{name} is not in the lock: run `python layers/build.py lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (name, locked[name])


def test_the_core_layer_is_the_package_and_rebuilt_only_when_its_sources_change():
    build = layer_builder()
    first = build._tree_digest(build.build_core() / "python")
    package = build.CORE_DIR / "python" / "interview_core"
    for needed in ("aws_runtime.py", "function_catalog.py", "db/seed/question_bank.json"):
        assert (package / needed).is_file(), needed
    assert list((package / "db" / "migrations").glob("*.sql"))
    assert list(package.glob("__pycache__/*.cpython-312.pyc"))  # /opt is read-only in Lambda
    # unchanged sources: the same bytes, so the same asset hash and no new layer version
    assert first == build._tree_digest(build.build_core() / "python")


@pytest.fixture(scope="session")
def built_layers() -> tuple[Path, Path]:
    build = layer_builder()
    try:
        return build.build_deps(), build.build_core()
    except subprocess.CalledProcessError as error:  # no package index: say so, do not hide it
        pytest.fail(f"pip could not build the dependency layer: {error}")


def test_the_dependency_layer_holds_linux_x86_64_cp312_wheels_and_no_boto3(built_layers):
    deps, core = built_layers
    site = deps / "python"
    assert list(site.glob("pydantic_core/_pydantic_core.cpython-312-x86_64-linux-gnu.so"))
    assert list(site.glob("psycopg_binary/*.so")) or list(site.glob("psycopg_binary/**/*.so"))
    assert not (site / "boto3").exists() and not (site / "botocore").exists()
    assert not (site / "bin").exists()
    total = sum(
        p.stat().st_size for folder in (deps, core) for p in folder.rglob("*") if p.is_file()
    )
    assert total < LAMBDA_LIMIT_BYTES / 2


def test_every_function_imports_from_its_folder_and_the_layers_alone(built_layers, tmp_path):
    """What a cold start does: no project venv, only the function, /opt/python and the runtime."""
    deps, core = built_layers
    # The Lambda runtime's own boto3 (not in the layer), taken from this venv
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    import boto3  # noqa: E401
    import botocore
    import s3transfer

    for module in (boto3, botocore, s3transfer):
        (runtime / module.__name__).symlink_to(Path(module.__file__).parent)
    names = [f.name for f in HTTP_FUNCTIONS] + [f.name for f in QUEUE_FUNCTIONS] + ["migrate"]
    script = (
        """
import importlib.util, json, sys, time
result = {}
for name in json.loads(sys.argv[1]):
    started = time.perf_counter()
    spec = importlib.util.spec_from_file_location(f"fn_{name}", f"%s/{name}/handler.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(module.handler), name
    result[name] = round((time.perf_counter() - started) * 1000)
print(json.dumps(result))
"""
        % FUNCTIONS_DIR
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join(str(p) for p in (deps / "python", core / "python", runtime)),
        # What the function's settings need at import time; no AWS call happens on import.
        "DATABASE_URL": "postgresql://nobody@localhost/none",
        "SECRET_KEY": "a-secret-key-only-for-this-import-test",
        "ENVIRONMENT": "test",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    # -S: no site-packages, so nothing from the project venv can leak in
    done = subprocess.run(
        [sys.executable, "-S", "-c", script, json.dumps(names)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    imported = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(imported) == set(names)
