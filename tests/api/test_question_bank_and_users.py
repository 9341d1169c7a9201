"""Recruiters keep the question bank; admins manage accounts."""

from __future__ import annotations

from tests.api.helpers import create_interview, sign_up
from tests.api.test_access_rules import _admin

NEW_QUESTION = {
    "content": "How would you design rate limiting for a public API?",
    "category": "technical",
    "difficulty": "hard",
    "position": "Backend Developer",
    "language": "en",
    "rubric_json": {"criteria": [
        {"name": "algorithm", "weight": 0.6, "keywords": ["token bucket", "sliding window"]},
        {"name": "operations", "weight": 0.4, "keywords": ["redis", "429", "retry-after"]},
    ]},
}


def test_a_recruiter_browses_filters_creates_and_edits_questions(platform):
    client = platform.client
    recruiter = sign_up(client, "recruiter")

    korean_easy = client.get("/questions?language=ko&difficulty=easy&category=technical", headers=recruiter.auth)
    created = client.post("/questions", json=NEW_QUESTION, headers=recruiter.auth)
    question_id = created.json()["id"]
    edited = client.patch(f"/questions/{question_id}", json={"difficulty": "medium", "is_active": False},
                          headers=recruiter.auth)
    found = client.get("/questions?q=rate limiting", headers=recruiter.auth)

    assert korean_easy.status_code == 200 and korean_easy.json()
    assert all(q["language"] == "ko" and q["difficulty"] == "easy" for q in korean_easy.json())
    assert created.status_code == 201
    assert created.json()["usage_count"] == 0 and created.json()["avg_score"] is None
    assert edited.json()["difficulty"] == "medium" and edited.json()["is_active"] is False
    assert edited.json()["rubric_json"]["criteria"][0]["keywords"] == ["token bucket", "sliding window"]
    assert [q["id"] for q in found.json()] == [question_id]
    assert client.post("/questions", json=NEW_QUESTION, headers=recruiter.auth).status_code == 409


def test_a_retired_question_is_no_longer_asked(platform):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    first = create_interview(client, candidate)["questions"][0]

    client.patch(f"/questions/{first['id']}", json={"is_active": False}, headers=recruiter.auth)

    assert first["id"] not in [q["id"] for q in create_interview(client, candidate)["questions"]]


def test_the_bank_is_closed_to_candidates_and_rubrics_must_make_sense(platform):
    client = platform.client
    candidate, recruiter = sign_up(client), sign_up(client, "recruiter")

    assert client.get("/questions", headers=candidate.auth).status_code == 403
    assert client.post("/questions", json=NEW_QUESTION, headers=candidate.auth).status_code == 403
    no_criteria = {**NEW_QUESTION, "rubric_json": {"criteria": []}}
    assert client.post("/questions", json=no_criteria, headers=recruiter.auth).status_code == 422
    bad_weight = {**NEW_QUESTION, "rubric_json": {"criteria": [{"name": "x", "weight": -1}]}}
    assert client.post("/questions", json=bad_weight, headers=recruiter.auth).status_code == 422
    assert client.patch("/questions/999999", json={"is_active": False}, headers=recruiter.auth).status_code == 404
    assert client.get("/questions?q=a%00b", headers=recruiter.auth).status_code == 422


def test_a_recruiter_schedules_by_candidate_email(platform):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    posting = client.post("/job-postings", json={"title": "BE", "position": "Backend Developer"},
                          headers=recruiter.auth).json()
    email = f"{candidate.username}@example.com"

    scheduled = client.post("/interviews", json={"job_posting_id": posting["id"], "candidate_email": email.upper()},
                            headers=recruiter.auth)
    unknown = client.post("/interviews", json={"job_posting_id": posting["id"], "candidate_email": "x@example.com"},
                          headers=recruiter.auth)

    assert scheduled.status_code == 201 and scheduled.json()["candidate_id"] == candidate.id
    assert unknown.status_code == 404


def test_an_admin_lists_accounts_and_changes_roles(platform):
    client = platform.client
    admin = _admin(platform)
    candidate = sign_up(client)

    listed = client.get("/users?role=candidate", headers=admin.auth)
    promoted = client.patch(f"/users/{candidate.id}", json={"role": "recruiter"}, headers=admin.auth)
    self_demotion = client.patch(f"/users/{admin.id}", json={"role": "candidate"}, headers=admin.auth)

    assert [u["id"] for u in listed.json()] == [candidate.id]
    assert promoted.status_code == 200 and promoted.json()["role"] == "recruiter"
    assert self_demotion.status_code == 409
    assert client.get("/users", headers=candidate.auth).status_code == 403
    assert client.patch(f"/users/{admin.id}", json={"role": "candidate"}, headers=candidate.auth).status_code == 403
    assert client.patch("/users/999999", json={"role": "admin"}, headers=admin.auth).status_code == 404
    assert client.patch(f"/users/{candidate.id}", json={"role": "boss"}, headers=admin.auth).status_code == 422


def test_partial_updates_may_leave_fields_out_but_not_send_them_as_null(platform):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = client.post("/job-postings", json={"title": "BE", "position": "Backend Developer"},
                          headers=recruiter.auth).json()

    for field in ("title", "position", "language", "status"):
        response = client.patch(f"/job-postings/{posting['id']}", json={field: None}, headers=recruiter.auth)
        assert response.status_code == 422, (field, response.text)
        assert response.json()["detail"][0]["loc"] == ["body", field]
    for field in ("content", "category", "difficulty", "language", "rubric_json", "is_active"):
        response = client.patch("/questions/1", json={field: None}, headers=recruiter.auth)
        assert response.status_code == 422, (field, response.text)
    # Nullable columns may be cleared.
    cleared = client.patch(f"/job-postings/{posting['id']}", json={"description": None}, headers=recruiter.auth)
    general = client.patch("/questions/1", json={"position": None}, headers=recruiter.auth)
    assert cleared.status_code == 200 and cleared.json()["description"] is None
    assert general.status_code == 200 and general.json()["position"] is None
