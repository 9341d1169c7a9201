"""The one Logger, Tracer and Metrics of the platform; everything imports them from here."""

from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = "interview-platform"

# Only the AWS SDK is traced: every function calls AWS (Secrets Manager at least). Patching all
# that X-Ray supports would import psycopg, httpx, requests and sqlite3 into every cold start and
# wrap the database connections in proxies.
TRACED_MODULES = ("botocore",)

logger = Logger(service=SERVICE)
tracer = Tracer(service=SERVICE, patch_modules=TRACED_MODULES)
metrics = Metrics(namespace="InterviewPlatform", service=SERVICE)
