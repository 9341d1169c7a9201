"""Lambda: list question versions."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.list_question_versions import router

handler = http_handler(router)
