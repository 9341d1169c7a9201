"""Lambda: save interview review."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.save_interview_review import router

handler = http_handler(router)
