"""One platform Lambda: the code of functions/<name>/, the two layers, its own role with only
its own grants, its own log group, and the runtime configuration of its stage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra_cdk.constants import FUNCTIONS_DIR, HANDLER
from infra_cdk.lambda_layers import ARCHITECTURE, RUNTIME
from infra_cdk.network_data import DatabaseAccess, retention_days
from infra_cdk.runtime_config import RuntimeConfig
from infra_cdk.stages import StageConfig

# What Lambda needs to attach a function to a VPC. These EC2 actions take no resource ARN.
VPC_ENI_ACTIONS = (
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
)


class ServiceFunction(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        name: str,
        stage: StageConfig,
        layers: list[lambda_.ILayerVersion],
        environment: Mapping[str, str],
        memory_mb: int,
        timeout_s: int,
        description: str,
        vpc: ec2.IVpc | None = None,
        security_group: ec2.ISecurityGroup | None = None,
        reserved_concurrency: int | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        code_dir = FUNCTIONS_DIR / name
        if not (code_dir / "handler.py").is_file():
            raise FileNotFoundError(f"{code_dir}/handler.py is missing for function {name!r}")
        self.name = name
        self.log_group = logs.LogGroup(
            self,
            "Logs",
            retention=retention_days(stage.log_retention_days),
            removal_policy=RemovalPolicy.DESTROY,
        )
        # Its own role, not the AWS managed basic/VPC policies (those allow logs:* on every
        # log group): writing to its own log group is all it starts with.
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"interview {stage.name}: the {name} function",
        )
        self.log_group.grant_write(self.role)
        if vpc is not None:
            self.role.add_to_principal_policy(
                iam.PolicyStatement(actions=list(VPC_ENI_ACTIONS), resources=["*"])
            )
        self.function = lambda_.Function(
            self,
            "Function",
            code=lambda_.Code.from_asset(str(code_dir), exclude=["__pycache__", "*.pyc"]),
            handler=HANDLER,
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            layers=layers,
            role=self.role,
            log_group=self.log_group,
            memory_size=memory_mb,
            timeout=Duration.seconds(timeout_s),
            environment=dict(environment),
            description=description,
            tracing=lambda_.Tracing.ACTIVE if stage.tracing else lambda_.Tracing.DISABLED,
            vpc=vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS)
            if vpc
            else None,
            security_groups=[security_group] if security_group is not None else None,
            reserved_concurrent_executions=reserved_concurrency,
        )
        # The ENI permissions must exist before Lambda creates the function in the VPC.
        if vpc is not None and self.role.node.try_find_child("DefaultPolicy") is not None:
            self.function.node.add_dependency(self.role.node.find_child("DefaultPolicy"))


def platform_function(
    scope: Construct,
    *,
    name: str,
    stage: StageConfig,
    layers: list[lambda_.ILayerVersion],
    runtime: RuntimeConfig,
    database: DatabaseAccess,
    memory_mb: int,
    timeout_s: int,
    description: str,
    send_to: Iterable[sqs.IQueue] = (),
    reserved_concurrency: int | None = None,
) -> ServiceFunction:
    """A function of the platform: its stage's runtime environment and the secrets it names, in
    the app's network, allowed to send to `send_to` (the queues it publishes to) and no others."""
    function = ServiceFunction(
        scope,
        name,
        name=name,
        stage=stage,
        layers=layers,
        environment=runtime.environment_for(name),
        memory_mb=memory_mb,
        timeout_s=timeout_s,
        description=description,
        vpc=database.vpc,
        security_group=database.app_security_group,
        reserved_concurrency=reserved_concurrency,
    )
    runtime.grant_to(name, function.role)
    for queue in send_to:
        queue.grant_send_messages(function.role)
    return function
