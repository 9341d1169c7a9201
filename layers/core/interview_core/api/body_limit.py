"""A request body over the limit is a 413 before anything reads it whole: MAX_REQUEST_BODY_BYTES
for every route, MAX_AUDIO_BYTES for the recorded-answer upload.

A declared Content-Length over the limit is refused at once; a body without one (chunked) is
counted as it arrives and refused when it passes the limit. The same holds behind API Gateway,
where Mangum hands the whole body over as one message (API Gateway itself takes up to 10 MB).
Installed outside every other reader of the body (the NUL guard reads JSON bodies ahead)."""

from __future__ import annotations

import re

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interview_core.settings import Settings

# The routes whose body is not JSON, with the setting that bounds it.
AUDIO_UPLOAD_PATH = re.compile(r"^/interviews/[^/]+/audio/?$")


class BodyTooLarge(HTTPException):
    """Raised by the counting receive; an HTTPException so that FastAPI, reading a body for a
    route, passes it on (to the app's handler: a 413) instead of calling it a parse error."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_message(limit))


def too_large_message(limit: int) -> str:
    size = f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit // 1024} KiB"
    return f"The request body is larger than {size}, the most this endpoint accepts"


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


class BodyLimit:
    """Pure ASGI middleware."""

    def __init__(self, app: ASGIApp, *, default_limit: int, audio_limit: int) -> None:
        self.app = app
        self.default_limit = default_limit
        self.audio_limit = audio_limit

    def limit_for(self, path: str) -> int:
        return self.audio_limit if AUDIO_UPLOAD_PATH.match(path) else self.default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await _refusal(limit)(scope, receive, send)
            return

        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except BodyTooLarge:
            # Raised outside the app's handlers (a middleware was reading ahead).
            if response_started:
                raise
            await _refusal(limit)(scope, receive, send)


def _refusal(limit: int) -> JSONResponse:
    return JSONResponse(
        {"detail": too_large_message(limit), "code": "payload_too_large"}, status_code=413
    )


def install_body_limit(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(
        BodyLimit,
        default_limit=settings.max_request_body_bytes,
        audio_limit=settings.max_audio_bytes,
    )
