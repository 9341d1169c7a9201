"""Lambda: get question stats."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.get_question_stats import router

handler = http_handler(router)
