"""The runtime configuration every platform function gets, and the grants that go with it.

Names are those `interview_core.settings` reads; secrets appear only as `<NAME>_SECRET_ARN`
(resolved at run time by `interview_core.aws_runtime`), never as values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aws_cdk import aws_iam as iam
from interview_core.function_catalog import QUEUE_FUNCTIONS

from infra_cdk.app_secrets import AppSecrets
from infra_cdk.constants import (
    COMPREHEND_JOB_KINDS,
    FUNCTION_QUESTION_EMBEDDINGS,
    METRICS_NAMESPACE,
    MODEL_QUESTION_EMBEDDINGS,
    OPTIONAL_SECRET_READERS,
    SERVICE_NAME,
)
from infra_cdk.mail import MAIL_SENDERS, Mail
from infra_cdk.network_data import DatabaseAccess
from infra_cdk.stages import StageConfig

# One request at a time per execution environment: a second connection only for safety.
LAMBDA_POOL_SIZE = "2"

# The functions that score sentiment: they get the stage's SENTIMENT_PROVIDER.
SENTIMENT_SCORERS = frozenset(f.name for f in QUEUE_FUNCTIONS if f.job_kind in COMPREHEND_JOB_KINDS)


@dataclass(frozen=True)
class RuntimeConfig:
    stage: StageConfig
    database: DatabaseAccess
    secrets: AppSecrets
    queue_urls: Mapping[str, str]  # job kind -> queue URL
    allowed_origins: Sequence[str]
    model_functions: frozenset[
        str
    ]  # those with the embeddings layer (LambdaLayers.model_functions)
    mail: Mail
    web_base_url: str  # the web app, for the links in e-mails (the CloudFront URL in AWS)

    def environment_for(self, function_name: str) -> dict[str, str]:
        env = {
            "ENVIRONMENT": self.stage.name,
            # The application's role, never the master user (only `migrate` logs in as that).
            "DATABASE_SECRET_ARN": self.database.app_secret.secret_arn,
            # RDS Proxy pins a connection to a client that prepares statements.
            "DATABASE_PREPARE_STATEMENTS": "false",
            "DATABASE_POOL_SIZE": LAMBDA_POOL_SIZE,
            "SECRET_KEY_SECRET_ARN": self.secrets.secret_key.secret_arn,
            "QUEUE_BACKEND": "sqs",
            # SENTIMENT_QUEUE, REPORT_QUEUE, EMBED_QUEUE, MAIL_QUEUE: one per job kind.
            **{f"{kind.upper()}_QUEUE": url for kind, url in sorted(self.queue_urls.items())},
            "ALLOWED_ORIGINS": ",".join(self.allowed_origins),
            "POWERTOOLS_SERVICE_NAME": SERVICE_NAME,
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
            "POWERTOOLS_LOG_LEVEL": "INFO",
            # Most functions have no model in their layers: they compare the vectors stored.
            "QUESTION_EMBEDDINGS": MODEL_QUESTION_EMBEDDINGS
            if function_name in self.model_functions
            else FUNCTION_QUESTION_EMBEDDINGS,
        }
        if function_name in SENTIMENT_SCORERS and self.stage.sentiment_provider != "offline":
            # (offline is the core's default: nothing to set)
            env["SENTIMENT_PROVIDER"] = self.stage.sentiment_provider
        if self.database.app_host is not None:
            env["DATABASE_HOST"] = self.database.app_host
        if not self.stage.tracing:
            env["POWERTOOLS_TRACE_DISABLED"] = "true"
        for name, readers in OPTIONAL_SECRET_READERS.items():
            if function_name in readers:
                env[f"{name}_SECRET_ARN"] = self.secrets.optional[name].secret_arn
        if function_name in MAIL_SENDERS:
            env.update(self.mail.environment())
            env["WEB_BASE_URL"] = self.web_base_url
        return env

    def grant_to(self, function_name: str, role: iam.IRole) -> None:
        """Read access to exactly the secrets `environment_for` names; SES for the senders."""
        self.database.app_secret.grant_read(role)
        self.secrets.secret_key.grant_read(role)
        for name, readers in OPTIONAL_SECRET_READERS.items():
            if function_name in readers:
                self.secrets.optional[name].grant_read(role)
        if function_name in MAIL_SENDERS:
            self.mail.grant_send(role)
