"""The bodies of queued jobs."""

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

JobKind = Literal["sentiment", "follow_up", "report", "embed", "mail", "question_drafts"]


class Job(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: ClassVar[JobKind]


class SentimentJob(Job):
    """Score the sentiment of one User transcript."""

    kind: ClassVar[JobKind] = "sentiment"
    transcript_id: int = Field(ge=1)


class FollowUpJob(Job):
    """Decide whether the interviewer follows one User answer up, and ask it if so."""

    kind: ClassVar[JobKind] = "follow_up"
    answer_id: int = Field(ge=1)


class ReportJob(Job):
    """Write the final evaluation report of one completed interview."""

    kind: ClassVar[JobKind] = "report"
    interview_id: int = Field(ge=1)


class EmbedJob(Job):
    """Give the bank's questions and the postings' texts that have no vector yet their vectors
    (the API functions carry no model). What caused it is named for the log; the worker embeds
    everything missing, so a lost or repeated job costs nothing."""

    kind: ClassVar[JobKind] = "embed"
    cause: Literal["question", "job_posting", "recovery"]
    cause_id: int | None = Field(default=None, ge=1)


class MailJob(Job):
    """E-mail the link of one invitation. The nonce names the link it was queued for: a job for a
    link replaced since (a resend) or already delivered sends nothing."""

    kind: ClassVar[JobKind] = "mail"
    invitation_id: int = Field(ge=1)
    token_nonce: str = Field(min_length=16, max_length=64)


class QuestionDraftJob(Job):
    """Draft the questions one request asked for (question_draft_requests). A request already
    done, or running elsewhere, is left alone: a repeated job drafts nothing twice."""

    kind: ClassVar[JobKind] = "question_drafts"
    request_id: int = Field(ge=1)


JOB_TYPES: dict[JobKind, type[Job]] = {
    job.kind: job
    for job in (SentimentJob, FollowUpJob, ReportJob, EmbedJob, MailJob, QuestionDraftJob)
}


def job_from(kind: str, body: dict) -> Job:
    """A job from its kind and body (as the outbox keeps them)."""
    return JOB_TYPES[kind].model_validate(body)  # type: ignore[index]
