"""SQL for transcripts (the conversation record)."""

from __future__ import annotations

from interview_core.db.connection import Connection, one
from interview_core.domain.models import Speaker, Transcript

_COLUMNS = (
    'id, interview_id, speaker, text, timestamp, sentiment_score, emotion, question_id, "order"'
)


def append_transcript(
    conn: Connection, *, interview_id: int, speaker: Speaker, text: str, question_id: int | None
) -> Transcript:
    """Append at the next `order`. The caller holds the interview row lock, so concurrent
    answers to one interview are numbered one after the other, never twice the same."""
    row = conn.execute(
        f"""INSERT INTO transcripts (interview_id, speaker, text, question_id, "order")
            VALUES (%(interview)s, %(speaker)s, %(text)s, %(question)s,
                    (SELECT coalesce(max("order"), 0) + 1 FROM transcripts WHERE interview_id =
                    %(interview)s))
            RETURNING {_COLUMNS}""",
        {"interview": interview_id, "speaker": speaker, "text": text, "question": question_id},
    ).fetchone()
    return Transcript.model_validate(row)


def answer_totals(
    conn: Connection, *, interview_id: int, question_id: int | None
) -> tuple[int, int]:
    """(lines, characters) the candidate has answered to one question (or untagged)."""
    row = one(
        conn.execute(
            """SELECT count(*) AS lines, coalesce(sum(length(text)), 0) AS chars FROM transcripts
           WHERE interview_id = %s AND speaker = 'User' AND question_id IS NOT DISTINCT FROM %s""",
            (interview_id, question_id),
        )
    )
    return int(row["lines"]), int(row["chars"])


def list_transcripts(conn: Connection, interview_id: int) -> list[Transcript]:
    rows = conn.execute(
        f'SELECT {_COLUMNS} FROM transcripts WHERE interview_id = %s ORDER BY "order"',
        (interview_id,),
    ).fetchall()
    return [Transcript.model_validate(row) for row in rows]


def get_transcript(conn: Connection, transcript_id: int) -> Transcript | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM transcripts WHERE id = %s", (transcript_id,)
    ).fetchone()
    return Transcript.model_validate(row) if row else None


def set_sentiment(conn: Connection, transcript_id: int, *, score: float, emotion: str) -> None:
    conn.execute(
        "UPDATE transcripts SET sentiment_score = %s, emotion = %s WHERE id = %s",
        (score, emotion, transcript_id),
    )


def unscored_user_transcripts(
    conn: Connection, *, older_than_seconds: int, newer_than_seconds: int | None = None
) -> list[int]:
    """User answers still without sentiment: their job may have been lost."""
    rows = conn.execute(
        """SELECT id FROM transcripts
           WHERE speaker = 'User' AND sentiment_score IS NULL
             AND timestamp < now() - make_interval(secs => %(old)s)
             AND (%(new)s::int IS NULL OR timestamp >= now() - make_interval(secs => %(new)s::int))
           ORDER BY id""",
        {"old": older_than_seconds, "new": newer_than_seconds},
    ).fetchall()
    return [row["id"] for row in rows]
