"""Organizations keep their questions, admins the curated bank and the accounts."""

from __future__ import annotations

from tests.api.helpers import (
    admin_account,
    create_interview,
    create_posting,
    invite_and_accept,
    sign_up,
)

NEW_QUESTION = {
    "content": "How would you design rate limiting for a public API?",
    "category": "technical",
    "difficulty": "hard",
    "position": "Backend Developer",
    "language": "en",
    "rubric_json": {
        "criteria": [
            {"name": "algorithm", "weight": 0.6, "keywords": ["token bucket", "sliding window"]},
            {"name": "operations", "weight": 0.4, "keywords": ["redis", "429", "retry-after"]},
        ]
    },
}


def test_a_recruiter_browses_filters_creates_and_edits_questions(platform):
    client = platform.client
    recruiter = sign_up(client, "recruiter")

    korean_easy = client.get(
        "/questions?language=ko&difficulty=easy&category=technical", headers=recruiter.auth
    )
    created = client.post("/questions", json=NEW_QUESTION, headers=recruiter.auth)
    question_id = created.json()["id"]
    edited = client.patch(
        f"/questions/{question_id}",
        json={"difficulty": "medium", "is_active": False},
        headers=recruiter.auth,
    )
    found = client.get("/questions?q=rate limiting", headers=recruiter.auth)

    assert korean_easy.status_code == 200 and korean_easy.json()
    assert all(q["language"] == "ko" and q["difficulty"] == "easy" for q in korean_easy.json())
    assert created.status_code == 201
    assert created.json()["usage_count"] == 0 and created.json()["avg_score"] is None
    assert edited.json()["difficulty"] == "medium" and edited.json()["is_active"] is False
    assert edited.json()["rubric_json"]["criteria"][0]["keywords"] == [
        "token bucket",
        "sliding window",
    ]
    assert [q["id"] for q in found.json()] == [question_id]
    assert client.post("/questions", json=NEW_QUESTION, headers=recruiter.auth).status_code == 409


def test_only_admins_retire_a_curated_question_and_then_it_is_no_longer_asked(platform):
    client = platform.client
    admin, recruiter, candidate = (
        admin_account(client),
        sign_up(client, "recruiter"),
        sign_up(client),
    )
    first = create_interview(client, candidate)["questions"][0]

    refused = client.patch(
        f"/questions/{first['id']}", json={"is_active": False}, headers=recruiter.auth
    )
    retired = client.patch(
        f"/questions/{first['id']}", json={"is_active": False}, headers=admin.auth
    )

    assert refused.status_code == 403 and "administrators" in refused.json()["detail"]
    assert retired.status_code == 200 and retired.json()["is_active"] is False
    assert first["id"] not in [
        q["id"] for q in create_interview(client, sign_up(client))["questions"]
    ]


def test_the_bank_is_closed_to_candidates_and_rubrics_must_make_sense(platform):
    client = platform.client
    candidate, recruiter = sign_up(client), sign_up(client, "recruiter")

    assert client.get("/questions", headers=candidate.auth).status_code == 403
    assert client.post("/questions", json=NEW_QUESTION, headers=candidate.auth).status_code == 403
    no_criteria = {**NEW_QUESTION, "rubric_json": {"criteria": []}}
    assert client.post("/questions", json=no_criteria, headers=recruiter.auth).status_code == 422
    bad_weight = {**NEW_QUESTION, "rubric_json": {"criteria": [{"name": "x", "weight": -1}]}}
    assert client.post("/questions", json=bad_weight, headers=recruiter.auth).status_code == 422
    assert (
        client.patch(
            "/questions/999999", json={"is_active": False}, headers=recruiter.auth
        ).status_code
        == 404
    )
    assert client.get("/questions?q=a%00b", headers=recruiter.auth).status_code == 422


def test_a_recruiter_names_only_candidates_the_organization_knows(platform):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    posting = create_posting(client, recruiter)
    by_email = {"job_posting_id": posting["id"], "candidate_email": candidate.email.upper()}

    # An account that exists but has nothing to do with the organization is not found, by e-mail or
    # id.
    unknown = client.post("/interviews", json=by_email, headers=recruiter.auth)
    by_id = client.post(
        "/interviews",
        json={"job_posting_id": posting["id"], "candidate_id": candidate.id},
        headers=recruiter.auth,
    )
    nobody = client.post(
        "/interviews",
        json={"job_posting_id": posting["id"], "candidate_email": "x@example.com"},
        headers=recruiter.auth,
    )
    assert unknown.status_code == by_id.status_code == nobody.status_code == 404
    assert "invite them" in unknown.json()["detail"]
    # The same answer as for an address nobody has: ids and addresses reveal nothing.
    assert (
        unknown.json()["detail"].split(" is ", 1)[1] == nobody.json()["detail"].split(" is ", 1)[1]
    )

    # Once invited, the candidate is known; a second real interview needs a retake.
    first = invite_and_accept(client, recruiter, posting["id"], candidate)
    again = client.post("/interviews", json=by_email, headers=recruiter.auth)
    retake = client.post("/interviews", json={**by_email, "retake": True}, headers=recruiter.auth)
    assert first["kind"] == "real" and first["candidate_id"] == candidate.id
    assert again.status_code == 409 and "retake" in again.json()["detail"]
    assert (
        retake.status_code == 201
        and retake.json()["retake"] is True
        and retake.json()["kind"] == "real"
    )


def test_a_scheduled_time_or_a_deadline_in_the_past_is_refused(platform):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    posting = create_posting(client, recruiter)
    invite_and_accept(client, recruiter, posting["id"], candidate)
    body = {"job_posting_id": posting["id"], "candidate_id": candidate.id, "retake": True}

    past = client.post(
        "/interviews",
        json={**body, "scheduled_time": "2020-01-01T09:00:00+09:00"},
        headers=recruiter.auth,
    )
    past_deadline = client.post(
        f"/job-postings/{posting['id']}/invitations",
        json={"emails": ["late@example.org"], "deadline": "2020-01-01T00:00:00Z"},
        headers=recruiter.auth,
    )
    future = client.post(
        "/interviews",
        json={**body, "scheduled_time": "2099-01-01T09:00:00+09:00"},
        headers=recruiter.auth,
    )

    assert past.status_code == 422 and "past" in past.json()["detail"]
    assert past_deadline.status_code == 422 and "past" in past_deadline.json()["detail"]
    assert future.status_code == 201


def test_an_admin_lists_accounts_and_changes_roles(platform):
    client = platform.client
    admin = admin_account(platform.client)
    candidate = sign_up(client)

    recruiter = sign_up(client, "recruiter")
    listed = client.get("/users?role=candidate", headers=admin.auth)
    searched = client.get(f"/users?q={candidate.username}", headers=admin.auth)
    without_organization = client.patch(
        f"/users/{candidate.id}", json={"role": "recruiter"}, headers=admin.auth
    )
    promoted = client.patch(
        f"/users/{candidate.id}",
        json={"role": "recruiter", "organization_id": recruiter.organization_id},
        headers=admin.auth,
    )
    self_demotion = client.patch(
        f"/users/{admin.id}", json={"role": "candidate"}, headers=admin.auth
    )

    assert [u["id"] for u in listed.json()] == [platform.neighbours.candidate_id, candidate.id]
    assert [u["id"] for u in searched.json()] == [candidate.id]
    assert (
        without_organization.status_code == 422
        and "organization_id" in without_organization.json()["detail"]
    )
    assert promoted.status_code == 200 and promoted.json()["role"] == "recruiter"
    assert promoted.json()["organization"] == {
        "id": recruiter.organization_id,
        "name": recruiter.username.title(),
        "status": "approved",
        "role": "member",
    }
    # The organization's only owner cannot be moved out while it has members.
    last_owner = client.patch(
        f"/users/{recruiter.id}", json={"role": "candidate"}, headers=admin.auth
    )
    assert last_owner.status_code == 409
    assert self_demotion.status_code == 409
    assert client.get("/users", headers=candidate.auth).status_code == 403
    assert (
        client.patch(
            f"/users/{admin.id}", json={"role": "candidate"}, headers=candidate.auth
        ).status_code
        == 403
    )
    assert (
        client.patch("/users/999999", json={"role": "admin"}, headers=admin.auth).status_code == 404
    )
    assert (
        client.patch(
            f"/users/{candidate.id}", json={"role": "boss"}, headers=admin.auth
        ).status_code
        == 422
    )


def test_partial_updates_may_leave_fields_out_but_not_send_them_as_null(platform):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = client.post(
        "/job-postings",
        json={"title": "BE", "position": "Backend Developer"},
        headers=recruiter.auth,
    ).json()
    own = client.post("/questions", json=NEW_QUESTION, headers=recruiter.auth).json()["id"]

    for field in ("title", "position", "language", "status"):
        response = client.patch(
            f"/job-postings/{posting['id']}", json={field: None}, headers=recruiter.auth
        )
        assert response.status_code == 422, (field, response.text)
        assert response.json()["detail"][0]["loc"] == ["body", field]
    for field in ("content", "category", "difficulty", "language", "rubric_json", "is_active"):
        response = client.patch(f"/questions/{own}", json={field: None}, headers=recruiter.auth)
        assert response.status_code == 422, (field, response.text)
    # Nullable columns may be cleared.
    cleared = client.patch(
        f"/job-postings/{posting['id']}", json={"description": None}, headers=recruiter.auth
    )
    general = client.patch(f"/questions/{own}", json={"position": None}, headers=recruiter.auth)
    assert cleared.status_code == 200 and cleared.json()["description"] is None
    assert general.status_code == 200 and general.json()["position"] is None
