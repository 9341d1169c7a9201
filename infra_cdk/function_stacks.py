"""Where the platform's Lambda functions live: nested stacks of the stage's stack.

CloudFormation takes at most 500 resources per template, and every function costs four (the
function, its role, the role's policy, its log group). So the stage's stack keeps what the
functions share and what reaches them (the network, the database, the secrets, the layers, the
queues, the API with its resources, methods and invoke permissions, the alarms, the migration
Trigger), and the functions are in nested stacks (`AWS::CloudFormation::Stack`, deployed with
the parent as one unit):

    Functions/Http1 .. Http<HTTP_FUNCTION_STACKS>   the HTTP functions of the catalog
    Functions/Workers                               the queue consumers and scheduled functions

An HTTP function's stack is chosen by a stable hash of its name (`http_group`), not by its place
in the catalog: adding, removing or reordering routes never moves another function to another
stack (a move replaces the function and deletes its log group). The `migrate` function stays in
the parent with its Trigger. See docs/decisions.md ("The stack split into nested stacks").
"""

from __future__ import annotations

import zlib

from aws_cdk import NestedStack
from constructs import Construct

from infra_cdk.stages import StageConfig

# Fixed: changing it moves most HTTP functions to another stack once (each replaced). Four hold
# far more than the platform plans (each ~100 functions before a limit, CloudFormation's 200
# outputs per template: two a function).
HTTP_FUNCTION_STACKS = 4
WORKERS_STACK = "Workers"


def http_group(name: str) -> int:
    """The nested stack (1..HTTP_FUNCTION_STACKS) of the HTTP function `name`: CRC-32, so the
    same on every machine and Python (unlike `hash`)."""
    return zlib.crc32(name.encode()) % HTTP_FUNCTION_STACKS + 1


def http_stack_id(name: str) -> str:
    return f"Http{http_group(name)}"


class FunctionStacks(Construct):
    """The nested stacks, made on first use (a group without a function has no stack)."""

    def __init__(self, scope: Construct, construct_id: str, *, stage: StageConfig) -> None:
        super().__init__(scope, construct_id)
        self._stage = stage
        self.stacks: dict[str, NestedStack] = {}

    def _nested(self, stack_id: str, what: str) -> NestedStack:
        if stack_id not in self.stacks:
            self.stacks[stack_id] = NestedStack(
                self,
                stack_id,
                description=f"AI interview platform, {self._stage.name} stage: {what}",
            )
        return self.stacks[stack_id]

    def for_http(self, name: str) -> NestedStack:
        """The stack the HTTP function `name` goes in."""
        group = http_group(name)
        return self._nested(
            http_stack_id(name), f"HTTP functions, group {group} of {HTTP_FUNCTION_STACKS}"
        )

    @property
    def workers(self) -> NestedStack:
        return self._nested(WORKERS_STACK, "queue consumers and scheduled functions")
