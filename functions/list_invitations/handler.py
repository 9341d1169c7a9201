"""Lambda: list invitations."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.list_invitations import router

handler = http_handler(router)
