"""Alarms, all to one SNS topic per stage: messages in a dead-letter queue, jobs waiting too
long, API 5xx, function errors, and the database running short of CPU, connections or disk."""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Duration
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_rds as rds
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct
from interview_core.function_catalog import HTTP_FUNCTIONS

from infra_cdk.async_jobs import JobQueues
from infra_cdk.service_function import ServiceFunction
from infra_cdk.stages import StageConfig

http_function_names = frozenset(f.name for f in HTTP_FUNCTIONS)
GTE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
NOT_BREACHING = cloudwatch.TreatMissingData.NOT_BREACHING


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: StageConfig,
        rest_api: apigw.RestApi,
        functions: Mapping[str, ServiceFunction],
        queues: JobQueues,
        database: rds.DatabaseInstance | None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(
            self, "Alarms", display_name=f"interview {stage.name} alarms", enforce_ssl=True
        )
        if stage.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(stage.alarm_email))
        action = cw_actions.SnsAction(self.topic)
        self.alarms: list[cloudwatch.Alarm] = []

        def alarm(
            construct_id: str,
            metric: cloudwatch.IMetric,
            threshold: float,
            description: str,
            periods: int = 1,
            comparison: cloudwatch.ComparisonOperator = GTE,
        ) -> None:
            created = cloudwatch.Alarm(
                self,
                construct_id,
                metric=metric,
                threshold=threshold,
                evaluation_periods=periods,
                comparison_operator=comparison,
                treat_missing_data=NOT_BREACHING,
                alarm_description=f"interview {stage.name}: {description}",
            )
            created.add_alarm_action(action)
            self.alarms.append(created)

        minute, five = Duration.minutes(1), Duration.minutes(5)
        for kind, dlq in queues.dead_letter_queues.items():
            alarm(
                f"{kind}DeadLetters",
                dlq.metric_approximate_number_of_messages_visible(
                    period=minute, statistic="Maximum"
                ),
                1,
                f"a {kind} job failed on every delivery and waits in the dead-letter queue; "
                "fix the cause, then redrive it (docs/infra.md)",
            )
        for kind, queue in queues.queues.items():
            alarm(
                f"{kind}Backlog",
                queue.metric_approximate_age_of_oldest_message(period=five, statistic="Maximum"),
                900,
                f"the oldest {kind} job has waited over 15 minutes",
                periods=3,
            )
        alarm(
            "Api5xx",
            rest_api.metric_server_error(period=five, statistic="Sum"),
            1,
            "the API answered 5xx",
        )
        # A template holds at most 500 resources (these are in the nested stack Alarms), and one
        # alarm per HTTP function would take 50: the HTTP functions are alarmed in groups of ten
        # (the most metrics one alarm's math may read); queue consumers and scheduled functions
        # keep their own alarm.
        http = [name for name in sorted(functions) if name in http_function_names]
        for name in sorted(set(functions) - set(http)):
            alarm(
                f"{name}Errors",
                functions[name].function.metric_errors(period=five, statistic="Sum"),
                1,
                f"the {name} function failed (an error or a timeout)",
            )
        for start in range(0, len(http), 10):
            group = http[start : start + 10]
            alarm(
                f"HttpErrors{start // 10 + 1}",
                cloudwatch.MathExpression(
                    expression=" + ".join(f"m{i}" for i in range(len(group))),
                    using_metrics={
                        f"m{i}": functions[name].function.metric_errors(
                            period=five, statistic="Sum"
                        )
                        for i, name in enumerate(group)
                    },
                    period=five,
                ),
                1,
                f"one of these functions failed (an error or a timeout): {', '.join(group)}",
            )
        if database is not None:
            alarm(
                "DatabaseCpu",
                database.metric_cpu_utilization(period=five, statistic="Average"),
                80,
                "database CPU above 80% for 15 minutes",
                periods=3,
            )
            # The proxy opens at most proxy_max_connections_percent of max_connections: past
            # 80 % of it, requests start waiting for one (docs/capacity.md).
            alarm(
                "DatabaseConnections",
                database.metric_database_connections(period=five, statistic="Maximum"),
                int(stage.proxy_connections * 0.8),
                f"over 80% of the {stage.proxy_connections} database connections the proxy may "
                "open, for 15 minutes",
                periods=3,
            )
            alarm(
                "DatabaseStorage",
                database.metric_free_storage_space(period=five, statistic="Minimum"),
                2 * 1024**3,
                "under 2 GiB of database storage left",
                comparison=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
            )
