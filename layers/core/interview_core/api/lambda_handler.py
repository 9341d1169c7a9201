"""An API Gateway (REST, v1) Lambda handler around one router: Mangum + Powertools."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from fastapi import APIRouter
from mangum import Mangum

from interview_core.api.app import create_app
from interview_core.aws_runtime import load_aws_secrets_into_environment
from interview_core.configuration import check_configuration
from interview_core.observability import logger, tracer
from interview_core.settings import get_settings


def http_handler(router: APIRouter) -> Any:
    load_aws_secrets_into_environment()  # in AWS: DATABASE_URL and SECRET_KEY from Secrets Manager
    check_configuration()
    # lifespan off: Mangum would otherwise run it on every invocation.
    asgi = Mangum(create_app(get_settings(), [router]), lifespan="off")

    @logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
    # Never the response: it holds what the API answers (access tokens from POST /token).
    @tracer.capture_lambda_handler(capture_response=False)
    def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
        return asgi(event, context)

    return handler
