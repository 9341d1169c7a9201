"""A request body over the limit is a 413 with a message, before anything parses it: the JSON
routes take MAX_REQUEST_BODY_BYTES (128 KiB), the recorded-answer upload MAX_AUDIO_BYTES."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from interview_core.api.body_limit import AUDIO_UPLOAD_PATH

from tests.api.helpers import create_interview, sign_up
from tests.integration.test_lambda_handlers import rest_proxy_event

ORIGIN = "http://localhost:5173"  # an allowed origin of the test settings


def padded_answer(interview_id: int, size: int) -> bytes:
    body = {"interview_id": interview_id, "speaker": "User", "text": "", "question_id": None}
    base = len(json.dumps(body).encode())
    body["text"] = "x" * (size - base)
    encoded = json.dumps(body).encode()
    assert len(encoded) == size
    return encoded


def small_limits_client(platform, *, body: int, audio: int) -> TestClient:
    from interview_core.api.app import create_app
    from interview_core.local.platform import http_routers
    from interview_core.settings import get_settings

    settings = get_settings().model_copy(
        update={"max_request_body_bytes": body, "max_audio_bytes": audio}
    )
    return TestClient(create_app(settings, http_routers()), raise_server_exceptions=False)


def test_a_json_body_over_the_limit_is_413_before_it_is_read(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)

    response = client.post(
        "/transcripts",
        content=padded_answer(interview["id"], 128 * 1024 + 1),
        headers={**candidate.auth, "Content-Type": "application/json", "Origin": ORIGIN},
    )

    assert response.status_code == 413
    assert response.json() == {
        "detail": "The request body is larger than 128 KiB, the most this endpoint accepts",
        "code": "payload_too_large",
    }
    assert response.headers["access-control-allow-origin"] == ORIGIN  # the web app can read why
    stored = sql.execute(
        "SELECT count(*) AS n FROM transcripts WHERE interview_id = %s AND speaker = 'User'",
        (interview["id"],),
    )
    assert stored.fetchone()["n"] == 0


def test_a_body_at_the_limit_is_read_as_usual(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)

    response = client.post(
        "/transcripts",
        content=padded_answer(interview["id"], 128 * 1024),
        headers={**candidate.auth, "Content-Type": "application/json"},
    )

    assert response.status_code == 422  # read and validated: the text is over its 10,000 characters
    assert any(error["loc"][-1] == "text" for error in response.json()["detail"])


def test_a_chunked_body_without_a_length_is_counted_as_it_arrives(platform):
    client = platform.client
    candidate = sign_up(client)
    chunk = b"x" * 16 * 1024

    def chunks():
        yield b'{"interview_id": 1, "speaker": "User", "text": "'
        for _ in range(10):
            yield chunk
        yield b'"}'

    for content_type in ("application/json", "text/plain"):
        response = client.post(
            "/transcripts",
            content=chunks(),
            headers={**candidate.auth, "Content-Type": content_type},
        )
        assert "content-length" not in {name.lower() for name in response.request.headers}
        assert response.status_code == 413, (content_type, response.text)
        assert "larger than 128 KiB" in response.json()["detail"]


def test_the_audio_upload_has_its_own_larger_limit(platform):
    client = small_limits_client(platform, body=64 * 1024, audio=256 * 1024)
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    path = f"/interviews/{interview['id']}/audio"
    audio_headers = {**candidate.auth, "Content-Type": "audio/webm"}

    # Over the JSON limit but within the audio one: read by the route (no speech key here: 409)
    within = client.post(
        path, content=b"\x1aE\xdf\xa3" + b"\0" * (200 * 1024), headers=audio_headers
    )
    assert within.status_code != 413, within.text
    # Over the audio limit: refused before the route reads it
    over = client.post(path, content=b"\0" * (256 * 1024 + 1), headers=audio_headers)
    assert over.status_code == 413
    assert (
        over.json()["detail"]
        == "The request body is larger than 256 KiB, the most this endpoint accepts"
    )
    # And the JSON routes keep theirs
    assert (
        client.post(
            "/transcripts",
            content=b"{" + b" " * (64 * 1024) + b"}",
            headers={**candidate.auth, "Content-Type": "application/json"},
        ).status_code
        == 413
    )


def test_the_audio_limit_matches_exactly_the_upload_route(platform):
    paths = platform.client.app.openapi()["paths"]
    assert [path for path in paths if AUDIO_UPLOAD_PATH.match(path)] == [
        "/interviews/{interview_id}/audio"
    ]


def test_behind_api_gateway_a_large_body_is_413_too(platform):
    from interview_core.local.lambda_runtime import LambdaContext, load_function

    candidate = sign_up(platform.client)
    event = rest_proxy_event("POST", "/transcripts", "/transcripts", token=candidate.token)
    event["body"] = padded_answer(1, 200 * 1024).decode()

    response = load_function("create_transcript").handler(event, LambdaContext("create_transcript"))

    assert response["statusCode"] == 413
    assert "larger than 128 KiB" in json.loads(response["body"])["detail"]
