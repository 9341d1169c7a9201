"""The platform's vocabulary, shared by every layer."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict


class Role(StrEnum):
    CANDIDATE = "candidate"
    RECRUITER = "recruiter"
    ADMIN = "admin"


class InterviewStatus(StrEnum):
    SCHEDULED = "scheduled"
    LIVE = "live"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class Category(StrEnum):
    TECHNICAL = "technical"
    BEHAVIORAL = "behavioral"
    SITUATIONAL = "situational"
    CULTURAL_FIT = "cultural_fit"


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


FollowUpState = Literal["pending", "asked", "none"]
QuestionStatus = Literal["draft", "approved", "rejected"]


class Speaker(StrEnum):
    AI = "AI"
    USER = "User"


class Language(StrEnum):
    KO = "ko"
    EN = "en"


class JobPostingStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class OrganizationStatus(StrEnum):
    PENDING = "pending"  # signed up, waiting for a platform admin
    APPROVED = "approved"


class MemberRole(StrEnum):
    OWNER = "owner"
    MEMBER = "member"


class InterviewKind(StrEnum):
    PRACTICE = "practice"  # a candidate alone, curated bank only, seen by no organization
    REAL = "real"  # on a job posting, by invitation or scheduled by its organization


class Stage(StrEnum):
    """A candidate's place in a posting's pipeline (domain.pipeline)."""

    INVITED = "invited"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    SHORTLISTED = "shortlisted"
    REJECTED = "rejected"
    HIRED = "hired"


class Decision(StrEnum):
    """People's decision about a candidate of a posting (domain.pipeline)."""

    SHORTLISTED = "shortlisted"
    REJECTED = "rejected"
    HIRED = "hired"


class Scoring(StrEnum):
    AI = "ai"  # the evaluator scored it
    HUMAN = "human"  # the posting switched AI scoring off: people score it with the rubric


class ReviewState(StrEnum):
    PENDING_REVIEW = "pending_review"  # every report starts here: AI-assisted, not yet checked
    REVIEWED = "reviewed"  # a member of the posting's organization reviewed it


class OverrideScope(StrEnum):
    OVERALL = "overall"
    TECHNICAL = "technical"
    COMMUNICATION = "communication"
    CULTURAL_FIT = "cultural_fit"
    QUESTION = "question"


class InvitationKind(StrEnum):
    CANDIDATE = "candidate"  # to take a posting's interview
    MEMBER = "member"  # to join the organization as a recruiter


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REVOKED = "revoked"
    EXPIRED = "expired"  # pending past its expiry (derived, never stored)


class Row(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class User(Row):
    id: int
    email: str
    username: str
    role: Role
    full_name: str | None
    created_at: datetime
    # A recruiter's organization (joined, not stored on users).
    organization_id: int | None = None
    organization_role: MemberRole | None = None
    organization_status: OrganizationStatus | None = None
    organization_name: str | None = None


class Organization(Row):
    id: int
    name: str
    status: OrganizationStatus
    created_at: datetime
    approved_at: datetime | None
    # Its own names for the pipeline's stages ({stage: name}; domain.pipeline).
    stage_labels: dict[str, str] = {}


class Member(Row):
    user_id: int
    username: str
    email: str
    full_name: str | None
    role: MemberRole
    joined_at: datetime


class JobPosting(Row):
    id: int
    organization_id: int
    recruiter_id: int  # who created it
    title: str
    position: str
    description: str | None
    language: Language
    status: JobPostingStatus
    created_at: datetime
    updated_at: datetime
    # False: its interviews are transcribed but not scored by AI; people score them.
    ai_scoring: bool = True
    # Whether its candidates see their scores (practice interviews always show them).
    candidates_see_scores: bool = False
    # Follow-up questions the interviewer may ask per question (0: none).
    follow_up_limit: int = 1
    # The per-question time guide shown to candidates, in seconds.
    answer_seconds: int = 180
    # The posting's own AI notice (None: the platform's default) and how often it changed.
    ai_notice: str | None = None
    ai_notice_version: int = 0


class Interview(Row):
    id: int
    candidate_id: int
    candidate_username: str
    candidate_full_name: str | None
    kind: InterviewKind
    job_posting_id: int | None
    job_posting_title: str | None
    # The organization of the job posting, if any (joined, not stored on the interview).
    organization_id: int | None
    position: str
    language: Language
    status: InterviewStatus
    scheduled_time: datetime | None
    deadline: datetime | None
    retake: bool
    start_time: datetime | None
    end_time: datetime | None
    overall_score: float | None
    emotion_summary: dict[str, Any] | None
    created_at: datetime
    # The posting's candidates_see_scores (joined, not stored on the interview); None: practice.
    candidates_see_scores: bool | None = None
    # The posting's settings for the room (joined; practice: the defaults).
    follow_up_limit: int = 1
    answer_seconds: int = 180
    ai_notice_version: int | None = None  # None: the platform's default notice
    # When the candidate consented to the AI notice (None: not yet).
    consented_at: datetime | None = None
    consented_notice_version: str | None = None
    # People's decision in the posting's pipeline (domain.pipeline), who took it, when and why.
    decision: Decision | None = None
    decision_reason: str | None = None
    decided_by_username: str | None = None
    decided_at: datetime | None = None
    # Set when the interview is shown to someone who does not see the pipeline (its candidate).
    pipeline_hidden: bool = False

    @property
    def stage(self) -> Stage | None:
        from interview_core.domain.pipeline import stage_of

        if self.kind != InterviewKind.REAL or self.pipeline_hidden:
            return None
        return stage_of(self.status, self.decision)


class Question(Row):
    id: int
    # None: the platform's curated bank; else the organization that owns it.
    organization_id: int | None = None
    # The version of content, category, difficulty, language and rubric shown here.
    version: int = 1
    content: str
    category: Category
    difficulty: Difficulty
    rubric_json: dict[str, Any]
    vector_id: str | None
    position: str | None
    language: Language
    usage_count: int
    avg_score: float | None
    is_active: bool
    # 'draft': written by the LLM for a posting, never asked until a member approves it.
    status: QuestionStatus = "approved"
    job_posting_id: int | None = None  # the posting a draft was written for
    generated_by: str | None = None  # the model that wrote it


class DroppedProposal(BaseModel):
    """A proposal of the model not kept, and why."""

    content: str
    reason: Literal["near_duplicate", "invalid", "wrong_language"]
    detail: str | None = None
    similar_to: int | None = None  # the question it repeats (the bank's or this request's)
    similarity: float | None = None


class QuestionDraftRequest(Row):
    id: int
    job_posting_id: int
    organization_id: int
    requested_by: int | None
    count: int
    language: Language
    status: Literal["queued", "running", "done", "failed"]
    model: str | None
    added: list[int]
    dropped: list[DroppedProposal]
    error: str | None
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class Transcript(Row):
    id: int
    interview_id: int
    speaker: Speaker
    text: str
    timestamp: datetime
    sentiment_score: float | None
    emotion: str | None
    question_id: int | None
    order: int
    # On a User answer: whether the interviewer follows it up ('pending' while it decides).
    follow_up_state: FollowUpState | None = None
    # On an AI follow-up line: the answer it follows up.
    follow_up_of: int | None = None


class EvaluationReport(Row):
    """The AI's original report (its scores None when AI scoring was off) and its review state;
    the scores in force are domain.score_review.final_scores of it and its overrides."""

    id: int
    interview_id: int
    technical_score: float | None
    communication_score: float | None
    cultural_fit_score: float | None
    summary_text: str
    details_json: dict[str, Any]
    evaluator_model: str
    created_at: datetime
    updated_at: datetime
    scoring: Scoring = Scoring.AI
    review_state: ReviewState = ReviewState.PENDING_REVIEW
    reviewed_by: int | None = None
    reviewed_by_username: str | None = None
    reviewed_at: datetime | None = None
    review_note: str | None = None


class InterviewReview(Row):
    """A member's rating (1-5) and note on an interview, or on one question it asked."""

    id: int
    interview_id: int
    question_id: int | None
    author_id: int
    author_username: str
    author_full_name: str | None
    rating: int | None
    note: str | None
    created_at: datetime
    updated_at: datetime


class ScoreOverride(Row):
    """A score a person set, with the reason; append-only."""

    id: int
    interview_id: int
    scope: OverrideScope
    question_id: int | None
    ai_score: float | None
    previous_score: float | None
    score: float
    reason: str
    reviewer_id: int
    reviewer_username: str
    created_at: datetime


class QuestionVersion(Row):
    question_id: int
    version: int
    content: str
    category: Category
    difficulty: Difficulty
    language: Language
    rubric_json: dict[str, Any]
    created_at: datetime


class Invitation(Row):
    id: int
    kind: InvitationKind
    organization_id: int
    organization_name: str
    job_posting_id: int | None
    job_posting_title: str | None
    position: str | None
    email: str
    language: Language
    status: InvitationStatus  # expired when pending past expires_at
    token_nonce: str
    expires_at: datetime
    deadline: datetime | None
    retake: bool
    invited_by: int
    invited_by_username: str
    created_at: datetime
    send_count: int
    sent_nonce: str | None
    sent_at: datetime | None
    accepted_at: datetime | None
    accepted_by: int | None
    interview_id: int | None
    revoked_at: datetime | None


class AuditEvent(Row):
    id: int
    occurred_at: datetime
    actor_id: int | None
    actor_username: str | None
    organization_id: int | None
    action: str
    target_type: str
    target_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
