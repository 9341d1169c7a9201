"""Lambda: resend invitation."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.resend_invitation import router

handler = http_handler(router)
