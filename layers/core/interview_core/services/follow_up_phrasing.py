"""The follow-up question phrased by the language model from the candidate's answer, when one is
configured: through the one LLM client, with a short timeout (the candidate is waiting for the
next question) and one retry. The caller falls back to the offline templates on any failure, and
calls this outside any database transaction. The prompt is follow_up.prompt.md beside this
file."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, Field

from interview_core.ai.evaluation.llm_settings import LLMSettings, get_llm_settings
from interview_core.ai.llm_client import LLMCallFailed, LLMClient, UnusableResponse
from interview_core.observability import logger

_HANGUL = re.compile(r"[가-힣]")
_MAX_ANSWER_CHARS = 3000
_MAX_CHARS = 300


class _Phrased(BaseModel):
    follow_up: str = Field(min_length=5, max_length=_MAX_CHARS)


@lru_cache(maxsize=1)
def _prompt() -> str:
    return files("interview_core.services").joinpath("follow_up.prompt.md").read_text("utf-8")


# One client per endpoint, kept across invocations (its HTTP connections with it).
_clients: dict[tuple[str, str, str, float], LLMClient] = {}


def _client(settings: LLMSettings) -> LLMClient | None:
    # Short: the candidate waits for it.
    quick = settings.for_writing().model_copy(
        update={
            "llm_timeout_seconds": settings.llm_follow_up_timeout_seconds,
            "llm_total_timeout_seconds": settings.llm_follow_up_timeout_seconds * 2,
            "llm_max_retries": 1,
            "llm_backoff_seconds": 0.2,
            "llm_max_backoff_seconds": 1.0,
        }
    )
    endpoint = quick.endpoint()
    if endpoint is None:
        return None
    base_url, key, model = endpoint
    cache_key = (base_url, key.get_secret_value(), model, quick.llm_timeout_seconds)
    if cache_key not in _clients:
        client = LLMClient.from_settings(quick)
        assert client is not None
        _clients[cache_key] = client
    return _clients[cache_key]


def model_name(settings: LLMSettings | None = None) -> str | None:
    client = _client(settings or get_llm_settings())
    return client.name if client else None


def phrase(
    *,
    language: str,
    question: str,
    answers: list[str],
    missing: list[dict[str, str]],
    settings: LLMSettings | None = None,
) -> str | None:
    """The model's follow-up, or None (no model configured, or no usable answer in time)."""
    client = _client(settings or get_llm_settings())
    if client is None:
        return None
    payload = {
        "task": "follow_up",
        "language": language,
        "question": question,
        "answer": "\n".join(answers)[-_MAX_ANSWER_CHARS:],
        "missing": missing,
    }

    def parse(data: Any) -> str:
        text = " ".join(_Phrased.model_validate(data).follow_up.split())
        if (language == "ko") != bool(_HANGUL.search(text)):
            raise UnusableResponse(f"not in the interview's language ({language})")
        return text

    try:
        answer = client.chat_json(
            [
                {"role": "system", "content": _prompt()},
                {"role": "user", "content": json.dumps(payload, ensure_ascii=False)},
            ],
            parse,
            temperature=0.3,
            max_output_tokens=256,
        )
    except LLMCallFailed as failure:
        logger.warning(
            "follow-up phrasing failed: the template is used", extra={"reason": failure.reason}
        )
        return None
    return answer.value
