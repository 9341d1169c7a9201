from fastapi import APIRouter, status

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep, SettingsDep
from interview_core.api.idempotency import IdempotencyKey
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import CreateTranscriptRequest, TranscriptResponse
from interview_core.services import interviews
from interview_core.services.idempotency import IdempotentRequest

router = APIRouter(tags=["transcripts"])


@router.post(
    "/transcripts",
    status_code=status.HTTP_201_CREATED,
    response_model=TranscriptResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse, "description": "The interview is completed or cancelled"},
        422: {
            "model": ErrorResponse,
            "description": "Not a question of this interview, the question's answers "
            "are full, or the Idempotency-Key was used for another request",
        },
    },
    summary="Save one answer (speaker 'User'); its sentiment follows shortly",
)
def create_transcript(
    body: CreateTranscriptRequest,
    user: CurrentUser,
    db: DatabaseDep,
    publisher: PublisherDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> TranscriptResponse:
    transcript = interviews.add_answer(
        db,
        publisher,
        user,
        interview_id=body.interview_id,
        text=body.text,
        question_id=body.question_id,
        signals=body.signals.signals() if body.signals else None,
        settings=settings,
        idempotent=IdempotentRequest.of(idempotency_key, "POST /transcripts", body),
    )
    return TranscriptResponse.of(transcript)
