"""Which evaluator runs: the LLM one (with the offline fallback) when a key is set, else offline."""

from __future__ import annotations

import pytest
from interview_core.ai.evaluation.llm import LLMEvaluator
from interview_core.ai.evaluation.llm_settings import (
    HUGGINGFACE_BASE_URL,
    HUGGINGFACE_DEFAULT_MODEL,
    UPSTAGE_BASE_URL,
    LLMSettings,
)
from interview_core.ai.evaluation.offline import OfflineRubricEvaluator
from interview_core.ai.evaluation.provider import build_evaluator
from pydantic import ValidationError

NAMES = (
    "EVALUATOR",
    "LLM_BASE_URL",
    "LLM_API_KEY",
    "LLM_MODEL",
    "LLM_TIMEOUT_SECONDS",
    "LLM_TOTAL_TIMEOUT_SECONDS",
    "LLM_MAX_RETRIES",
    "LLM_BACKOFF_SECONDS",
    "LLM_MAX_BACKOFF_SECONDS",
    "LLM_MAX_OUTPUT_TOKENS",
    "LLM_MAX_TOKENS_PARAMETER",
    "LLM_MAX_ANSWER_CHARS",
    "LLM_MAX_TRANSCRIPT_CHARS",
    "HUGGINGFACE_API_KEY",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)


def test_no_key_means_the_offline_evaluator():
    assert isinstance(build_evaluator(LLMSettings()), OfflineRubricEvaluator)


def test_an_llm_key_means_upstage_solar_by_default(monkeypatch):
    monkeypatch.setenv("LLM_API_KEY", "up_secret")
    evaluator = build_evaluator(LLMSettings())
    assert isinstance(evaluator, LLMEvaluator)
    assert (evaluator.client.base_url, evaluator.name) == (UPSTAGE_BASE_URL, "llm:solar-pro2")
    assert (
        evaluator.client.timeout_seconds,
        evaluator.client.total_timeout_seconds,
        evaluator.client.max_retries,
        evaluator.client.max_output_tokens,
        evaluator.client.max_tokens_parameter,
    ) == (60, 150, 3, 4000, "max_tokens")
    assert (evaluator.max_answer_chars, evaluator.max_transcript_chars) == (4000, 24000)
    assert isinstance(evaluator.fallback, OfflineRubricEvaluator)
    assert "up_secret" not in repr(LLMSettings())


def test_the_seed_huggingface_key_alone_uses_the_router(monkeypatch):
    monkeypatch.setenv("HUGGINGFACE_API_KEY", "hf_secret")
    evaluator = build_evaluator(LLMSettings())
    assert (evaluator.client.base_url, evaluator.model) == (
        HUGGINGFACE_BASE_URL,
        HUGGINGFACE_DEFAULT_MODEL,
    )
    monkeypatch.setenv("LLM_MODEL", "Qwen/Qwen2.5-72B-Instruct")
    assert build_evaluator(LLMSettings()).model == "Qwen/Qwen2.5-72B-Instruct"


def test_any_openai_compatible_endpoint(monkeypatch):
    monkeypatch.setenv("LLM_API_KEY", "bedrock-key")
    monkeypatch.setenv("LLM_BASE_URL", "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1/")
    monkeypatch.setenv("LLM_MODEL", "openai.gpt-oss-120b-1:0")
    monkeypatch.setenv("LLM_TIMEOUT_SECONDS", "12.5")
    monkeypatch.setenv("LLM_MAX_OUTPUT_TOKENS", "2000")
    monkeypatch.setenv("LLM_MAX_TOKENS_PARAMETER", "max_completion_tokens")
    monkeypatch.setenv("LLM_MAX_RETRIES", "1")
    monkeypatch.setenv("LLM_MAX_ANSWER_CHARS", "3000")
    evaluator = build_evaluator(LLMSettings())
    assert evaluator.client.base_url == "https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1"
    assert (evaluator.name, evaluator.client.timeout_seconds, evaluator.client.max_retries) == (
        "llm:openai.gpt-oss-120b-1:0",
        12.5,
        1,
    )
    assert (evaluator.client.max_output_tokens, evaluator.client.max_tokens_parameter) == (
        2000,
        "max_completion_tokens",
    )
    assert evaluator.max_answer_chars == 3000


def test_evaluator_offline_wins_over_a_key(monkeypatch):
    monkeypatch.setenv("LLM_API_KEY", "up_secret")
    monkeypatch.setenv("EVALUATOR", "offline")
    assert isinstance(build_evaluator(LLMSettings()), OfflineRubricEvaluator)


def test_bad_settings_are_refused_at_first_use(monkeypatch):
    monkeypatch.setenv("EVALUATOR", "llm")
    with pytest.raises(ValueError, match="needs LLM_API_KEY"):
        build_evaluator(LLMSettings())
    monkeypatch.setenv("LLM_BASE_URL", "api.upstage.ai/v1")
    with pytest.raises(ValidationError):
        LLMSettings()
    monkeypatch.setenv("LLM_BASE_URL", "https://api.upstage.ai/v1")
    monkeypatch.setenv("LLM_TIMEOUT_SECONDS", "0")
    with pytest.raises(ValidationError):
        LLMSettings()


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (
            {"LLM_TIMEOUT_SECONDS": "10"},
            "LLM_TIMEOUT_SECONDS is too short for LLM_MAX_OUTPUT_TOKENS",
        ),
        (
            {"LLM_TIMEOUT_SECONDS": "60", "LLM_TOTAL_TIMEOUT_SECONDS": "30"},
            "LLM_TOTAL_TIMEOUT_SECONDS must be at least",
        ),
        (
            {"LLM_MAX_ANSWER_CHARS": "8000", "LLM_MAX_TRANSCRIPT_CHARS": "5000"},
            "LLM_MAX_TRANSCRIPT_CHARS must be at least",
        ),
        ({"LLM_MAX_OUTPUT_TOKENS": "10"}, "greater than or equal to 256"),
        ({"LLM_MAX_TOKENS_PARAMETER": "tokens"}, "'max_tokens' or 'max_completion_tokens'"),
        ({"LLM_MAX_ANSWER_CHARS": "10"}, "greater than or equal to 500"),
    ],
)
def test_limits_that_do_not_fit_are_refused_at_start_up(monkeypatch, names, message):
    for name, value in names.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=message):
        LLMSettings()


def test_a_blank_key_is_no_key(monkeypatch):
    monkeypatch.setenv("LLM_API_KEY", "  ")
    assert isinstance(build_evaluator(LLMSettings()), OfflineRubricEvaluator)
