"""Lambda: create job posting."""

from interview_core.api.lambda_handler import http_handler
from interview_core.api.routes.create_job_posting import router

handler = http_handler(router)
