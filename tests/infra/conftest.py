"""Infra tests: the CDK app synthesized ONCE per session, every stage, offline.

The dependency and embeddings layers are stand-in folders here (installing their wheels is
test_layers.py's business); the core layer is the real package. With cdk-nag installed, the synth
runs its AwsSolutions checks and fails on any finding that is not acknowledged with a reason.

A stage's functions are in nested stacks (infra_cdk/function_stacks.py): `SynthesizedStage`
shows the stage as one flat template all the same (`flatten`), so a test reads a function, its
role and the API method that invokes it as if they were in one template.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
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
    template: dict[str, Any]  # given: the stack's own; then the stage flattened (`flatten`)
    assembly_dir: Path
    _assertions: Any = field(default=None, repr=False)
    # Every template as synthesized, by its stack's construct path (the stack's first).
    templates: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.templates:
            self.template, self.templates = flatten(self.stack, self.template, self.assembly_dir)

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return self.template["Resources"]

    def of_type(self, cfn_type: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.resources.items() if v["Type"] == cfn_type}

    def logical_id(self, construct: Any) -> str:
        """The logical id of an L2 construct's main resource (or of an L1), in its own stack
        (the flat template keeps every stack's logical ids)."""
        from aws_cdk import Stack

        child = getattr(construct.node, "default_child", None) or construct
        own = Stack.of(child)
        return own.resolve(own.get_logical_id(child))

    @property
    def assertions(self):  # aws_cdk.assertions.Template, built on first use
        if self._assertions is None:
            from aws_cdk.assertions import Template

            self._assertions = Template.from_json(self.template)
        return self._assertions


def _transform(value: Any, replace: Callable[[Any], Any | None]) -> Any:
    """`value` with every node `replace` answers for (not None) replaced, depth first."""
    replaced = replace(value)
    if replaced is not None:
        return replaced
    if isinstance(value, dict):
        return {k: _transform(v, replace) for k, v in value.items()}
    if isinstance(value, list):
        return [_transform(v, replace) for v in value]
    return value


def _depends_on(resource: dict[str, Any]) -> list[str]:
    depends = resource.get("DependsOn", [])
    return [depends] if isinstance(depends, str) else list(depends)


def flatten(
    stack: Any, template: dict[str, Any], outdir: Path
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(the stage as one template, every template by its stack's path). Each nested stack's
    resources replace its `AWS::CloudFormation::Stack` resource, with its parameters
    (`{"Ref": parameter}`) given the values the parent passes, and the parent's
    `Fn::GetAtt [nested, Outputs.X]` given the nested output's value; the nested stack's own
    DependsOn goes to each of its resources. Logical ids stay those of each resource's own
    stack, which must not collide."""
    from infra_cdk.template_limits import nested_stacks

    templates = {stack.node.path: template}
    flat = copy.deepcopy(template)
    resources: dict[str, Any] = flat["Resources"]
    # Shallow first: a nested stack's resource is in the flat template when its turn comes.
    for nested in sorted(nested_stacks(stack), key=lambda s: s.node.path.count("/")):
        own = json.loads((outdir / nested.template_file).read_text())
        templates[nested.node.path] = own
        parent = nested.nested_stack_parent
        stack_id = parent.resolve(parent.get_logical_id(nested.nested_stack_resource))
        stack_resource = resources.pop(stack_id)
        assert stack_resource["Type"] == "AWS::CloudFormation::Stack", stack_id
        passed = stack_resource.get("Properties", {}).get("Parameters", {})
        declared = own.get("Parameters", {})
        assert set(passed) <= set(declared), (nested.node.path, set(passed) - set(declared))

        def parameter(node: Any, passed: dict[str, Any] = passed) -> Any | None:
            if isinstance(node, dict) and node.keys() == {"Ref"} and node["Ref"] in passed:
                return copy.deepcopy(passed[node["Ref"]])
            return None

        inherited = _depends_on(stack_resource)
        merged: list[str] = []
        for logical_id, resource in own.get("Resources", {}).items():
            assert logical_id not in resources, f"{logical_id} of {nested.node.path} collides"
            resource = _transform(resource, parameter)
            if inherited:
                resource["DependsOn"] = sorted(set(_depends_on(resource)) | set(inherited))
            resources[logical_id] = resource
            merged.append(logical_id)
        for section in ("Conditions", "Mappings"):
            for key, value in own.get(section, {}).items():
                existing = flat.setdefault(section, {}).setdefault(key, value)
                assert existing == value, f"{section}.{key} of {nested.node.path} collides"
        outputs = {
            name: _transform(output["Value"], parameter)
            for name, output in own.get("Outputs", {}).items()
        }

        def output(node: Any, stack_id: str = stack_id, outputs: dict[str, Any] = outputs) -> Any:
            if isinstance(node, dict) and node.keys() == {"Fn::GetAtt"}:
                target, attribute = node["Fn::GetAtt"]
                if target == stack_id:
                    assert attribute.startswith("Outputs."), attribute
                    return copy.deepcopy(outputs[attribute.removeprefix("Outputs.")])
            return None

        for section in ("Resources", "Outputs"):
            if section in flat:
                flat[section] = _transform(flat[section], output)
        resources = flat["Resources"]
        for resource in resources.values():
            if stack_id in _depends_on(resource):
                others = [d for d in _depends_on(resource) if d != stack_id]
                resource["DependsOn"] = sorted(set(others) | set(merged))
    return flat, templates


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
