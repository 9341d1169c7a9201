"""The interviewer's follow-up questions: after an answer, asked or not (domain.follow_up), and
the question line written into the transcript. Runs as the follow_up job of each answer that
could be followed up (services.interviews.add_answer marks it 'pending'). A job redelivered, or
run for an answer already decided, changes nothing.

The decision is taken from the answers read without a lock, and the question phrased (with a
language model configured, by it from the answer: services.follow_up_phrasing), outside any
transaction; then, under the interview's lock, it is written if what it was taken from is
unchanged, and taken again if not. Without a model, or when it gives nothing usable in time, the
offline templates phrase it."""

from __future__ import annotations

from dataclasses import dataclass

from interview_core.ai.evaluation.offline import score_answer
from interview_core.db import follow_ups, transcripts
from interview_core.db.connection import Database
from interview_core.domain import follow_up
from interview_core.domain.interview_flow import accepts_answers
from interview_core.domain.models import Speaker, Transcript
from interview_core.observability import logger
from interview_core.services import follow_up_phrasing


@dataclass(frozen=True)
class _Considered:
    decision: follow_up.Decision
    context: follow_ups.FollowUpContext
    uncovered: list[follow_up.Criterion]


def _consider(found: follow_ups.FollowUpContext) -> _Considered:
    interview, question = found.interview, found.question
    limit = min(interview.follow_up_limit, follow_up.MAX_LIMIT)
    open_for_answers = accepts_answers(interview.status)
    if not open_for_answers or found.superseded or found.asked >= limit:
        # Decided before any rubric point matters: the answers need no scoring.
        decision = follow_up.decide(
            open_for_answers=open_for_answers,
            asked_so_far=found.asked,
            limit=limit,
            answer_attempted=True,
            criteria=[],
            superseded=found.superseded,
        )
        return _Considered(decision, found, [])
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
        open_for_answers=open_for_answers,
        asked_so_far=found.asked,
        limit=limit,
        answer_attempted=latest.attempted,
        criteria=criteria,
        superseded=found.superseded,
    )
    uncovered = sorted(
        (c for c in criteria if c.score < follow_up.COVERED and c is not decision.criterion),
        key=lambda c: (c.score, -c.weight, c.name),
    )
    return _Considered(decision, found, uncovered)


def _phrased_by_model(considered: _Considered) -> str | None:
    found, target = considered.context, considered.decision.criterion
    assert target is not None
    return follow_up_phrasing.phrase(
        language=str(found.interview.language),
        question=found.question.content,
        answers=[line.text for line in found.lines if line.speaker == Speaker.USER],
        missing=[
            {"name": c.name, "description": c.description} for c in [target, *considered.uncovered]
        ],
    )


def follow_up_answer(db: Database, answer_id: int) -> Transcript | None:
    """Decide the follow-up of one answer; the AI line asked, if any. The answers are scored
    before the interview is locked (a candidate's next answer waits for that lock); under the
    lock the decision stands if what it was taken from has not changed, and is taken again if it
    has."""
    with db.unit_of_work() as uow:
        found = follow_ups.context(uow.conn, answer_id, lock=False)
    if found is None or found.answer.follow_up_state != "pending":
        return None
    considered = _consider(found)
    phrased: str | None = None
    if considered.decision.asked and follow_up_phrasing.model_name() is not None:
        phrased = _phrased_by_model(considered)  # no transaction is open while it waits

    with db.unit_of_work() as uow:
        locked = follow_ups.context(uow.conn, answer_id)
        if locked is None or locked.answer.follow_up_state != "pending":
            return None
        if locked.inputs != found.inputs:
            fresh = _consider(locked)
            if fresh.decision.reason != considered.decision.reason:
                phrased = None  # the model phrased another point
            considered = fresh
        decision, found = considered.decision, locked
        asked = None
        if decision.asked and decision.criterion is not None:
            asked = transcripts.append_transcript(
                uow.conn,
                interview_id=found.interview.id,
                speaker=Speaker.AI,
                text=phrased or follow_up.phrase(decision.criterion, str(found.interview.language)),
                question_id=found.question.id,
                follow_up_of=answer_id,
            )
        transcripts.set_follow_up_state(uow.conn, answer_id, "asked" if asked else "none")
        follow_ups.record_decision(
            uow.conn,
            answer_id=answer_id,
            interview_id=found.interview.id,
            question_id=found.question.id,
            asked=asked is not None,
            reason=decision.reason,
            source="llm" if asked is not None and phrased else "offline",
        )
    logger.info(
        "follow-up decided",
        extra={"answer_id": answer_id, "asked": asked is not None, "reason": decision.reason},
    )
    return asked
