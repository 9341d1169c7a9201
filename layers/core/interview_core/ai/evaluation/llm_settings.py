"""Settings of the LLM evaluator, from the environment, validated at first use.

Any OpenAI-compatible chat endpoint: Upstage Solar by default, the Hugging Face router when only
HUGGINGFACE_API_KEY is set, Bedrock's OpenAI-compatible endpoint in AWS (LLM_BASE_URL
https://bedrock-runtime.<region>.amazonaws.com/openai/v1 with a Bedrock API key). With no key the
offline rubric evaluator is used, and with EVALUATOR=offline always.

    EVALUATOR                auto | offline | llm   (auto: the LLM when a key is set)
    LLM_BASE_URL             https://api.upstage.ai/v1
    LLM_API_KEY              (secret)
    LLM_MODEL                solar-pro2
    LLM_TIMEOUT_SECONDS      30
    LLM_MAX_RETRIES          3      retries after the first attempt (429, 5xx, timeouts, bad JSON)
    LLM_BACKOFF_SECONDS      1.0    first retry delay, doubled each retry
    LLM_MAX_BACKOFF_SECONDS  20     cap on any one delay, Retry-After included
    HUGGINGFACE_API_KEY      used with https://router.huggingface.co/v1 when LLM_API_KEY is unset
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

UPSTAGE_BASE_URL = "https://api.upstage.ai/v1"
UPSTAGE_DEFAULT_MODEL = "solar-pro2"
HUGGINGFACE_BASE_URL = "https://router.huggingface.co/v1"
HUGGINGFACE_DEFAULT_MODEL = "openai/gpt-oss-120b"


class LLMSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    evaluator: Literal["auto", "offline", "llm"] = "auto"
    llm_base_url: str = UPSTAGE_BASE_URL
    llm_api_key: SecretStr | None = None
    llm_model: str = Field(default=UPSTAGE_DEFAULT_MODEL, min_length=1)
    llm_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    llm_max_retries: int = Field(default=3, ge=0, le=10)
    llm_backoff_seconds: float = Field(default=1.0, ge=0, le=60)
    llm_max_backoff_seconds: float = Field(default=20.0, ge=0, le=300)
    huggingface_api_key: SecretStr | None = None

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
