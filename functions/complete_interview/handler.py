"""Lambda: complete interview."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.complete_interview import router

handler = http_handler(router)
