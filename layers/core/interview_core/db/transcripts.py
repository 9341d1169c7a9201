"""SQL for transcripts (the conversation record)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from interview_core.db.connection import Connection
from interview_core.domain.models import FollowUpState, Speaker, Transcript

_COLUMNS = (
    'id, interview_id, speaker, text, timestamp, sentiment_score, emotion, question_id, "order", '
    "follow_up_state, follow_up_of"
)


def append_transcript(
    conn: Connection,
    *,
    interview_id: int,
    speaker: Speaker,
    text: str,
    question_id: int | None,
    follow_up_of: int | None = None,
) -> Transcript:
    """Append at the next `order`. The caller holds the interview row lock, so concurrent
    answers to one interview are numbered one after the other, never twice the same."""
    row = conn.execute(
        f"""INSERT INTO transcripts (interview_id, speaker, text, question_id, "order",
                                     follow_up_of)
            VALUES (%(interview)s, %(speaker)s, %(text)s, %(question)s,
                    (SELECT coalesce(max("order"), 0) + 1 FROM transcripts WHERE interview_id =
                    %(interview)s), %(follows)s)
            RETURNING {_COLUMNS}""",
        {
            "interview": interview_id,
            "speaker": speaker,
            "text": text,
            "question": question_id,
            "follows": follow_up_of,
        },
    ).fetchone()
    return Transcript.model_validate(row)


@dataclass(frozen=True)
class Slot:
    """Where an interview's next utterance goes: its id (taken from the table's identity), its
    `order` (one after the last) and its time, read while the interview row is locked."""

    id: int
    order: int
    timestamp: datetime


# The columns of the next Slot of the interview `i`, for a statement that reads under its lock.
SLOT_COLUMNS = """
    nextval(pg_get_serial_sequence('transcripts', 'id')) AS slot_id,
    (SELECT coalesce(max("order"), 0) + 1 FROM transcripts WHERE interview_id = i.id)
        AS slot_order,
    clock_timestamp() AS slot_timestamp"""


def slot_from(row: dict) -> Slot:
    return Slot(id=row["slot_id"], order=row["slot_order"], timestamp=row["slot_timestamp"])


def insert_at(
    conn: Connection,
    slot: Slot,
    *,
    interview_id: int,
    speaker: Speaker,
    text: str,
    question_id: int | None,
    follow_up_state: FollowUpState | None = None,
) -> Transcript:
    """Write an utterance at its slot. Nothing is read back (the row is what is sent), so in a
    pipelined unit of work the INSERT travels with the statements after it. The caller still
    holds the interview row lock taken when the slot was read."""
    conn.execute(
        """INSERT INTO transcripts (id, interview_id, speaker, text, question_id, "order",
                                    timestamp, follow_up_state)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s)""",
        (
            slot.id,
            interview_id,
            speaker,
            text,
            question_id,
            slot.order,
            slot.timestamp,
            follow_up_state,
        ),
    )
    return Transcript(
        id=slot.id,
        interview_id=interview_id,
        speaker=speaker,
        text=text,
        timestamp=slot.timestamp,
        sentiment_score=None,
        emotion=None,
        question_id=question_id,
        order=slot.order,
        follow_up_state=follow_up_state,
    )


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


def set_follow_up_state(conn: Connection, transcript_id: int, state: FollowUpState) -> None:
    conn.execute(
        "UPDATE transcripts SET follow_up_state = %s WHERE id = %s", (state, transcript_id)
    )


def pending_follow_ups(
    conn: Connection, *, older_than_seconds: int, newer_than_seconds: int | None = None
) -> list[int]:
    """User answers whose follow-up was never decided: their job may have been lost."""
    rows = conn.execute(
        """SELECT id FROM transcripts
           WHERE follow_up_state = 'pending'
             AND timestamp < now() - make_interval(secs => %(old)s)
             AND (%(new)s::int IS NULL OR timestamp >= now() - make_interval(secs => %(new)s::int))
           ORDER BY id""",
        {"old": older_than_seconds, "new": newer_than_seconds},
    ).fetchall()
    return [row["id"] for row in rows]


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
