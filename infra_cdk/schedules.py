"""The scheduled functions of `SCHEDULED_FUNCTIONS`, each run by an EventBridge rule (today: the
recovery of jobs lost between a committed row and its SQS send)."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from constructs import Construct
from interview_core.function_catalog import SCHEDULED_FUNCTIONS

from infra_cdk.async_jobs import JobQueues
from infra_cdk.constants import SCHEDULED_SIZING
from infra_cdk.lambda_layers import LambdaLayers
from infra_cdk.network_data import DatabaseAccess
from infra_cdk.runtime_config import RuntimeConfig
from infra_cdk.service_function import ServiceFunction, platform_function
from infra_cdk.stages import StageConfig


class ScheduledFunctions(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: StageConfig,
        layers: LambdaLayers,
        runtime: RuntimeConfig,
        database: DatabaseAccess,
        queues: JobQueues,
    ) -> None:
        super().__init__(scope, construct_id)
        self.functions: dict[str, ServiceFunction] = {}
        self.rules: dict[str, events.Rule] = {}
        for scheduled in SCHEDULED_FUNCTIONS:
            function = platform_function(
                self,
                name=scheduled.name,
                stage=stage,
                layers=layers.for_function(scheduled.name),
                runtime=runtime,
                database=database,
                memory_mb=SCHEDULED_SIZING.memory_mb,
                timeout_s=SCHEDULED_SIZING.timeout_s,
                description=f"interview {stage.name}: every {scheduled.every_minutes} minute"
                + ("s" if scheduled.every_minutes > 1 else ""),
                send_to=[queues.queues[kind] for kind in scheduled.publishes],
            )
            self.rules[scheduled.name] = events.Rule(
                self,
                f"{scheduled.name}Schedule",
                schedule=events.Schedule.rate(Duration.minutes(scheduled.every_minutes)),
                targets=[targets.LambdaFunction(function.function, retry_attempts=0)],
            )
            self.functions[scheduled.name] = function
