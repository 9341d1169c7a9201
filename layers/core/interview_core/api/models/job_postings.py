"""Job postings."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, StrictBool, field_validator

from interview_core.api.models.common import OmittedOnly, Request, Text, _present_means_not_null
from interview_core.domain.models import JobPosting, JobPostingStatus, Language

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
