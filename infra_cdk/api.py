"""API Gateway (REST, v1) with one Lambda per route of `interview_core.function_catalog`.

The API itself (the RestApi, its resources, methods, invoke permissions, deployment and stage) is
in the stage's stack, where the deployment's logical id hashes every method; each function is in
the nested stack `function_scope` gives it (infra_cdk/function_stacks.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct
from interview_core.function_catalog import HTTP_FUNCTIONS

from infra_cdk.async_jobs import JobQueues
from infra_cdk.constants import DEFAULT_HTTP_SIZING, HTTP_SIZING
from infra_cdk.network_data import DatabaseAccess, retention_days
from infra_cdk.runtime_config import RuntimeConfig
from infra_cdk.service_function import ServiceFunction, platform_function
from infra_cdk.stages import StageConfig

# The web app's session routes: CloudFront serves them on the web app's origin (no CORS).
SAME_ORIGIN_PREFIX = "/auth/"

# The endpoints that hash a password: throttled harder than the rest of the stage.
PASSWORD_ENDPOINTS = ("register", "token")

ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId",
    "extendedRequestId": "$context.extendedRequestId",
    "ip": "$context.identity.sourceIp",
    "userAgent": "$context.identity.userAgent",
    "requestTime": "$context.requestTime",
    "httpMethod": "$context.httpMethod",
    "resourcePath": "$context.resourcePath",
    "path": "$context.path",
    "status": "$context.status",
    "protocol": "$context.protocol",
    "responseLength": "$context.responseLength",
    "responseLatency": "$context.responseLatency",
    "integrationLatency": "$context.integration.latency",
    "integrationStatus": "$context.integration.status",
    "integrationError": "$context.integration.error",
    "errorMessage": "$context.error.message",
    "xrayTraceId": "$context.xrayTraceId",
}


class Api(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: StageConfig,
        layers: list[lambda_.ILayerVersion],
        runtime: RuntimeConfig,
        database: DatabaseAccess,
        queues: JobQueues,
        function_scope: Callable[[str], Construct],
    ) -> None:
        super().__init__(scope, construct_id)
        access_logs = logs.LogGroup(
            self,
            "AccessLogs",
            retention=retention_days(stage.log_retention_days),
            removal_policy=RemovalPolicy.DESTROY,
        )
        methods = sorted({f.method for f in HTTP_FUNCTIONS} | {"OPTIONS"})
        logging_level = (
            apigw.MethodLoggingLevel.ERROR if stage.is_aws else apigw.MethodLoggingLevel.OFF
        )
        # A method's own settings replace the stage's: repeat logging and metrics there.
        throttled = {
            f"{f.path}/{f.method}": apigw.MethodDeploymentOptions(
                throttling_rate_limit=stage.auth_rate_limit,
                throttling_burst_limit=stage.auth_burst_limit,
                logging_level=logging_level,
                metrics_enabled=True,
                data_trace_enabled=False,
            )
            for f in HTTP_FUNCTIONS
            if f.name in PASSWORD_ENDPOINTS
        }
        # A preflight asks about the URL the request goes to: only a resource with a method of
        # its own gets OPTIONS (not /stt or /organizations/{organization_id}), and not the
        # session routes, which the web app calls on its own origin. (Each costs two resources
        # of the stage's stack.)
        cors: dict[str, Any] = {
            "allow_origins": list(runtime.allowed_origins),
            "allow_methods": methods,
            "allow_headers": ["Authorization", "Content-Type", "Idempotency-Key", "X-Session"],
            "allow_credentials": False,
            "max_age": Duration.hours(1),
        }
        self.rest_api = apigw.RestApi(
            self,
            "RestApi",
            rest_api_name=f"interview-{stage.name}",
            description=f"interview {stage.name}: one Lambda per endpoint",
            endpoint_types=[apigw.EndpointType.REGIONAL],
            # Recorded answers are uploaded as raw audio: pass them to the Lambda base64-encoded.
            binary_media_types=["audio/*", "video/webm", "application/octet-stream"],
            # Execution logs need the account-wide CloudWatch role; LocalStack has no use for it.
            cloud_watch_role=stage.is_aws,
            # The role is account-wide: deleting one stage's stack must not unset it.
            cloud_watch_role_removal_policy=RemovalPolicy.RETAIN if stage.is_aws else None,
            deploy_options=apigw.StageOptions(
                stage_name=stage.name,
                throttling_rate_limit=stage.api_rate_limit,
                throttling_burst_limit=stage.api_burst_limit,
                method_options=throttled,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.custom(json.dumps(ACCESS_LOG_FORMAT)),
                logging_level=logging_level,
                data_trace_enabled=False,  # would log request bodies: passwords and answers
                metrics_enabled=True,
                tracing_enabled=stage.tracing,
            ),
        )
        self.functions: dict[str, ServiceFunction] = {}
        for function in HTTP_FUNCTIONS:
            sizing = HTTP_SIZING.get(function.name, DEFAULT_HTTP_SIZING)
            endpoint = platform_function(
                function_scope(function.name),
                name=function.name,
                stage=stage,
                layers=layers,
                runtime=runtime,
                database=database,
                memory_mb=sizing.memory_mb,
                timeout_s=sizing.timeout_s,
                description=f"interview {stage.name}: {function.method} {function.path}",
                send_to=[queues.queues[kind] for kind in function.publishes],
            )
            resource = self.rest_api.root.resource_for_path(function.path)
            same_origin = function.path.startswith(SAME_ORIGIN_PREFIX)
            if not same_origin and resource.node.try_find_child("OPTIONS") is None:
                resource.add_cors_preflight(**cors)
            resource.add_method(
                function.method,
                apigw.LambdaIntegration(endpoint.function, allow_test_invoke=False),
                operation_name=function.name,
            )
            self.functions[function.name] = endpoint

    @property
    def url(self) -> str:
        return self.rest_api.url
