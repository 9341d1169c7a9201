"""Lambda: list organizations."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.list_organizations import router

handler = http_handler(router)
