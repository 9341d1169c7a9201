"""Lambda: create stt token."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.create_stt_token import router

handler = http_handler(router)
