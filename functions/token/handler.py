"""Lambda: token."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.token import router

handler = http_handler(router)
