"""Lambda: invite members."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.invite_members import router

handler = http_handler(router)
