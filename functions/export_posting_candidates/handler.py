"""Lambda: export posting candidates."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.export_posting_candidates import router

handler = http_handler(router)
