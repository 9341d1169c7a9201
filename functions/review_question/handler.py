"""Lambda: approve or reject a drafted question."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.review_question import router

handler = http_handler(router)
