"""The sentiment job: score one User answer (the seed's step 6)."""

from __future__ import annotations

from interview_core.ai.sentiment.offline import SentimentResult
from interview_core.ai.sentiment.provider import SentimentAnalyzer
from interview_core.db import transcripts
from interview_core.db.connection import Database
from interview_core.domain.models import Speaker
from interview_core.observability import logger


def score_transcript_sentiment(
    db: Database, analyzer: SentimentAnalyzer, transcript_id: int
) -> SentimentResult | None:
    # Read, analyse, store: no database connection is held while the analyser answers (in AWS
    # Comprehend, over the network, against the proxy's connection budget). An answer's text
    # never changes, and storing its sentiment again stores the same thing.
    with db.unit_of_work() as uow:
        transcript = transcripts.get_transcript(uow.conn, transcript_id)
    if transcript is None or transcript.speaker != Speaker.USER:
        logger.warning(
            "no User transcript to score; job dropped", extra={"transcript_id": transcript_id}
        )
        return None
    result = analyzer.analyze(transcript.text)
    with db.unit_of_work() as uow:
        transcripts.set_sentiment(
            uow.conn, transcript_id, score=result.score, emotion=result.emotion
        )
    return result
