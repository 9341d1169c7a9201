"""Asking for questions drafted from a job posting's description, as the API does it: whether the
platform can (a language model is configured), queueing a request for the question_drafts
worker (services/question_generation.py runs it: the API functions carry no embedder), and a
posting's requests. Approving or rejecting a draft is services/question_bank.review."""

from __future__ import annotations

from dataclasses import dataclass

from interview_core.ai.evaluation.llm_settings import LLMSettings, get_llm_settings
from interview_core.db import audit, job_postings, question_drafts
from interview_core.db.connection import Database
from interview_core.domain import access
from interview_core.domain.models import JobPosting, QuestionDraftRequest, User
from interview_core.errors import Conflict, ErrorCode, Forbidden, NotConfigured, NotFound
from interview_core.jobs.messages import QuestionDraftJob
from interview_core.jobs.publisher import JobPublisher

DEFAULT_COUNT = 5
MAX_COUNT = 10


@dataclass(frozen=True)
class Availability:
    available: bool
    code: str | None  # why not: 'no_llm'
    reason: str | None
    model: str | None


def availability(user: User, settings: LLMSettings | None = None) -> Availability:
    access.question_scope(user)  # members and admins only
    settings = settings or get_llm_settings()
    endpoint = settings.for_writing().endpoint()
    if endpoint is None:
        return Availability(
            available=False,
            code="no_llm",
            reason="No language model is configured (LLM_API_KEY): questions cannot be drafted",
            model=None,
        )
    return Availability(available=True, code=None, reason=None, model=endpoint[2])


def _managed_posting(db: Database, user: User, posting_id: int) -> JobPosting:
    with db.unit_of_work() as uow:
        posting = job_postings.get_job_posting(uow.conn, posting_id)
    if posting is None or not access.can_view_job_posting(user, posting):
        raise NotFound(f"Job posting {posting_id} not found")
    if not access.can_draft_questions(user, posting):
        raise Forbidden("Only the posting's organization can draft questions for it")
    return posting


def request_drafts(
    db: Database,
    publisher: JobPublisher,
    user: User,
    posting_id: int,
    *,
    count: int = DEFAULT_COUNT,
    settings: LLMSettings | None = None,
) -> QuestionDraftRequest:
    posting = _managed_posting(db, user, posting_id)
    found = availability(user, settings)
    if not found.available:
        raise NotConfigured(found.reason or "unavailable", code=ErrorCode.GENERATION_UNAVAILABLE)
    with db.unit_of_work() as uow:
        request = question_drafts.insert_request(
            uow.conn,
            job_posting_id=posting.id,
            organization_id=posting.organization_id,
            requested_by=user.id,
            count=count,
            language=posting.language,
        )
        if request is None:
            raise Conflict(
                "Questions are already being drafted for this posting",
                code=ErrorCode.GENERATION_RUNNING,
            )
        audit.record(
            uow.conn,
            actor_id=user.id,
            organization_id=posting.organization_id,
            action="question_drafts.requested",
            target_type="job_posting",
            target_id=posting.id,
            after={"request_id": request.id, "count": count, "model": found.model},
        )
        publisher.publish(uow, QuestionDraftJob(request_id=request.id))
        return request


def list_requests(db: Database, user: User, posting_id: int) -> list[QuestionDraftRequest]:
    posting = _managed_posting(db, user, posting_id)
    with db.unit_of_work() as uow:
        return question_drafts.list_requests(uow.conn, posting.id)
