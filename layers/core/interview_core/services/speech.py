"""Voice answers: a short-lived Deepgram token for the browser's live transcription, and
recorded answers transcribed here and saved like typed ones."""

from __future__ import annotations

from pydantic import BaseModel

from interview_core.ai.speech.deepgram import DeepgramSpeech
from interview_core.db import interviews
from interview_core.db.connection import Database
from interview_core.domain.access import can_answer_interview, can_view_interview
from interview_core.domain.interview_flow import check_accepts_answers
from interview_core.domain.models import Interview, Transcript, User
from interview_core.errors import Forbidden, InvalidInput, NotConfigured, NotFound
from interview_core.jobs.publisher import JobPublisher
from interview_core.services.interviews import add_answer

NOT_CONFIGURED = (
    "Voice input is not configured on this server (no DEEPGRAM_API_KEY): type the answers"
)


class SttToken(BaseModel):
    available: bool
    reason: str | None = None
    access_token: str | None = None
    expires_in: float | None = None
    websocket_url: str | None = None
    model: str | None = None
    language: str | None = None


def _answerable_interview(db: Database, user: User, interview_id: int) -> Interview:
    with db.unit_of_work() as uow:
        interview = interviews.get_interview(uow.conn, interview_id)
    if interview is None or not can_view_interview(user, interview):
        raise NotFound(f"Interview {interview_id} not found")
    if not can_answer_interview(user, interview):
        raise Forbidden("Only the interview's candidate can answer its questions")
    check_accepts_answers(interview.status)
    return interview


def grant_stt_token(
    db: Database, speech: DeepgramSpeech | None, user: User, interview_id: int, *, ttl_seconds: int
) -> SttToken:
    interview = _answerable_interview(db, user, interview_id)
    if speech is None:
        return SttToken(available=False, reason=NOT_CONFIGURED)
    grant = speech.grant(ttl_seconds)
    return SttToken(
        available=True,
        access_token=grant.access_token,
        expires_in=grant.expires_in,
        websocket_url=speech.websocket_url,
        model=speech.model,
        language=interview.language.value,
    )


def transcribe_answer(
    db: Database,
    publisher: JobPublisher,
    speech: DeepgramSpeech | None,
    user: User,
    *,
    interview_id: int,
    question_id: int | None,
    audio: bytes,
) -> Transcript:
    interview = _answerable_interview(db, user, interview_id)
    if speech is None:
        raise NotConfigured(NOT_CONFIGURED)
    if not audio:
        raise InvalidInput("The recording is empty")
    transcription = speech.transcribe(audio, language=interview.language.value)
    if not transcription.text:
        raise InvalidInput("No speech was recognised in the recording")
    return add_answer(
        db,
        publisher,
        user,
        interview_id=interview_id,
        text=transcription.text,
        question_id=question_id,
    )
