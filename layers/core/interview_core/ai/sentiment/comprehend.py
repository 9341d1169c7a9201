"""Sentiment through Amazon Comprehend, with the offline analyser as the fallback.

DetectSentiment scores one text, BatchDetectSentiment up to 25 texts of one language a call. The
language (ko or en) comes from `detect_language`. Each document may hold at most 5,000 bytes of
UTF-8: a longer answer is cut at the last whole character within the limit (the start of an answer
carries its tone as well as any part), and a warning says so.

Comprehend answers a label (POSITIVE, NEGATIVE, NEUTRAL, MIXED) and a SentimentScore with the four
probabilities. The platform's score is Positive - Negative (-1..1, 3 decimals). Comprehend has no
emotions, so the emotion is the project's own mapping (`offline.lexicon_emotion`): neutral inside
the neutral band, happy above it, and below it the strongest of the offline lexicon's anger,
anxiety and sadness cues in the same text (sad when none), so the emotion always agrees with the
score's sign, as it does offline.

Any boto3/botocore error (no credentials, no network, throttling after botocore's retries, a
service error) and any per-document error of a batch fall back to the offline analyser for the
texts concerned, with a warning saying why: a score is never lost. boto3 is imported on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from interview_core.ai.sentiment.offline import (
    NEUTRAL_BAND,
    LexiconSentimentAnalyzer,
    SentimentResult,
    _normalise_text,
    detect_language,
    lexicon_emotion,
)
from interview_core.observability import logger

MAX_DOCUMENT_BYTES = 5000  # per document, UTF-8, for DetectSentiment and BatchDetectSentiment
MAX_BATCH_SIZE = 25  # documents per BatchDetectSentiment call
CONNECT_TIMEOUT_SECONDS = 3
READ_TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 3  # in all, first try included; botocore "standard" retries throttling and 5xx


def truncate_utf8(text: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> tuple[str, bool]:
    """`text` cut to at most `max_bytes` of UTF-8 at a character boundary, and whether it was."""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text, False
    # errors="ignore" drops only the partial character the cut may leave at the end.
    return encoded[:max_bytes].decode("utf-8", errors="ignore"), True


def score_of(sentiment_score: dict[str, Any]) -> float:
    """Positive - Negative, within -1..1, rounded to 3 decimals."""
    value = float(sentiment_score.get("Positive", 0.0)) - float(
        sentiment_score.get("Negative", 0.0)
    )
    value = round(max(-1.0, min(1.0, value)), 3)
    return 0.0 if value == 0 else value


def result_of(text: str, language: str, sentiment_score: dict[str, Any]) -> SentimentResult:
    score = score_of(sentiment_score)
    return SentimentResult(score=score, emotion=lexicon_emotion(text, score), language=language)  # type: ignore[arg-type]


class ComprehendSentimentAnalyzer:
    """Amazon Comprehend DetectSentiment / BatchDetectSentiment for Korean and English."""

    name = "aws-comprehend"

    def __init__(
        self,
        *,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        client: Any | None = None,
        fallback: LexiconSentimentAnalyzer | None = None,
    ) -> None:
        self._region_name = region_name
        self._endpoint_url = endpoint_url
        self._client = client
        self.fallback = fallback or LexiconSentimentAnalyzer()
        # Counters for the bench and the logs: how many texts the offline analyser scored
        # instead, and how many were cut to the byte limit.
        self.fallbacks = 0
        self.truncations = 0

    # ------------------------------------------------------------------ client

    def _get_client(self) -> Any:
        if self._client is None:
            import boto3
            from botocore.config import Config

            self._client = boto3.session.Session().client(
                "comprehend",
                region_name=self._region_name,
                endpoint_url=self._endpoint_url,
                config=Config(
                    connect_timeout=CONNECT_TIMEOUT_SECONDS,
                    read_timeout=READ_TIMEOUT_SECONDS,
                    retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
                ),
            )
        return self._client

    @staticmethod
    def _errors() -> tuple[type[BaseException], ...]:
        try:
            from botocore.exceptions import BotoCoreError, ClientError
        except ImportError:  # boto3 missing: the ImportError itself is caught below
            return (ImportError,)
        # KeyError/TypeError/ValueError: an answer without the expected shape.
        return (BotoCoreError, ClientError, ImportError, KeyError, TypeError, ValueError)

    def _fall_back(self, texts: Sequence[str], reason: str, **extra: Any) -> list[SentimentResult]:
        self.fallbacks += len(texts)
        logger.warning(
            "Comprehend sentiment failed; the offline analyser scores instead",
            extra={"reason": reason, "texts": len(texts), "fallback": self.fallback.name, **extra},
        )
        return [self.fallback.analyze(t) for t in texts]

    def _document(self, text: str, language: str) -> str:
        document, cut = truncate_utf8(text)
        if cut:
            self.truncations += 1
            logger.warning(
                "answer longer than Comprehend's 5,000-byte limit; its start is scored",
                extra={
                    "bytes": len(text.encode("utf-8")),
                    "kept_bytes": len(document.encode("utf-8")),
                    "kept_characters": len(document),
                    "characters": len(text),
                    "language": language,
                },
            )
        return document

    # ------------------------------------------------------------------ API

    def analyze(self, text: str) -> SentimentResult:
        text = _normalise_text(text or "")
        if not text.strip():
            return self.fallback.analyze(text)  # Comprehend refuses empty text; neutral anyway
        language = detect_language(text)
        try:
            response = self._get_client().detect_sentiment(
                Text=self._document(text, language), LanguageCode=language
            )
            return result_of(text, language, response["SentimentScore"])
        except self._errors() as error:
            return self._fall_back([text], _reason(error), language=language)[0]

    def analyze_many(self, texts: Sequence[str]) -> list[SentimentResult]:
        """One result per text, in order: BatchDetectSentiment per language, 25 texts a call."""
        normalised = [_normalise_text(t or "") for t in texts]
        results: list[SentimentResult | None] = [None] * len(normalised)
        by_language: dict[str, list[int]] = {}
        for i, text in enumerate(normalised):
            if text.strip():
                by_language.setdefault(detect_language(text), []).append(i)
            else:
                results[i] = self.fallback.analyze(text)
        for language, indices in by_language.items():
            for start in range(0, len(indices), MAX_BATCH_SIZE):
                chunk = indices[start : start + MAX_BATCH_SIZE]
                for i, result in zip(
                    chunk, self._batch([normalised[i] for i in chunk], language), strict=True
                ):
                    results[i] = result
        return [r for r in results if r is not None]

    def _batch(self, texts: list[str], language: str) -> list[SentimentResult]:
        try:
            response = self._get_client().batch_detect_sentiment(
                TextList=[self._document(t, language) for t in texts], LanguageCode=language
            )
            out: list[SentimentResult | None] = [None] * len(texts)
            for item in response.get("ResultList", []):
                index = int(item["Index"])
                out[index] = result_of(texts[index], language, item["SentimentScore"])
            for item in response.get("ErrorList", []):
                index = int(item["Index"])
                out[index] = self._fall_back(
                    [texts[index]],
                    f"{item.get('ErrorCode')}: {item.get('ErrorMessage')}",
                    language=language,
                    index=index,
                )[0]
            missing = [i for i, r in enumerate(out) if r is None]
            if missing:  # neither a result nor an error: never seen, but never lose a score
                for i, result in zip(
                    missing,
                    self._fall_back([texts[i] for i in missing], "no result in the batch answer"),
                    strict=True,
                ):
                    out[i] = result
            return [r for r in out if r is not None]
        except self._errors() as error:
            return self._fall_back(texts, _reason(error), language=language)


def _reason(error: BaseException) -> str:
    response = getattr(error, "response", None)
    if isinstance(response, dict):
        code = response.get("Error", {}).get("Code")
        if code:
            return f"{type(error).__name__} {code}: {response['Error'].get('Message', '')}".strip()
    return f"{type(error).__name__}: {error}"


__all__ = [
    "MAX_BATCH_SIZE",
    "MAX_DOCUMENT_BYTES",
    "NEUTRAL_BAND",
    "ComprehendSentimentAnalyzer",
    "result_of",
    "score_of",
    "truncate_utf8",
]
