"""Settings of the sentiment analyser, from the environment, validated at first use.

    SENTIMENT_PROVIDER         offline | comprehend   (default offline: the lexicon analyser)
    AWS_REGION                 the region of Amazon Comprehend (set by Lambda itself in AWS;
                               AWS_DEFAULT_REGION is read when AWS_REGION is not set)
    COMPREHEND_ENDPOINT_URL    optional: another endpoint (a VPC endpoint, a local fake)

With SENTIMENT_PROVIDER=comprehend every call that fails (no credentials, no network, throttled,
an unsupported text) falls back to the offline analyser, so a score is never lost.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SentimentSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    sentiment_provider: Literal["offline", "comprehend"] = "offline"
    aws_region: str | None = Field(
        default=None, validation_alias=AliasChoices("AWS_REGION", "AWS_DEFAULT_REGION")
    )
    comprehend_endpoint_url: str | None = None

    @field_validator("sentiment_provider", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("aws_region", "comprehend_endpoint_url")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() if value is not None and value.strip() else None

    @field_validator("comprehend_endpoint_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("COMPREHEND_ENDPOINT_URL must be an http(s) URL")
        return value


@lru_cache(maxsize=1)
def get_sentiment_settings() -> SentimentSettings:
    return SentimentSettings()
