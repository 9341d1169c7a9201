"""Job postings: an organization's recruiters publish them; candidates see the open ones."""

from __future__ import annotations

from typing import Any

from interview_core.db import audit, job_postings
from interview_core.db.connection import Database
from interview_core.domain import access
from interview_core.domain.models import JobPosting, JobPostingStatus, User
from interview_core.errors import Forbidden, NotFound
from interview_core.jobs.messages import EmbedJob
from interview_core.jobs.publisher import JobPublisher

# What questions are matched against (question_selection.query_text), and whether it is used.
_MATCHED_FIELDS = {"title", "position", "description", "status"}
_AUDITED = (
    "title",
    "position",
    "description",
    "language",
    "status",
    "ai_scoring",
    "candidates_see_scores",
    "follow_up_limit",
    "answer_seconds",
    "ai_notice",
    "ai_notice_version",
)


def _audit_view(posting: JobPosting) -> dict[str, Any]:
    return {field: getattr(posting, field) for field in _AUDITED}


def create_job_posting(
    db: Database,
    publisher: JobPublisher,
    user: User,
    *,
    title: str,
    position: str,
    description: str | None,
    language: str,
    ai_scoring: bool = True,
    candidates_see_scores: bool = False,
    follow_up_limit: int = 1,
    answer_seconds: int = 180,
    ai_notice: str | None = None,
) -> JobPosting:
    organization_id = access.require_can_create_job_posting(user)
    with db.unit_of_work() as uow:
        posting = job_postings.insert_job_posting(
            uow.conn,
            organization_id=organization_id,
            recruiter_id=user.id,
            title=title,
            position=position,
            description=description,
            language=language,
            ai_scoring=ai_scoring,
            candidates_see_scores=candidates_see_scores,
            follow_up_limit=follow_up_limit,
            answer_seconds=answer_seconds,
            ai_notice=ai_notice,
        )
        audit.record(
            uow.conn,
            actor_id=user.id,
            organization_id=organization_id,
            action="job_posting.created",
            target_type="job_posting",
            target_id=posting.id,
            after=_audit_view(posting),
        )
        publisher.publish(uow, EmbedJob(cause="job_posting", cause_id=posting.id))
        return posting


def list_job_postings(
    db: Database, user: User, *, status: JobPostingStatus | None
) -> list[JobPosting]:
    scope = access.posting_scope(user)
    if scope.only_open and status == JobPostingStatus.CLOSED:
        return []
    with db.unit_of_work() as uow:
        return job_postings.list_job_postings(
            uow.conn,
            organization_id=scope.organization_id,
            status=JobPostingStatus.OPEN if scope.only_open else status,
        )


def get_job_posting(db: Database, user: User, posting_id: int) -> JobPosting:
    with db.unit_of_work() as uow:
        posting = job_postings.get_job_posting(uow.conn, posting_id)
    if posting is None or not access.can_view_job_posting(user, posting):
        raise NotFound(f"Job posting {posting_id} not found")
    return posting


def update_job_posting(
    db: Database, publisher: JobPublisher, user: User, posting_id: int, changes: dict[str, Any]
) -> JobPosting:
    with db.unit_of_work() as uow:
        posting = job_postings.get_job_posting(uow.conn, posting_id, for_update=True)
        if posting is None or not access.can_view_job_posting(user, posting):
            raise NotFound(f"Job posting {posting_id} not found")
        if not access.can_manage_job_posting(user, posting):
            raise Forbidden("Only the recruiters of the posting's organization can change it")
        if not changes:
            return posting
        updated = job_postings.update_job_posting(uow.conn, posting_id, changes)
        before, after = _audit_view(posting), _audit_view(updated)
        if before != after:
            audit.record(
                uow.conn,
                actor_id=user.id,
                organization_id=posting.organization_id,
                action="job_posting.updated",
                target_type="job_posting",
                target_id=posting_id,
                before={k: v for k, v in before.items() if after[k] != v},
                after={k: v for k, v in after.items() if before[k] != v},
            )
        if updated.status == JobPostingStatus.OPEN and _MATCHED_FIELDS & changes.keys():
            publisher.publish(uow, EmbedJob(cause="job_posting", cause_id=posting_id))
        return updated
