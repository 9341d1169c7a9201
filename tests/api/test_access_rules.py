"""Who may do what: candidates see their own, recruiters those on their postings, admins all."""

from __future__ import annotations

import pytest

from tests.api.helpers import Account, answer, create_interview, sign_up


def _admin(platform) -> Account:
    from interview_core.db.connection import get_database
    from interview_core.services.accounts import create_admin

    create_admin(get_database(), email="root@example.com", username="root", password="password123", full_name=None)
    token = platform.client.post("/token", json={"username": "root", "password": "password123"}).json()
    me = platform.client.get("/me", headers={"Authorization": f"Bearer {token['access_token']}"}).json()
    return Account(id=me["id"], username="root", role="admin", token=token["access_token"])


def _posting(client, recruiter: Account, **body) -> dict:
    response = client.post(
        "/job-postings",
        json={"title": "Backend Engineer", "position": "Backend Developer", **body},
        headers=recruiter.auth,
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_a_candidate_cannot_see_or_touch_another_candidates_interview(platform):
    client = platform.client
    alice, bob = sign_up(client), sign_up(client)
    interview = create_interview(client, alice)
    interview_id = interview["id"]

    for method, path in [
        ("GET", f"/interviews/{interview_id}"),
        ("GET", f"/interviews/{interview_id}/questions"),
        ("GET", f"/interviews/{interview_id}/transcripts"),
        ("GET", f"/interviews/{interview_id}/report"),
        ("POST", f"/interviews/{interview_id}/start"),
        ("POST", f"/interviews/{interview_id}/complete"),
        ("POST", f"/interviews/{interview_id}/cancel"),
    ]:
        response = client.request(method, path, headers=bob.auth)
        assert response.status_code == 404, (method, path, response.text)
    assert answer(client, bob, interview_id, "not mine").status_code == 404
    assert client.get("/interviews", headers=bob.auth).json() == []
    assert [i["id"] for i in client.get("/interviews", headers=alice.auth).json()] == [interview_id]


def test_a_candidate_creates_interviews_only_for_themselves(platform):
    client = platform.client
    alice, bob = sign_up(client), sign_up(client)
    response = client.post(
        "/interviews", json={"position": "Backend Developer", "candidate_id": bob.id}, headers=alice.auth
    )
    assert response.status_code == 403


def test_a_recruiter_schedules_on_their_posting_and_sees_only_those_interviews(platform):
    client = platform.client
    recruiter, other_recruiter = sign_up(client, "recruiter"), sign_up(client, "recruiter")
    candidate = sign_up(client)
    posting = _posting(client, recruiter, language="en")
    practice = create_interview(client, candidate)

    scheduled = create_interview(
        client, recruiter, job_posting_id=posting["id"], candidate_id=candidate.id,
        scheduled_time="2026-12-01T10:00:00+09:00",
    )

    assert scheduled["position"] == "Backend Developer" and scheduled["language"] == "en"
    assert all(q["rubric_json"] for q in scheduled["questions"]), "recruiters see the rubric"
    assert [i["id"] for i in client.get("/interviews", headers=recruiter.auth).json()] == [scheduled["id"]]
    assert client.get(f"/interviews/{practice['id']}", headers=recruiter.auth).status_code == 404
    assert client.get(f"/interviews/{scheduled['id']}", headers=other_recruiter.auth).status_code == 404
    assert client.get("/interviews", headers=other_recruiter.auth).json() == []
    # The candidate sees the scheduled interview and takes it; the recruiter cannot answer for them.
    assert client.get(f"/interviews/{scheduled['id']}", headers=candidate.auth).status_code == 200
    assert answer(client, recruiter, scheduled["id"], "I answer for them").status_code == 403
    assert answer(client, candidate, scheduled["id"], "My own answer").status_code == 201
    transcripts = client.get(f"/interviews/{scheduled['id']}/transcripts", headers=recruiter.auth)
    assert transcripts.status_code == 200 and transcripts.json()[-1]["text"] == "My own answer"


def test_a_recruiter_cannot_use_another_recruiters_posting(platform):
    client = platform.client
    owner, intruder = sign_up(client, "recruiter"), sign_up(client, "recruiter")
    candidate = sign_up(client)
    posting = _posting(client, owner)

    response = client.post(
        "/interviews", json={"job_posting_id": posting["id"], "candidate_id": candidate.id}, headers=intruder.auth
    )
    assert response.status_code == 404
    assert client.get(f"/job-postings/{posting['id']}", headers=intruder.auth).status_code == 404
    edit = client.patch(f"/job-postings/{posting['id']}", json={"status": "closed"}, headers=intruder.auth)
    assert edit.status_code == 404


def test_recruiter_needs_a_posting_and_a_real_candidate(platform):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    posting = _posting(client, recruiter)

    no_posting = client.post("/interviews", json={"position": "Backend Developer", "candidate_id": candidate.id},
                             headers=recruiter.auth)
    assert no_posting.status_code == 422
    not_a_candidate = client.post("/interviews", json={"job_posting_id": posting["id"], "candidate_id": recruiter.id},
                                  headers=recruiter.auth)
    assert not_a_candidate.status_code == 404


def test_only_recruiters_publish_postings_and_candidates_see_open_ones(platform):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    open_posting = _posting(client, recruiter)
    closed = _posting(client, recruiter, title="Old role")
    client.patch(f"/job-postings/{closed['id']}", json={"status": "closed"}, headers=recruiter.auth)

    assert client.post("/job-postings", json={"title": "x", "position": "y"}, headers=candidate.auth).status_code == 403
    assert [p["id"] for p in client.get("/job-postings", headers=candidate.auth).json()] == [open_posting["id"]]
    assert client.get(f"/job-postings/{closed['id']}", headers=candidate.auth).status_code == 404
    assert {p["id"] for p in client.get("/job-postings", headers=recruiter.auth).json()} == {
        open_posting["id"], closed["id"]
    }
    # Nobody schedules on a closed posting.
    closed_use = client.post("/interviews", json={"job_posting_id": closed["id"], "candidate_id": candidate.id},
                             headers=recruiter.auth)
    assert closed_use.status_code == 409


def test_an_admin_sees_everything(platform):
    client = platform.client
    admin = _admin(platform)
    alice, recruiter = sign_up(client), sign_up(client, "recruiter")
    interview = create_interview(client, alice)
    posting = _posting(client, recruiter)

    assert client.get(f"/interviews/{interview['id']}", headers=admin.auth).status_code == 200
    assert interview["id"] in [i["id"] for i in client.get("/interviews", headers=admin.auth).json()]
    assert client.get(f"/job-postings/{posting['id']}", headers=admin.auth).status_code == 200


@pytest.mark.parametrize("role", ["admin", "ADMIN"])
def test_nobody_registers_as_admin(platform, role):
    response = platform.client.post(
        "/register",
        json={"email": "boss@example.com", "username": "boss", "password": "password123", "role": role},
    )
    assert response.status_code in (403, 422)
    assert platform.client.post("/token", json={"username": "boss", "password": "password123"}).status_code == 401
