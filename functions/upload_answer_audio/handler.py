"""Lambda: upload answer audio."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.upload_answer_audio import router

handler = http_handler(router)
