"""The recruiter's desk: stages, the team's reviews, a posting's candidates side by side."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from interview_core.api.models.common import Id, Request, Text
from interview_core.domain.candidates import CandidateRow
from interview_core.domain.integrity import Flag, FlagKind
from interview_core.domain.models import (
    InterviewReview,
    InterviewStatus,
    Language,
    ReviewState,
    Stage,
)
from interview_core.domain.pipeline import RATING_MAX, RATING_MIN, REVIEW_NOTE_MAX, STAGE_LABEL_MAX


class SetStageRequest(Request):
    stage: Stage = Field(
        description="shortlisted, rejected or hired (a decision); or the stage the interview is "
        "at (invited, in_progress, completed), which clears the decision"
    )
    reason: Text(2000) | None = Field(  # type: ignore[valid-type]
        default=None, description="Why (optional, kept with a decision and in the audit trail)"
    )


class SaveReviewRequest(Request):
    question_id: Id | None = Field(
        default=None, description="A question the interview asked; omitted: the whole interview"
    )
    rating: int | None = Field(default=None, ge=RATING_MIN, le=RATING_MAX, strict=True)
    note: Text(REVIEW_NOTE_MAX) | None = None  # type: ignore[valid-type]


class ReviewResponse(BaseModel):
    id: int
    interview_id: int
    question_id: int | None = Field(description="None: a review of the whole interview")
    author_id: int
    author_username: str
    author_full_name: str | None
    rating: int | None = Field(description=f"{RATING_MIN}-{RATING_MAX}")
    note: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, review: InterviewReview) -> ReviewResponse:
        return cls.model_validate(review.model_dump())


class StageLabelsRequest(Request):
    stage_labels: dict[Stage, Text(STAGE_LABEL_MAX, 0) | None] = Field(  # type: ignore[valid-type]
        description="The organization's own name per stage; null or empty: the platform's name"
    )


class StageLabelsResponse(BaseModel):
    stage_labels: dict[str, str]


class QuoteResponse(BaseModel):
    transcript_id: int
    quote: str


class CriterionResponse(BaseModel):
    question_id: int
    question_number: int = Field(description="1 for the interview's first question")
    criterion: str = Field(description="The rubric criterion's name")
    label: str = Field(description="Its label in the question's language")
    score: float = Field(description="The AI's score of it, 0-100")
    evidence: list[QuoteResponse] = Field(description="The candidate's words it rests on")


class FlagResponse(BaseModel):
    kind: FlagKind = Field(
        description="pasted, left_window, fast or near_identical: something for a reviewer to "
        "look at, never a verdict and never part of a score"
    )
    question_id: int | None
    transcript_id: int | None = Field(description="The answer line it is about, if one")
    evidence: dict[str, int | float | str] = Field(description="The figures behind it")

    @classmethod
    def of(cls, flag: Flag) -> FlagResponse:
        return cls(
            kind=flag.kind,
            question_id=flag.question_id,
            transcript_id=flag.transcript_id,
            evidence=flag.evidence,
        )


class ScoresResponse(BaseModel):
    technical: float | None
    communication: float | None
    cultural_fit: float | None
    overall: float | None


class CandidateResponse(BaseModel):
    interview_id: int
    candidate_id: int
    candidate_username: str
    candidate_full_name: str | None
    language: Language
    status: InterviewStatus
    stage: Stage | None
    decision_reason: str | None
    decided_by_username: str | None
    decided_at: datetime | None
    completed_at: datetime | None
    scores: ScoresResponse | None = Field(
        description="The scores in force (people's overrides included); None until the report"
    )
    scores_overridden: bool
    review_state: ReviewState | None = Field(description="None until the report is written")
    reviewed_by: str | None
    reviewers: list[str] = Field(description="The members who rated or noted it")
    rating_mean: float | None = Field(description="Mean of the team's ratings of the interview")
    rating_count: int
    criteria: list[CriterionResponse]
    flags: list[FlagResponse] = Field(description="Integrity flags for reviewers (never a score)")

    @classmethod
    def of(cls, row: CandidateRow) -> CandidateResponse:
        interview, final = row.interview, row.final
        return cls(
            interview_id=interview.id,
            candidate_id=interview.candidate_id,
            candidate_username=interview.candidate_username,
            candidate_full_name=interview.candidate_full_name,
            language=interview.language,
            status=interview.status,
            stage=row.stage,
            decision_reason=interview.decision_reason,
            decided_by_username=interview.decided_by_username if interview.decision else None,
            decided_at=interview.decided_at if interview.decision else None,
            completed_at=interview.end_time if interview.status == "completed" else None,
            scores=ScoresResponse(
                technical=final.technical,
                communication=final.communication,
                cultural_fit=final.cultural_fit,
                overall=final.overall,
            )
            if final
            else None,
            scores_overridden=row.overridden,
            review_state=row.review_state,
            reviewed_by=row.reviewed_by,
            reviewers=list(row.reviewers),
            rating_mean=row.rating_mean,
            rating_count=row.rating_count,
            criteria=[
                CriterionResponse(
                    question_id=c.question_id,
                    question_number=c.question_number,
                    criterion=c.criterion,
                    label=c.label,
                    score=c.score,
                    evidence=[
                        QuoteResponse(transcript_id=q.transcript_id, quote=q.quote)
                        for q in c.evidence
                    ],
                )
                for c in row.criteria
            ],
            flags=[FlagResponse.of(flag) for flag in row.flags],
        )


class PostingCandidatesResponse(BaseModel):
    job_posting_id: int
    title: str
    stage_labels: dict[str, str] = Field(description="The organization's own stage names")
    counts: dict[Stage, int] = Field(
        description="Candidates at each stage (pending invitations count as invited)"
    )
    candidates: list[CandidateResponse] = Field(description="Real interviews only, oldest first")
