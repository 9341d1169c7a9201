"""Network and data: VPC, RDS PostgreSQL 16 (pgvector), RDS Proxy, the two credentials secrets.

Functions reach the database through the proxy (pooled connections, TLS required) from the
`app clients` security group; the migration Lambda connects to the instance itself from its own
group (long DDL, advisory locks and CREATE EXTENSION are better off not pinned in a proxy).
Two logins, each with its own generated secret, both attached to the instance and to the proxy:
the master user (`interview_admin`, owns the schema; the migrate function only) and the
application's role (`interview_app`, made and granted by the migrate function with
`interview_core.db.app_role`; every other function). So no function that serves a request can
alter the schema or the audit trail's triggers, nor update or delete the trail.
The `local` stage has none of this: `ExternalDatabase` stores the connection details of the
PostgreSQL it points at in a secret of the same shape (and of the application's role in a second
one when the LocalStack run gives it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from aws_cdk import Duration, RemovalPolicy, SecretValue
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_logs as logs
from aws_cdk import aws_rds as rds
from aws_cdk import aws_secretsmanager as secretsmanager
from constructs import Construct

from infra_cdk.constants import (
    DATABASE_APP_USER,
    DATABASE_NAME,
    DATABASE_PASSWORD_EXCLUDE,
    DATABASE_PORT,
    DATABASE_USER,
)
from infra_cdk.stages import ExternalDatabase, StageConfig

VPC_CIDR = "10.40.0.0/16"


@dataclass(frozen=True)
class DatabaseAccess:
    """What a function needs to reach the database: the secrets, a host, and (in AWS) a network."""

    # The master user's credentials: the migrate function's DATABASE_SECRET_ARN.
    secret: secretsmanager.ISecret
    # The application role's: every other function's DATABASE_SECRET_ARN (and the migrate
    # function's APP_DATABASE_SECRET_ARN, to set its password). The master's when the stage has
    # one login only (`local` without local_app_database_url).
    app_secret: secretsmanager.ISecret
    # DATABASE_HOST of the API and consumer functions (the proxy); None: the secret's host.
    app_host: str | None
    # DATABASE_HOST of the migration function (the instance); None: the secret's host.
    migration_host: str | None
    vpc: ec2.IVpc | None = None
    app_security_group: ec2.ISecurityGroup | None = None
    migration_security_group: ec2.ISecurityGroup | None = None

    @property
    def subnets(self) -> ec2.SubnetSelection | None:
        if self.vpc is None:
            return None
        return ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS)


class NetworkAndDatabase(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: StageConfig) -> None:
        super().__init__(scope, construct_id)
        removal = RemovalPolicy.SNAPSHOT if stage.protect_data else RemovalPolicy.DESTROY

        nat_provider = (
            ec2.NatProvider.gateway()
            if stage.nat == "gateway"
            else ec2.NatProvider.instance_v2(
                # ~4 USD a month instead of a NAT gateway's ~33 plus data: enough for dev.
                instance_type=ec2.InstanceType("t4g.nano"),
                machine_image=ec2.MachineImage.latest_amazon_linux2023(
                    cpu_type=ec2.AmazonLinuxCpuType.ARM_64
                ),
                default_allowed_traffic=ec2.NatTrafficDirection.OUTBOUND_ONLY,
                associate_public_ip_address=True,
            )
        )
        flow_log_group = logs.LogGroup(
            self, "FlowLogs", retention=_retention(stage), removal_policy=RemovalPolicy.DESTROY
        )
        self.vpc = ec2.Vpc(
            self,
            "Vpc",
            ip_addresses=ec2.IpAddresses.cidr(VPC_CIDR),
            availability_zones=stage.availability_zones,
            nat_gateway_provider=nat_provider,
            nat_gateways=stage.nat_count,
            restrict_default_security_group=True,
            subnet_configuration=[
                ec2.SubnetConfiguration(
                    name="public", subnet_type=ec2.SubnetType.PUBLIC, cidr_mask=24
                ),
                ec2.SubnetConfiguration(
                    name="app", subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS, cidr_mask=20
                ),
                ec2.SubnetConfiguration(
                    name="data", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=24
                ),
            ],
            flow_logs={
                "Rejected": ec2.FlowLogOptions(
                    destination=ec2.FlowLogDestination.to_cloud_watch_logs(flow_log_group),
                    traffic_type=ec2.FlowLogTrafficType.REJECT,
                )
            },
        )
        if isinstance(nat_provider, ec2.NatInstanceProviderV2):
            nat_provider.connections.allow_from(
                ec2.Peer.ipv4(VPC_CIDR), ec2.Port.all_traffic(), "the VPC's egress"
            )

        self.app_clients = ec2.SecurityGroup(
            self,
            "AppClients",
            vpc=self.vpc,
            description="API and consumer functions: to the RDS Proxy",
        )
        self.migration_clients = ec2.SecurityGroup(
            self,
            "MigrationClients",
            vpc=self.vpc,
            description="The migration function: to the instance",
        )
        proxy_sg = ec2.SecurityGroup(
            self, "ProxySg", vpc=self.vpc, description="RDS Proxy", allow_all_outbound=False
        )
        db_sg = ec2.SecurityGroup(
            self, "DatabaseSg", vpc=self.vpc, description="RDS PostgreSQL", allow_all_outbound=False
        )
        postgres = ec2.Port.tcp(DATABASE_PORT)
        proxy_sg.add_ingress_rule(self.app_clients, postgres, "functions to the proxy")
        db_sg.add_ingress_rule(self.migration_clients, postgres, "migrations to the database")
        # add_proxy() below opens proxy -> database itself.

        # The credentials secrets, defined on their own; RDS fills in host, port and engine.
        self.secret = rds.DatabaseSecret(
            self,
            "DatabaseSecret",
            username=DATABASE_USER,
            dbname=DATABASE_NAME,
            exclude_characters=DATABASE_PASSWORD_EXCLUDE,
        )
        # The application's role: the migrate function creates it with this password.
        self.app_secret = rds.DatabaseSecret(
            self,
            "AppDatabaseSecret",
            username=DATABASE_APP_USER,
            dbname=DATABASE_NAME,
            exclude_characters=DATABASE_PASSWORD_EXCLUDE,
        )
        parameters = rds.ParameterGroup(
            self,
            "Parameters",
            engine=_engine(),
            description="TLS only; log slow statements",
            parameters={
                "rds.force_ssl": "1",
                "log_min_duration_statement": "1000",
                # Static: a change reaches a running instance at its next reboot.
                "max_connections": str(stage.db_max_connections),
            },
        )
        # The instance's log group made here, with its retention: `cloudwatch_logs_retention`
        # would add a LogRetention Lambda to the stack for the same result.
        instance_id = f"interview-{stage.name}"
        postgres_logs = logs.LogGroup(
            self,
            "PostgresLogs",
            log_group_name=f"/aws/rds/instance/{instance_id}/postgresql",
            retention=_retention(stage),
            removal_policy=RemovalPolicy.DESTROY,
        )
        self.instance = rds.DatabaseInstance(
            self,
            "Postgres",
            instance_identifier=instance_id,
            engine=_engine(),
            instance_type=ec2.InstanceType(stage.db_instance_type),
            credentials=rds.Credentials.from_secret(self.secret),
            database_name=DATABASE_NAME,
            port=DATABASE_PORT,
            vpc=self.vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
            security_groups=[db_sg],
            publicly_accessible=False,
            storage_encrypted=True,
            storage_type=rds.StorageType.GP3,
            allocated_storage=stage.db_allocated_storage_gb,
            max_allocated_storage=stage.db_max_allocated_storage_gb,
            multi_az=stage.db_multi_az,
            backup_retention=Duration.days(stage.db_backup_retention_days),
            preferred_backup_window="17:00-18:00",  # 02:00-03:00 KST
            preferred_maintenance_window="sun:18:30-sun:19:30",
            deletion_protection=stage.protect_data,
            removal_policy=removal,
            delete_automated_backups=not stage.protect_data,
            auto_minor_version_upgrade=True,
            parameter_group=parameters,
            cloudwatch_logs_exports=["postgresql"],
            enable_performance_insights=True,
            performance_insight_retention=rds.PerformanceInsightRetention.DEFAULT,
            monitoring_interval=Duration.seconds(60) if stage.protect_data else None,
            copy_tags_to_snapshot=True,
        )
        self.instance.node.add_dependency(postgres_logs)
        # Host, port and engine in the application's secret too (the master's gets them through
        # Credentials.from_secret).
        self.app_secret.attach(self.instance)
        self.proxy = self.instance.add_proxy(
            "Proxy",
            # The proxy logs in with the secret of the user a client names: both may connect.
            secrets=[self.secret, self.app_secret],
            vpc=self.vpc,
            vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS),
            security_groups=[proxy_sg],
            require_tls=True,
            iam_auth=False,
            debug_logging=False,
            # Leave room for the migration function and an operator's session.
            max_connections_percent=stage.proxy_max_connections_percent,
            idle_client_timeout=Duration.minutes(15),
            borrow_timeout=Duration.seconds(stage.proxy_borrow_timeout_s),
        )

    @property
    def access(self) -> DatabaseAccess:
        return DatabaseAccess(
            secret=self.secret,
            app_secret=self.app_secret,
            app_host=self.proxy.endpoint,
            migration_host=self.instance.db_instance_endpoint_address,
            vpc=self.vpc,
            app_security_group=self.app_clients,
            migration_security_group=self.migration_clients,
        )


class ExternalDatabaseSecret(Construct):
    """`local` stage: the connection details of an outside PostgreSQL, in a secret of the RDS
    secret's shape, so functions resolve it the same way; and those of the application's role in
    a second one when `local_app_database_url` names it (the LocalStack run makes that role with
    `interview_core.db.app_role`, as the migrate function does in AWS). Not for real
    credentials: the values are in the template."""

    def __init__(self, scope: Construct, construct_id: str, *, stage: StageConfig) -> None:
        super().__init__(scope, construct_id)
        db = stage.external_database
        if db is None:
            raise ValueError(f"stage {stage.name} has neither RDS nor an external database")
        self.secret = self._secret("DatabaseSecret", db, "the local stage's external PostgreSQL")
        self.app_secret = (
            self._secret(
                "AppDatabaseSecret",
                stage.external_app_database,
                "the application's role on the local stage's external PostgreSQL",
            )
            if stage.external_app_database is not None
            else self.secret
        )

    def _secret(self, construct_id: str, db: ExternalDatabase, what: str) -> secretsmanager.Secret:
        value = {
            "username": db.username,
            "password": db.password,
            "host": db.host,
            "port": db.port,
            "dbname": db.dbname,
            "engine": "postgres",
            "sslmode": "disable",
        }
        return secretsmanager.Secret(
            self,
            construct_id,
            description=f"Connection details of {what}",
            secret_string_value=SecretValue.unsafe_plain_text(json.dumps(value)),
            removal_policy=RemovalPolicy.DESTROY,
        )

    @property
    def access(self) -> DatabaseAccess:
        return DatabaseAccess(
            secret=self.secret, app_secret=self.app_secret, app_host=None, migration_host=None
        )


def _engine() -> rds.IInstanceEngine:
    return rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16)


def _retention(stage: StageConfig) -> logs.RetentionDays:
    return retention_days(stage.log_retention_days)


def retention_days(days: int) -> logs.RetentionDays:
    by_days = {
        1: logs.RetentionDays.ONE_DAY,
        3: logs.RetentionDays.THREE_DAYS,
        7: logs.RetentionDays.ONE_WEEK,
        14: logs.RetentionDays.TWO_WEEKS,
        30: logs.RetentionDays.ONE_MONTH,
        90: logs.RetentionDays.THREE_MONTHS,
        365: logs.RetentionDays.ONE_YEAR,
    }
    return by_days[days]
