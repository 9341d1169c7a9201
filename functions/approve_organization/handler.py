"""Lambda: approve organization."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.approve_organization import router

handler = http_handler(router)
