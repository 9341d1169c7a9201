"""Interviews, their questions and transcripts, and the speech-to-text token."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, EmailStr, Field, StrictBool

from interview_core.api.models.common import SENT_WHOLE, Id, Request, Text
from interview_core.domain import interview_room
from interview_core.domain.access import can_see_rubrics
from interview_core.domain.integrity import AnswerSignals
from interview_core.domain.models import (
    Category,
    Difficulty,
    Interview,
    InterviewKind,
    InterviewStatus,
    Language,
    Question,
    Stage,
    Transcript,
    User,
)
from interview_core.settings import get_settings


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
    model_config = SENT_WHOLE

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
    consent_required: bool = Field(
        description=(
            "A real interview takes no answer until its candidate consents to the AI notice "
            "(GET/POST .../notice, .../consent); practice never requires it"
        )
    )
    consented_at: datetime | None
    notice_version: str = Field(description="The version of the AI notice in force")
    answer_seconds: int = Field(description="The time guide per question shown to candidates")
    follow_up_limit: int = Field(description="Follow-up questions the AI may ask per question")
    opens_at: datetime | None = Field(
        description="A scheduled interview cannot be started or answered before this time"
    )
    voice_answers: bool = Field(description="Whether voice answers are available here")
    stage: Stage | None = Field(
        description="The candidate's stage in the posting's pipeline; staff only (None for the "
        "candidate, for practice, and for a cancelled interview nobody decided on)"
    )
    decision_reason: str | None = Field(description="Why the stage was set (staff only)")
    decided_by_username: str | None = Field(
        description="Who last set or cleared the decision (staff only)"
    )
    decided_at: datetime | None

    @classmethod
    def of(cls, interview: Interview) -> InterviewResponse:
        return cls.model_validate(
            {
                **interview.model_dump(),
                "consent_required": interview_room.consent_required(interview),
                "notice_version": interview_room.notice_version(interview),
                "opens_at": interview_room.opens_at(interview),
                "voice_answers": get_settings().deepgram_api_key is not None,
                "stage": interview.stage,
            }
        )


class CreatedInterviewResponse(InterviewResponse):
    questions: list[QuestionResponse]


_DAY_MS = 86_400_000


class AnswerSignalsBody(Request):
    typing_ms: int | None = Field(
        default=None, ge=0, le=_DAY_MS, description="From the first keystroke to sending"
    )
    keystrokes: int | None = Field(default=None, ge=0, le=1_000_000)
    pasted_chars: int | None = Field(default=None, ge=0, le=1_000_000)
    paste_events: int | None = Field(default=None, ge=0, le=100_000)
    blur_events: int | None = Field(
        default=None, ge=0, le=100_000, description="Times the window was left while answering"
    )
    blur_ms: int | None = Field(default=None, ge=0, le=_DAY_MS, description="Time away in all")

    def signals(self) -> AnswerSignals:
        return AnswerSignals(**self.model_dump())


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
    signals: AnswerSignalsBody | None = Field(
        default=None,
        description="What the web app measured while the answer was typed: shown to reviewers "
        "as integrity flags, never used in a score",
    )


class TranscriptResponse(BaseModel):
    model_config = SENT_WHOLE

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
    follow_up_state: Literal["pending", "asked", "none"] | None = Field(
        default=None,
        description=(
            "On an answer: 'pending' while the AI decides whether to follow it up, then 'asked' "
            "or 'none'"
        ),
    )
    follow_up_of: int | None = Field(
        default=None, description="On an AI follow-up question: the answer it follows up"
    )

    @classmethod
    def of(cls, transcript: Transcript) -> TranscriptResponse:
        return cls.model_validate(transcript.model_dump())


class SttTokenRequest(Request):
    interview_id: Id


class NoticeResponse(BaseModel):
    version: str = Field(description="What POST .../consent names")
    language: Language
    text: str = Field(description="Plain text; paragraphs separated by blank lines")


class ConsentRequest(Request):
    version: Text(100) = Field(  # type: ignore[valid-type]
        description="The version of the notice the candidate read (GET .../notice)"
    )
