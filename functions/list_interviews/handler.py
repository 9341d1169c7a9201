"""Lambda: list interviews."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.list_interviews import router

handler = http_handler(router)
