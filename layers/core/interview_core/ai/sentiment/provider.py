"""The sentiment analyser in use. Offline by default; cloud providers plug in here."""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from interview_core.ai.sentiment.offline import LexiconSentimentAnalyzer, SentimentResult


class SentimentAnalyzer(Protocol):
    name: str

    def analyze(self, text: str) -> SentimentResult: ...


@lru_cache(maxsize=1)
def get_sentiment_analyzer() -> SentimentAnalyzer:
    return LexiconSentimentAnalyzer()
