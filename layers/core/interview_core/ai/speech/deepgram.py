"""Deepgram through its SDK: short-lived tokens for the browser's live speech-to-text, and the
prerecorded API for uploaded answers. The base URL is configurable so tests run the real SDK
against a local fake server."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from interview_core.errors import InvalidInput, UpstreamError
from interview_core.settings import Settings, get_settings

PRODUCTION_BASE_URL = "https://api.deepgram.com"


def live_url(base_url: str) -> str:
    """Where the browser streams audio: the live API beside a REST base URL."""
    base = base_url.rstrip("/")
    return base.replace("https://", "wss://", 1).replace("http://", "ws://", 1) + "/v1/listen"


@dataclass(frozen=True)
class Grant:
    access_token: str
    expires_in: float


@dataclass(frozen=True)
class Transcription:
    text: str
    confidence: float | None


class DeepgramSpeech:
    def __init__(
        self, api_key: str, *, base_url: str = PRODUCTION_BASE_URL, model: str = "nova-3"
    ) -> None:
        self._api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.model = model
        self._client: Any = None

    @property
    def websocket_url(self) -> str:
        return live_url(self.base_url)

    def _sdk(self) -> Any:
        if self._client is None:
            from deepgram import DeepgramClient
            from deepgram.environment import DeepgramClientEnvironment

            ws = self.websocket_url.removesuffix("/v1/listen")
            environment = DeepgramClientEnvironment(
                base=self.base_url, production=ws, agent=ws, agent_rest=self.base_url
            )
            self._client = DeepgramClient(
                api_key=self._api_key, environment=environment, timeout=30, max_retries=1
            )
        return self._client

    def grant(self, ttl_seconds: int) -> Grant:
        from deepgram.core.api_error import ApiError

        try:
            response = self._sdk().auth.v1.tokens.grant(ttl_seconds=ttl_seconds)
        except ApiError as error:
            raise UpstreamError(f"Deepgram refused a token (HTTP {error.status_code})") from None
        except Exception as error:  # noqa: BLE001 - network errors of any kind
            raise UpstreamError(f"Deepgram could not be reached: {type(error).__name__}") from None
        return Grant(
            access_token=response.access_token, expires_in=float(response.expires_in or ttl_seconds)
        )

    def transcribe(self, audio: bytes, *, language: str) -> Transcription:
        from deepgram.core.api_error import ApiError

        try:
            response = self._sdk().listen.v1.media.transcribe_file(
                request=audio,
                model=self.model,
                language=language,
                smart_format=True,
                punctuate=True,
            )
        except ApiError as error:
            if error.status_code is not None and 400 <= error.status_code < 500:
                raise InvalidInput(
                    "The audio could not be transcribed: send a supported recording"
                ) from None
            raise UpstreamError(
                f"Deepgram failed to transcribe (HTTP {error.status_code})"
            ) from None
        except Exception as error:  # noqa: BLE001 - network errors of any kind
            raise UpstreamError(f"Deepgram could not be reached: {type(error).__name__}") from None
        try:
            best = response.results.channels[0].alternatives[0]
        except (AttributeError, IndexError):
            raise UpstreamError("Deepgram answered without a transcript") from None
        return Transcription(
            text=(best.transcript or "").strip(), confidence=getattr(best, "confidence", None)
        )


def speech_from_settings(settings: Settings) -> DeepgramSpeech | None:
    """None when no DEEPGRAM_API_KEY is set: answers are typed."""
    if settings.deepgram_api_key is None:
        return None
    return DeepgramSpeech(
        settings.deepgram_api_key.get_secret_value(),
        base_url=settings.deepgram_base_url or PRODUCTION_BASE_URL,
        model=settings.deepgram_model,
    )


@lru_cache(maxsize=1)
def get_speech() -> DeepgramSpeech | None:
    return speech_from_settings(get_settings())
