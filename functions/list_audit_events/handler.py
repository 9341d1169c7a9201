"""Lambda: list audit events."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.list_audit_events import router

handler = http_handler(router)
