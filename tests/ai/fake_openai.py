"""A local stand-in for an OpenAI-compatible chat endpoint: a real HTTP server on 127.0.0.1 that
answers POST /v1/chat/completions with what a test scripted, in the OpenAI wire format, and keeps
every request it got. The `openai` SDK talks to it over real HTTP: nothing is mocked."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes import serving


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict -> JSON; str -> sent as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a slow model)


def completion(content: str, model: str = "solar-pro2", finish_reason: str = "stop") -> Reply:
    """A chat completion whose message content is `content`."""
    return Reply(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
        }
    )


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    kind = {429: "rate_limit_error", 401: "authentication_error"}.get(status, "server_error")
    return Reply(
        status=status,
        body={"error": {"message": message, "type": kind, "code": None}},
        headers=headers or {},
    )


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


class FakeChatServer:
    def __init__(self) -> None:
        self.script: list[Reply | Callable[[dict[str, Any]], Reply]] = []
        self.requests: list[Received] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def then(self, *replies: Reply | Callable[[dict[str, Any]], Reply]) -> FakeChatServer:
        self.script.extend(replies)
        return self

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            item = self.script.pop(0) if self.script else error(500, "nothing scripted")
        return item(body) if callable(item) else item

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                body = json.loads(raw or b"{}")
                with fake._lock:
                    fake.requests.append(
                        Received(
                            self.path,
                            {k.lower(): v for k, v in self.headers.items()},
                            body,
                            time.monotonic(),
                        )
                    )
                if self.path.rstrip("/") != "/v1/chat/completions":
                    reply = error(404, f"no route {self.path}")
                else:
                    reply = fake._next(body)
                if reply.delay:
                    time.sleep(reply.delay)
                payload = (
                    reply.body
                    if isinstance(reply.body, str)
                    else json.dumps(reply.body, ensure_ascii=False)
                )
                data = payload.encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        return Handler

    @contextmanager
    def running(self) -> Iterator[FakeChatServer]:
        with serving(self._server):
            yield self
