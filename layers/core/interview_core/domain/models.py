"""The platform's vocabulary, shared by every layer."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

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


class Speaker(StrEnum):
    AI = "AI"
    USER = "User"


class Language(StrEnum):
    KO = "ko"
    EN = "en"


class JobPostingStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Row(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class User(Row):
    id: int
    email: str
    username: str
    role: Role
    full_name: str | None
    created_at: datetime


class JobPosting(Row):
    id: int
    recruiter_id: int
    title: str
    position: str
    description: str | None
    language: Language
    status: JobPostingStatus
    created_at: datetime
    updated_at: datetime


class Interview(Row):
    id: int
    candidate_id: int
    candidate_username: str
    candidate_full_name: str | None
    job_posting_id: int | None
    # The recruiter who owns the job posting, if any (joined, not stored on the interview).
    recruiter_id: int | None
    position: str
    language: Language
    status: InterviewStatus
    scheduled_time: datetime | None
    start_time: datetime | None
    end_time: datetime | None
    overall_score: float | None
    emotion_summary: dict[str, Any] | None
    created_at: datetime


class Question(Row):
    id: int
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


class EvaluationReport(Row):
    id: int
    interview_id: int
    technical_score: float
    communication_score: float
    cultural_fit_score: float
    summary_text: str
    details_json: dict[str, Any]
    evaluator_model: str
    created_at: datetime
    updated_at: datetime
