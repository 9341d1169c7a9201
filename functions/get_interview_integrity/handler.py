"""Lambda: get interview integrity."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.get_interview_integrity import router

handler = http_handler(router)
