"""Lambda: review interview report."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.review_interview_report import router

handler = http_handler(router)
