"""Lambda: consent interview."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.consent_interview import router

handler = http_handler(router)
