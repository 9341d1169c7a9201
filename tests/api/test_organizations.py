"""Organizations: a recruiter's sign-up founds one, pending until a platform admin approves it;
the owner brings in colleagues by invitation; members see their organization and nothing else."""

from __future__ import annotations

import json

from tests.api.helpers import admin_account, create_posting, join_by_invitation, sign_up

PENDING = "waiting for approval"


def test_a_recruiter_sign_up_waits_for_approval_then_works(platform):
    client = platform.client
    # Given a recruiter who signs up with the seed's body (role recruiter) and a company name
    registered = client.post(
        "/register",
        json={
            "email": "founder@acme.example",
            "username": "founder",
            "password": "pass-phrase-42",
            "full_name": "김창업",
            "role": "recruiter",
            "organization_name": "Acme 채용팀",
        },
    )
    assert registered.status_code == 201, registered.text
    organization = registered.json()["organization"]
    assert organization["name"] == "Acme 채용팀" and organization["status"] == "pending"
    assert organization["role"] == "owner"
    token = client.post(
        "/token", json={"username": "founder", "password": "pass-phrase-42"}
    ).json()["access_token"]
    founder = {"Authorization": f"Bearer {token}"}

    # While pending: their account and organization, and nothing else, with a message saying why
    assert client.get("/me", headers=founder).json()["organization"]["status"] == "pending"
    assert (
        client.get("/organizations/me", headers=founder).json()["members"][0]["username"]
        == "founder"
    )
    for method, path, body in [
        ("GET", "/questions", None),
        ("GET", "/job-postings", None),
        ("POST", "/job-postings", {"title": "BE", "position": "Backend Developer"}),
        ("GET", "/interviews", None),
        ("GET", "/questions/1", None),
        ("POST", "/organizations/me/invitations", {"emails": ["a@acme.example"]}),
    ]:
        response = client.request(method, path, json=body, headers=founder)
        assert response.status_code == 403 and PENDING in response.json()["detail"], (
            path,
            response.text,
        )

    # When an admin finds it among the pending ones and approves it
    admin = admin_account(client)
    pending = client.get("/organizations?status=pending", headers=admin.auth).json()
    assert [o["name"] for o in pending] == ["Acme 채용팀"]
    assert pending[0]["owner_email"] == "founder@acme.example" and pending[0]["member_count"] == 1
    approved = client.post(f"/organizations/{organization['id']}/approve", headers=admin.auth)
    again = client.post(f"/organizations/{organization['id']}/approve", headers=admin.auth)

    # Then the founder works, and the trail says who founded and who approved it
    assert (
        approved.status_code == again.status_code == 200 and approved.json()["status"] == "approved"
    )
    assert (
        client.post(
            "/job-postings", json={"title": "BE", "position": "Backend Developer"}, headers=founder
        ).status_code
        == 201
    )
    trail = client.get("/audit-events?target_type=organization", headers=founder).json()
    assert [(e["action"], e["actor_username"]) for e in trail] == [
        ("organization.approved", admin.username),
        ("organization.created", "founder"),
    ]
    assert trail[0]["before"] == {"status": "pending"} and trail[0]["after"] == {
        "status": "approved"
    }


def test_a_second_recruiter_of_the_same_company_founds_nothing_when_invited(platform, sql):
    client = platform.client
    owner = sign_up(client, "recruiter")
    colleague = join_by_invitation(client, owner, "colleague")

    mine = client.get("/organizations/me", headers=colleague.auth).json()
    assert mine["id"] == owner.organization_id and mine["status"] == "approved"
    assert [(m["username"], m["role"]) for m in mine["members"]] == [
        (owner.username, "owner"),
        ("colleague", "member"),
    ]
    assert sql.execute("SELECT count(*) AS n FROM organizations").fetchone()["n"] == 2 + 1, (
        "neighbours + one"
    )
    # A member sees the organization's work but does not manage its people or read its trail.
    posting = create_posting(client, owner)
    assert client.get(f"/job-postings/{posting['id']}", headers=colleague.auth).status_code == 200
    assert (
        client.post(
            "/organizations/me/invitations",
            json={"emails": ["x@example.org"]},
            headers=colleague.auth,
        ).status_code
        == 403
    )
    assert client.get("/audit-events", headers=colleague.auth).status_code == 403
    # The owner reads who joined, through which invitation.
    trail = client.get("/audit-events", headers=owner.auth).json()
    assert {"member.joined", "invitation.accepted", "invitation.created"} <= {
        e["action"] for e in trail
    }


def test_an_invitation_into_an_organization_is_refused_to_accounts_that_cannot_join(platform):
    client = platform.client
    owner, other = sign_up(client, "recruiter"), sign_up(client, "recruiter")
    response = client.post(
        "/organizations/me/invitations",
        json={"emails": [other.email, owner.email, "new@example.org"]},
        headers=owner.auth,
    )
    assert response.status_code == 201
    body = response.json()
    assert [i["email"] for i in body["invitations"]] == ["new@example.org"]
    assert {s["email"]: s["reason"] for s in body["skipped"]} == {
        other.email: "this address belongs to an account that cannot join the organization",
        owner.email: "already a member of the organization",
    }


def test_interview_orgs_list_and_approve_from_the_command_line(platform, capsys):
    from interview_core.cli import main

    client = platform.client
    pending = sign_up(client, "recruiter", approved=False)

    main(["orgs", "list", "--status", "pending", "--json"])
    listed = json.loads(capsys.readouterr().out)
    main(["orgs", "approve", str(pending.organization_id)])
    approved = json.loads(capsys.readouterr().out)
    main(["orgs", "list"])
    table = capsys.readouterr().out

    assert [o["id"] for o in listed] == [pending.organization_id]
    assert approved["status"] == "approved"
    assert f"approved  {pending.username.title()}" in table and "Northwind" in table
    assert client.get("/questions", headers=pending.auth).status_code == 200
    trail = client.get(
        "/audit-events?action=organization.approved", headers=admin_account(client).auth
    ).json()
    assert trail[0]["target_id"] == pending.organization_id and trail[0]["actor_id"] is None, (
        "the operator"
    )
