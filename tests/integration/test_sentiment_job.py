"""The sentiment job holds no database connection while the analyser (Comprehend in AWS) works."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from interview_core.ai.sentiment.offline import LexiconSentimentAnalyzer, SentimentResult
from interview_core.db.connection import Database
from interview_core.services.sentiment import score_transcript_sentiment


class AnalyzerUsingTheDatabase:
    """An analyser that needs a connection of the same one-connection pool while it works: it
    gets one only if the job is not holding it."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._offline = LexiconSentimentAnalyzer()

    def analyze(self, text: str) -> SentimentResult:
        with self._db.unit_of_work(wait_seconds=0.5) as uow:
            uow.conn.execute("SELECT 1")
        return self._offline.analyze(text)

    def analyze_many(self, texts: Sequence[str]) -> list[SentimentResult]:
        return [self.analyze(t) for t in texts]


@pytest.fixture
def db(database_url):
    database = Database(database_url, max_size=1)
    yield database
    database.close()


def _answer(db: Database, speaker: str, text: str) -> int:
    with db.unit_of_work() as uow:
        conn = uow.conn
        candidate = conn.execute(
            "INSERT INTO users (email, username, role, password_hash) "
            "VALUES (%s, %s, 'candidate', 'x') RETURNING id",
            (f"{speaker}@x.io", f"cand-{speaker}"),
        ).fetchone()["id"]
        interview = conn.execute(
            "INSERT INTO interviews (candidate_id, position) VALUES (%s, 'Backend') RETURNING id",
            (candidate,),
        ).fetchone()["id"]
        return conn.execute(
            'INSERT INTO transcripts (interview_id, speaker, text, "order") '
            "VALUES (%s, %s, %s, 1) RETURNING id",
            (interview, speaker, text),
        ).fetchone()["id"]


def test_the_answer_is_scored_with_no_connection_held_while_analysing(db, sql):
    transcript_id = _answer(db, "User", "I really enjoyed building this; the team was great.")

    result = score_transcript_sentiment(db, AnalyzerUsingTheDatabase(db), transcript_id)

    assert result is not None and result.score > 0
    stored = sql.execute(
        "SELECT sentiment_score, emotion FROM transcripts WHERE id = %s", (transcript_id,)
    ).fetchone()
    assert stored == {"sentiment_score": pytest.approx(result.score), "emotion": result.emotion}


def test_an_ai_line_is_not_scored(db, sql):
    transcript_id = _answer(db, "AI", "Tell me about a project you enjoyed.")

    assert score_transcript_sentiment(db, AnalyzerUsingTheDatabase(db), transcript_id) is None
    stored = sql.execute(
        "SELECT sentiment_score FROM transcripts WHERE id = %s", (transcript_id,)
    ).fetchone()
    assert stored == {"sentiment_score": None}
