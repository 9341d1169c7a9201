"""The one Logger, Tracer and Metrics of the platform; everything imports them from here."""

from types import ModuleType

import wrapt
from aws_lambda_powertools import Logger, Metrics, Tracer

SERVICE = "interview-platform"

# Only the AWS SDK is traced. Patching all that X-Ray supports would import psycopg, httpx,
# requests and sqlite3 into every cold start and wrap the database connections in proxies.
TRACED_MODULES = ("botocore",)
# Every client is made by a session (boto3 imports this module): patched once it is loaded, when
# botocore.client, which the patch wraps, is complete. Not botocore itself: Powertools imports
# that bare package in every function.
_PATCH_WHEN_IMPORTED = "botocore.session"

logger = Logger(service=SERVICE)
# Not patched here: patching botocore imports it (about 100 ms of a cold start), and a function
# that reads no secret and publishes to no queue never loads it. It is patched the moment it is
# first imported instead, before any client of it exists (a no-op where tracing is disabled).
tracer = Tracer(service=SERVICE, auto_patch=False)
metrics = Metrics(namespace="InterviewPlatform", service=SERVICE)


def _trace_when_imported(_: ModuleType) -> None:
    tracer.patch(TRACED_MODULES)


wrapt.register_post_import_hook(_trace_when_imported, _PATCH_WHEN_IMPORTED)
