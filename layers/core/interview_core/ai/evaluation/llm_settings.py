"""Settings of the LLM client (the evaluator and question generation), from the environment,
validated at first use and at start-up (configuration.check_configuration).

Any OpenAI-compatible chat endpoint: Upstage Solar by default, the Hugging Face router when only
HUGGINGFACE_API_KEY is set, Bedrock's OpenAI-compatible endpoint in AWS (LLM_BASE_URL
https://bedrock-runtime.<region>.amazonaws.com/openai/v1 with a Bedrock API key). With no key the
offline rubric evaluator is used, and with EVALUATOR=offline always.

    EVALUATOR                  auto | offline | llm   (auto: the LLM when a key is set)
    LLM_BASE_URL               https://api.upstage.ai/v1
    LLM_API_KEY                (secret)
    LLM_MODEL                  solar-pro2
    LLM_MAX_OUTPUT_TOKENS      4000   the most the model may write in one answer
    LLM_MAX_TOKENS_PARAMETER   max_tokens | max_completion_tokens   (the name the endpoint takes)
    LLM_TIMEOUT_SECONDS        60     one attempt, see below
    LLM_TOTAL_TIMEOUT_SECONDS  150    all attempts and waits: no retry starts that could end later
    LLM_MAX_RETRIES            3      retries after the first attempt (429, 408/409/5xx, timeouts,
                                      connection errors, unusable answers)
    LLM_BACKOFF_SECONDS        1.0    first retry delay, doubled each retry
    LLM_MAX_BACKOFF_SECONDS    20     cap on any one delay, Retry-After included
    LLM_MAX_ANSWER_CHARS       4000   the most of one answer (a question's candidate lines) sent
    LLM_MAX_TRANSCRIPT_CHARS   24000  the most of all answers together sent
    LLM_FOLLOW_UP_TIMEOUT_SECONDS 4  one attempt at phrasing a follow-up (two at most, then the
                                      offline template)
    HUGGINGFACE_API_KEY        used with https://router.huggingface.co/v1 when LLM_API_KEY is unset

How the limits fit together:
- One attempt must have time to write a whole answer of LLM_MAX_OUTPUT_TOKENS. The default timeout
  assumes a slow hosted endpoint writes about 80 tokens a second after about 10 s of reading the
  prompt: 10 + 4000 / 80 = 60 s. Start-up refuses a timeout in which even FASTEST_TOKENS_PER_SECOND
  could not write the limit (LLM_TIMEOUT_SECONDS x 200 < LLM_MAX_OUTPUT_TOKENS): every long report
  would time out and fall back.
- A report of 5 questions with 3 criteria each is about 2000 tokens; raise the limit and the
  timeout together for interviews with many more questions.
- The report function runs for at most 180 s in AWS; LLM_TOTAL_TIMEOUT_SECONDS (150) leaves the
  rest for reading the interview, the offline fallback and writing the report, so a slow endpoint
  ends in a fallback report instead of a killed function.
- What the candidate said is capped before it is sent (LLM_MAX_ANSWER_CHARS,
LLM_MAX_TRANSCRIPT_CHARS;
  24000 characters are at most about 24000 tokens of Korean), so no interview can push the prompt
  past the model's context or the timeout; what is cut is marked for the model and listed in the
  report's notes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

UPSTAGE_BASE_URL = "https://api.upstage.ai/v1"
UPSTAGE_DEFAULT_MODEL = "solar-pro2"
HUGGINGFACE_BASE_URL = "https://router.huggingface.co/v1"
HUGGINGFACE_DEFAULT_MODEL = "openai/gpt-oss-120b"
# Faster than any hosted model writes: a timeout shorter than max tokens / this cannot fit an
# answer.
FASTEST_TOKENS_PER_SECOND = 200
DEFAULT_MAX_ANSWER_CHARS = 4000
DEFAULT_MAX_TRANSCRIPT_CHARS = 24000


class LLMSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    evaluator: Literal["auto", "offline", "llm"] = "auto"
    llm_base_url: str = UPSTAGE_BASE_URL
    llm_api_key: SecretStr | None = None
    llm_model: str = Field(default=UPSTAGE_DEFAULT_MODEL, min_length=1)
    llm_max_output_tokens: int = Field(default=4000, ge=256, le=64000)
    llm_max_tokens_parameter: Literal["max_tokens", "max_completion_tokens"] = "max_tokens"
    llm_timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    llm_total_timeout_seconds: float = Field(default=150.0, gt=0, le=3600)
    llm_max_retries: int = Field(default=3, ge=0, le=10)
    llm_backoff_seconds: float = Field(default=1.0, ge=0, le=60)
    llm_max_backoff_seconds: float = Field(default=20.0, ge=0, le=300)
    llm_max_answer_chars: int = Field(default=DEFAULT_MAX_ANSWER_CHARS, ge=500, le=100_000)
    llm_max_transcript_chars: int = Field(default=DEFAULT_MAX_TRANSCRIPT_CHARS, ge=2000, le=500_000)
    huggingface_api_key: SecretStr | None = None
    # One attempt at phrasing a follow-up question: the candidate waits for it (templates after).
    llm_follow_up_timeout_seconds: float = Field(default=4.0, gt=0, le=30)

    @field_validator("llm_base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("https://", "http://")):
            raise ValueError("LLM_BASE_URL must be an http(s) URL")
        return value

    @field_validator("llm_api_key", "huggingface_api_key")
    @classmethod
    def _blank_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value().strip() else None

    @model_validator(mode="after")
    def _limits_fit(self) -> LLMSettings:
        if self.llm_timeout_seconds * FASTEST_TOKENS_PER_SECOND < self.llm_max_output_tokens:
            raise ValueError(
                f"LLM_TIMEOUT_SECONDS is too short for LLM_MAX_OUTPUT_TOKENS: writing "
                f"{self.llm_max_output_tokens} tokens takes at least "
                f"{self.llm_max_output_tokens / FASTEST_TOKENS_PER_SECOND:g} s"
            )
        if self.llm_total_timeout_seconds < self.llm_timeout_seconds:
            raise ValueError("LLM_TOTAL_TIMEOUT_SECONDS must be at least LLM_TIMEOUT_SECONDS")
        if self.llm_max_transcript_chars < self.llm_max_answer_chars:
            raise ValueError("LLM_MAX_TRANSCRIPT_CHARS must be at least LLM_MAX_ANSWER_CHARS")
        return self

    def for_writing(self) -> LLMSettings:
        """These settings for what the model writes rather than scores (drafted questions,
        follow-up phrasing): EVALUATOR is about scoring, so only a missing key switches it off."""
        return self.model_copy(update={"evaluator": "auto"})

    def endpoint(self) -> tuple[str, SecretStr, str] | None:
        """(base URL, key, model) of the endpoint to use, or None for the offline evaluator."""
        if self.evaluator == "offline":
            return None
        if self.llm_api_key is not None:
            return self.llm_base_url, self.llm_api_key, self.llm_model
        if self.huggingface_api_key is not None:
            explicit = self.model_fields_set
            base_url = self.llm_base_url if "llm_base_url" in explicit else HUGGINGFACE_BASE_URL
            model = self.llm_model if "llm_model" in explicit else HUGGINGFACE_DEFAULT_MODEL
            return base_url, self.huggingface_api_key, model
        if self.evaluator == "llm":
            raise ValueError("EVALUATOR=llm needs LLM_API_KEY (or HUGGINGFACE_API_KEY)")
        return None


@lru_cache(maxsize=1)
def get_llm_settings() -> LLMSettings:
    return LLMSettings()
