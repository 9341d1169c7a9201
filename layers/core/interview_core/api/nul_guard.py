"""A NUL character in a request's path, query or JSON body is a 422 before any route runs.

PostgreSQL cannot store NUL in text (or jsonb), so one that reached a query ended in a 500. The
routes' own models refuse it in most fields; this catches it everywhere, once, with the same
answer shape as any other validation error (FastAPI's 422: a list of {loc, msg, type}).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

NUL = "\x00"
NUL_MESSAGE = "must not contain NUL characters"
NUL_ERROR_TYPE = "nul_character"
# How JSON writes a NUL inside a string; a raw NUL byte is no valid JSON at all.
_JSON_NUL_ESCAPE = b"\\u0000"

Location = tuple[str | int, ...]


def _is_json(scope: Scope) -> bool:
    # FastAPI reads a body with no Content-Type as JSON too.
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            media_type = value.split(b";", 1)[0].strip().lower()
            return media_type == b"application/json" or media_type.endswith(b"+json")
    return True


def _in_query(query_string: bytes) -> Location | None:
    # Decoded as Starlette decodes it, so %00 and a raw NUL byte are both found.
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if NUL in name or NUL in value:
            return ("query", name.replace(NUL, ""))
    return None


def _nul_paths(value: Any, location: Location) -> Iterator[Location]:
    if isinstance(value, str):
        if NUL in value:
            yield location
    elif isinstance(value, dict):
        for key, item in value.items():
            if NUL in key:
                yield location
            yield from _nul_paths(item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_paths(item, (*location, index))


def _in_json_body(body: bytes) -> Location | None:
    if b"\x00" in body:
        return ("body",)
    if _JSON_NUL_ESCAPE not in body:  # the common case: no parsing here
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return None  # not JSON: the route's own validation says so
    return next(_nul_paths(document, ("body",)), None)


def _refusal(location: Location) -> JSONResponse:
    error = {"loc": list(location), "msg": NUL_MESSAGE, "type": NUL_ERROR_TYPE}
    return JSONResponse({"detail": [error], "code": "validation_error"}, status_code=422)


async def _read_body(receive: Receive) -> tuple[bytes, list[Message]]:
    chunks: list[bytes] = []
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break  # the client went away: the app sees the disconnect
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks), messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


class NulGuard:
    """Pure ASGI middleware: only JSON bodies are read ahead (audio uploads stream through)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        location: Location | None = None
        if NUL in scope.get("path", ""):
            location = ("path",)
        else:
            location = _in_query(scope.get("query_string", b""))
        if location is None and _is_json(scope):
            body, messages = await _read_body(receive)
            location = _in_json_body(body)
            receive = _replay(messages, receive)
        if location is not None:
            await _refusal(location)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def install_nul_guard(app: FastAPI) -> None:
    app.add_middleware(NulGuard)
