"""One stack per stage, composing one construct per concern, with its Lambda functions in
nested stacks of it (infra_cdk/function_stacks.py). Nothing else happens here."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import CfnOutput, Environment, NestedStack, Stack
from constructs import Construct

from infra_cdk.api import Api
from infra_cdk.app_secrets import AppSecrets
from infra_cdk.async_jobs import JobQueues, QueueConsumers
from infra_cdk.constants import MIGRATE_FUNCTION, STACK_PREFIX
from infra_cdk.firewall import ApiFirewall
from infra_cdk.frontend import FrontendHosting
from infra_cdk.function_stacks import FunctionStacks
from infra_cdk.lambda_layers import LambdaLayers
from infra_cdk.mail import Mail
from infra_cdk.migrations import Migrations
from infra_cdk.monitoring import Monitoring
from infra_cdk.network_data import ExternalDatabaseSecret, NetworkAndDatabase
from infra_cdk.runtime_config import RuntimeConfig
from infra_cdk.schedules import ScheduledFunctions
from infra_cdk.service_function import ServiceFunction
from infra_cdk.stages import StageConfig


def stack_name(stage: StageConfig) -> str:
    return f"{STACK_PREFIX}-{stage.name}"


class InterviewStack(Stack):
    def __init__(
        self,
        scope: Construct,
        *,
        stage: StageConfig,
        deps_layer_dir: Path | None = None,
        embeddings_layer_dir: Path | None = None,
    ) -> None:
        super().__init__(
            scope,
            stack_name(stage),
            stack_name=stack_name(stage),
            env=Environment(account=stage.account, region=stage.region),
            description=f"AI interview platform, {stage.name} stage",
            termination_protection=stage.protect_data,
            # Stack tags: CloudFormation puts them on every resource that takes tags.
            tags={"project": "interview-platform", "stage": stage.name},
        )
        self.stage = stage
        self.nag_acknowledgments: list = []  # filled by infra_cdk.nag when cdk-nag runs

        if stage.is_aws:
            self.data: NetworkAndDatabase | None = NetworkAndDatabase(self, "Data", stage=stage)
            database = self.data.access
        else:
            self.data = None
            database = ExternalDatabaseSecret(self, "Data", stage=stage).access
        self.database = database
        self.secrets = AppSecrets(self, "Secrets", stage=stage)
        self.layers = LambdaLayers(
            self,
            "Layers",
            stage=stage,
            deps_layer_dir=deps_layer_dir,
            embeddings_layer_dir=embeddings_layer_dir,
        )
        layers = self.layers.shared
        self.queues = JobQueues(self, "Jobs", stage=stage)
        self.frontend = (
            FrontendHosting(self, "Web", stage=stage) if stage.frontend_hosting else None
        )

        self.mail = Mail(self, "Mail", stage=stage)

        allowed_origins = list(stage.allowed_origins)
        if self.frontend is not None:
            allowed_origins.append(self.frontend.url)
        # The links in e-mails open the web app: its CloudFront URL unless the stage names one.
        web_base_url = stage.web_base_url or (self.frontend.url if self.frontend else None)
        assert web_base_url is not None  # load_stage refuses a stage with neither
        self.web_base_url = web_base_url
        runtime = RuntimeConfig(
            stage=stage,
            database=database,
            secrets=self.secrets,
            queue_urls=self.queues.urls,
            allowed_origins=allowed_origins,
            model_functions=self.layers.model_functions,
            mail=self.mail,
            web_base_url=web_base_url,
        )
        self.allowed_origins = allowed_origins
        # The functions' nested stacks: a template each, under CloudFormation's 500 resources.
        self.function_stacks = FunctionStacks(self, "Functions", stage=stage)
        self.api = Api(
            self,
            "Api",
            stage=stage,
            layers=layers,
            runtime=runtime,
            database=database,
            queues=self.queues,
            function_scope=self.function_stacks.for_http,
        )
        # A per-address rate limit on /token and /register (WAFv2: not in LocalStack community).
        self.firewall = (
            ApiFirewall(
                self,
                "Firewall",
                stage=stage,
                rest_api=self.api.rest_api,
                allowed_origins=self.allowed_origins,
            )
            if stage.is_aws
            else None
        )
        self.consumers = QueueConsumers(
            self.function_stacks.workers,
            "Consumers",
            stage=stage,
            layers=self.layers,
            runtime=runtime,
            database=database,
            queues=self.queues,
        )
        self.scheduled = ScheduledFunctions(
            self.function_stacks.workers,
            "Scheduled",
            stage=stage,
            layers=self.layers,
            runtime=runtime,
            database=database,
            queues=self.queues,
        )
        self.functions: dict[str, ServiceFunction] = {
            **self.api.functions,
            **self.consumers.functions,
            **self.scheduled.functions,
        }

        self.migrations: Migrations | None = None
        if stage.run_migrations:
            # With the embedding model: it embeds the bank after migrating.
            self.migrations = Migrations(
                self,
                "Migrations",
                stage=stage,
                layers=self.layers.for_function(MIGRATE_FUNCTION),
                database=database,
            )
            # The API, and every nested stack of functions (each waits as a whole).
            self.migrations.run_before(self.api, *self.function_stacks.stacks.values())
            if self.data is not None:
                # The instance, the proxy and the security group rules exist before it connects.
                self.migrations.run_after(self.data)
            self.functions[self.migrations.function.name] = self.migrations.function

        if self.frontend is not None:
            self.frontend.deploy(api_url=self.api.url)
            self.frontend.connect_to(self.api.rest_api)

        # The alarms in a nested stack of their own too: they grow with the functions.
        self.alarm_stack = NestedStack(
            self, "Alarms", description=f"AI interview platform, {stage.name} stage: alarms"
        )
        self.monitoring = Monitoring(
            self.alarm_stack,
            "Monitoring",
            stage=stage,
            rest_api=self.api.rest_api,
            functions=self.functions,
            queues=self.queues,
            database=self.data.instance if self.data else None,
        )

        CfnOutput(self, "ApiUrl", value=self.api.url)
        if self.frontend is not None:
            CfnOutput(self, "WebUrl", value=self.frontend.url)
        CfnOutput(self, "SecretKeySecretArn", value=self.secrets.secret_key.secret_arn)
        for name, secret in self.secrets.optional.items():
            CfnOutput(self, f"{name.title().replace('_', '')}SecretArn", value=secret.secret_arn)
        CfnOutput(self, "DatabaseSecretArn", value=database.secret.secret_arn)
        if database.app_secret is not database.secret:
            CfnOutput(self, "AppDatabaseSecretArn", value=database.app_secret.secret_arn)
        CfnOutput(self, "MailFrom", value=stage.mail_from)
        if self.mail.configuration_set is not None:
            CfnOutput(
                self,
                "MailConfigurationSet",
                value=self.mail.configuration_set.configuration_set_name,
            )
        if self.mail.identity is not None and "@" not in (stage.mail_domain or ""):
            # Easy DKIM: publish these three CNAME records in the domain's DNS to verify it.
            for number, record in enumerate(self.mail.identity.dkim_records, 1):
                CfnOutput(
                    self, f"MailDkimRecord{number}", value=f"{record.name} CNAME {record.value}"
                )
        for kind, dlq in self.queues.dead_letter_queues.items():
            CfnOutput(self, f"{kind.title()}QueueUrl", value=self.queues.queues[kind].queue_url)
            CfnOutput(self, f"{kind.title()}DeadLetterQueueUrl", value=dlq.queue_url)
        CfnOutput(self, "AlarmTopicArn", value=self.monitoring.topic.topic_arn)
