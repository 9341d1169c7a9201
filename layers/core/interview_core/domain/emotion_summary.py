"""The interview's emotion summary, from the sentiment of each answer. Context for the reader
of a report; it never changes a score."""

from collections import Counter
from typing import Any

from interview_core.domain.models import Speaker, Transcript


def summarise_emotions(transcripts: list[Transcript]) -> dict[str, Any]:
    answers = [
        t for t in transcripts if t.speaker == Speaker.USER and t.sentiment_score is not None
    ]
    if not answers:
        return {
            "answers": 0,
            "average_sentiment": None,
            "dominant_emotion": None,
            "emotions": {},
            "timeline": [],
        }
    emotions = Counter(t.emotion or "neutral" for t in answers)
    return {
        "answers": len(answers),
        "average_sentiment": round(
            sum(t.sentiment_score or 0.0 for t in answers) / len(answers), 3
        ),
        "dominant_emotion": emotions.most_common(1)[0][0],
        "emotions": dict(emotions),
        "timeline": [
            {
                "order": t.order,
                "transcript_id": t.id,
                "sentiment_score": t.sentiment_score,
                "emotion": t.emotion,
            }
            for t in answers
        ],
    }
