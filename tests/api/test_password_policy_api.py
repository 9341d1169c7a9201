"""Every way an account gets a password follows one rule: at least 8 characters, not blank, not the
username or the e-mail address, not one of the most common passwords. A refusal is a 422 naming
the password field and why; the seed's `test1234` works only where ENVIRONMENT is local or test."""

from __future__ import annotations

import pytest

from tests.api.helpers import create_posting, invitation_token, invite, sign_up

SIGN_UP = {"email": "kim@example.com", "username": "kim", "role": "candidate"}


def register(client, password: str, **change):
    return client.post("/register", json={**SIGN_UP, **change, "password": password})


def assert_password_refused(response, code: str) -> None:
    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "password"]
    assert error["type"] == code
    assert error["msg"] and "input" not in error


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("password", "password_too_common"),
        ("Password1", "password_too_common"),
        ("qwer1234", "password_too_common"),
        ("        ", "password_blank"),
        ("   abc1234   ", "password_too_short"),
        ("kim@example.com", "password_is_email"),
        ("KIM@EXAMPLE.COM", "password_is_email"),
    ],
)
def test_a_weak_password_is_a_422_that_says_why(platform, sql, password, code):
    assert_password_refused(register(platform.client, password), code)
    assert (
        sql.execute("SELECT count(*) AS n FROM users WHERE username = 'kim'").fetchone()["n"] == 0
    )


def test_the_username_is_no_password(platform):
    assert_password_refused(
        register(platform.client, "Kim-Jiwoo", username="kim-jiwoo"), "password_is_username"
    )


def test_a_sturdy_password_signs_up(platform):
    response = register(platform.client, "a long walk to 서울역")
    assert response.status_code == 201, response.text


def test_the_seed_scenario_signs_up_with_test1234_in_the_test_environment(platform):
    response = platform.client.post(
        "/register",
        json={
            "email": "test@example.com",
            "username": "testuser",
            "password": "test1234",
            "full_name": "테스트 유저",
            "role": "candidate",
        },
    )
    assert response.status_code == 201, response.text
    assert (
        platform.client.post(
            "/token", json={"username": "testuser", "password": "test1234"}
        ).status_code
        == 200
    )


@pytest.mark.parametrize("environment", ["dev", "prod"])
def test_test1234_is_refused_where_the_platform_is_deployed(platform, environment):
    from interview_core.db.connection import get_database
    from interview_core.errors import InvalidField
    from interview_core.services.accounts import create_admin, register_user
    from interview_core.settings import get_settings

    deployed = get_settings().model_copy(update={"environment": environment})
    with pytest.raises(InvalidField) as refused:
        register_user(
            get_database(),
            deployed,
            email="t@example.com",
            username="testuser",
            password="test1234",
            full_name=None,
            role=None,
        )
    assert refused.value.code == "password_too_common"
    with pytest.raises(InvalidField):
        create_admin(
            get_database(),
            email="ops@example.com",
            username="ops",
            password="test1234",
            full_name=None,
            settings=deployed,
        )


def test_signing_up_through_an_invitation_follows_the_same_rule(platform, sql):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = create_posting(client, recruiter)
    [invitation] = invite(client, recruiter, posting["id"], "jiwoo@example.org")
    token = invitation_token(invitation["id"])

    weak = client.post(
        "/register",
        json={
            "email": "jiwoo@example.org",
            "username": "jiwoo",
            "password": "iloveyou",
            "invitation_token": token,
        },
    )
    assert_password_refused(weak, "password_too_common")
    assert (
        sql.execute(
            "SELECT accepted_by FROM invitations WHERE id = %s", (invitation["id"],)
        ).fetchone()["accepted_by"]
        is None
    )

    sturdy = client.post(
        "/register",
        json={
            "email": "jiwoo@example.org",
            "username": "jiwoo",
            "password": "jiwoo-likes-rust",
            "invitation_token": token,
        },
    )
    assert sturdy.status_code == 201, sturdy.text


def test_an_admin_made_by_the_service_follows_the_same_rule(platform):
    from interview_core.db.connection import get_database
    from interview_core.errors import InvalidField
    from interview_core.services.accounts import create_admin

    with pytest.raises(InvalidField) as refused:
        create_admin(
            get_database(),
            email="ops@example.com",
            username="operator",
            password="Operator",
            full_name=None,
        )
    assert refused.value.code == "password_is_username"
