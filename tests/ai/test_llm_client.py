"""The one LLM client (evaluation and question generation) through the real `openai` SDK against the
local fake: the output-token limit in the request, Retry-After, an answer cut at the limit, a
refused answer retried with the reason, the overall time limit, and a light import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from interview_core.ai.evaluation.llm_settings import LLMSettings
from interview_core.ai.llm_client import LLMCallFailed, LLMClient, UnusableResponse

from tests.ai.fake_openai import completion, error

MESSAGES = [{"role": "system", "content": "Answer with JSON."}, {"role": "user", "content": "hi"}]


def _client(fake, **overrides) -> LLMClient:
    options = {
        "base_url": fake.url,
        "api_key": "test-key",
        "model": "m",
        "timeout_seconds": 5.0,
        "max_retries": 2,
        "backoff_seconds": 0.01,
        "max_backoff_seconds": 2.0,
        **overrides,
    }
    return LLMClient(**options)


def _ok(data):
    if not isinstance(data, dict) or "ok" not in data:
        raise UnusableResponse("no 'ok'")
    return data["ok"]


def test_the_output_token_limit_is_sent_under_the_name_the_endpoint_takes(fake):
    fake.then(completion('{"ok": 1}'), completion('{"ok": 2}'), completion('{"ok": 3}'))

    assert _client(fake).chat_json(MESSAGES, _ok).value == 1
    assert (
        _client(fake, max_output_tokens=1234, max_tokens_parameter="max_completion_tokens")
        .chat_json(MESSAGES, _ok)
        .value
        == 2
    )
    assert (
        _client(fake).chat_json(MESSAGES, _ok, max_output_tokens=9000, temperature=0.4).value == 3
    )

    first, second, third = (r.body for r in fake.requests)
    assert (
        first["max_tokens"] == 4000
        and "max_completion_tokens" not in first
        and first["temperature"] == 0
    )
    assert second["max_completion_tokens"] == 1234 and "max_tokens" not in second
    assert third["max_tokens"] == 9000 and third["temperature"] == 0.4
    assert all(
        body["response_format"] == {"type": "json_object"} for body in (first, second, third)
    )


def test_retry_after_is_honoured_in_seconds_and_milliseconds(fake):
    fake.then(
        error(429, "slow down", {"Retry-After": "1"}),
        error(503, "busy", {"retry-after-ms": "600"}),
        completion('{"ok": true}'),
    )

    answer = _client(fake).chat_json(MESSAGES, _ok)

    first, second, third = fake.requests
    assert second.at - first.at >= 0.95 and third.at - second.at >= 0.55
    assert answer.value is True and answer.attempts == 3
    assert answer.retried_after == ["rate limited (HTTP 429)", "HTTP 503"]


def test_an_answer_cut_at_the_token_limit_is_retried(fake):
    fake.then(completion('{"ok": tr', finish_reason="length"), completion('{"ok": true}'))

    answer = _client(fake, max_output_tokens=500).chat_json(MESSAGES, _ok)

    assert answer.retried_after == ["unusable response: cut at the output-token limit (500 tokens)"]


def test_a_refused_answer_is_retried_with_the_reason_and_then_fails(fake):
    fake.then(*[completion('{"nope": 1}')] * 3)

    with pytest.raises(LLMCallFailed) as failure:
        _client(fake).chat_json(MESSAGES, _ok)

    assert failure.value.reason == "unusable response: no 'ok'; gave up after 3 attempts"
    assert failure.value.attempts == ["unusable response: no 'ok'"] * 3
    assert fake.requests[0].body["messages"] == MESSAGES
    retry = fake.requests[1].body["messages"]
    assert retry[:2] == MESSAGES and retry[2]["role"] == "user" and "no 'ok'" in retry[2]["content"]
    assert (
        len(fake.requests[2].body["messages"]) == 3
    )  # the note replaces the last one, never piles up


def test_a_validation_error_from_the_callback_is_an_unusable_answer(fake):
    from pydantic import BaseModel

    class Shape(BaseModel):
        ok: int

    fake.then(completion('{"ok": "many"}'), completion('{"ok": 5}'))

    answer = _client(fake).chat_json(MESSAGES, Shape.model_validate)

    assert answer.value.ok == 5
    assert answer.retried_after[0].startswith(
        "unusable response: invalid (ok: Input should be a valid integer"
    )


def test_no_retry_starts_that_would_end_after_the_total_time_limit(fake):
    slow = completion('{"ok": true}')
    slow.delay = 1.0
    fake.then(slow, completion('{"ok": true}'))

    with pytest.raises(
        LLMCallFailed, match="gave up after 1 attempts: another would end after 0.8 s"
    ):
        _client(fake, timeout_seconds=0.5, total_timeout_seconds=0.8).chat_json(MESSAGES, _ok)
    assert len(fake.requests) == 1


def test_other_client_errors_are_not_retried(fake):
    fake.then(error(404, "no such model"), completion('{"ok": true}'))
    with pytest.raises(
        LLMCallFailed, match="HTTP 404 from the model endpoint, not retried"
    ) as failure:
        _client(fake).chat_json(MESSAGES, _ok)
    assert len(fake.requests) == 1
    assert failure.value.attempts == ["HTTP 404: no such model"], "what the endpoint said is kept"


def test_the_client_comes_from_the_settings():
    settings = LLMSettings(
        evaluator="auto",
        llm_api_key="k",
        llm_max_output_tokens=3000,
        llm_timeout_seconds=40,
        llm_total_timeout_seconds=100,
        llm_max_tokens_parameter="max_completion_tokens",
    )
    client = LLMClient.from_settings(settings)
    assert (
        client.name,
        client.provider,
        client.max_output_tokens,
        client.timeout_seconds,
        client.total_timeout_seconds,
        client.max_tokens_parameter,
    ) == ("llm:solar-pro2", "api.upstage.ai", 3000, 40, 100, "max_completion_tokens")
    assert (
        LLMClient.from_settings(
            LLMSettings(evaluator="auto", llm_api_key=None, huggingface_api_key=None)
        )
        is None
    )
    assert LLMClient.from_settings(LLMSettings(llm_api_key="k", evaluator="offline")) is None


def test_importing_the_llm_code_does_not_load_the_sdk():
    code = (
        "import sys, interview_core.ai.llm_client, interview_core.ai.evaluation.llm, "
        "interview_core.ai.evaluation.provider, interview_core.services.question_generation; "
        "print(json.dumps('openai' in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", "import json; " + code], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) is False
