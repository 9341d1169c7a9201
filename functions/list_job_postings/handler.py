"""Lambda: list job postings."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.list_job_postings import router

handler = http_handler(router)
