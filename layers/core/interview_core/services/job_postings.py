"""Job postings: recruiters publish them; candidates see the open ones."""

from __future__ import annotations

from typing import Any

from interview_core.db import job_postings
from interview_core.db.connection import Database
from interview_core.domain.access import can_manage_job_posting, can_view_job_posting
from interview_core.domain.models import JobPosting, JobPostingStatus, Role, User
from interview_core.errors import Forbidden, NotFound
from interview_core.jobs.messages import EmbedJob
from interview_core.jobs.publisher import JobPublisher

# What questions are matched against (question_selection.query_text), and whether it is used.
_MATCHED_FIELDS = {"title", "position", "description", "status"}


def create_job_posting(
    db: Database, publisher: JobPublisher, user: User, *, title: str, position: str, description: str | None,
    language: str,
) -> JobPosting:
    if user.role not in (Role.RECRUITER, Role.ADMIN):
        raise Forbidden("Only recruiters can create job postings")
    with db.unit_of_work() as uow:
        posting = job_postings.insert_job_posting(
            uow.conn, recruiter_id=user.id, title=title, position=position, description=description, language=language
        )
        publisher.publish(uow, EmbedJob(cause="job_posting", cause_id=posting.id))
        return posting


def list_job_postings(db: Database, user: User, *, status: JobPostingStatus | None) -> list[JobPosting]:
    with db.unit_of_work() as uow:
        if user.role == Role.RECRUITER:
            return job_postings.list_job_postings(uow.conn, recruiter_id=user.id, status=status)
        if user.role == Role.CANDIDATE:
            if status == JobPostingStatus.CLOSED:
                return []
            return job_postings.list_job_postings(uow.conn, recruiter_id=None, status=JobPostingStatus.OPEN)
        return job_postings.list_job_postings(uow.conn, recruiter_id=None, status=status)


def get_job_posting(db: Database, user: User, posting_id: int) -> JobPosting:
    with db.unit_of_work() as uow:
        posting = job_postings.get_job_posting(uow.conn, posting_id)
    if posting is None or not can_view_job_posting(user, posting):
        raise NotFound(f"Job posting {posting_id} not found")
    return posting


def update_job_posting(
    db: Database, publisher: JobPublisher, user: User, posting_id: int, changes: dict[str, Any]
) -> JobPosting:
    with db.unit_of_work() as uow:
        posting = job_postings.get_job_posting(uow.conn, posting_id, for_update=True)
        if posting is None or not can_view_job_posting(user, posting):
            raise NotFound(f"Job posting {posting_id} not found")
        if not can_manage_job_posting(user, posting):
            raise Forbidden("Only the recruiter who owns this job posting can change it")
        if not changes:
            return posting
        updated = job_postings.update_job_posting(uow.conn, posting_id, changes)
        if updated.status == JobPostingStatus.OPEN and _MATCHED_FIELDS & changes.keys():
            publisher.publish(uow, EmbedJob(cause="job_posting", cause_id=posting_id))
        return updated
