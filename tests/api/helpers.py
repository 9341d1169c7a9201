"""What a user of the API does again and again: sign up, log in, take part in interviews."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

_numbers = itertools.count(1)


@dataclass
class Account:
    id: int
    username: str
    role: str
    token: str
    organization_id: int | None = None
    email: str | None = None

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def sign_up(
    client: TestClient, role: str = "candidate", name: str | None = None, *, approved: bool = True
) -> Account:
    """A new account; a recruiter founds an organization of their own, approved by a platform
    admin unless `approved` is False."""
    username = name or f"{role}{next(_numbers)}"
    response = client.post(
        "/register",
        json={
            "email": f"{username}@example.com",
            "username": username,
            "password": "pass-phrase-42",
            "full_name": username.title(),
            "role": role,
        },
    )
    assert response.status_code == 201, response.text
    user = response.json()
    if role == "recruiter" and approved:
        approve_organization(user["organization"]["id"])
    token = client.post("/token", json={"username": username, "password": "pass-phrase-42"}).json()[
        "access_token"
    ]
    return Account(
        id=user["id"],
        username=username,
        role=role,
        token=token,
        organization_id=(user["organization"] or {}).get("id"),
        email=user["email"],
    )


def platform_admin() -> Any:
    """The platform's operator account used by the helpers (made once per database)."""
    from interview_core.db.connection import get_database
    from interview_core.db.users import find_by_email
    from interview_core.services.accounts import create_admin

    db = get_database()
    with db.unit_of_work() as uow:
        existing = find_by_email(uow.conn, "operator@example.com")
    return existing or create_admin(
        db,
        email="operator@example.com",
        username="operator",
        password="pass-phrase-42",
        full_name="Operator",
    )


def admin_account(client: TestClient) -> Account:
    """A platform admin, signed in (one per database)."""
    admin = platform_admin()
    token = client.post(
        "/token", json={"username": admin.username, "password": "pass-phrase-42"}
    ).json()
    return Account(
        id=admin.id,
        username=admin.username,
        role="admin",
        token=token["access_token"],
        email=admin.email,
    )


def approve_organization(organization_id: int) -> None:
    from interview_core.db.connection import get_database
    from interview_core.services.organizations import approve

    approve(get_database(), platform_admin(), organization_id)


def create_interview(client: TestClient, who: Account, **body: Any) -> dict[str, Any]:
    body = body or {"position": "Backend Developer"}
    response = client.post("/interviews", json=body, headers=who.auth)
    assert response.status_code == 201, response.text
    return response.json()


def consent(client: TestClient, who: Account, interview_id: int) -> dict[str, Any]:
    """The candidate reads the AI notice and consents, as the web app does before the first
    question (a real interview takes no answer before it)."""
    notice = client.get(f"/interviews/{interview_id}/notice", headers=who.auth)
    assert notice.status_code == 200, notice.text
    given = client.post(
        f"/interviews/{interview_id}/consent",
        json={"version": notice.json()["version"]},
        headers=who.auth,
    )
    assert given.status_code == 200, given.text
    return given.json()


def answer(
    client: TestClient,
    who: Account,
    interview_id: int,
    text: str,
    question_id: int | None = None,
    *,
    consenting: bool = True,
):
    """Post an answer; first consenting to the AI notice when the interview asks for it (as the
    web app does), unless `consenting` is False."""
    if consenting:
        seen = client.get(f"/interviews/{interview_id}", headers=who.auth)
        if seen.status_code == 200 and seen.json().get("consent_required"):
            consent(client, who, interview_id)
    return client.post(
        "/transcripts",
        json={
            "interview_id": interview_id,
            "speaker": "User",
            "text": text,
            "question_id": question_id,
        },
        headers=who.auth,
    )


def invitation_token(invitation_id: int) -> str:
    """The link's token, as the e-mail carries it (made from the stored nonce and the key)."""
    from interview_core.db.connection import get_database
    from interview_core.db.invitations import get_invitation
    from interview_core.domain.invitation_token import make_token
    from interview_core.settings import get_settings

    with get_database().unit_of_work() as uow:
        invitation = get_invitation(uow.conn, invitation_id)
    assert invitation is not None
    return make_token(
        get_settings().secret_key.get_secret_value(), invitation.id, invitation.token_nonce
    )


def create_posting(client: TestClient, recruiter: Account, **body: Any) -> dict[str, Any]:
    response = client.post(
        "/job-postings",
        json={"title": "Backend Engineer", "position": "Backend Developer", **body},
        headers=recruiter.auth,
    )
    assert response.status_code == 201, response.text
    return response.json()


def invite(
    client: TestClient, recruiter: Account, posting_id: int, *emails: str, **body: Any
) -> list[dict[str, Any]]:
    response = client.post(
        f"/job-postings/{posting_id}/invitations",
        json={"emails": list(emails), **body},
        headers=recruiter.auth,
    )
    assert response.status_code == 201, response.text
    return response.json()["invitations"]


def invite_and_accept(
    client: TestClient, recruiter: Account, posting_id: int, candidate: Account, **body: Any
) -> dict[str, Any]:
    """The candidate invited by e-mail to the posting accepts: their real interview."""
    [invitation] = invite(client, recruiter, posting_id, candidate.email or "", **body)
    accepted = client.post(
        "/invitations/accept",
        json={"token": invitation_token(invitation["id"])},
        headers=candidate.auth,
    )
    assert accepted.status_code == 200, accepted.text
    interview = client.get(f"/interviews/{accepted.json()['interview_id']}", headers=candidate.auth)
    assert interview.status_code == 200, interview.text
    return interview.json()


def join_by_invitation(client: TestClient, owner: Account, name: str) -> Account:
    """A recruiter the owner invites, who signs up through the link into the organization."""
    email = f"{name}@example.com"
    response = client.post(
        "/organizations/me/invitations", json={"emails": [email]}, headers=owner.auth
    )
    assert response.status_code == 201, response.text
    [invitation] = response.json()["invitations"]
    registered = client.post(
        "/register",
        json={
            "email": email,
            "username": name,
            "password": "pass-phrase-42",
            "full_name": name.title(),
            "invitation_token": invitation_token(invitation["id"]),
        },
    )
    assert registered.status_code == 201, registered.text
    assert registered.json()["organization"]["role"] == "member"
    token = client.post("/token", json={"username": name, "password": "pass-phrase-42"}).json()[
        "access_token"
    ]
    return Account(
        id=registered.json()["id"],
        username=name,
        role="recruiter",
        token=token,
        organization_id=owner.organization_id,
        email=email,
    )
