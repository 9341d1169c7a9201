"""The async path: one SQS queue per job kind with its dead-letter queue, and the consumer
functions of `QUEUE_FUNCTIONS` fed by them with partial batch responses."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda_event_sources as event_sources
from aws_cdk import aws_sqs as sqs
from constructs import Construct
from interview_core.function_catalog import QUEUE_FUNCTIONS

from infra_cdk.constants import (
    COMPREHEND_JOB_KINDS,
    CONSUMER_SIZING,
    VISIBILITY_TIMEOUT_FACTOR,
    ConsumerSizing,
)
from infra_cdk.lambda_layers import LambdaLayers
from infra_cdk.network_data import DatabaseAccess
from infra_cdk.runtime_config import RuntimeConfig
from infra_cdk.service_function import ServiceFunction, platform_function
from infra_cdk.stages import StageConfig

# The consumers of COMPREHEND_JOB_KINDS (infra_cdk.constants). With SENTIMENT_PROVIDER=comprehend
# (their environment on dev and prod) they call Amazon Comprehend, whose detection APIs take no
# resource: "*" is the only resource IAM accepts for them.
COMPREHEND_ACTIONS = ("comprehend:DetectSentiment", "comprehend:BatchDetectSentiment")


def visibility_timeout_s(sizing: ConsumerSizing) -> int:
    # AWS: at least six times the function timeout, plus the batching window.
    return VISIBILITY_TIMEOUT_FACTOR * sizing.timeout_s + sizing.batching_window_s


class JobQueues(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: StageConfig) -> None:
        super().__init__(scope, construct_id)
        removal = RemovalPolicy.RETAIN if stage.protect_data else RemovalPolicy.DESTROY
        self.queues: dict[str, sqs.Queue] = {}
        self.dead_letter_queues: dict[str, sqs.Queue] = {}
        for function in QUEUE_FUNCTIONS:
            kind = function.job_kind
            sizing = CONSUMER_SIZING[kind]
            title = kind.capitalize()
            dlq = sqs.Queue(
                self,
                f"{title}DeadLetter",
                retention_period=Duration.days(14),
                encryption=sqs.QueueEncryption.SQS_MANAGED,
                enforce_ssl=True,
                removal_policy=removal,
            )
            self.dead_letter_queues[kind] = dlq
            self.queues[kind] = sqs.Queue(
                self,
                title,
                visibility_timeout=Duration.seconds(visibility_timeout_s(sizing)),
                retention_period=Duration.days(4),
                encryption=sqs.QueueEncryption.SQS_MANAGED,
                enforce_ssl=True,
                dead_letter_queue=sqs.DeadLetterQueue(
                    queue=dlq, max_receive_count=sizing.max_receive_count
                ),
                removal_policy=removal,
            )

    @property
    def urls(self) -> dict[str, str]:
        return {kind: queue.queue_url for kind, queue in self.queues.items()}


class QueueConsumers(Construct):
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
        for function in QUEUE_FUNCTIONS:
            sizing = CONSUMER_SIZING[function.job_kind]
            max_concurrency = stage.consumer_max_concurrency.of(function.job_kind)
            environment = runtime.environment_for(function.name)
            consumer = platform_function(
                self,
                name=function.name,
                stage=stage,
                layers=layers.for_function(function.name),
                runtime=runtime,
                database=database,
                memory_mb=sizing.memory_mb,
                timeout_s=sizing.timeout_s,
                description=f"interview {stage.name}: consumes {function.job_kind} jobs",
                # Equal to the mapping's maximum: AWS throttles a consumer whose reservation is
                # below it.
                reserved_concurrency=max_concurrency
                if stage.reserve_consumer_concurrency
                else None,
            )
            if (
                function.job_kind in COMPREHEND_JOB_KINDS
                and environment.get("SENTIMENT_PROVIDER") == "comprehend"
            ):
                consumer.role.add_to_principal_policy(
                    iam.PolicyStatement(actions=list(COMPREHEND_ACTIONS), resources=["*"])
                )
            # Grants receive/delete/change-visibility on this queue only.
            consumer.function.add_event_source(
                event_sources.SqsEventSource(
                    queues.queues[function.job_kind],
                    batch_size=sizing.batch_size,
                    max_batching_window=Duration.seconds(sizing.batching_window_s)
                    if sizing.batching_window_s
                    else None,
                    report_batch_item_failures=True,
                    # Consumers scale until the database runs out of connections otherwise
                    # (and call Comprehend, the LLM or SES as fast): docs/capacity.md.
                    max_concurrency=max_concurrency,
                )
            )
            self.functions[function.name] = consumer
