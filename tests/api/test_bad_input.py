"""Every bad input gets a clear 4xx with a message: never a 500, never a stack trace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from jose import jwt

from tests.api.helpers import admin_account, answer, create_interview, sign_up
from tests.conftest import TEST_SECRET_KEY

GOOD_SIGN_UP = {
    "email": "kim@example.com",
    "username": "kim",
    "password": "pass-phrase-42",
    "role": "candidate",
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": None}, "email"),
        ({"email": "not-an-email"}, "email"),
        ({"username": "a"}, "username"),
        ({"username": "has space"}, "username"),
        ({"password": "short"}, "password"),
        ({"role": "superuser"}, "role"),
        ({"full_name": "x" * 201}, "full_name"),
        ({"full_name": "nul\x00byte"}, "full_name"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_sign_up_names_the_field_that_is_wrong(platform, change, field):
    body = {**GOOD_SIGN_UP, **change}
    if change.get("email", "") is None:
        body.pop("email")
    response = platform.client.post("/register", json=body)

    assert response.status_code == 422
    errors = response.json()["detail"]
    assert any(error["loc"][-1] == field for error in errors), errors
    assert all("input" not in error for error in errors), "rejected values are not echoed back"


def test_a_taken_email_or_username_is_409_whatever_the_case(platform):
    client = platform.client
    assert client.post("/register", json=GOOD_SIGN_UP).status_code == 201

    same_email = client.post(
        "/register", json={**GOOD_SIGN_UP, "username": "other", "email": "KIM@Example.com"}
    )
    same_name = client.post(
        "/register", json={**GOOD_SIGN_UP, "email": "other@example.com", "username": "KIM"}
    )

    assert same_email.status_code == 409 and "email" in same_email.json()["detail"]
    assert same_name.status_code == 409 and "username" in same_name.json()["detail"]


def test_bad_credentials_are_401(platform):
    client = platform.client
    client.post("/register", json=GOOD_SIGN_UP)
    assert (
        client.post("/token", json={"username": "kim", "password": "wrong-password"}).status_code
        == 401
    )
    assert (
        client.post("/token", json={"username": "nobody", "password": "pass-phrase-42"}).status_code
        == 401
    )
    assert (
        client.post(
            "/token", json={"username": "kim@example.com", "password": "pass-phrase-42"}
        ).status_code
        == 200
    )
    assert client.post("/token", json={"username": "kim"}).status_code == 422


def _token(**claims) -> str:
    now = datetime.now(UTC)
    return jwt.encode(
        {"sub": "1", "iat": now, "exp": now + timedelta(minutes=5), **claims}, TEST_SECRET_KEY
    )


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        "Bearer not-a-jwt",
        "Basic a2ltOnBhc3N3b3Jk",
        "Bearer " + _token(exp=datetime.now(UTC) - timedelta(minutes=1)),
        "Bearer " + jwt.encode({"sub": "1"}, "another-secret-key-of-some-length"),
        "Bearer " + _token()[:-3] + "abc",
        "Bearer " + jwt.encode({"sub": "1"}, TEST_SECRET_KEY, algorithm="HS512"),
        "Bearer " + _token(sub="999999"),
        "Bearer " + _token(sub="not-a-number"),
    ],
    ids=[
        "missing",
        "empty",
        "garbage",
        "basic",
        "expired",
        "other-key",
        "tampered",
        "other-alg",
        "no-user",
        "bad-sub",
    ],
)
def test_missing_expired_or_tampered_tokens_are_401(platform, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = platform.client.get("/me", headers=headers)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert isinstance(response.json()["detail"], str)


def test_unknown_ids_are_404_and_malformed_ids_422(platform):
    client = platform.client
    candidate = sign_up(client)
    assert client.get("/interviews/999999", headers=candidate.auth).status_code == 404
    assert client.get("/job-postings/999999", headers=candidate.auth).status_code == 404
    assert client.get("/interviews/abc", headers=candidate.auth).status_code == 422
    assert client.get("/interviews/0", headers=candidate.auth).status_code == 422
    assert client.get(f"/interviews/{2**70}", headers=candidate.auth).status_code == 422
    assert answer(client, candidate, 999999, "hello").status_code == 404
    assert client.get("/no-such-path").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"interview_id": 1, "speaker": "AI", "text": "I am the AI now"},
        {"interview_id": 1, "speaker": "User", "text": ""},
        {"interview_id": 1, "speaker": "User", "text": "   "},
        {"interview_id": 1, "speaker": "User", "text": "x" * 10001},
        {"interview_id": 1, "speaker": "User", "text": "a\x00b"},
        {"interview_id": "one", "speaker": "User", "text": "hi"},
        {"interview_id": 2**64, "speaker": "User", "text": "hi"},
        {"speaker": "User", "text": "hi"},
    ],
)
def test_bad_transcripts_are_422(platform, body):
    client = platform.client
    candidate = sign_up(client)
    create_interview(client, candidate)
    response = client.post("/transcripts", json=body, headers=candidate.auth)
    assert response.status_code == 422, response.text


def test_an_answer_to_a_question_of_another_interview_is_422(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    foreign = next(i for i in range(1, 100) if i not in {q["id"] for q in interview["questions"]})

    response = answer(client, candidate, interview["id"], "answer", foreign)

    assert response.status_code == 422
    assert "not part of interview" in response.json()["detail"]


def test_malformed_json_and_wrong_types_are_422(platform):
    client = platform.client
    candidate = sign_up(client)
    broken = client.post(
        "/interviews",
        content=b"{not json",
        headers={**candidate.auth, "Content-Type": "application/json"},
    )
    assert broken.status_code == 422
    assert client.post("/interviews", json=[], headers=candidate.auth).status_code == 422
    assert client.post("/interviews", json={}, headers=candidate.auth).status_code == 422
    assert (
        client.post(
            "/interviews", json={"position": "x", "language": "fr"}, headers=candidate.auth
        ).status_code
        == 422
    )
    naive_time = client.post(
        "/interviews",
        json={"position": "x", "scheduled_time": "2026-12-01T10:00:00"},
        headers=candidate.auth,
    )
    assert naive_time.status_code == 422
    assert client.get("/interviews?limit=0", headers=candidate.auth).status_code == 422
    assert client.get("/interviews?status=done", headers=candidate.auth).status_code == 422


def test_an_unknown_position_still_gets_the_general_questions(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Astronaut")
    assert len(interview["questions"]) == 5
    assert all(q["position"] is None for q in interview["questions"])


def _posting_of(client, recruiter) -> int:
    response = client.post(
        "/job-postings",
        json={"title": "BE", "position": "Backend Developer"},
        headers=recruiter.auth,
    )
    return response.json()["id"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"emails": []}, "emails"),
        ({"emails": [f"p{i}@example.org" for i in range(101)]}, "emails"),
        ({"emails": ["not-an-address"]}, "emails"),
        ({"emails": ["지원자@example.org"]}, "emails"),
        ({"emails": ["a@example.org"], "deadline": "2099-01-01T10:00:00"}, "deadline"),
        ({"emails": ["a@example.org"], "language": "fr"}, "language"),
        ({"emails": ["a@example.org"], "retake": "sometimes"}, "retake"),
        ({"emails": ["a@example.org"], "token": "x"}, "token"),
    ],
)
def test_invitations_name_the_field_that_is_wrong(platform, body, field):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    response = client.post(
        f"/job-postings/{_posting_of(client, recruiter)}/invitations",
        json=body,
        headers=recruiter.auth,
    )

    assert response.status_code == 422, response.text
    assert any(field in error["loc"] for error in response.json()["detail"]), response.json()


def test_organization_and_invitation_requests_out_of_range_are_4xx(platform):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    admin = admin_account(client)
    cases = [
        ("POST", "/organizations/999999/approve", None, admin, 404),
        ("POST", f"/organizations/{2**63}/approve", None, admin, 422),
        ("POST", "/invitations/999999/revoke", None, recruiter, 404),
        ("POST", "/invitations/0/resend", None, recruiter, 422),
        ("POST", "/invitations/preview", {"token": "y" * 201}, None, 422),
        ("POST", "/invitations/accept", {}, recruiter, 422),
        ("GET", "/invitations?status=lost", None, recruiter, 422),
        ("GET", "/audit-events?action=DROP TABLE", None, admin, 422),
        ("GET", "/organizations?status=banned", None, admin, 422),
        ("GET", "/interviews?kind=rehearsal", None, recruiter, 422),
        ("GET", "/questions?owner=everyone", None, recruiter, 422),
        (
            "POST",
            "/register",
            {
                **GOOD_SIGN_UP,
                "username": "founder",
                "email": "f@example.com",
                "role": "candidate",
                "organization_name": "Acme",
            },
            None,
            422,
        ),
        (
            "POST",
            "/register",
            {
                **GOOD_SIGN_UP,
                "username": "founder",
                "email": "f@example.com",
                "invitation_token": "12.abc",
            },
            None,
            404,
        ),
        (
            "PATCH",
            f"/users/{candidate.id}",
            {"role": "recruiter", "organization_id": 999999},
            admin,
            404,
        ),
        (
            "PATCH",
            f"/users/{recruiter.id}",
            {"role": "recruiter", "organization_id": 999999},
            admin,
            422,
        ),
    ]
    for method, path, body, who, expected in cases:
        response = client.request(method, path, json=body, headers=who.auth if who else {})
        assert response.status_code == expected, (method, path, response.status_code, response.text)
        assert "detail" in response.json()
