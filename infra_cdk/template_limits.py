"""Each template a stage synthesizes (its stack and every nested stack of it), counted against
CloudFormation's limits, with a margin on resources: a template over RESOURCE_LIMIT is refused
at synth, long before CloudFormation would refuse the deploy at 500."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from aws_cdk import NestedStack, Stack

# CloudFormation: per template, at most 500 resources, 200 outputs and 200 parameters.
CLOUDFORMATION_RESOURCE_LIMIT = 500
OUTPUT_LIMIT = 200
PARAMETER_LIMIT = 200
# Ours: the room kept below CloudFormation's for what a change adds before anyone looks.
RESOURCE_LIMIT = 450


@dataclass(frozen=True)
class TemplateCount:
    name: str  # the stack's construct path: Interview-dev, Interview-dev/Functions/Http1
    path: Path
    resources: int
    functions: int
    outputs: int
    parameters: int

    @property
    def headroom(self) -> int:
        """Resources left before RESOURCE_LIMIT."""
        return RESOURCE_LIMIT - self.resources

    def problems(self) -> list[str]:
        found = []
        if self.resources > RESOURCE_LIMIT:
            found.append(
                f"{self.name}: {self.resources} resources, over the limit of {RESOURCE_LIMIT} "
                f"(CloudFormation's is {CLOUDFORMATION_RESOURCE_LIMIT}); move resources to a "
                "nested stack (infra_cdk/function_stacks.py, docs/decisions.md)"
            )
        if self.outputs > OUTPUT_LIMIT:
            found.append(
                f"{self.name}: {self.outputs} outputs, over CloudFormation's {OUTPUT_LIMIT}"
            )
        if self.parameters > PARAMETER_LIMIT:
            found.append(
                f"{self.name}: {self.parameters} parameters, over CloudFormation's "
                f"{PARAMETER_LIMIT}"
            )
        return found

    def describe(self) -> str:
        return (
            f"{self.name}: {self.resources} resources ({self.headroom} below the limit of "
            f"{RESOURCE_LIMIT}), {self.functions} functions, {self.outputs} outputs, "
            f"{self.parameters} parameters"
        )


def nested_stacks(stack: Stack) -> list[NestedStack]:
    """Every nested stack under `stack` (at any depth), in construct order."""
    return [cast(NestedStack, c) for c in stack.node.find_all() if NestedStack.is_nested_stack(c)]


def template_files(stack: Stack, outdir: Path) -> dict[str, Path]:
    """Construct path -> synthesized template, the stack's first, after `app.synth()`; the
    nested ones by path, so Http1 comes before Http2."""
    nested = sorted(nested_stacks(stack), key=lambda s: s.node.path)
    return {s.node.path: outdir / s.template_file for s in [stack, *nested]}


def count(name: str, path: Path) -> TemplateCount:
    template: dict[str, Any] = json.loads(path.read_text())
    resources = template.get("Resources", {})
    return TemplateCount(
        name=name,
        path=path,
        resources=len(resources),
        functions=sum(1 for r in resources.values() if r["Type"] == "AWS::Lambda::Function"),
        outputs=len(template.get("Outputs", {})),
        parameters=len(template.get("Parameters", {})),
    )


def count_templates(stack: Stack, outdir: Path) -> list[TemplateCount]:
    return [count(name, path) for name, path in template_files(stack, outdir).items()]


def over_limits(counts: list[TemplateCount]) -> list[str]:
    """What is wrong with each template over a limit (nothing: all fit)."""
    return [problem for c in counts for problem in c.problems()]


def check_templates(stacks: list[Stack], outdir: Path) -> list[TemplateCount]:
    """The counts of every template of `stacks`; SystemExit naming each one over a limit."""
    counts = [c for stack in stacks for c in count_templates(stack, outdir)]
    if problems := over_limits(counts):
        raise SystemExit("templates over a limit:\n  " + "\n  ".join(problems))
    return counts
