"""The question bank: the platform's curated questions (its admins') and each organization's own.

An edit of what is scored (content, category, difficulty, language, rubric) makes a new version;
interviews keep the version they asked. Every change is in the audit trail with its before and
after.
"""

from __future__ import annotations

from typing import Any

import psycopg

from interview_core.db import audit, questions
from interview_core.db.connection import Connection, Database
from interview_core.domain import access
from interview_core.domain.models import Question, QuestionVersion, User
from interview_core.errors import Conflict, ErrorCode, Forbidden, NotFound
from interview_core.jobs.messages import EmbedJob
from interview_core.jobs.publisher import JobPublisher

# A new text to embed: the question's (its vector is cleared when it changes) or a new position's.
_EMBEDDED_FIELDS = {"content", "position"}
_AUDITED = (
    "content",
    "category",
    "difficulty",
    "language",
    "rubric_json",
    "position",
    "is_active",
    "version",
)
DUPLICATE = "This question is already in the bank in this language"


def _audit_view(question: Question) -> dict[str, Any]:
    return {field: getattr(question, field) for field in _AUDITED}


def review(db: Database, user: User, question_id: int, decision: str) -> Question:
    """A member approves a drafted question (it is asked from now on) or rejects it (kept,
    never asked); either is in the audit trail."""
    with db.unit_of_work() as uow:
        question = _visible(uow.conn, user, question_id, lock=True)
        if not access.can_edit_question(user, question):
            raise Forbidden(access.edit_refusal(question))
        if question.status != "draft":
            raise Conflict(
                f"Question {question_id} is not a draft (it is {question.status})",
                code=ErrorCode.NOT_A_DRAFT,
            )
        status = "approved" if decision == "approve" else "rejected"
        decided = questions.set_status(uow.conn, question_id, status)
        audit.record(
            uow.conn,
            actor_id=user.id,
            organization_id=question.organization_id,
            action=f"question.{status}",
            target_type="question",
            target_id=question_id,
            before={"status": question.status, "is_active": question.is_active},
            after={"status": decided.status, "is_active": decided.is_active},
        )
        return decided


def _change_action(before: Question, after: Question) -> str:
    if before.is_active and not after.is_active:
        return "question.retired"
    if not before.is_active and after.is_active:
        return "question.reactivated"
    return "question.updated"


def search(db: Database, user: User, *, owner: str | None = None, **filters: Any) -> list[Question]:
    scope = access.question_scope(user)
    with db.unit_of_work() as uow:
        return questions.search_questions(uow.conn, scope=scope, owner=owner, **filters)


def _visible(conn: Connection, user: User, question_id: int, *, lock: bool = False) -> Question:
    access.question_scope(user)  # a candidate or a pending organization is refused outright
    question = questions.get_question(conn, question_id, for_update=lock)
    if question is None or not access.can_view_question(user, question):
        raise NotFound(f"Question {question_id} not found")
    return question


def get(db: Database, user: User, question_id: int) -> Question:
    with db.unit_of_work() as uow:
        return _visible(uow.conn, user, question_id)


def versions(db: Database, user: User, question_id: int) -> list[QuestionVersion]:
    with db.unit_of_work() as uow:
        _visible(uow.conn, user, question_id)
        return questions.question_versions(uow.conn, question_id)


def create(db: Database, publisher: JobPublisher, user: User, values: dict[str, Any]) -> Question:
    organization_id = access.require_can_create_question(user)
    try:
        with db.unit_of_work() as uow:
            question = questions.insert_question(
                uow.conn, {**values, "organization_id": organization_id}
            )
            audit.record(
                uow.conn,
                actor_id=user.id,
                organization_id=organization_id,
                action="question.created",
                target_type="question",
                target_id=question.id,
                after=_audit_view(question),
            )
            publisher.publish(uow, EmbedJob(cause="question", cause_id=question.id))
            return question
    except psycopg.errors.UniqueViolation:
        raise Conflict(DUPLICATE) from None


def update(
    db: Database, publisher: JobPublisher, user: User, question_id: int, changes: dict[str, Any]
) -> Question:
    try:
        with db.unit_of_work() as uow:
            question = _visible(uow.conn, user, question_id, lock=True)
            if not access.can_edit_question(user, question):
                raise Forbidden(access.edit_refusal(question))
            refusal = access.draft_refusal(question, changes)
            if refusal is not None:
                raise Conflict(refusal, code=ErrorCode.DRAFT_NOT_APPROVED)
            if not changes:
                return question
            updated = questions.update_question(uow.conn, question_id, changes)
            assert updated is not None
            before, after = _audit_view(question), _audit_view(updated)
            if before != after:
                audit.record(
                    uow.conn,
                    actor_id=user.id,
                    organization_id=question.organization_id,
                    action=_change_action(question, updated),
                    target_type="question",
                    target_id=question_id,
                    before={k: v for k, v in before.items() if after[k] != v},
                    after={k: v for k, v in after.items() if before[k] != v},
                )
            if _EMBEDDED_FIELDS & changes.keys():
                publisher.publish(uow, EmbedJob(cause="question", cause_id=question_id))
            return updated
    except psycopg.errors.UniqueViolation:
        raise Conflict(DUPLICATE) from None
