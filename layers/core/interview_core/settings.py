"""Configuration from the environment, validated once at start-up.

Names follow the seed guide (DATABASE_URL, SECRET_KEY, ALGORITHM, ACCESS_TOKEN_EXPIRE_MINUTES,
ALLOWED_ORIGINS, DEEPGRAM_API_KEY, HUGGINGFACE_API_KEY, ...). Nothing else reads os.environ.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

EXAMPLE_SECRET_KEY = "change-this-in-production"
# Where the example SECRET_KEY is tolerated: a developer's machine and the test suite.
EXAMPLE_SECRET_ENVIRONMENTS = ("local", "test")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    # No default: an unset ENVIRONMENT stops the start instead of passing for local. The
    # `interview` command sets local for itself; every Lambda gets its stage's name.
    environment: Literal["local", "test", "dev", "prod"]

    database_url: str = Field(min_length=1)
    # Behind RDS Proxy, prepared statements pin connections: keep them off there.
    database_prepare_statements: bool = True
    database_pool_size: int = Field(default=10, ge=1, le=50)
    # How long a request waits for a database connection before answering 503.
    database_wait_seconds: float = Field(default=2.0, gt=0, le=30)

    secret_key: SecretStr
    algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    access_token_expire_minutes: int = Field(default=30, ge=1, le=24 * 60)
    # The web app's sign-in session (an httpOnly cookie, POST /auth/refresh): how long a sign-in
    # lasts however often it is refreshed, and how long a replaced session still gets a successor
    # (the answer that carried the new one was lost) before its return counts as theft.
    session_lifetime_hours: int = Field(default=12, ge=1, le=30 * 24)
    session_reuse_grace_seconds: int = Field(default=10, ge=0, le=300)

    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:3000", "http://localhost:5173"]
    )

    queue_backend: Literal["pgmq", "sqs"] = "pgmq"
    sentiment_queue: str = "sentiment"
    follow_up_queue: str = "follow_up"
    report_queue: str = "report"
    embed_queue: str = "embed"
    mail_queue: str = "mail"
    question_drafts_queue: str = "question_drafts"
    # After this many receives a message goes to the dead-letter queue (PGMQ backend).
    queue_max_receive_count: int = Field(default=3, ge=1, le=100)
    queue_visibility_timeout_seconds: int = Field(default=60, ge=1, le=43_200)
    # Report jobs `interview dev` runs at once (in AWS: the event source's maximum concurrency).
    local_report_workers: int = Field(default=4, ge=1, le=32)

    questions_per_interview: int = Field(default=5, ge=1, le=20)
    # Limits on what one candidate can post: answer lines and characters per question (spoken
    # answers arrive as several lines), and interviews created in any 24 hours.
    max_answers_per_question: int = Field(default=30, ge=1, le=1000)
    max_answer_chars_per_question: int = Field(default=30_000, ge=1000, le=1_000_000)
    max_interviews_per_day: int = Field(default=20, ge=1, le=10_000)

    # Failed log-ins (POST /token), counted per account and per client address: at the limit
    # within the window the key is locked for a minute, twice as long after each further
    # failure, up to the longest lockout; a successful log-in clears the account's count.
    login_failure_window_minutes: int = Field(default=15, ge=1, le=24 * 60)
    login_max_failures_per_account: int = Field(default=5, ge=1, le=1000)
    login_max_failures_per_address: int = Field(default=20, ge=1, le=100_000)
    login_max_lockout_minutes: int = Field(default=15, ge=1, le=24 * 60)
    # The largest request body the API reads (the audio upload has MAX_AUDIO_BYTES instead).
    max_request_body_bytes: int = Field(default=128 * 1024, ge=1024, le=10 * 1024 * 1024)

    # Where the web app is: the base of the links sent by e-mail (invitations).
    web_base_url: str = "http://localhost:5173"
    # How long an invitation link works (a deadline earlier than that ends it sooner).
    invitation_ttl_days: int = Field(default=14, ge=1, le=90)

    deepgram_api_key: SecretStr | None = None
    deepgram_base_url: str | None = Field(
        default=None, description="Only to point the SDK elsewhere (tests)"
    )
    deepgram_model: str = "nova-3"
    stt_token_ttl_seconds: int = Field(default=60, ge=1, le=3600)
    max_audio_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    huggingface_api_key: SecretStr | None = None
    huggingface_hub_token: SecretStr | None = None

    @property
    def queue_names(self) -> dict[str, str]:
        """Job kind -> queue: a PGMQ queue name, or an SQS queue URL."""
        return {
            "sentiment": self.sentiment_queue,
            "follow_up": self.follow_up_queue,
            "report": self.report_queue,
            "embed": self.embed_queue,
            "mail": self.mail_queue,
            "question_drafts": self.question_drafts_queue,
        }

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("web_base_url")
    @classmethod
    def _web_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("WEB_BASE_URL must be an http(s) URL")
        return value.rstrip("/")

    @field_validator("secret_key")
    @classmethod
    def _secret_key_not_empty(cls, value: SecretStr) -> SecretStr:
        # python-jose accepts an empty key: refuse it here.
        if len(value.get_secret_value()) < 16:
            raise ValueError("SECRET_KEY must be at least 16 characters")
        return value

    @model_validator(mode="after")
    def _production_is_locked_down(self) -> Settings:
        if (
            self.environment not in EXAMPLE_SECRET_ENVIRONMENTS
            and self.secret_key.get_secret_value() == EXAMPLE_SECRET_KEY
        ):
            raise ValueError("SECRET_KEY still has the example value; set a real secret")
        if self.environment in ("dev", "prod") and "*" in self.allowed_origins:
            raise ValueError("ALLOWED_ORIGINS may be '*' only in local development")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()  # type: ignore[call-arg]  # values come from the environment
