"""Request and response models: the API's contract, as shown at /docs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StrictBool,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from interview_core.domain.access import can_see_rubrics
from interview_core.domain.candidate_report import CandidateReport
from interview_core.domain.models import (
    AuditEvent,
    Category,
    Difficulty,
    EvaluationReport,
    Interview,
    InterviewKind,
    InterviewStatus,
    Invitation,
    InvitationKind,
    InvitationStatus,
    JobPosting,
    JobPostingStatus,
    Language,
    Member,
    MemberRole,
    Organization,
    OrganizationStatus,
    OverrideScope,
    Question,
    QuestionVersion,
    ReviewState,
    Role,
    ScoreOverride,
    Scoring,
    Transcript,
    User,
)
from interview_core.domain.score_review import FinalScores, StaffReport, ai_overall

# The largest id a JSON client reads exactly (a JavaScript number, a float); PostgreSQL's bigint
# goes further, but no id of this platform comes near either.
MAX_ID = 2**53 - 1


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# What strip_whitespace removes (Unicode White_Space), spelled out: regex engines, and Python's
# str.isspace(), disagree on what \s is.
BLANK_CHARACTERS = r"\t-\r\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_BLANK = f"[^{BLANK_CHARACTERS}]"


def _trimmed_length_pattern(min_length: int) -> str | None:
    """A regex (unanchored, as JSON Schema reads one) that holds when the text, trimmed, still has
    `min_length` characters: the document's way of saying that blanks around it do not count."""
    if min_length < 1:
        return None
    if min_length == 1:
        return _NOT_BLANK
    return rf"{_NOT_BLANK}[\s\S]{{{min_length - 2},}}{_NOT_BLANK}"


def Text(max_length: int, min_length: int = 1) -> Any:
    """Trimmed text of a bounded length that PostgreSQL can store."""
    return Annotated[
        str,
        StringConstraints(
            strip_whitespace=True,
            min_length=min_length,
            max_length=max_length,
            pattern=_trimmed_length_pattern(min_length),
        ),
        AfterValidator(_no_nul),
    ]


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
InvitationToken = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=200, pattern=_trimmed_length_pattern(1)
    ),
]
Username = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=3, max_length=50, pattern=r"^[A-Za-z0-9_.-]+$"
    ),
]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


# For partial updates: a field that may be left out but not sent as null, so documented without
# null (`title: Text(200) | OmittedOnly = None`).
OmittedOnly = SkipJsonSchema[None]


def _present_means_not_null(value: object) -> object:
    """For partial updates: a field may be left out, but not sent as null."""
    if value is None:
        raise ValueError("may be omitted but not null")
    return value


# --- accounts -------------------------------------------------------------------------------


class RegisterRequest(Request):
    email: EmailStr
    username: Username = Field(description="3-50 letters, digits, '_', '.' or '-'")
    password: Annotated[str, Field(min_length=8, max_length=128), AfterValidator(_no_nul)]
    full_name: Text(200) | None = None  # type: ignore[valid-type]
    role: Literal["candidate", "recruiter", "admin"] | None = Field(
        default=None,
        description=(
            "candidate (the default) or recruiter; 'admin' is refused: admins are created by an "
            "admin. With an invitation the invitation decides."
        ),
    )
    organization_name: Text(200) | None = Field(  # type: ignore[valid-type]
        default=None,
        description=(
            "A recruiter founds an organization (pending until a platform admin approves it); "
            "its name, else the recruiter's name"
        ),
    )
    invitation_token: InvitationToken | None = Field(
        default=None,
        description="Sign up through an invitation link: the account joins what it invites to",
    )


class TokenRequest(Request):
    username: Text(320) = Field(description="Username or email")  # type: ignore[valid-type]
    password: Annotated[str, Field(min_length=1, max_length=128), AfterValidator(_no_nul)]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the token expires")
    # Left out of the answer unless asked for (response_model_exclude_none on POST /token).
    session_grant: str | None = Field(
        default=None,
        description=(
            "Only with the request header `X-Session: cookie` (the web app): exchange it within "
            "a minute at POST /auth/session for the session cookie"
        ),
    )


class SessionGrantRequest(Request):
    grant: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="POST /token's session_grant",
    )


class MembershipResponse(BaseModel):
    id: int
    name: str
    status: OrganizationStatus = Field(description="pending until a platform admin approves it")
    role: MemberRole


class UserResponse(BaseModel):
    id: int
    email: str
    username: str
    role: Role
    full_name: str | None
    created_at: datetime
    organization: MembershipResponse | None = Field(description="A recruiter's organization")

    @classmethod
    def of(cls, user: User) -> UserResponse:
        organization = None
        # A membership row always has its organization's status and the member's role.
        status, role = user.organization_status, user.organization_role
        if user.organization_id is not None and status is not None and role is not None:
            organization = MembershipResponse(
                id=user.organization_id, name=user.organization_name or "", status=status, role=role
            )
        return cls(
            id=user.id,
            email=user.email,
            username=user.username,
            role=user.role,
            full_name=user.full_name,
            created_at=user.created_at,
            organization=organization,
        )


# --- job postings ---------------------------------------------------------------------------

_AI_SCORING = (
    "false: the posting's interviews are transcribed but not scored by AI; people score them with "
    "the rubric (score overrides)"
)
_CANDIDATES_SEE_SCORES = (
    "Whether the posting's candidates see their scores in their report (practice interviews "
    "always show them)"
)


class CreateJobPostingRequest(Request):
    title: Text(200)  # type: ignore[valid-type]
    position: Text(100)  # type: ignore[valid-type]
    description: Text(20000, 0) | None = None  # type: ignore[valid-type]
    language: Language = Language.KO
    ai_scoring: StrictBool = Field(default=True, description=_AI_SCORING)
    candidates_see_scores: StrictBool = Field(default=False, description=_CANDIDATES_SEE_SCORES)


class UpdateJobPostingRequest(Request):
    title: Text(200) | OmittedOnly = None  # type: ignore[valid-type]
    position: Text(100) | OmittedOnly = None  # type: ignore[valid-type]
    description: Text(20000, 0) | None = None  # type: ignore[valid-type]
    language: Language | OmittedOnly = None
    status: JobPostingStatus | OmittedOnly = None
    ai_scoring: StrictBool | OmittedOnly = Field(default=None, description=_AI_SCORING)
    candidates_see_scores: StrictBool | OmittedOnly = Field(
        default=None, description=_CANDIDATES_SEE_SCORES
    )

    _not_null = field_validator(
        "title", "position", "language", "status", "ai_scoring", "candidates_see_scores"
    )(_present_means_not_null)


class JobPostingResponse(BaseModel):
    id: int
    organization_id: int
    recruiter_id: int = Field(description="The recruiter who created it")
    title: str
    position: str
    description: str | None
    language: Language
    status: JobPostingStatus
    ai_scoring: bool = Field(description=_AI_SCORING)
    candidates_see_scores: bool = Field(description=_CANDIDATES_SEE_SCORES)
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, posting: JobPosting) -> JobPostingResponse:
        return cls.model_validate(posting.model_dump())


# --- interviews -----------------------------------------------------------------------------


class CreateInterviewRequest(Request):
    position: Text(100) | None = Field(  # type: ignore[valid-type]
        default=None, description="The job position; taken from the job posting when omitted"
    )
    job_posting_id: Id | None = None
    candidate_id: Id | None = Field(
        default=None, description="Recruiters and admins give candidate_id or candidate_email"
    )
    candidate_email: EmailStr | None = None
    language: Language | None = Field(
        default=None, description="Defaults to the posting's language, else 'ko'"
    )
    scheduled_time: AwareDatetime | None = Field(
        default=None, description="When it is planned; not in the past"
    )
    deadline: AwareDatetime | None = Field(
        default=None, description="It cannot be started after this"
    )
    retake: StrictBool = Field(
        default=False,
        description="A second real interview of the same candidate on the same posting",
    )


class QuestionResponse(BaseModel):
    id: int
    content: str
    category: Category
    difficulty: Difficulty
    position: str | None
    language: Language
    version: int = Field(description="The version of its wording and rubric this interview asks")
    order: int = Field(description="1 for the first question asked")
    rubric_json: dict[str, Any] | None = Field(
        default=None, description="The evaluation criteria; shown to recruiters and admins only"
    )

    @classmethod
    def of(cls, question: Question, order: int, *, with_rubric: bool) -> QuestionResponse:
        return cls(
            id=question.id,
            content=question.content,
            category=question.category,
            difficulty=question.difficulty,
            position=question.position,
            language=question.language,
            version=question.version,
            order=order,
            rubric_json=question.rubric_json if with_rubric else None,
        )

    @classmethod
    def list_for(cls, user: User, questions: list[Question]) -> list[QuestionResponse]:
        """The interview's questions as this viewer may see them: rubrics only for those who may
        read rubrics (never candidates), since the viewer may see the interview."""
        with_rubric = can_see_rubrics(user)
        return [cls.of(q, i, with_rubric=with_rubric) for i, q in enumerate(questions, 1)]


class InterviewResponse(BaseModel):
    id: int
    candidate_id: int
    candidate_username: str
    candidate_full_name: str | None
    kind: InterviewKind = Field(
        description="practice (a candidate alone, seen by no organization) or real"
    )
    job_posting_id: int | None
    job_posting_title: str | None
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

    @classmethod
    def of(cls, interview: Interview) -> InterviewResponse:
        return cls.model_validate(interview.model_dump())


class CreatedInterviewResponse(InterviewResponse):
    questions: list[QuestionResponse]


class CreateTranscriptRequest(Request):
    interview_id: Id
    speaker: Literal["User"] = Field(
        default="User",
        description=(
            "Only 'User' answers are posted; the AI's questions are written by the platform"
        ),
    )
    text: Text(10000)  # type: ignore[valid-type]
    question_id: Id | None = Field(default=None, description="The question this answers")


class TranscriptResponse(BaseModel):
    id: int
    interview_id: int
    speaker: Literal["AI", "User"]
    text: str
    timestamp: datetime
    sentiment_score: float | None = Field(
        description="-1..1, filled in shortly after an answer is saved"
    )
    emotion: str | None
    question_id: int | None
    order: int

    @classmethod
    def of(cls, transcript: Transcript) -> TranscriptResponse:
        return cls.model_validate(transcript.model_dump())


class ReportResponse(BaseModel):
    """The AI's original report: its scores are the AI's (None with AI scoring off), whatever
    people overrode since."""

    id: int
    interview_id: int
    technical_score: float | None
    communication_score: float | None
    cultural_fit_score: float | None
    overall_score: float | None
    summary_text: str
    details_json: dict[str, Any]
    evaluator_model: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, report: EvaluationReport) -> ReportResponse:
        return cls.model_validate({**report.model_dump(), "overall_score": ai_overall(report)})


class UserRef(BaseModel):
    id: int
    username: str


class ReportReviewResponse(BaseModel):
    state: ReviewState
    reviewed_by: UserRef | None
    reviewed_at: datetime | None
    note: str | None
    needs_human_review: str | None = Field(
        description=(
            "Why a person must check this report before anyone relies on it (the offline "
            "evaluator, a fallback, AI scoring off); every report is pending review until a "
            "member reviews it regardless"
        )
    )
    can_review: bool = Field(description="Whether the caller may review it and override its scores")


class ScoreOverrideResponse(BaseModel):
    id: int
    scope: OverrideScope
    question_id: int | None
    ai_score: float | None = Field(
        description="The AI's score of that scope (None: the AI gave none)"
    )
    previous_score: float | None = Field(description="The score in force just before")
    score: float
    reason: str
    reviewer: UserRef
    created_at: datetime

    @classmethod
    def of(cls, override: ScoreOverride) -> ScoreOverrideResponse:
        return cls(
            id=override.id,
            scope=override.scope,
            question_id=override.question_id,
            ai_score=override.ai_score,
            previous_score=override.previous_score,
            score=override.score,
            reason=override.reason,
            reviewer=UserRef(id=override.reviewer_id, username=override.reviewer_username),
            created_at=override.created_at,
        )


class StaffReportResponse(ReportResponse):
    """The report as the posting's organization and admins read it: the AI's original, its
    review, the overrides (oldest first) and the scores in force."""

    view: Literal["staff"] = "staff"
    ai_assisted: bool = True
    scoring: Scoring = Field(description="human: the posting switched AI scoring off")
    review: ReportReviewResponse
    overrides: list[ScoreOverrideResponse] = Field(
        description="Oldest first; the latest per (scope, question_id) is in force"
    )
    final_scores: FinalScores = Field(
        description=(
            "The latest override of each scope; else a group recomputed from overridden "
            "questions; else the AI's. interviews.overall_score is final_scores.overall"
        )
    )

    @classmethod
    def of_staff(cls, staff: StaffReport) -> StaffReportResponse:
        report = staff.report
        reviewer = (
            UserRef(id=report.reviewed_by, username=report.reviewed_by_username or "")
            if report.reviewed_by is not None
            else None
        )
        needs = report.details_json.get("needs_human_review")
        return cls.model_validate(
            {
                **ReportResponse.of(report).model_dump(),
                "scoring": report.scoring,
                "review": ReportReviewResponse(
                    state=report.review_state,
                    reviewed_by=reviewer,
                    reviewed_at=report.reviewed_at,
                    note=report.review_note,
                    needs_human_review=needs if isinstance(needs, str) and needs else None,
                    can_review=staff.can_review,
                ),
                "overrides": [ScoreOverrideResponse.of(o) for o in staff.overrides],
                "final_scores": staff.final,
            }
        )


class CandidateReportResponse(CandidateReport):
    """The report as the interview's own candidate reads it (domain.candidate_report): feedback, and
    the final scores only when shown. Never rubrics, criteria, weights, signals, evidence, overrides
    or reviewers."""

    view: Literal["candidate"] = "candidate"

    @classmethod
    def of_candidate(cls, report: CandidateReport) -> CandidateReportResponse:
        return cls.model_validate(report.model_dump())


AnyReportResponse = Annotated[
    StaffReportResponse | CandidateReportResponse, Field(discriminator="view")
]


def report_response(
    view: StaffReport | CandidateReport,
) -> StaffReportResponse | CandidateReportResponse:
    if isinstance(view, StaffReport):
        return StaffReportResponse.of_staff(view)
    return CandidateReportResponse.of_candidate(view)


class ReviewReportRequest(Request):
    state: ReviewState = Field(description="reviewed, or pending_review to reopen it")
    note: Text(2000, 0) | None = Field(  # type: ignore[valid-type]
        default=None, description="Optional, up to 2000 characters"
    )

    @field_validator("note")
    @classmethod
    def _empty_is_none(cls, value: str | None) -> str | None:
        return value or None


class OverrideScoreRequest(Request):
    # The rule of _question_iff_question_scope, in the document too.
    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {"scope": {"const": OverrideScope.QUESTION.value}},
                "required": ["scope"],
            },
            "then": {
                "properties": {"question_id": {"type": "integer"}},
                "required": ["question_id"],
            },
            "else": {"properties": {"question_id": {"type": "null"}}},
        }
    )

    scope: OverrideScope
    question_id: Id | None = Field(
        default=None,
        description="Required for scope 'question' (and only then): a question the interview asked",
    )
    score: float = Field(ge=0, le=100, allow_inf_nan=False)
    reason: Text(2000, 3) = Field(description="Why: 3-2000 characters, required")  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _question_iff_question_scope(self) -> OverrideScoreRequest:
        if self.scope == OverrideScope.QUESTION and self.question_id is None:
            raise ValueError("scope 'question' needs question_id")
        if self.scope != OverrideScope.QUESTION and self.question_id is not None:
            raise ValueError(f"question_id is only for scope 'question', not '{self.scope.value}'")
        return self


class ReportPendingResponse(BaseModel):
    status: Literal["pending", "retrying", "failed"] = "pending"
    detail: str = "The evaluation report is being written; try again shortly"
    retry_after: int = Field(description="Seconds to wait before asking again (as Retry-After)")
    retry_after_ms: int = Field(
        description="The same, finer: milliseconds (short just after the interview was completed)"
    )


# --- question bank --------------------------------------------------------------------------


class RubricCriterion(BaseModel):
    name: Text(100)  # type: ignore[valid-type]
    description: Text(1000, 0) = ""  # type: ignore[valid-type]
    weight: float = Field(default=1.0, gt=0, le=100)
    keywords: list[Text(100)] = Field(default_factory=list, max_length=50)  # type: ignore[valid-type]


class Rubric(BaseModel):
    criteria: list[RubricCriterion] = Field(min_length=1, max_length=20)
    expected_points: list[Text(500)] = Field(default_factory=list, max_length=30)  # type: ignore[valid-type]


class CreateQuestionRequest(Request):
    content: Text(2000)  # type: ignore[valid-type]
    category: Category
    difficulty: Difficulty
    position: Text(100) | None = Field(default=None, description="None: asked for any position")  # type: ignore[valid-type]
    language: Language = Language.KO
    rubric_json: Rubric
    is_active: StrictBool = True


class UpdateQuestionRequest(Request):
    content: Text(2000) | OmittedOnly = None  # type: ignore[valid-type]
    category: Category | OmittedOnly = None
    difficulty: Difficulty | OmittedOnly = None
    position: Text(100) | None = None  # type: ignore[valid-type]
    language: Language | OmittedOnly = None
    rubric_json: Rubric | OmittedOnly = None
    is_active: StrictBool | OmittedOnly = None

    _not_null = field_validator(
        "content", "category", "difficulty", "language", "rubric_json", "is_active"
    )(_present_means_not_null)


class QuestionSummary(BaseModel):
    """A bank question as recruiters list it."""

    id: int
    organization_id: int | None = Field(description="None: the platform's curated bank")
    owner: Literal["platform", "organization"]
    version: int = Field(description="The current version of its wording and rubric")
    content: str
    category: Category
    difficulty: Difficulty
    position: str | None
    language: Language
    is_active: bool
    usage_count: int
    avg_score: float | None

    @model_validator(mode="before")
    @classmethod
    def _owner(cls, data: Any) -> Any:
        if isinstance(data, dict) and "owner" not in data:
            data = {
                **data,
                "owner": "platform" if data.get("organization_id") is None else "organization",
            }
        return data


class BankQuestionResponse(QuestionSummary):
    rubric_json: dict[str, Any]

    @classmethod
    def of(cls, question: Question) -> BankQuestionResponse:
        return cls.model_validate(question.model_dump())


class QuestionVersionResponse(QuestionVersion):
    """A question's wording and rubric at one version, as stored."""

    @classmethod
    def of(cls, version: QuestionVersion) -> QuestionVersionResponse:
        return cls.model_validate(version.model_dump())


class QuestionStatsResponse(QuestionSummary):
    interviews: int = Field(
        description="Completed, scored interviews that asked it (in the scope asked for)"
    )
    mean_score: float | None
    score_sd: float | None
    correlation: float | None = Field(
        description="Pearson r of its score with the interview's overall score"
    )
    rest_correlation: float | None = Field(
        description=(
            "Pearson r of its score with the mean of the interview's other questions (item-rest)"
        )
    )
    point_biserial: float | None = Field(
        description="Correlation of its score with 'strong' (overall score at or above the median)"
    )
    strong_interviews: int
    strong_mean: float | None
    weak_interviews: int
    weak_mean: float | None
    separation: float | None = Field(description="strong_mean - weak_mean, in score points")
    discrimination: float | None = Field(description="rest_correlation, else correlation")
    verdict: str = Field(
        description="separates (>= 0.3), marginal (>= 0.2), does_not_separate, "
        "no_spread, too_few_interviews (< 5)"
    )


class SttTokenRequest(Request):
    interview_id: Id


class UpdateUserRequest(Request):
    role: Role
    organization_id: Id | None = Field(
        default=None,
        description="Making an account a recruiter: the organization it joins as a member",
    )


# --- organizations, invitations, audit ------------------------------------------------------


class OrganizationResponse(BaseModel):
    id: int
    name: str
    status: OrganizationStatus
    created_at: datetime
    approved_at: datetime | None

    @classmethod
    def of(cls, organization: Organization) -> OrganizationResponse:
        return cls.model_validate(organization.model_dump())


class OrganizationSummaryResponse(OrganizationResponse):
    owner_username: str | None
    owner_email: str | None
    owner_full_name: str | None
    member_count: int


class MemberResponse(BaseModel):
    id: int
    username: str
    email: str
    full_name: str | None
    role: MemberRole
    joined_at: datetime

    @classmethod
    def of(cls, member: Member) -> MemberResponse:
        return cls(id=member.user_id, **member.model_dump(exclude={"user_id"}))


class MyOrganizationResponse(OrganizationResponse):
    members: list[MemberResponse]


def _deliverable(address: str) -> str:
    # Neither SES nor most mail relays take a non-ASCII part before the @ (no SMTPUTF8).
    if not address.rsplit("@", 1)[0].isascii():
        raise ValueError("the part before @ must be ASCII to be delivered")
    return address


Emails = Annotated[
    list[Annotated[EmailStr, AfterValidator(_deliverable)]], Field(min_length=1, max_length=100)
]


class InviteCandidatesRequest(Request):
    emails: Emails = Field(description="1-100 addresses; each gets its own link")
    deadline: AwareDatetime | None = Field(
        default=None, description="Take the interview by then; the link ends then"
    )
    retake: StrictBool = Field(
        default=False, description="Invite a candidate who already has an interview for the posting"
    )
    language: Language | None = Field(
        default=None, description="Of the e-mail and the interview; the posting's by default"
    )


class InviteMembersRequest(Request):
    emails: Emails = Field(description="1-100 addresses of recruiters to join the organization")
    language: Language | None = Field(default=None, description="Of the e-mail; Korean by default")


class InvitationResponse(BaseModel):
    id: int
    kind: InvitationKind
    organization_id: int
    job_posting_id: int | None
    job_posting_title: str | None
    email: str
    language: Language
    status: InvitationStatus
    expires_at: datetime
    deadline: datetime | None
    retake: bool
    invited_by: int
    invited_by_username: str
    created_at: datetime
    send_count: int = Field(description="How many e-mails with a link were delivered")
    sent_at: datetime | None = Field(
        description="When the current link was delivered; None while it is on its way"
    )
    accepted_at: datetime | None
    accepted_by: int | None
    interview_id: int | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, invitation: Invitation) -> InvitationResponse:
        data = invitation.model_dump()
        return cls.model_validate(
            {
                **data,
                "sent_at": data["sent_at"] if data["sent_nonce"] == data["token_nonce"] else None,
            }
        )


class SkippedInvitation(BaseModel):
    email: str
    reason: str


class InvitationBatchResponse(BaseModel):
    invitations: list[InvitationResponse] = Field(
        description="Created, or renewed when one was open already"
    )
    skipped: list[SkippedInvitation]

    @classmethod
    def of(cls, invitations: list[Invitation], skipped: list[Any]) -> InvitationBatchResponse:
        return cls(
            invitations=[InvitationResponse.of(i) for i in invitations],
            skipped=[SkippedInvitation.model_validate(s.model_dump()) for s in skipped],
        )


class InvitationTokenRequest(Request):
    token: InvitationToken = Field(description="The token of the invitation link")


class InvitationPreviewResponse(BaseModel):
    kind: InvitationKind
    organization_name: str
    job_posting_title: str | None
    position: str | None
    email: str
    language: Language
    status: InvitationStatus
    expires_at: datetime
    deadline: datetime | None

    @classmethod
    def of(cls, invitation: Invitation) -> InvitationPreviewResponse:
        return cls.model_validate(invitation.model_dump())


class AcceptanceResponse(BaseModel):
    kind: InvitationKind
    invitation_id: int
    organization_id: int
    job_posting_id: int | None
    interview_id: int | None = Field(description="The interview to take (candidate invitations)")


class AuditEventResponse(BaseModel):
    id: int
    occurred_at: datetime
    actor_id: int | None = Field(description="None: the platform itself")
    actor_username: str | None
    organization_id: int | None
    action: str
    target_type: str
    target_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEventResponse:
        return cls.model_validate(event.model_dump())


class ErrorResponse(BaseModel):
    detail: str | list[dict[str, Any]]


class HealthResponse(BaseModel):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unavailable"]
