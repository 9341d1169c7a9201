from fastapi import APIRouter

from interview_core.api.deps import DatabaseDep, SettingsDep
from interview_core.api.schemas import ErrorResponse, TokenRequest, TokenResponse
from interview_core.services import accounts

router = APIRouter(tags=["accounts"])


@router.post(
    "/token",
    response_model=TokenResponse,
    responses={401: {"model": ErrorResponse}},
    summary="Log in with a JSON body; returns a bearer token",
)
def token(body: TokenRequest, db: DatabaseDep, settings: SettingsDep) -> TokenResponse:
    issued = accounts.log_in(db, settings, username=body.username, password=body.password)
    return TokenResponse(access_token=issued.access_token, expires_in=issued.expires_in)
