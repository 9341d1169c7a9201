"""Settings of the question embeddings, from the environment.

QUESTION_EMBEDDINGS   auto (default) | e5 | hashing | off   (see ai/embeddings/base.py)
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class EmbeddingSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    question_embeddings: Literal["auto", "e5", "hashing", "off"] = "auto"

    @field_validator("question_embeddings", mode="before")
    @classmethod
    def _lower_blank_is_auto(cls, value: object) -> object:
        return (value.strip().lower() or "auto") if isinstance(value, str) else value


@lru_cache(maxsize=1)
def get_embedding_settings() -> EmbeddingSettings:
    return EmbeddingSettings()
