"""Voice answers through the real Deepgram SDK, against a local fake Deepgram server that speaks
its REST API (token grant, prerecorded transcription)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from tests.api.helpers import answer, create_interview, sign_up
from tests.fakes import serving

FAKE_KEY = "fake-deepgram-key"


class FakeDeepgram(BaseHTTPRequestHandler):
    transcript = "저는 FastAPI와 PostgreSQL로 결제 API를 만들었습니다."
    status = 200
    requests: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        FakeDeepgram.requests.append(
            {
                "path": self.path,
                "auth": self.headers.get("Authorization"),
                "content_type": self.headers.get("Content-Type"),
                "size": len(body),
            }
        )
        if self.headers.get("Authorization") != f"Token {FAKE_KEY}":
            return self._send(401, {"err_code": "INVALID_AUTH", "err_msg": "Invalid credentials."})
        if FakeDeepgram.status != 200:
            return self._send(FakeDeepgram.status, {"err_code": "ERR", "err_msg": "failure"})
        if self.path.startswith("/v1/auth/grant"):
            ttl = json.loads(body or b"{}").get("ttl_seconds", 30)
            return self._send(200, {"access_token": "temporary.jwt.token", "expires_in": ttl})
        if self.path.startswith("/v1/listen"):
            words = (
                []
                if not FakeDeepgram.transcript
                else [
                    {"word": w, "start": 0, "end": 1, "confidence": 0.9}
                    for w in FakeDeepgram.transcript.split()
                ]
            )
            return self._send(
                200,
                {
                    "metadata": {
                        "request_id": "r1",
                        "sha256": "x",
                        "created": "2026-11-25T00:00:00Z",
                        "duration": 3.2,
                        "channels": 1,
                        "models": ["nova-3"],
                        "model_info": {},
                    },
                    "results": {
                        "channels": [
                            {
                                "alternatives": [
                                    {
                                        "transcript": FakeDeepgram.transcript,
                                        "confidence": 0.97,
                                        "words": words,
                                    }
                                ]
                            }
                        ]
                    },
                },
            )
        self._send(404, {"err_msg": "not found"})

    def _send(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def deepgram(monkeypatch) -> Iterator[str]:
    from interview_core.ai.speech.deepgram import get_speech

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), FakeDeepgram)) as server:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        monkeypatch.setenv("DEEPGRAM_API_KEY", FAKE_KEY)
        monkeypatch.setenv("DEEPGRAM_BASE_URL", url)
        FakeDeepgram.requests, FakeDeepgram.status = [], 200
        yield url
    get_speech.cache_clear()


@pytest.fixture
def voice_platform(deepgram, platform):
    from interview_core.ai.speech.deepgram import get_speech
    from interview_core.settings import get_settings

    get_settings.cache_clear()
    get_speech.cache_clear()
    return platform


def test_a_candidate_gets_a_short_lived_token_for_live_transcription(voice_platform, deepgram):
    client = voice_platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer", language="en")

    response = client.post(
        "/stt/token", json={"interview_id": interview["id"]}, headers=candidate.auth
    )

    assert response.status_code == 200, response.text
    assert response.json() == {
        "available": True,
        "reason": None,
        "access_token": "temporary.jwt.token",
        "expires_in": 60.0,
        "websocket_url": deepgram.replace("http://", "ws://") + "/v1/listen",
        "model": "nova-3",
        "language": "en",
    }
    assert FakeDeepgram.requests[-1]["path"] == "/v1/auth/grant"


def test_a_recorded_answer_is_transcribed_and_saved_as_the_users_transcript(voice_platform):
    client = voice_platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    question = interview["questions"][0]["id"]

    response = client.post(
        f"/interviews/{interview['id']}/audio?question_id={question}",
        content=b"RIFF....WAVE",
        headers={**candidate.auth, "Content-Type": "audio/wav"},
    )

    assert response.status_code == 201, response.text
    saved = response.json()
    assert saved["speaker"] == "User" and saved["text"] == FakeDeepgram.transcript
    assert saved["question_id"] == question
    assert FakeDeepgram.requests[-1]["path"].startswith("/v1/listen?")
    assert "language=ko" in FakeDeepgram.requests[-1]["path"]
    assert voice_platform.run_workers() == 2, "its sentiment and follow-up jobs were queued"


def test_voice_failures_are_clear(voice_platform):
    client = voice_platform.client
    candidate, other = sign_up(client), sign_up(client)
    interview = create_interview(client, candidate)
    upload = f"/interviews/{interview['id']}/audio"
    audio = {**candidate.auth, "Content-Type": "audio/webm"}

    assert (
        client.post(
            upload, content=b"x", headers={**candidate.auth, "Content-Type": "text/plain"}
        ).status_code
        == 422
    )
    assert client.post(upload, content=b"", headers=audio).status_code == 422
    assert (
        client.post(
            upload, content=b"x", headers={**other.auth, "Content-Type": "audio/webm"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/stt/token", json={"interview_id": interview["id"]}, headers=other.auth
        ).status_code
        == 404
    )
    FakeDeepgram.transcript = ""
    try:
        silent = client.post(upload, content=b"silence", headers=audio)
    finally:
        FakeDeepgram.transcript = "저는 FastAPI와 PostgreSQL로 결제 API를 만들었습니다."
    assert silent.status_code == 422 and "No speech" in silent.json()["detail"]
    FakeDeepgram.status = 500
    down = client.post(upload, content=b"x", headers=audio)
    assert down.status_code == 502
    assert (
        client.post(
            "/stt/token", json={"interview_id": interview["id"]}, headers=candidate.auth
        ).status_code
        == 502
    )


def test_without_a_deepgram_key_answers_are_typed_and_the_api_says_so(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)

    token = client.post(
        "/stt/token", json={"interview_id": interview["id"]}, headers=candidate.auth
    )
    upload = client.post(
        f"/interviews/{interview['id']}/audio",
        content=b"x",
        headers={**candidate.auth, "Content-Type": "audio/webm"},
    )

    assert token.status_code == 200
    assert token.json()["available"] is False and "type the answers" in token.json()["reason"]
    assert upload.status_code == 409 and "DEEPGRAM_API_KEY" in upload.json()["detail"]
    assert answer(client, candidate, interview["id"], "typed answer").status_code == 201
