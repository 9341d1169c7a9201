"""Lambda: apply the SQL migrations and seed an empty question bank.

Run by the CDK Trigger on deploy, before the API and consumer functions are updated; the same
code as `interview db migrate`. Re-running it is harmless. An error fails the deploy.
"""

from __future__ import annotations

import os
from typing import Any

import psycopg
from psycopg.rows import dict_row

from interview_core.aws_runtime import load_aws_secrets_into_environment
from interview_core.db.migrate import migrate
from interview_core.db.seed import seed_question_bank
from interview_core.observability import logger


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    load_aws_secrets_into_environment()
    # prepare_threshold=None: safe behind RDS Proxy too, should DATABASE_HOST name it.
    with psycopg.connect(
        os.environ["DATABASE_URL"], row_factory=dict_row, connect_timeout=15, prepare_threshold=None
    ) as conn:
        applied = migrate(conn)
        with conn.transaction():
            seeded = seed_question_bank(conn)
    result = {"migrations_applied": applied, "questions_seeded": seeded}
    logger.info("database migrated", extra=result)
    return result
