"""The interviewer's follow-up questions: after an answer, asked or not (domain.follow_up), and
the question line written into the transcript. Runs as the follow_up job of each answer that
could be followed up (services.interviews.add_answer marks it 'pending'). A job redelivered, or
run for an answer already decided, changes nothing."""

from __future__ import annotations

from interview_core.ai.evaluation.offline import score_answer
from interview_core.db import follow_ups, transcripts
from interview_core.db.connection import Database
from interview_core.domain import follow_up
from interview_core.domain.interview_flow import accepts_answers
from interview_core.domain.models import Speaker, Transcript
from interview_core.observability import logger


def follow_up_answer(db: Database, answer_id: int) -> Transcript | None:
    """Decide the follow-up of one answer; the AI line asked, if any."""
    with db.unit_of_work() as uow:
        found = follow_ups.context(uow.conn, answer_id)
        if found is None or found.answer.follow_up_state != "pending":
            return None
        interview, question = found.interview, found.question
        language = str(interview.language)
        user_lines = [line for line in found.lines if line.speaker == Speaker.USER]
        so_far = score_answer(question, user_lines, language)
        latest = score_answer(question, [found.answer], language)
        criteria = [
            follow_up.Criterion(
                name=str(spec.get("name", "")),
                description=str(spec.get("description", "")),
                weight=float(spec.get("weight") or 1.0),
                score=next(
                    (c.score for c in so_far.evaluation.criteria if c.name == spec.get("name")),
                    0.0,
                ),
            )
            for spec in (question.rubric_json or {}).get("criteria") or []
        ]
        decision = follow_up.decide(
            open_for_answers=accepts_answers(interview.status),
            asked_so_far=found.asked,
            limit=min(interview.follow_up_limit, follow_up.MAX_LIMIT),
            answer_attempted=latest.attempted,
            criteria=criteria,
        )
        asked = None
        if decision.asked and decision.criterion is not None:
            asked = transcripts.append_transcript(
                uow.conn,
                interview_id=interview.id,
                speaker=Speaker.AI,
                text=follow_up.phrase(decision.criterion, language),
                question_id=question.id,
                follow_up_of=answer_id,
            )
        transcripts.set_follow_up_state(uow.conn, answer_id, "asked" if asked else "none")
        follow_ups.record_decision(
            uow.conn,
            answer_id=answer_id,
            interview_id=interview.id,
            question_id=question.id,
            asked=asked is not None,
            reason=decision.reason,
            source="offline",
        )
    logger.info(
        "follow-up decided",
        extra={"answer_id": answer_id, "asked": asked is not None, "reason": decision.reason},
    )
    return asked
