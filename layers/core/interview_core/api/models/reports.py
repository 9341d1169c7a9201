"""Evaluation reports: the staff and candidate views, reviews and score overrides."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from interview_core.api.models.common import SENT_WHOLE, Id, Request, Text
from interview_core.domain.candidate_report import CandidateReport
from interview_core.domain.models import (
    EvaluationReport,
    OverrideScope,
    ReviewState,
    ScoreOverride,
    Scoring,
)
from interview_core.domain.score_review import FinalScores, StaffReport, ai_overall


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

    model_config = SENT_WHOLE

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

    model_config = SENT_WHOLE

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
    model_config = SENT_WHOLE

    status: Literal["pending", "retrying", "failed"] = "pending"
    detail: str = "The evaluation report is being written; try again shortly"
    retry_after: int = Field(description="Seconds to wait before asking again (as Retry-After)")
    retry_after_ms: int = Field(
        description="The same, finer: milliseconds (short just after the interview was completed)"
    )
