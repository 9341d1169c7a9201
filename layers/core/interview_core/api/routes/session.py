"""The web app's session routes, on its own origin (CloudFront's /auth/* behaviour; locally the
web server hands /auth/* to the API): POST /auth/session, /auth/refresh and /auth/logout. One
route and one function for the three, since the AWS stack is near CloudFormation's limit of 500
resources; each action is still its own service call."""

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import JSONResponse

from interview_core.api.deps import DatabaseDep, SettingsDep
from interview_core.api.models.accounts import SessionGrantRequest, TokenResponse
from interview_core.api.models.common import ErrorResponse
from interview_core.api.session_cookie import (
    CSRF_PARAMETER,
    CsrfChecked,
    SessionCookie,
    clear_session_cookie,
    set_session_cookie,
)
from interview_core.errors import Unauthenticated
from interview_core.services import sessions

router = APIRouter(tags=["accounts"])


class SessionAction(StrEnum):
    SESSION = "session"
    REFRESH = "refresh"
    LOGOUT = "logout"


DESCRIPTION = """The web app's sign-in session, kept in the httpOnly cookie `interview_session`
(Path=/auth, SameSite=Strict, Secure over https). Every action needs the `X-Requested-With`
header (any value), which a page of another site cannot send.

- `session`: exchanges the `session_grant` of `POST /token` (sent with `X-Session: cookie`)
  for the cookie, within a minute and once; answers an access token like `POST /token`.
- `refresh`: a new access token for the cookie, which is replaced by a new one. A replaced
  cookie presented again (after a few seconds' grace) ends every session of that sign-in.
- `logout`: ends the sign-in and clears the cookie (204), whatever the cookie was.

A refusal (401) clears the cookie."""


@router.post(
    "/auth/{action}",
    response_model=TokenResponse,
    response_model_exclude_none=True,
    dependencies=[CsrfChecked],
    responses={
        204: {"description": "logout: signed out, the cookie cleared"},
        401: {
            "model": ErrorResponse,
            "description": "No grant or session, or it expired, ended or was used twice",
        },
        403: {"model": ErrorResponse, "description": "The X-Requested-With header is missing"},
    },
    openapi_extra={"parameters": [CSRF_PARAMETER]},
    summary="The web app's session cookie: exchange a grant, refresh, or sign out",
    description=DESCRIPTION,
)
def session(
    action: Annotated[SessionAction, Path(description="session, refresh or logout")],
    request: Request,
    response: Response,
    db: DatabaseDep,
    settings: SettingsDep,
    body: SessionGrantRequest | None = None,
    interview_session: SessionCookie = None,
) -> TokenResponse | Response:
    if action == SessionAction.LOGOUT:
        sessions.end(db, interview_session)
        signed_out = Response(status_code=204)
        clear_session_cookie(signed_out, settings, request)
        return signed_out
    try:
        if action == SessionAction.SESSION:
            issued = sessions.exchange_grant(db, settings, body.grant if body else None)
        else:
            issued = sessions.refresh(db, settings, interview_session)
    except Unauthenticated as refused:
        answer = JSONResponse({"detail": refused.message, "code": refused.code}, status_code=401)
        if interview_session is not None:
            clear_session_cookie(answer, settings, request)
        return answer
    set_session_cookie(response, issued, settings, request)
    return TokenResponse(
        access_token=issued.access.access_token,
        expires_in=issued.access.expires_in,
        session_expires_at=issued.expires_at,
    )
