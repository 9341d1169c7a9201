from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, SettingsDep, SpeechDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.interviews import SttTokenRequest
from interview_core.services import speech
from interview_core.services.speech import SttToken

router = APIRouter(tags=["speech"])


@router.post(
    "/stt/token",
    response_model=SttToken,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
        502: {"model": ErrorResponse},
    },
    summary="A short-lived Deepgram token for live speech-to-text in the browser",
    description=(
        "`available` is false (with the reason) when voice input is not configured: type the "
        "answers."
    ),
)
def create_stt_token(
    body: SttTokenRequest,
    user: CurrentUser,
    db: DatabaseDep,
    settings: SettingsDep,
    speech_provider: SpeechDep,
) -> SttToken:
    return speech.grant_stt_token(
        db, speech_provider, user, body.interview_id, ttl_seconds=settings.stt_token_ttl_seconds
    )
