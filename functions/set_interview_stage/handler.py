"""Lambda: set interview stage."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.set_interview_stage import router

handler = http_handler(router)
