"""Lambda: health."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.health import router

handler = http_handler(router)
