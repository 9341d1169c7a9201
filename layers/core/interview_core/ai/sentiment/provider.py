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


class BatchSentimentAnalyzer(SentimentAnalyzer, Protocol):
    """Both analysers also score many texts at once (Comprehend: 25 a call)."""

    def analyze_many(self, texts: Sequence[str]) -> list[SentimentResult]: ...


def analyze_many(analyzer: SentimentAnalyzer, texts: Sequence[str]) -> list[SentimentResult]:
    """`analyzer.analyze_many` when it has one, else one `analyze` per text; same order."""
    many = getattr(analyzer, "analyze_many", None)
    return list(many(texts)) if many is not None else [analyzer.analyze(t) for t in texts]


@lru_cache(maxsize=1)
def get_sentiment_analyzer() -> SentimentAnalyzer:
    settings = get_sentiment_settings()
    if settings.sentiment_provider == "comprehend":
        from interview_core.ai.sentiment.comprehend import ComprehendSentimentAnalyzer

        return ComprehendSentimentAnalyzer(
            region_name=settings.aws_region, endpoint_url=settings.comprehend_endpoint_url
        )
    return LexiconSentimentAnalyzer()
