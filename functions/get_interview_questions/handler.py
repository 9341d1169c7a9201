"""Lambda: get interview questions."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.get_interview_questions import router

handler = http_handler(router)
