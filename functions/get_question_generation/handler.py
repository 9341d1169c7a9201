"""Lambda: get the question generation availability."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.get_question_generation import router

handler = http_handler(router)
