"""Names and numbers the constructs share. The route table itself is the core's
`interview_core.function_catalog`; this module adds only what AWS needs to know about it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
FUNCTIONS_DIR = REPO_ROOT / "functions"
FRONTEND_DIST = REPO_ROOT / "frontend" / "dist"
MIGRATIONS_DIR = REPO_ROOT / "layers" / "core" / "interview_core" / "db" / "migrations"
SEED_DIR = REPO_ROOT / "layers" / "core" / "interview_core" / "db" / "seed"

SERVICE_NAME = "interview-platform"  # = interview_core.observability.SERVICE
METRICS_NAMESPACE = "InterviewPlatform"
STACK_PREFIX = "Interview"

MIGRATE_FUNCTION = "migrate"
HANDLER = "handler.handler"

DATABASE_NAME = "interview"
# The master user: owns the schema; only the migrate function logs in as it.
DATABASE_USER = "interview_admin"
# The application's login role (interview_core.db.app_role), made by the migrate function: what
# the API, consumer and scheduled functions log in as. It owns nothing and may not change the
# audit trail.
DATABASE_APP_USER = "interview_app"
DATABASE_PORT = 5432
# Characters left out of generated database passwords (they trip URLs, shells and RDS).
DATABASE_PASSWORD_EXCLUDE = " %+~`#$&*()|[]{}:;<>?!'/@\"\\"

# Optional secrets (created with a placeholder, set by an operator) and the functions that read
# them. SECRET_KEY and the database secret go to every function that reads settings.
OPTIONAL_SECRET_READERS: dict[str, tuple[str, ...]] = {
    "DEEPGRAM_API_KEY": ("create_stt_token", "upload_answer_audio"),
    "LLM_API_KEY": (
        "report_worker",
        "follow_up_worker",
        "question_draft_worker",
        # Whether drafting is offered (GET /questions/generation) and accepted.
        "get_question_generation",
        "request_question_drafts",
    ),
}


# Consumers that score sentiment (the report job scores answers whose sentiment job has not run):
# on the AWS stages they run with SENTIMENT_PROVIDER=comprehend (StageConfig.sentiment_provider)
# and get the Comprehend grant.
COMPREHEND_JOB_KINDS = ("sentiment", "report")

# Consumers that send e-mail (invitations): on the AWS stages they send through Amazon SES
# (MAIL_BACKEND=ses, MAIL_FROM, SES_CONFIGURATION_SET), get ses:SendEmail on the stage's identity
# and WEB_BASE_URL for the links in their mail (infra_cdk.mail).
MAIL_JOB_KINDS = ("mail",)

# QUESTION_EMBEDDINGS (interview_core.ai.embeddings.settings): only these functions have the model
# (the embeddings layer): `migrate` embeds the bank on deploy, `embed_worker` the questions and
# postings written since. Every other function compares stored vectors and must not try to load a
# model it does not have.
# `question_draft_worker` embeds the drafts it proposes, to drop near-duplicates of the bank.
EMBEDDING_FUNCTIONS = (MIGRATE_FUNCTION, "embed_worker", "question_draft_worker")
MODEL_QUESTION_EMBEDDINGS = "e5"
FUNCTION_QUESTION_EMBEDDINGS = "off"


@dataclass(frozen=True)
class Sizing:
    memory_mb: int = 512
    timeout_s: int = 15


# API functions answer within API Gateway's 29 s limit. Argon2 hashing costs ~45 ms of a full
# vCPU (security.py, docs/decisions.md), ~80 ms at 1024 MB: the two endpoints that hash keep
# more memory (= more CPU) than the rest.
HTTP_SIZING: dict[str, Sizing] = {
    "register": Sizing(memory_mb=1024),
    "token": Sizing(memory_mb=1024),
}
DEFAULT_HTTP_SIZING = Sizing()
# A scheduled run reads a few rows and sends a few messages.
SCHEDULED_SIZING = Sizing(timeout_s=60)


@dataclass(frozen=True)
class ConsumerSizing:
    memory_mb: int
    timeout_s: int
    batch_size: int
    batching_window_s: int
    max_receive_count: int = 3


# A report may wait on an LLM endpoint (with retries): one job per invocation, a long timeout,
# longer
# than LLM_TOTAL_TIMEOUT_SECONDS (150 s by default) so a slow endpoint ends in the offline fallback.
# An embed job loads the model (72 MB) on a cold start and embeds what is missing (~10 ms a text
# on a full core); a batch's later jobs find nothing left to do. A mail job is one SES (or SMTP)
# call of at most ~40 s in the worst case (3 attempts, 3 s connect + 10 s read), a fraction of a
# second as a rule: little memory, a few per batch.
CONSUMER_SIZING: dict[str, ConsumerSizing] = {
    "sentiment": ConsumerSizing(memory_mb=512, timeout_s=30, batch_size=10, batching_window_s=1),
    # A follow-up is read while the candidate waits for the next question: no batching window,
    # and one a job, so an LLM's phrasing (a few seconds at most) never delays the next answer's.
    "follow_up": ConsumerSizing(memory_mb=512, timeout_s=30, batch_size=1, batching_window_s=0),
    "report": ConsumerSizing(memory_mb=1024, timeout_s=180, batch_size=1, batching_window_s=0),
    "embed": ConsumerSizing(memory_mb=1024, timeout_s=120, batch_size=10, batching_window_s=5),
    "mail": ConsumerSizing(memory_mb=256, timeout_s=60, batch_size=5, batching_window_s=1),
    # One request a job: an LLM call of up to LLM_TOTAL_TIMEOUT_SECONDS, then the model's embedding.
    "question_drafts": ConsumerSizing(
        memory_mb=1024, timeout_s=240, batch_size=1, batching_window_s=0
    ),
}
VISIBILITY_TIMEOUT_FACTOR = 6  # AWS: at least 6x the function timeout (+ the batching window)
