"""Lambda: update user."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.update_user import router

handler = http_handler(router)
