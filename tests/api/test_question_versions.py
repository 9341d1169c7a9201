"""Rubrics are versioned: an interview is scored against the versions it was created with, and
the audit trail keeps who changed what; neither history can be rewritten."""

from __future__ import annotations

import psycopg
import pytest

from tests.api.helpers import admin_account, answer, create_posting, invite_and_accept, sign_up

ANSWERS = {
    "ko": (
        "FastAPI와 PostgreSQL로 주문 API를 3년 동안 만들고 운영했습니다. 인덱스를 설계하고 쿼리를 "
        "튜닝했습니다."
    ),
}


def _take(client, candidate, interview) -> dict:
    questions = client.get(
        f"/interviews/{interview['id']}/questions", headers=candidate.auth
    ).json()
    for question in questions:
        answer(client, candidate, interview["id"], ANSWERS["ko"], question["id"])
    client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    return {q["id"]: q for q in questions}


def test_a_rubric_edit_leaves_an_earlier_interviews_report_unchanged(platform, sql):
    client = platform.client
    recruiter, first_candidate, second_candidate = (
        sign_up(client, "recruiter"),
        sign_up(client),
        sign_up(client),
    )
    posting = create_posting(client, recruiter)
    own = client.post(
        "/questions",
        headers=recruiter.auth,
        json={
            "content": "주문 API의 데이터베이스를 어떻게 설계했나요?",
            "category": "technical",
            "difficulty": "easy",
            "position": "Backend Developer",
            "language": "ko",
            "rubric_json": {
                "criteria": [
                    {
                        "name": "indexing",
                        "description": "인덱스 설계",
                        "weight": 1,
                        "keywords": ["인덱스", "쿼리", "postgresql"],
                    }
                ]
            },
        },
    ).json()
    assert own["version"] == 1

    # An interview created before the edit, and its report written after it
    earlier = invite_and_accept(client, recruiter, posting["id"], first_candidate)
    asked = _take(client, first_candidate, earlier)
    assert asked[own["id"]]["version"] == 1
    edited = client.patch(
        f"/questions/{own['id']}",
        headers=recruiter.auth,
        json={
            "rubric_json": {
                "criteria": [
                    {
                        "name": "kubernetes",
                        "description": "쿠버네티스 운영",
                        "weight": 1,
                        "keywords": ["kubernetes", "helm", "istio"],
                    }
                ]
            }
        },
    )
    retitled = client.patch(
        f"/questions/{own['id']}", headers=recruiter.auth, json={"position": None}
    )
    assert edited.json()["version"] == 2 and retitled.json()["version"] == 2, (
        "position is not versioned"
    )
    platform.run_workers()
    report = client.get(f"/interviews/{earlier['id']}/report", headers=recruiter.auth).json()
    scored = next(q for q in report["details_json"]["questions"] if q["question_id"] == own["id"])
    assert scored["question_version"] == 1
    assert {"question_id": own["id"], "version": 1} in report["details_json"]["rubric_versions"]
    assert [c["name"] for c in scored["criteria"]] == ["indexing"] and scored["score"] > 40

    # Written again (a redelivered job), the report is the same: version 1's rubric
    sql.execute("DELETE FROM evaluation_reports WHERE interview_id = %s", (earlier["id"],))
    client.post(f"/interviews/{earlier['id']}/complete", headers=first_candidate.auth)
    platform.run_workers()
    rewritten = client.get(f"/interviews/{earlier['id']}/report", headers=recruiter.auth).json()
    assert rewritten["technical_score"] == report["technical_score"]
    assert rewritten["details_json"]["questions"] == report["details_json"]["questions"]

    # A new interview asks version 2 and is scored by it
    client.patch(
        f"/questions/{own['id']}", headers=recruiter.auth, json={"position": "Backend Developer"}
    )
    later = invite_and_accept(client, recruiter, posting["id"], second_candidate)
    later_asked = _take(client, second_candidate, later)
    assert later_asked[own["id"]]["version"] == 2
    platform.run_workers()
    later_report = client.get(f"/interviews/{later['id']}/report", headers=recruiter.auth).json()
    later_scored = next(
        q for q in later_report["details_json"]["questions"] if q["question_id"] == own["id"]
    )
    assert later_scored["question_version"] == 2 and [
        c["name"] for c in later_scored["criteria"]
    ] == ["kubernetes"]
    assert later_scored["score"] < scored["score"], "the same answer misses the new rubric"

    # Every version is kept, and the trail has each change with its before and after
    versions = client.get(f"/questions/{own['id']}/versions", headers=recruiter.auth).json()
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[1]["rubric_json"]["criteria"][0]["name"] == "indexing"
    trail = client.get(
        f"/audit-events?target_type=question&target_id={own['id']}", headers=recruiter.auth
    ).json()
    assert [e["action"] for e in trail] == ["question.updated"] * 3 + ["question.created"]
    assert trail[2]["before"]["version"] == 1 and trail[2]["after"]["version"] == 2
    assert trail[2]["before"]["rubric_json"]["criteria"][0]["name"] == "indexing"
    assert trail[2]["after"]["rubric_json"]["criteria"][0]["name"] == "kubernetes"
    assert trail[1]["before"] == {"position": "Backend Developer"} and trail[1]["after"] == {
        "position": None
    }
    assert all(e["actor_username"] == recruiter.username for e in trail)


def test_retiring_and_reactivating_are_in_the_trail_and_the_curated_bank_is_the_admins(platform):
    client = platform.client
    admin, recruiter = admin_account(client), sign_up(client, "recruiter")

    retired = client.patch("/questions/3", json={"is_active": False}, headers=admin.auth)
    back = client.patch("/questions/3", json={"is_active": True}, headers=admin.auth)
    reworded = client.patch(
        "/questions/3",
        json={"content": "사용해 본 프레임워크를 소개해 주세요."},
        headers=admin.auth,
    )

    assert (
        retired.json()["version"] == back.json()["version"] == 1 and reworded.json()["version"] == 2
    )
    trail = client.get("/audit-events?target_type=question&target_id=3", headers=admin.auth).json()
    assert [(e["action"], e["actor_username"], e["organization_id"]) for e in trail] == [
        ("question.updated", admin.username, None),
        ("question.reactivated", admin.username, None),
        ("question.retired", admin.username, None),
    ]
    # The recruiter reads the curated question and its versions, and cannot change them.
    assert client.get("/questions/3/versions", headers=recruiter.auth).status_code == 200
    assert (
        client.patch("/questions/3", json={"is_active": False}, headers=recruiter.auth).status_code
        == 403
    )
    # An organization cannot see the curated bank's trail (it is no organization's).
    assert (
        client.get("/audit-events?target_type=question&target_id=3", headers=recruiter.auth).json()
        == []
    )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET action = 'nothing.happened'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
        "UPDATE question_versions SET rubric_json = '{}'",
        "DELETE FROM question_versions",
        "TRUNCATE question_versions CASCADE",
    ],
)
def test_history_is_append_only_in_the_database(platform, sql, statement):
    admin = admin_account(platform.client)
    platform.client.patch("/questions/2", json={"difficulty": "hard"}, headers=admin.auth)
    assert sql.execute("SELECT count(*) AS n FROM audit_events").fetchone()["n"] > 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        sql.execute(statement)
