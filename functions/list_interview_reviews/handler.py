"""Lambda: list interview reviews."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.list_interview_reviews import router

handler = http_handler(router)
