"""Lambda: get job posting."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.get_job_posting import router

handler = http_handler(router)
