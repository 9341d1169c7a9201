"""Every Lambda of the platform: the HTTP endpoints (method and path -> functions/<name>/) and
the queue consumers. The local runner serves and runs these; the CDK app deploys these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from interview_core.jobs.messages import JobKind


@dataclass(frozen=True)
class HttpFunction:
    name: str
    method: Literal["GET", "POST", "PATCH", "DELETE"]
    path: str
    # The job kinds it queues: in AWS it may send to those queues and no others.
    publishes: tuple[JobKind, ...] = ()


@dataclass(frozen=True)
class QueueFunction:
    name: str
    job_kind: JobKind


@dataclass(frozen=True)
class ScheduledFunction:
    name: str
    every_minutes: int
    publishes: tuple[JobKind, ...] = ()


HTTP_FUNCTIONS: tuple[HttpFunction, ...] = (
    HttpFunction("health", "GET", "/health"),
    HttpFunction("register", "POST", "/register"),
    HttpFunction("token", "POST", "/token"),
    # The web app's session cookie, on the web app's own origin (CloudFront's /auth/* behaviour):
    # POST /auth/session, /auth/refresh and /auth/logout, one function and one path.
    HttpFunction("session", "POST", "/auth/{action}"),
    HttpFunction("me", "GET", "/me"),
    HttpFunction("create_job_posting", "POST", "/job-postings", ("embed",)),
    HttpFunction("list_job_postings", "GET", "/job-postings"),
    HttpFunction("get_job_posting", "GET", "/job-postings/{job_posting_id}"),
    HttpFunction("update_job_posting", "PATCH", "/job-postings/{job_posting_id}", ("embed",)),
    HttpFunction("create_interview", "POST", "/interviews"),
    HttpFunction("list_interviews", "GET", "/interviews"),
    HttpFunction("get_interview", "GET", "/interviews/{interview_id}"),
    HttpFunction("get_interview_questions", "GET", "/interviews/{interview_id}/questions"),
    HttpFunction("list_interview_transcripts", "GET", "/interviews/{interview_id}/transcripts"),
    HttpFunction("start_interview", "POST", "/interviews/{interview_id}/start"),
    # The AI interviewer's notice, and the candidate's consent to it (issue 12).
    HttpFunction("get_interview_notice", "GET", "/interviews/{interview_id}/notice"),
    HttpFunction("consent_interview", "POST", "/interviews/{interview_id}/consent"),
    HttpFunction("complete_interview", "POST", "/interviews/{interview_id}/complete", ("report",)),
    HttpFunction("cancel_interview", "POST", "/interviews/{interview_id}/cancel"),
    HttpFunction("get_interview_report", "GET", "/interviews/{interview_id}/report"),
    # People decide: review a report, override a score with a reason.
    HttpFunction("review_interview_report", "POST", "/interviews/{interview_id}/report/review"),
    HttpFunction("override_report_score", "POST", "/interviews/{interview_id}/report/overrides"),
    # The recruiter's desk: the pipeline, the team's reviews, candidates side by side.
    HttpFunction("set_interview_stage", "POST", "/interviews/{interview_id}/stage"),
    HttpFunction("save_interview_review", "POST", "/interviews/{interview_id}/reviews"),
    HttpFunction("list_interview_reviews", "GET", "/interviews/{interview_id}/reviews"),
    HttpFunction("get_interview_integrity", "GET", "/interviews/{interview_id}/integrity"),
    HttpFunction("list_posting_candidates", "GET", "/job-postings/{job_posting_id}/candidates"),
    HttpFunction(
        "export_posting_candidates", "GET", "/job-postings/{job_posting_id}/candidates/export"
    ),
    HttpFunction("create_transcript", "POST", "/transcripts", ("sentiment", "follow_up")),
    HttpFunction("list_questions", "GET", "/questions"),
    HttpFunction("create_question", "POST", "/questions", ("embed",)),
    # Before /questions/{question_id}: locally the routes are tried in this order.
    HttpFunction("get_question_stats", "GET", "/questions/stats"),
    HttpFunction("get_question_generation", "GET", "/questions/generation"),
    HttpFunction("get_question", "GET", "/questions/{question_id}"),
    HttpFunction("update_question", "PATCH", "/questions/{question_id}", ("embed",)),
    # Questions drafted by the LLM from a posting's description, used once a member approves them.
    HttpFunction("review_question", "POST", "/questions/{question_id}/review"),
    HttpFunction(
        "request_question_drafts",
        "POST",
        "/job-postings/{job_posting_id}/question-drafts",
        ("question_drafts",),
    ),
    HttpFunction("list_question_drafts", "GET", "/job-postings/{job_posting_id}/question-drafts"),
    HttpFunction("create_stt_token", "POST", "/stt/token"),
    HttpFunction(
        "upload_answer_audio",
        "POST",
        "/interviews/{interview_id}/audio",
        ("sentiment", "follow_up"),
    ),
    HttpFunction("list_users", "GET", "/users"),
    HttpFunction("update_user", "PATCH", "/users/{user_id}"),
    # Organizations, invitations, the audit trail.
    HttpFunction("list_organizations", "GET", "/organizations"),
    HttpFunction("get_my_organization", "GET", "/organizations/me"),
    HttpFunction("rename_stages", "PATCH", "/organizations/me/stages"),
    HttpFunction("approve_organization", "POST", "/organizations/{organization_id}/approve"),
    HttpFunction("invite_members", "POST", "/organizations/me/invitations", ("mail",)),
    HttpFunction(
        "invite_candidates", "POST", "/job-postings/{job_posting_id}/invitations", ("mail",)
    ),
    HttpFunction("list_invitations", "GET", "/invitations"),
    HttpFunction("preview_invitation", "POST", "/invitations/preview"),
    HttpFunction("accept_invitation", "POST", "/invitations/accept"),
    HttpFunction("revoke_invitation", "POST", "/invitations/{invitation_id}/revoke"),
    HttpFunction("resend_invitation", "POST", "/invitations/{invitation_id}/resend", ("mail",)),
    HttpFunction("list_question_versions", "GET", "/questions/{question_id}/versions"),
    HttpFunction("list_audit_events", "GET", "/audit-events"),
)

QUEUE_FUNCTIONS: tuple[QueueFunction, ...] = (
    QueueFunction("sentiment_worker", "sentiment"),
    QueueFunction("follow_up_worker", "follow_up"),
    QueueFunction("report_worker", "report"),
    QueueFunction("embed_worker", "embed"),
    QueueFunction("mail_worker", "mail"),
    QueueFunction("question_draft_worker", "question_drafts"),
)

_EVERY_KIND: tuple[JobKind, ...] = (
    "report",
    "sentiment",
    "follow_up",
    "mail",
    "embed",
    "question_drafts",
)

SCHEDULED_FUNCTIONS: tuple[ScheduledFunction, ...] = (
    # Jobs lost between a committed row and its SQS send, or dead-lettered (services/recovery.py).
    ScheduledFunction("recover_jobs", 10, _EVERY_KIND),
    # Jobs of the SQS outbox not sent right after their commit (jobs/publisher.py).
    ScheduledFunction("relay_outbox", 1, _EVERY_KIND),
)
