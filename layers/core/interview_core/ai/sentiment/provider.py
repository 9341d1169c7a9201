"""The sentiment analyser in use: offline by default, Amazon Comprehend with
SENTIMENT_PROVIDER=comprehend (see settings.py)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from interview_core.ai.sentiment.offline import LexiconSentimentAnalyzer, SentimentResult
from interview_core.ai.sentiment.settings import get_sentiment_settings


class SentimentAnalyzer(Protocol):
    name: str

    def analyze(self, text: str) -> SentimentResult: ...

    def analyze_many(self, texts: Sequence[str]) -> list[SentimentResult]:
        """Many texts at once, in order (Comprehend: 25 a call)."""
        ...


@lru_cache(maxsize=1)
def get_sentiment_analyzer() -> SentimentAnalyzer:
    settings = get_sentiment_settings()
    if settings.sentiment_provider == "comprehend":
        from interview_core.ai.sentiment.comprehend import ComprehendSentimentAnalyzer

        return ComprehendSentimentAnalyzer(
            region_name=settings.aws_region, endpoint_url=settings.comprehend_endpoint_url
        )
    return LexiconSentimentAnalyzer()
