"""Lambda: list a posting's draft requests."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.list_question_drafts import router

handler = http_handler(router)
