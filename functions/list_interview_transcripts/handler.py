"""Lambda: list interview transcripts."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.list_interview_transcripts import router

handler = http_handler(router)
