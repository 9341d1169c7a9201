"""Lambda: rename stages."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.rename_stages import router

handler = http_handler(router)
