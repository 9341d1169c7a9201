"""The one client for chat calls that must answer with one JSON object (the LLM evaluator and
question generation), to any OpenAI-compatible endpoint through the `openai` SDK, imported only
when a client is made.

`chat_json(messages, parse)` sends the messages with the output-token limit and JSON mode, decodes
the answer (a ```json fence is tolerated) and hands it to `parse`, which returns what the caller
keeps or raises `UnusableResponse` (or a pydantic ValidationError) to refuse it.

Retries are ours (the SDK's are off): 429, 408, 409 and 5xx (Retry-After or retry-after-ms
honoured, capped at max_backoff_seconds), timeouts, connection errors and unusable answers (empty,
cut at the token limit, not JSON, refused by `parse`) are retried with exponential backoff; a
retry after an unusable answer tells the model what was wrong with it. Any other 4xx (a bad key,
an unknown model) is not retried. No retry starts that could not finish within
total_timeout_seconds. Each failed attempt's reason is kept; the final failure is `LLMCallFailed`.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import urlparse

from pydantic import ValidationError

if TYPE_CHECKING:
    from interview_core.ai.evaluation.llm_settings import LLMSettings

T = TypeVar("T")

_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)
_RETRIED_STATUS = {408, 409, 429}
RETRY_NOTE = (
    "Your previous answer could not be used: {reason}. Answer again with one complete JSON object "
    "exactly as the instructions say."
)


class UnusableResponse(Exception):
    """An answer that arrived but cannot be used; raised by a `parse` callback to have it
    retried."""


class LLMCallFailed(Exception):
    """No usable answer: `reason` says why in a few words, `attempts` lists each failed attempt."""

    def __init__(self, reason: str, attempts: list[str]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


@dataclass
class ChatAnswer(Generic[T]):
    value: T
    retried_after: list[str] = field(default_factory=list)  # the reasons of the attempts before

    @property
    def attempts(self) -> int:
        return len(self.retried_after) + 1


class LLMClient:
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        model: str,
        timeout_seconds: float = 60.0,
        total_timeout_seconds: float = 150.0,
        max_retries: int = 3,
        backoff_seconds: float = 1.0,
        max_backoff_seconds: float = 20.0,
        max_output_tokens: int = 4000,
        max_tokens_parameter: str = "max_tokens",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import openai

        self.base_url = base_url
        self.model = model
        self.timeout_seconds = timeout_seconds
        self.total_timeout_seconds = max(total_timeout_seconds, timeout_seconds)
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self.max_output_tokens = max_output_tokens
        self.max_tokens_parameter = max_tokens_parameter
        self._sleep = sleep
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key, timeout=timeout_seconds, max_retries=0
        )

    @classmethod
    def from_settings(
        cls, settings: LLMSettings, *, sleep: Callable[[float], None] = time.sleep
    ) -> LLMClient | None:
        """The client of the configured endpoint, or None when there is none (no key,
        EVALUATOR=offline)."""
        endpoint = settings.endpoint()
        if endpoint is None:
            return None
        base_url, api_key, model = endpoint
        return cls(
            base_url=base_url,
            api_key=api_key.get_secret_value(),
            model=model,
            timeout_seconds=settings.llm_timeout_seconds,
            total_timeout_seconds=settings.llm_total_timeout_seconds,
            max_retries=settings.llm_max_retries,
            backoff_seconds=settings.llm_backoff_seconds,
            max_backoff_seconds=settings.llm_max_backoff_seconds,
            max_output_tokens=settings.llm_max_output_tokens,
            max_tokens_parameter=settings.llm_max_tokens_parameter,
            sleep=sleep,
        )

    @property
    def name(self) -> str:
        return f"llm:{self.model}"

    @property
    def provider(self) -> str:
        return urlparse(self.base_url).hostname or self.base_url

    def chat_json(
        self,
        messages: Sequence[dict[str, str]],
        parse: Callable[[Any], T],
        *,
        temperature: float = 0.0,
        max_output_tokens: int | None = None,
    ) -> ChatAnswer[T]:
        import openai

        tokens = max_output_tokens or self.max_output_tokens
        started = time.monotonic()
        attempts: list[str] = []
        sent = list(messages)
        for attempt in range(1, self.max_retries + 2):
            delay = min(self.max_backoff_seconds, self.backoff_seconds * 2 ** (attempt - 1))
            try:
                # One dict: the token limit's parameter name depends on the endpoint.
                request: dict[str, Any] = {
                    "model": self.model,
                    "messages": sent,
                    "response_format": {"type": "json_object"},
                    "temperature": temperature,
                    self.max_tokens_parameter: tokens,
                }
                completion = self._client.chat.completions.create(**request)
                return ChatAnswer(_decode(completion, parse, tokens), attempts)
            except openai.APITimeoutError:
                reason = f"timed out after {self.timeout_seconds:g} s"
            except openai.APIConnectionError as error:
                reason = (
                    f"connection failed "
                    f"({type(error.__cause__).__name__ if error.__cause__ else 'no answer'})"
                )
            except openai.APIStatusError as error:
                status = error.status_code
                if status < 500 and status not in _RETRIED_STATUS:
                    # What the endpoint said (a bad key, an unknown model) is kept: it is the fix.
                    attempts.append(f"HTTP {status}: {_endpoint_message(error)}")
                    raise LLMCallFailed(
                        f"HTTP {status} from the model endpoint, not retried", attempts
                    ) from error
                reason = "rate limited (HTTP 429)" if status == 429 else f"HTTP {status}"
                delay = _retry_after(error.response, default=delay, cap=self.max_backoff_seconds)
            except openai.APIResponseValidationError as error:
                reason = f"unusable response: not a chat completion ({error.message})"[:300]
            except UnusableResponse as error:
                reason = f"unusable response: {error}"[:500]
                # At temperature 0 the same prompt gives the same answer: say what was wrong.
                sent = [*messages, {"role": "user", "content": RETRY_NOTE.format(reason=error)}]
            attempts.append(reason)
            if attempt > self.max_retries:
                raise LLMCallFailed(f"{reason}; gave up after {attempt} attempts", attempts)
            if (
                time.monotonic() - started + delay + self.timeout_seconds
                > self.total_timeout_seconds
            ):
                raise LLMCallFailed(
                    f"{reason}; gave up after {attempt} attempts: another would end after "
                    f"{self.total_timeout_seconds:g} s",
                    attempts,
                )
            self._sleep(delay)
        raise AssertionError("unreachable")


def _decode(completion: Any, parse: Callable[[Any], T], tokens: int) -> T:
    choice = completion.choices[0] if completion.choices else None
    if choice is not None and choice.finish_reason == "length":
        raise UnusableResponse(f"cut at the output-token limit ({tokens} tokens)")
    content = choice.message.content if choice is not None else None
    if not content or not content.strip():
        raise UnusableResponse("empty content")
    try:
        data = json.loads(_FENCE.sub("", content))
    except json.JSONDecodeError as error:
        raise UnusableResponse(f"not JSON ({error.msg} at {error.pos})") from None
    try:
        return parse(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise UnusableResponse(
            f"invalid ({'.'.join(map(str, first['loc']))}: {first['msg']})"
        ) from None


def _endpoint_message(error: Any) -> str:
    """The error message of an HTTP error answer, as the endpoint wrote it."""
    body = getattr(error, "body", None)
    message = body.get("message") if isinstance(body, dict) else None
    return str(message or error.message)[:300]


def _retry_after(response: Any, *, default: float, cap: float) -> float:
    """The
    server's Retry-After (retry-after-ms, or retry-after in seconds), capped; else default."""
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            continue  # an HTTP date: use our own backoff
        if seconds >= 0:
            return min(seconds, cap)
    return default
