"""Job postings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StrictBool, field_validator

from interview_core.api.models.common import (
    OmittedOnly,
    Request,
    Text,
    _present_means_not_null,
    not_a_boolean,
)
from interview_core.domain.follow_up import MAX_LIMIT as MAX_FOLLOW_UPS
from interview_core.domain.models import JobPosting, JobPostingStatus, Language

_AI_SCORING = (
    "false: the posting's interviews are transcribed but not scored by AI; people score them with "
    "the rubric (score overrides)"
)
_CANDIDATES_SEE_SCORES = (
    "Whether the posting's candidates see their scores in their report (practice interviews "
    "always show them)"
)
_FOLLOW_UP_LIMIT = "Follow-up questions the AI interviewer may ask per question (0: none)"
_ANSWER_SECONDS = "The time guide per question shown to candidates, in seconds (never enforced)"
_AI_NOTICE = (
    "The posting's own AI notice, shown to candidates before the first question and consented "
    "to (null: the platform's default notice in the interview's language); each change is a new "
    "version"
)


FollowUpLimit = Annotated[int, Field(ge=0, le=MAX_FOLLOW_UPS)]
AnswerSeconds = Annotated[int, Field(ge=30, le=1800)]


class CreateJobPostingRequest(Request):
    title: Text(200)  # type: ignore[valid-type]
    position: Text(100)  # type: ignore[valid-type]
    description: Text(20000, 0) | None = None  # type: ignore[valid-type]
    language: Language = Language.KO
    ai_scoring: StrictBool = Field(default=True, description=_AI_SCORING)
    candidates_see_scores: StrictBool = Field(default=False, description=_CANDIDATES_SEE_SCORES)
    follow_up_limit: FollowUpLimit = Field(default=1, description=_FOLLOW_UP_LIMIT)
    answer_seconds: AnswerSeconds = Field(default=180, description=_ANSWER_SECONDS)
    ai_notice: Text(4000) | None = Field(default=None, description=_AI_NOTICE)  # type: ignore[valid-type]

    _whole_numbers = field_validator("follow_up_limit", "answer_seconds", mode="before")(
        not_a_boolean
    )


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
    follow_up_limit: FollowUpLimit | OmittedOnly = Field(default=None, description=_FOLLOW_UP_LIMIT)
    answer_seconds: AnswerSeconds | OmittedOnly = Field(default=None, description=_ANSWER_SECONDS)
    ai_notice: Text(4000) | None = Field(default=None, description=_AI_NOTICE)  # type: ignore[valid-type]

    _not_null = field_validator(
        "title",
        "position",
        "language",
        "status",
        "ai_scoring",
        "candidates_see_scores",
        "follow_up_limit",
        "answer_seconds",
    )(_present_means_not_null)
    _whole_numbers = field_validator("follow_up_limit", "answer_seconds", mode="before")(
        not_a_boolean
    )


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
    follow_up_limit: int = Field(description=_FOLLOW_UP_LIMIT)
    answer_seconds: int = Field(description=_ANSWER_SECONDS)
    ai_notice: str | None = Field(description=_AI_NOTICE)
    ai_notice_version: int = Field(description="How often the posting's notice has changed")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, posting: JobPosting) -> JobPostingResponse:
        return cls.model_validate(posting.model_dump())
