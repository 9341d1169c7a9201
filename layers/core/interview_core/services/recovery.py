"""Finding jobs that were lost (an SQS send that failed after its row committed, a message that
went to the dead-letter queue) from the database, and queueing them again: a report for each
completed interview without one, a sentiment for each unscored answer, the follow-up decision of
each answer still waiting for it, the e-mail of each open
invitation whose link was never delivered, the drafting of each question request whose job or
worker was lost (one tried too often fails instead), and one embed job when a question or a
posting's text still has no vector."""

from __future__ import annotations

from pydantic import BaseModel

from interview_core.db import (
    idempotency,
    interviews,
    invitations,
    job_failures,
    question_drafts,
    reports,
    transcripts,
)
from interview_core.db.connection import Database
from interview_core.jobs.messages import (
    EmbedJob,
    FollowUpJob,
    MailJob,
    QuestionDraftJob,
    ReportJob,
    SentimentJob,
)
from interview_core.jobs.publisher import JobPublisher
from interview_core.services.question_selection import embeddings_missing


class Requeued(BaseModel):
    report_jobs: list[int]
    sentiment_jobs: list[int]
    mail_jobs: list[int]
    embed_jobs: int
    follow_up_jobs: list[int] = []
    question_draft_jobs: list[int] = []
    question_draft_requests_failed: list[int] = []
    idempotency_keys_deleted: int = 0
    reevaluation_jobs: list[int] = []


# How long a retry may come back with the same Idempotency-Key and get the first response.
IDEMPOTENCY_KEY_HOURS = 24
# Fallback reports (the language model failed) given to the model again, per run, and how far back.
REEVALUATE_PER_RUN = 20
REEVALUATE_DAYS = 7


def requeue_lost_jobs(
    db: Database,
    publisher: JobPublisher,
    *,
    older_than_seconds: int = 120,
    newer_than_seconds: int | None = None,
    embeddings: bool = True,
    reevaluate_fallbacks: bool = False,
) -> Requeued:
    """`newer_than_seconds` bounds how far back to look: a job that keeps failing is re-queued
    only until its row is that old, then left in the dead-letter queue for someone to look at."""
    older, newer = older_than_seconds, newer_than_seconds
    with db.unit_of_work() as uow:
        interview_ids = interviews.completed_without_report(
            uow.conn, older_than_seconds=older, newer_than_seconds=newer
        )
        transcript_ids = transcripts.unscored_user_transcripts(
            uow.conn, older_than_seconds=older, newer_than_seconds=newer
        )
        undecided = transcripts.pending_follow_ups(
            uow.conn, older_than_seconds=older, newer_than_seconds=newer
        )
        unsent = invitations.unsent(uow.conn, older_than_seconds=older, newer_than_seconds=newer)
        # With a language model configured, reports it failed to write are tried again.
        again = (
            reports.fallback_reports_to_reevaluate(
                uow.conn, newer_than_days=REEVALUATE_DAYS, limit=REEVALUATE_PER_RUN
            )
            if reevaluate_fallbacks
            else []
        )
        for interview_id in [*interview_ids, *again]:
            publisher.publish(uow, ReportJob(interview_id=interview_id))
        for transcript_id in transcript_ids:
            publisher.publish(uow, SentimentJob(transcript_id=transcript_id))
        for answer_id in undecided:
            publisher.publish(uow, FollowUpJob(answer_id=answer_id))
        gave_up = question_drafts.fail_exhausted(uow.conn)
        # A queued request's job should have run within minutes; a running one is claimable
        # again once its worker has been gone for STALE_MINUTES.
        drafts = question_drafts.unfinished(
            uow.conn, older_than_minutes=question_drafts.STALE_MINUTES
        )
        for request_id in drafts:
            publisher.publish(uow, QuestionDraftJob(request_id=request_id))
        for invitation_id, nonce in unsent:
            publisher.publish(uow, MailJob(invitation_id=invitation_id, token_nonce=nonce))
        embed = embeddings and embeddings_missing(uow.conn)
        if embed:
            publisher.publish(uow, EmbedJob(cause="recovery"))
        expired = idempotency.delete_older_than(uow.conn, hours=IDEMPOTENCY_KEY_HOURS)
        job_failures.clear_done(uow.conn)
    return Requeued(
        report_jobs=interview_ids,
        sentiment_jobs=transcript_ids,
        mail_jobs=[invitation_id for invitation_id, _ in unsent],
        embed_jobs=int(embed),
        follow_up_jobs=undecided,
        question_draft_jobs=drafts,
        question_draft_requests_failed=gave_up,
        idempotency_keys_deleted=expired,
        reevaluation_jobs=again,
    )
