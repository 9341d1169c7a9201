"""The web app's session cookie and the header that keeps other sites from using it (CSRF): what
the /auth routes and POST /token share. The rules of sessions are in services/sessions.py."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Cookie, Depends, Request, Response

from interview_core.errors import Forbidden
from interview_core.services.sessions import CookieSession
from interview_core.settings import Settings

COOKIE_NAME = "interview_session"
# The cookie goes only to the session routes, which the web app calls on its own origin.
COOKIE_PATH = "/auth"
# A header a page of another site cannot send without the API's consent (CORS): every /auth
# route requires it, so a form or link elsewhere cannot use the cookie.
CSRF_HEADER = "X-Requested-With"
# Sent with POST /token by the web app: the answer then carries a session grant.
SESSION_HEADER = "X-Session"
SESSION_HEADER_VALUE = "cookie"

CSRF_PARAMETER: dict[str, Any] = {
    "name": CSRF_HEADER,
    "in": "header",
    "required": True,
    "description": "Any value: a page of another site cannot send it (answered 403 without it)",
    "schema": {"type": "string", "minLength": 1},
}


def require_csrf_header(request: Request) -> None:
    if not request.headers.get(CSRF_HEADER, "").strip():
        raise Forbidden(f"Send the {CSRF_HEADER} header: session routes require it")


CsrfChecked = Depends(require_csrf_header)
SessionCookie = Annotated[
    str | None,
    Cookie(
        alias=COOKIE_NAME,
        description="The session, set by POST /auth/session and each refresh (httpOnly)",
    ),
]


def _secure(settings: Settings, request: Request) -> bool:
    # Secure everywhere but on a developer's machine or the tests over plain http.
    return not (settings.environment in ("local", "test") and request.url.scheme == "http")


def set_session_cookie(
    response: Response, session: CookieSession, settings: Settings, request: Request
) -> None:
    max_age = max(0, int((session.expires_at - datetime.now(UTC)).total_seconds()))
    response.set_cookie(
        COOKIE_NAME,
        session.secret,
        max_age=max_age,
        path=COOKIE_PATH,
        secure=_secure(settings, request),
        httponly=True,
        samesite="strict",
    )


def clear_session_cookie(response: Response, settings: Settings, request: Request) -> None:
    response.delete_cookie(
        COOKIE_NAME,
        path=COOKIE_PATH,
        secure=_secure(settings, request),
        httponly=True,
        samesite="strict",
    )
