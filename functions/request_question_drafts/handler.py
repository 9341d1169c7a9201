"""Lambda: ask for questions drafted from a posting's description."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.request_question_drafts import router

handler = http_handler(router)
