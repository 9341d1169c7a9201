from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep, SettingsDep, SpeechDep
from interview_core.api.models.common import MAX_ID, ErrorResponse
from interview_core.api.models.interviews import TranscriptResponse
from interview_core.api.routes.params import InterviewId
from interview_core.errors import InvalidInput
from interview_core.services import speech

router = APIRouter(tags=["speech"])


@router.post(
    "/interviews/{interview_id}/audio",
    status_code=status.HTTP_201_CREATED,
    response_model=TranscriptResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
        413: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
        502: {"model": ErrorResponse},
    },
    summary="Upload a recorded answer (the raw audio as the body); it is transcribed and saved",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"audio/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def upload_answer_audio(
    interview_id: InterviewId,
    request: Request,
    user: CurrentUser,
    db: DatabaseDep,
    publisher: PublisherDep,
    settings: SettingsDep,
    speech_provider: SpeechDep,
    question_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> TranscriptResponse:
    content_type = request.headers.get("content-type", "")
    if not (
        content_type.startswith("audio/")
        or content_type in ("video/webm", "application/octet-stream")
    ):
        raise InvalidInput("Send the recording as the request body with an audio/* Content-Type")
    audio = bytearray()
    async for chunk in request.stream():
        audio.extend(chunk)
        if len(audio) > settings.max_audio_bytes:
            raise InvalidInput(
                f"The recording is larger than {settings.max_audio_bytes // (1024 * 1024)} MB"
            )
    from starlette.concurrency import run_in_threadpool

    transcript = await run_in_threadpool(
        speech.transcribe_answer,
        db,
        publisher,
        speech_provider,
        user,
        interview_id=interview_id,
        question_id=question_id,
        audio=bytes(audio),
    )
    return TranscriptResponse.of(transcript)
