"""The question bank, kept by recruiters and admins."""

from __future__ import annotations

from typing import Any

import psycopg

from interview_core.db import questions
from interview_core.db.connection import Database
from interview_core.domain.models import Question, Role, User
from interview_core.errors import Conflict, Forbidden, NotFound
from interview_core.jobs.messages import EmbedJob
from interview_core.jobs.publisher import JobPublisher

# A new text to embed: the question's (its vector is cleared when it changes) or a new position's.
_EMBEDDED_FIELDS = {"content", "position"}


def _require_editor(user: User) -> None:
    if user.role not in (Role.RECRUITER, Role.ADMIN):
        raise Forbidden("Only recruiters and admins can use the question bank")


def search(db: Database, user: User, **filters: Any) -> list[Question]:
    _require_editor(user)
    with db.unit_of_work() as uow:
        return questions.search_questions(uow.conn, **filters)


def get(db: Database, user: User, question_id: int) -> Question:
    _require_editor(user)
    with db.unit_of_work() as uow:
        question = questions.get_question(uow.conn, question_id)
    if question is None:
        raise NotFound(f"Question {question_id} not found")
    return question


def create(db: Database, publisher: JobPublisher, user: User, values: dict[str, Any]) -> Question:
    _require_editor(user)
    try:
        with db.unit_of_work() as uow:
            question = questions.insert_question(uow.conn, values)
            publisher.publish(uow, EmbedJob(cause="question", cause_id=question.id))
            return question
    except psycopg.errors.UniqueViolation:
        raise Conflict("The bank already has this question in this language") from None


def update(db: Database, publisher: JobPublisher, user: User, question_id: int, changes: dict[str, Any]) -> Question:
    _require_editor(user)
    if not changes:
        return get(db, user, question_id)
    try:
        with db.unit_of_work() as uow:
            question = questions.update_question(uow.conn, question_id, changes)
            if question is not None and _EMBEDDED_FIELDS & changes.keys():
                publisher.publish(uow, EmbedJob(cause="question", cause_id=question_id))
    except psycopg.errors.UniqueViolation:
        raise Conflict("The bank already has this question in this language") from None
    if question is None:
        raise NotFound(f"Question {question_id} not found")
    return question
