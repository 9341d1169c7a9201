from fastapi import APIRouter, Request

from interview_core.api.client_address import client_address
from interview_core.api.deps import DatabaseDep, SettingsDep
from interview_core.api.schemas import ErrorResponse, TokenRequest, TokenResponse
from interview_core.services import accounts

router = APIRouter(tags=["accounts"])


@router.post(
    "/token",
    response_model=TokenResponse,
    responses={
        401: {"model": ErrorResponse},
        429: {
            "model": ErrorResponse,
            "description": "Too many failed log-ins for this account or from this address",
            "headers": {
                "Retry-After": {
                    "description": "Seconds until the lockout ends",
                    "schema": {"type": "integer"},
                }
            },
        },
    },
    summary="Log in with a JSON body; returns a bearer token",
)
def token(
    body: TokenRequest, request: Request, db: DatabaseDep, settings: SettingsDep
) -> TokenResponse:
    issued = accounts.log_in(
        db,
        settings,
        username=body.username,
        password=body.password,
        client_address=client_address(request),
    )
    return TokenResponse(access_token=issued.access_token, expires_in=issued.expires_in)
