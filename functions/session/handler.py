"""Lambda: session."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.session import router

handler = http_handler(router)
