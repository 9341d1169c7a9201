"""Lambda: override report score."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.override_report_score import router

handler = http_handler(router)
