"""The question bank."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, StrictBool, field_validator, model_validator

from interview_core.api.models.common import (
    SENT_WHOLE,
    OmittedOnly,
    Request,
    Text,
    _present_means_not_null,
    not_a_boolean,
)
from interview_core.domain.models import (
    Category,
    Difficulty,
    DroppedProposal,
    Language,
    Question,
    QuestionDraftRequest,
    QuestionStatus,
    QuestionVersion,
)


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

    model_config = SENT_WHOLE

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
    status: QuestionStatus = Field(
        default="approved",
        description="draft: written by the LLM for a posting, asked only once a member approves it",
    )
    job_posting_id: int | None = Field(default=None, description="The posting a draft is for")
    generated_by: str | None = Field(default=None, description="The model that wrote it")

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


class ReviewQuestionRequest(Request):
    decision: Literal["approve", "reject"]


class QuestionGenerationResponse(BaseModel):
    """Whether questions can be drafted from a posting's description on this platform."""

    available: bool
    code: Literal["no_llm", "no_embedder"] | None = Field(description="Why not")
    reason: str | None
    model: str | None = Field(description="The model that would write them")


class RequestDraftsRequest(Request):
    count: int = Field(default=5, ge=1, le=10, description="How many questions to draft")

    _whole_number = field_validator("count", mode="before")(not_a_boolean)


class QuestionDraftRequestResponse(BaseModel):
    id: int
    job_posting_id: int
    status: Literal["queued", "running", "done", "failed"]
    count: int
    language: Language
    requested_by: int | None
    created_at: datetime
    finished_at: datetime | None
    model: str | None
    added: list[int] = Field(description="The draft questions made")
    dropped: list[DroppedProposal] = Field(description="Proposals not kept, and why")
    error: str | None

    @classmethod
    def of(cls, request: QuestionDraftRequest) -> QuestionDraftRequestResponse:
        return cls.model_validate(request.model_dump())
