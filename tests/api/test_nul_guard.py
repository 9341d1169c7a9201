"""A NUL character anywhere in a request (query, path, JSON string) is a 422 with a message,
on every route, before anything reaches PostgreSQL (which cannot store NUL in text)."""

from __future__ import annotations

import json

import pytest

from tests.api.helpers import create_interview, sign_up

NUL_ERROR = {"msg": "must not contain NUL characters", "type": "nul_character"}


def _refused_at(response) -> list:
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert {k: error[k] for k in NUL_ERROR} == NUL_ERROR
    return error["loc"]


def test_a_nul_in_the_question_filter_is_422_not_500(platform):
    recruiter = sign_up(platform.client, "recruiter")

    for query in ("position=%00", "position=Backend%00Developer", "position=x&q=%00"):
        response = platform.client.get(f"/questions?{query}", headers=recruiter.auth)
        assert _refused_at(response)[0] == "query"
    fine = platform.client.get("/questions?position=Backend", headers=recruiter.auth)
    assert fine.status_code == 200


@pytest.mark.parametrize(
    ("who", "path", "location"),
    [
        ("recruiter", "/job-postings?q=%00", ["query", "q"]),
        ("recruiter", "/job-postings?position=a%00", ["query", "position"]),
        ("candidate", "/interviews?q=%00", ["query", "q"]),
        ("candidate", "/interviews?%00=1", ["query", ""]),
        ("candidate", "/me?anything=%00", ["query", "anything"]),
        ("candidate", "/interviews/1%00", ["path"]),
        ("recruiter", "/questions/%00/versions", ["path"]),
        (None, "/health?x=%00", ["query", "x"]),
    ],
)
def test_a_nul_in_any_query_or_path_is_refused_on_every_route(platform, who, path, location):
    headers = sign_up(platform.client, who).auth if who else {}
    assert _refused_at(platform.client.get(path, headers=headers)) == location


def test_a_nul_in_any_json_string_is_refused_and_located(platform):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    question = {
        "content": "Explain database indexes",
        "category": "technical",
        "difficulty": "easy",
        "rubric_json": {"criteria": [{"name": "Depth", "keywords": ["b-tree", "hash\u0000"]}]},
    }
    posting = {"title": "Backend", "position": "Dev", "extra\u0000": 1}
    cases = [
        (
            "/questions",
            question,
            recruiter.auth,
            ["body", "rubric_json", "criteria", 0, "keywords", 1],
        ),
        ("/invitations/preview", {"token": "abc\u0000def"}, {}, ["body", "token"]),
        ("/token", {"username": "kim", "password": "pass\u0000word"}, {}, ["body", "password"]),
        ("/job-postings", posting, recruiter.auth, ["body"]),
    ]
    for path, body, headers, location in cases:
        assert _refused_at(client.post(path, json=body, headers=headers)) == location, path


def test_json_sent_without_a_content_type_or_as_a_json_variant_is_checked_too(platform):
    body = json.dumps({"token": "a\u0000"}).encode()
    for content_type in (None, "application/merge-patch+json", "application/json; charset=utf-8"):
        headers = {"Content-Type": content_type} if content_type else {}
        response = platform.client.post("/invitations/preview", content=body, headers=headers)
        assert _refused_at(response) == ["body", "token"], headers
    raw_nul = platform.client.post(
        "/invitations/preview",
        content=b'{"token": "a\x00"}',
        headers={"Content-Type": "application/json"},
    )
    assert _refused_at(raw_nul) == ["body"]


def test_an_escaped_backslash_before_u0000_is_text_not_a_nul(platform):
    recruiter = sign_up(platform.client, "recruiter")
    title = "C:\\u0000 is not a NUL"  # a backslash followed by "u0000"
    response = platform.client.post(
        "/job-postings", json={"title": title, "position": "Dev"}, headers=recruiter.auth
    )

    assert response.status_code == 201, response.text
    assert response.json()["title"] == title


def test_audio_bodies_stream_through_unread(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)

    response = client.post(
        f"/interviews/{interview['id']}/audio",
        content=b"\x00" * 64,
        headers={**candidate.auth, "Content-Type": "audio/webm"},
    )

    # Whatever the route answers (no speech provider here), the guard did not read the audio.
    assert response.status_code != 500
    assert "nul_character" not in response.text


def test_the_refusal_carries_cors_headers_for_the_web_app(platform):
    origin = "http://localhost:5173"
    response = platform.client.get("/health?x=%00", headers={"Origin": origin})

    assert response.status_code == 422
    assert response.headers["access-control-allow-origin"] == origin


def test_the_lambda_handler_refuses_a_nul_as_well(platform):
    from interview_core.local.lambda_runtime import LambdaContext, load_function

    from tests.integration.test_lambda_handlers import rest_proxy_event

    recruiter = sign_up(platform.client, "recruiter")
    event = rest_proxy_event("GET", "/questions", "/questions", token=recruiter.token)
    event["queryStringParameters"] = {"position": "\x00"}
    event["multiValueQueryStringParameters"] = {"position": ["\x00"]}

    response = load_function("list_questions").handler(event, LambdaContext("list_questions"))

    assert response["statusCode"] == 422
    assert json.loads(response["body"])["detail"][0]["loc"] == ["query", "position"]
