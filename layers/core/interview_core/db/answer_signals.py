"""SQL for the integrity signals of typed answers, and the near-identical answers of a posting's
candidates (domain.integrity)."""

from __future__ import annotations

from interview_core.db.connection import Connection
from interview_core.domain.integrity import (
    AnswerSignals,
    PostingAnswer,
    SignalsOfAnswer,
    SimilarAnswer,
)


def insert(
    conn: Connection, *, transcript_id: int, interview_id: int, signals: AnswerSignals
) -> None:
    """Nothing is read back: in a pipelined unit of work it travels with the answer's INSERT."""
    conn.execute(
        """INSERT INTO answer_signals (transcript_id, interview_id, typing_ms, keystrokes,
               pasted_chars, paste_events, blur_events, blur_ms)
           VALUES (%s, %s, %s, %s, %s, %s, %s, %s)""",
        (
            transcript_id,
            interview_id,
            signals.typing_ms,
            signals.keystrokes,
            signals.pasted_chars,
            signals.paste_events,
            signals.blur_events,
            signals.blur_ms,
        ),
    )


def of_interviews(conn: Connection, interview_ids: list[int]) -> dict[int, list[SignalsOfAnswer]]:
    """{interview id: each signalled answer with its text, in the interview's order}."""
    found: dict[int, list[SignalsOfAnswer]] = {i: [] for i in interview_ids}
    rows = conn.execute(
        """SELECT s.interview_id, s.transcript_id, t.question_id, t.text, s.typing_ms,
                  s.keystrokes, s.pasted_chars, s.paste_events, s.blur_events, s.blur_ms
           FROM answer_signals s JOIN transcripts t ON t.id = s.transcript_id
           WHERE s.interview_id = ANY(%s) ORDER BY s.interview_id, t."order" """,
        (interview_ids,),
    ).fetchall()
    for row in rows:
        answer = SignalsOfAnswer(
            transcript_id=row["transcript_id"],
            question_id=row["question_id"],
            text=row["text"],
            signals=AnswerSignals(
                typing_ms=row["typing_ms"],
                keystrokes=row["keystrokes"],
                pasted_chars=row["pasted_chars"],
                paste_events=row["paste_events"],
                blur_events=row["blur_events"],
                blur_ms=row["blur_ms"],
            ),
        )
        found[row["interview_id"]].append(answer)
    return found


def other_answers(
    conn: Connection, *, job_posting_id: int, interview_id: int, question_ids: list[int]
) -> list[PostingAnswer]:
    """The other candidates' whole answers (their User lines of a question joined, follow-up
    answers included) to these questions, in the posting's real interviews."""
    rows = conn.execute(
        """SELECT t.interview_id, t.question_id, c.username AS candidate_username,
                  string_agg(t.text, ' ' ORDER BY t."order") AS text
           FROM transcripts t
           JOIN interviews i ON i.id = t.interview_id
           JOIN users c ON c.id = i.candidate_id
           WHERE i.job_posting_id = %s AND i.kind = 'real' AND i.id <> %s
             AND t.speaker = 'User' AND t.question_id = ANY(%s)
           GROUP BY t.interview_id, t.question_id, c.username
           ORDER BY t.interview_id, t.question_id""",
        (job_posting_id, interview_id, question_ids),
    ).fetchall()
    return [PostingAnswer(**row) for row in rows]


def store_similar(conn: Connection, pairs: list[SimilarAnswer]) -> None:
    """Each pair in both directions; written again, the similarity is replaced."""
    if not pairs:
        return
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO answer_similarities (interview_id, question_id, other_interview_id,
                   similarity) VALUES (%s, %s, %s, %s)
               ON CONFLICT (interview_id, question_id, other_interview_id)
               DO UPDATE SET similarity = EXCLUDED.similarity""",
            [
                row
                for p in pairs
                for row in (
                    (p.interview_id, p.question_id, p.other_interview_id, p.similarity),
                    (p.other_interview_id, p.question_id, p.interview_id, p.similarity),
                )
            ],
        )


def similar_of(conn: Connection, interview_ids: list[int]) -> dict[int, list[SimilarAnswer]]:
    found: dict[int, list[SimilarAnswer]] = {i: [] for i in interview_ids}
    rows = conn.execute(
        """SELECT s.interview_id, s.question_id, s.other_interview_id, s.similarity,
                  c.username AS other_candidate
           FROM answer_similarities s
           JOIN interviews o ON o.id = s.other_interview_id
           JOIN users c ON c.id = o.candidate_id
           WHERE s.interview_id = ANY(%s)
           ORDER BY s.interview_id, s.question_id, s.similarity DESC""",
        (interview_ids,),
    ).fetchall()
    for row in rows:
        found[row["interview_id"]].append(
            SimilarAnswer(
                interview_id=row["interview_id"],
                question_id=row["question_id"],
                other_interview_id=row["other_interview_id"],
                similarity=round(float(row["similarity"]), 3),
                other_candidate=row["other_candidate"],
            )
        )
    return found
