"""SQL for follow-up questions: what a decision reads, and the decision log."""

from __future__ import annotations

from dataclasses import dataclass

from interview_core.db import interviews, transcripts
from interview_core.db.connection import Connection
from interview_core.domain.models import Interview, Question, Speaker, Transcript


@dataclass(frozen=True)
class FollowUpContext:
    """What deciding a follow-up of one answer reads, under the interview's lock: the answer, its
    interview, the question (as the interview asked it), every line of that question so far and
    how many follow-ups it already had."""

    answer: Transcript
    interview: Interview
    question: Question
    lines: list[Transcript]
    asked: int
    # A later line of an answer to the same question exists (a spoken answer arrives in several
    # lines): that line's decision is the one that counts.
    superseded: bool

    @property
    def inputs(self) -> tuple[object, ...]:
        """What a decision depends on: the same inputs read under the lock confirm it."""
        return (
            self.answer.follow_up_state,
            self.interview.status,
            self.interview.follow_up_limit,
            tuple((line.id, line.text) for line in self.lines),
            self.asked,
            self.superseded,
        )


def context(conn: Connection, answer_id: int, *, lock: bool = True) -> FollowUpContext | None:
    """None when the answer, its question or its interview is gone. Without `lock` it is read
    as it is, for a decision to be confirmed under the lock (FollowUpContext.inputs)."""
    answer = transcripts.get_transcript(conn, answer_id)
    if answer is None or answer.question_id is None:
        return None
    interview = interviews.get_interview(conn, answer.interview_id, for_update=lock)
    if interview is None:
        return None
    if lock:
        answer = transcripts.get_transcript(conn, answer_id)  # as it is now that the lock is held
    question = next(
        (
            q
            for q in interviews.interview_questions(conn, interview.id)
            if answer is not None and q.id == answer.question_id
        ),
        None,
    )
    if answer is None or question is None:
        return None
    of_question = [
        line
        for line in transcripts.list_transcripts(conn, interview.id)
        if line.question_id == question.id
    ]
    # Every follow-up of the question counts, wherever it fell: one asked after this answer was
    # written (of an earlier answer) is still one of the question's.
    asked = sum(1 for line in of_question if line.follow_up_of is not None)
    superseded = any(
        line.speaker == Speaker.USER and line.order > answer.order for line in of_question
    )
    return FollowUpContext(
        answer=answer,
        interview=interview,
        question=question,
        lines=[line for line in of_question if line.order <= answer.order],
        asked=asked,
        superseded=superseded,
    )


def record_decision(
    conn: Connection,
    *,
    answer_id: int,
    interview_id: int,
    question_id: int,
    asked: bool,
    reason: str,
    source: str,
) -> None:
    conn.execute(
        """INSERT INTO follow_up_decisions (answer_id, interview_id, question_id, asked, reason,
                                            source)
           VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (answer_id) DO NOTHING""",
        (answer_id, interview_id, question_id, asked, reason[:200], source),
    )
