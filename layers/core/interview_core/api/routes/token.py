from typing import Annotated

from fastapi import APIRouter, Header, Request

from interview_core.api.client_address import client_address
from interview_core.api.deps import DatabaseDep, SettingsDep
from interview_core.api.models.accounts import TokenRequest, TokenResponse
from interview_core.api.models.common import ErrorResponse
from interview_core.api.session_cookie import SESSION_HEADER, SESSION_HEADER_VALUE
from interview_core.security import create_access_token
from interview_core.services import accounts, sessions

router = APIRouter(tags=["accounts"])


@router.post(
    "/token",
    response_model=TokenResponse,
    response_model_exclude_none=True,
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
    body: TokenRequest,
    request: Request,
    db: DatabaseDep,
    settings: SettingsDep,
    x_session: Annotated[
        str | None,
        Header(
            alias=SESSION_HEADER,
            description="`cookie` (the web app): the answer also carries a session_grant",
        ),
    ] = None,
) -> TokenResponse:
    user = accounts.log_in(
        db,
        settings,
        username=body.username,
        password=body.password,
        client_address=client_address(request),
    )
    if x_session != SESSION_HEADER_VALUE:
        issued = create_access_token(settings, user.id, user.role)
        return TokenResponse(access_token=issued.access_token, expires_in=issued.expires_in)
    grant = sessions.open_grant(db, user.id)
    issued = create_access_token(settings, user.id, user.role, session_chain=grant.chain_id)
    return TokenResponse(
        access_token=issued.access_token, expires_in=issued.expires_in, session_grant=grant.secret
    )
