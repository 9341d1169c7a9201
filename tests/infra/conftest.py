"""Infra tests: the CDK app synthesized ONCE per session, every stage, offline.

The dependency and embeddings layers are stand-in folders here (installing their wheels is
test_layers.py's business); the core layer is the real package. With cdk-nag installed, the synth
runs its AwsSolutions checks and fails on any finding that is not acknowledged with a reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import infra_cdk  # noqa: F401  (quiets jsii's Node warnings before aws_cdk loads)

try:
    import aws_cdk  # noqa: F401
except ImportError as missing:  # say what to install instead of failing every module obscurely
    raise ImportError("tests/infra need the aws extra: pip install -e '.[aws]'") from missing
from infra_cdk.stages import STAGE_NAMES


@dataclass
class SynthesizedStage:
    name: str
    stack: Any  # infra_cdk.stack.InterviewStack
    template: dict[str, Any]
    assembly_dir: Path
    _assertions: Any = field(default=None, repr=False)

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return self.template["Resources"]

    def of_type(self, cfn_type: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.resources.items() if v["Type"] == cfn_type}

    def logical_id(self, construct: Any) -> str:
        """The logical id of an L2 construct's main resource (or of an L1)."""
        child = getattr(construct.node, "default_child", None) or construct
        return self.stack.resolve(self.stack.get_logical_id(child))

    @property
    def assertions(self):  # aws_cdk.assertions.Template, built on first use
        if self._assertions is None:
            from aws_cdk.assertions import Template

            self._assertions = Template.from_json(self.template)
        return self._assertions


@dataclass
class Synthesis:
    stages: dict[str, SynthesizedStage]
    nag_checked: bool
    outdir: Path


@pytest.fixture(scope="session")
def synthesis(tmp_path_factory: pytest.TempPathFactory) -> Synthesis:
    from infra_cdk.app import build_app

    try:
        import cdk_nag  # noqa: F401

        nag = True
    except ImportError:
        nag = False
    stand_ins = {}
    for layer in ("deps", "embeddings"):
        stand_in = tmp_path_factory.mktemp(f"{layer}-layer")
        (stand_in / "python").mkdir()
        (stand_in / "python" / "README").write_text(
            f"stand-in for the {layer} layer in infra tests\n"
        )
        stand_ins[layer] = stand_in
    outdir = tmp_path_factory.mktemp("cdk.out")
    app, stacks = build_app(
        list(STAGE_NAMES),
        outdir=str(outdir),
        deps_layer_dir=stand_ins["deps"],
        embeddings_layer_dir=stand_ins["embeddings"],
        nag=nag,
    )
    assembly = app.synth()  # raises on an unacknowledged cdk-nag finding
    stages = {}
    for name, stack in stacks.items():
        artifact = assembly.get_stack_by_name(stack.stack_name)
        template = json.loads((outdir / artifact.template_file).read_text())
        stages[name] = SynthesizedStage(
            name=name, stack=stack, template=template, assembly_dir=outdir
        )
    return Synthesis(stages=stages, nag_checked=nag, outdir=outdir)


@pytest.fixture(params=STAGE_NAMES)
def stage(request: pytest.FixtureRequest, synthesis: Synthesis) -> SynthesizedStage:
    return synthesis.stages[request.param]


@pytest.fixture(params=["dev", "prod"])
def aws_stage(request: pytest.FixtureRequest, synthesis: Synthesis) -> SynthesizedStage:
    return synthesis.stages[request.param]


def render(value: Any) -> str:
    """A CloudFormation value as text: tokens become ${Ref:X} / ${X.Attr}."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict) and len(value) == 1:
        ((fn, arg),) = value.items()
        if fn == "Ref":
            return f"${{Ref:{arg}}}"
        if fn == "Fn::GetAtt":
            return f"${{{arg[0]}.{arg[1]}}}"
        if fn == "Fn::Join":
            return arg[0].join(render(part) for part in arg[1])
        if fn == "Fn::Select":
            return f"${{Select:{arg[0]}:{render(arg[1])}}}"
        if fn == "Fn::Split":
            return f"${{Split:{arg[0]}:{render(arg[1])}}}"
    return json.dumps(value, sort_keys=True)
