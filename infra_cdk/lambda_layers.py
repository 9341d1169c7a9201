"""The two Lambda layers, from folders built by `layers/build.py` (pip, never Docker).

The core layer is rebuilt on every synth (a copy: well under a second), so a deploy always
ships the code in the work tree. The dependency layer is built only when its folder is missing
or its lock changed (pip needs the package index then). `deps_layer_dir` (context
`deps_layer_dir`) names a ready folder instead: the infra tests pass a stand-in, so they
synthesize offline without installing wheels.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

from aws_cdk import RemovalPolicy
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from infra_cdk.constants import REPO_ROOT
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


def ensure_built(deps_layer_dir: Path | None = None) -> tuple[Path, Path]:
    """The (deps, core) layer folders, each holding python/. Builds what is missing."""
    build = layer_builder()
    if deps_layer_dir is None:
        deps_layer_dir = build.build_deps()
    elif not (deps_layer_dir / "python").is_dir():
        raise FileNotFoundError(f"{deps_layer_dir}/python is missing")
    return deps_layer_dir, build.build_core()


class LambdaLayers(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: StageConfig,
        deps_layer_dir: Path | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        deps_dir, core_dir = ensure_built(deps_layer_dir)
        common = {
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

    @property
    def all(self) -> list[lambda_.ILayerVersion]:
        return [self.deps, self.core]
