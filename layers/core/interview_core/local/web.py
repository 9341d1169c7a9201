"""Serving the built web app (frontend/dist) next to the API, with a runtime /config.json that
names the API URL: the same build runs here and on S3 + CloudFront."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interview_core.settings import Settings
from interview_core.web_app_headers import security_headers, url_origin

# The session routes' path (their cookie's Path), served here as CloudFront serves them in AWS.
SESSION_PREFIX = "/auth/"

NOT_BUILT = """<!doctype html><meta charset="utf-8"><title>Web app not built</title>
<p>The web app has not been built yet. Run <code>make dev</code> (it builds <code>frontend/</code>),
or <code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code>. The API is at
<a href="{api}/docs">{api}/docs</a>.</p>"""


class SinglePageApp(StaticFiles):
    """Static files, with index.html for any other path so client-side routes survive a reload."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code != 404:
                raise
            return await super().get_response("index.html", scope)


class SecurityHeaders:
    """The web app's security headers (web_app_headers.py) on every answer; the API origin in
    the CSP is the one /config.json names for this request's host."""

    def __init__(self, app: ASGIApp, *, api_port: int, speech_origins: Sequence[str]) -> None:
        self.app = app
        self.api_port = api_port
        self.speech_origins = tuple(speech_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = security_headers([_api_url(Request(scope), self.api_port), *self.speech_origins])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SessionRoutes:
    """The API's session routes (/auth/*) on the web app's origin, as CloudFront serves them in
    AWS: the session cookie is then first-party (SameSite=Strict, Path=/auth)."""

    def __init__(self, app: ASGIApp, *, api: ASGIApp) -> None:
        self.app = app
        self.api = api

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(SESSION_PREFIX):
            await self.api(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def speech_origins(settings: Settings) -> list[str]:
    """The speech service's websocket the browser streams to, when one is configured."""
    from interview_core.ai.speech.deepgram import speech_from_settings

    speech = speech_from_settings(settings)
    return [url_origin(speech.websocket_url)] if speech else []


def _api_url(request: Request, api_port: int) -> str:
    # The host the browser used for the web app also reaches the API.
    return f"{request.url.scheme}://{request.url.hostname}:{api_port}"


def web_app(
    dist: Path,
    api_port: int,
    *,
    speech_origins: Sequence[str] = (),
    api: ASGIApp | None = None,
) -> Starlette:
    """`speech_origins`: where the browser may stream audio (the speech service's websocket);
    `api`: the API app, which answers the session routes (/auth/*) here too."""

    async def config(request: Request) -> JSONResponse:
        api_url = _api_url(request, api_port)
        return JSONResponse({"apiUrl": api_url}, headers={"Cache-Control": "no-store"})

    async def not_built(request: Request) -> HTMLResponse:
        return HTMLResponse(NOT_BUILT.format(api=_api_url(request, api_port)), status_code=503)

    routes: list = [Route("/config.json", config)]
    if (dist / "index.html").exists():
        routes.append(Mount("/", app=SinglePageApp(directory=dist, html=True)))
    else:
        routes.append(Route("/{path:path}", not_built))
    app = Starlette(routes=routes)
    if api is not None:
        app.add_middleware(SessionRoutes, api=api)
    app.add_middleware(SecurityHeaders, api_port=api_port, speech_origins=speech_origins)
    return app
