"""The recruiter's desk, from the users' side: two members of one organization move candidates
through the posting's pipeline, rate and note interviews, compare the candidates by criterion and
export them; nobody else (the candidate, another organization, admins for decisions) can."""

from __future__ import annotations

import csv
import io
import itertools
from typing import Any

import pytest

from tests.api.helpers import (
    Account,
    admin_account,
    answer,
    create_interview,
    create_posting,
    invite,
    invite_and_accept,
    join_by_invitation,
    sign_up,
)
from tests.api.neighbours import PASSWORD as NEIGHBOUR_PASSWORD

ANSWER = (
    "저는 FastAPI와 Django로 3년 동안 REST API를 개발했고, PostgreSQL과 MySQL을 운영했습니다. 먼저 "
    "인덱스 설계로 조회 시간을 40% 줄였고, 그 결과 API 응답 시간이 120ms에서 70ms로 개선되었습니다."
)
_names = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_embedding_model(question_embeddings):
    question_embeddings("off")


def _team(platform) -> tuple[Account, Account, dict[str, Any]]:
    client = platform.client
    owner = sign_up(client, "recruiter")
    member = join_by_invitation(client, owner, f"desk{next(_names)}")
    return owner, member, create_posting(client, owner)


def _completed(platform, member: Account, posting: dict[str, Any]) -> tuple[Account, dict]:
    """A candidate invited to the posting who answers two questions and completes; the report
    written."""
    client = platform.client
    candidate = sign_up(client)
    interview = invite_and_accept(client, member, posting["id"], candidate)
    questions = client.get(f"/interviews/{interview['id']}/questions", headers=member.auth).json()
    for question in questions[:2]:
        response = answer(client, candidate, interview["id"], ANSWER, question["id"])
        assert response.status_code == 201
    done = client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    assert done.status_code == 200, done.text
    platform.run_workers()
    return candidate, interview


def _stage(platform, who: Account, interview_id: int, stage: str, reason: str | None = None):
    body: dict[str, Any] = {"stage": stage}
    if reason is not None:
        body["reason"] = reason
    return platform.client.post(f"/interviews/{interview_id}/stage", json=body, headers=who.auth)


def _candidates(platform, who: Account, posting_id: int, **params: Any):
    return platform.client.get(
        f"/job-postings/{posting_id}/candidates", params=params, headers=who.auth
    )


def test_two_members_move_candidates_through_stages_and_people_decide(platform, sql):
    owner, member, posting = _team(platform)
    _first, first_interview = _completed(platform, member, posting)
    _second, second_interview = _completed(platform, owner, posting)
    invite(platform.client, member, posting["id"], "later@example.com")

    board = _candidates(platform, member, posting["id"])
    assert board.status_code == 200, board.text
    body = board.json()
    assert body["counts"] == {
        "invited": 1,
        "in_progress": 0,
        "completed": 2,
        "shortlisted": 0,
        "rejected": 0,
        "hired": 0,
    }
    assert [c["interview_id"] for c in body["candidates"]] == [
        first_interview["id"],
        second_interview["id"],
    ]
    # a score never moves anyone: both stay completed whatever they scored
    assert {c["stage"] for c in body["candidates"]} == {"completed"}

    moved = _stage(platform, member, first_interview["id"], "shortlisted", "Strong SQL answers")
    assert moved.status_code == 200, moved.text
    assert moved.json()["stage"] == "shortlisted"
    assert moved.json()["decision_reason"] == "Strong SQL answers"
    assert moved.json()["decided_by_username"] == member.username
    rejected = _stage(platform, owner, second_interview["id"], "rejected")
    assert rejected.status_code == 200 and rejected.json()["decision_reason"] is None
    hired = _stage(platform, owner, first_interview["id"], "hired", "Offer accepted")
    assert (
        hired.json()["stage"] == "hired" and hired.json()["decided_by_username"] == owner.username
    )

    counts = _candidates(platform, owner, posting["id"]).json()["counts"]
    assert (counts["hired"], counts["rejected"], counts["completed"]) == (1, 1, 0)
    only_hired = _candidates(platform, owner, posting["id"], stage="hired").json()["candidates"]
    assert [c["interview_id"] for c in only_hired] == [first_interview["id"]]
    listed = platform.client.get(
        "/interviews",
        params={"stage": "rejected", "job_posting_id": posting["id"]},
        headers=member.auth,
    ).json()
    assert [i["id"] for i in listed] == [second_interview["id"]]

    # back to where the interview is: the decision cleared, who did it kept
    back = _stage(platform, member, second_interview["id"], "completed")
    assert back.status_code == 200 and back.json()["stage"] == "completed"
    assert back.json()["decision_reason"] is None
    # people cannot make a completed interview "in progress"
    refused = _stage(platform, member, second_interview["id"], "in_progress")
    assert refused.status_code == 409 and refused.json()["code"] == "stage_follows_interview"

    trail = sql.execute(
        """SELECT a.action, u.username, a.before->>'stage' AS before, a.after->>'stage' AS after,
                  a.after->>'reason' AS reason
           FROM audit_events a JOIN users u ON u.id = a.actor_id
           WHERE a.action = 'interview.stage_changed' AND a.organization_id = %s ORDER BY a.id""",
        (posting["organization_id"],),
    ).fetchall()
    assert [(t["username"], t["before"], t["after"], t["reason"]) for t in trail] == [
        (member.username, "completed", "shortlisted", "Strong SQL answers"),
        (owner.username, "completed", "rejected", None),
        (owner.username, "shortlisted", "hired", "Offer accepted"),
        (member.username, "rejected", "completed", None),
    ]
    # setting the same stage again changes nothing and records nothing
    assert (
        _stage(platform, owner, first_interview["id"], "hired", "Offer accepted").status_code == 200
    )
    again = sql.execute(
        "SELECT count(*) AS n FROM audit_events WHERE action = 'interview.stage_changed'"
        " AND organization_id = %s",
        (posting["organization_id"],),
    ).fetchone()
    assert again["n"] == 4


def test_the_candidate_never_sees_the_decision_and_others_cannot_decide(platform):
    client = platform.client
    _owner, member, posting = _team(platform)
    candidate, interview = _completed(platform, member, posting)
    assert _stage(platform, member, interview["id"], "rejected", "Not this time").status_code == 200

    mine = client.get(f"/interviews/{interview['id']}", headers=candidate.auth).json()
    assert (mine["stage"], mine["decision_reason"], mine["decided_by_username"]) == (
        None,
        None,
        None,
    )
    listed = client.get("/interviews", headers=candidate.auth).json()
    assert all(i["stage"] is None and i["decision_reason"] is None for i in listed)
    # a candidate's stage filter would reveal the decision
    assert (
        client.get("/interviews", params={"stage": "rejected"}, headers=candidate.auth).status_code
        == 403
    )
    assert _stage(platform, candidate, interview["id"], "hired").status_code == 403
    assert _candidates(platform, candidate, posting["id"]).status_code == 403

    pending = sign_up(client, "recruiter", approved=False)
    assert _stage(platform, pending, interview["id"], "hired").status_code == 403
    assert _candidates(platform, pending, posting["id"]).status_code == 403
    # another organization's owner: this interview is not found, this posting's candidates not
    # shown; and this organization's member cannot reach the other's
    token = client.post(
        "/token", json={"username": "northwindowner", "password": NEIGHBOUR_PASSWORD}
    ).json()["access_token"]
    stranger = {"Authorization": f"Bearer {token}"}
    refused = client.post(
        f"/interviews/{interview['id']}/stage", json={"stage": "hired"}, headers=stranger
    )
    assert refused.status_code == 404
    assert (
        client.get(f"/job-postings/{posting['id']}/candidates", headers=stranger).status_code == 404
    )
    neighbour = platform.neighbours.organizations[0]
    assert _stage(platform, member, neighbour.interview_id, "hired").status_code == 404
    assert _candidates(platform, member, neighbour.posting_id).status_code == 404

    admin = admin_account(client)
    assert _stage(platform, admin, interview["id"], "hired").status_code == 403
    assert _candidates(platform, admin, posting["id"]).status_code == 200

    practice = create_interview(client, candidate, position="Backend Developer")
    assert _stage(platform, member, practice["id"], "hired").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"stage": "promoted"},
        {},
        {"stage": "hired", "reason": ""},
        {"stage": "hired", "reason": "x" * 2001},
        {"stage": "hired", "extra": 1},
    ],
)
def test_a_bad_stage_request_is_a_422_with_a_message(platform, body):
    _owner, member, posting = _team(platform)
    _, interview = _completed(platform, member, posting)
    response = platform.client.post(
        f"/interviews/{interview['id']}/stage", json=body, headers=member.auth
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def _review(platform, who: Account, interview_id: int, **body: Any):
    return platform.client.post(f"/interviews/{interview_id}/reviews", json=body, headers=who.auth)


def test_members_rate_and_note_an_interview_and_its_questions_each_review_names_its_author(
    platform, sql
):
    client = platform.client
    owner, member, posting = _team(platform)
    candidate, interview = _completed(platform, member, posting)
    question = client.get(f"/interviews/{interview['id']}/questions", headers=member.auth).json()[0]

    saved = _review(platform, member, interview["id"], rating=4, note="Clear on indexing")
    assert saved.status_code == 200, saved.text
    _review(platform, owner, interview["id"], rating=2)
    _review(platform, owner, interview["id"], question_id=question["id"], note="Vague on MySQL")
    # editing one's own review keeps one per member and subject
    edited = _review(platform, member, interview["id"], rating=5, note="Clear on indexing")
    reviews = edited.json()
    assert [(r["author_username"], r["question_id"], r["rating"], r["note"]) for r in reviews] == [
        (member.username, None, 5, "Clear on indexing"),
        (owner.username, None, 2, None),
        (owner.username, question["id"], None, "Vague on MySQL"),
    ]
    assert all(r["created_at"] and r["updated_at"] for r in reviews)
    assert (
        client.get(f"/interviews/{interview['id']}/reviews", headers=owner.auth).json() == reviews
    )

    row = _candidates(platform, owner, posting["id"]).json()["candidates"][0]
    assert row["rating_mean"] == 3.5 and row["rating_count"] == 2
    assert row["reviewers"] == [member.username, owner.username]

    # neither a rating nor a note: the review is withdrawn
    left = _review(platform, owner, interview["id"], question_id=question["id"]).json()
    assert [r["question_id"] for r in left] == [None, None]
    actions = [
        r["action"]
        for r in sql.execute(
            "SELECT action FROM audit_events WHERE target_type = 'interview' AND target_id = %s"
            " AND action LIKE 'review.%%' ORDER BY id",
            (interview["id"],),
        ).fetchall()
    ]
    assert actions == ["review.saved"] * 4 + ["review.withdrawn"]

    # the candidate reads no review and writes none
    assert (
        client.get(f"/interviews/{interview['id']}/reviews", headers=candidate.auth).status_code
        == 403
    )
    assert _review(platform, candidate, interview["id"], rating=5).status_code == 403
    admin = admin_account(client)
    assert (
        client.get(f"/interviews/{interview['id']}/reviews", headers=admin.auth).status_code == 200
    )
    assert _review(platform, admin, interview["id"], rating=5).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        {"rating": 0},
        {"rating": 6},
        {"rating": "5"},
        {"rating": 4.5},
        {"note": ""},
        {"note": "x" * 4001},
        {"question_id": 0, "rating": 3},
    ],
)
def test_a_bad_review_is_a_422_with_a_message(platform, body):
    _owner, member, posting = _team(platform)
    _, interview = _completed(platform, member, posting)
    response = _review(platform, member, interview["id"], **body)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def test_a_review_of_a_question_the_interview_did_not_ask_is_refused(platform):
    _owner, member, posting = _team(platform)
    _, interview = _completed(platform, member, posting)
    neighbour_question = platform.neighbours.organizations[0].question_ids[0]
    response = _review(platform, member, interview["id"], question_id=neighbour_question, rating=3)
    assert response.status_code == 422
    assert response.json()["code"] == "question_not_in_interview"


def test_compare_by_criterion_shows_scores_in_force_and_the_evidence_behind_each(platform):
    client = platform.client
    owner, member, posting = _team(platform)
    _, interview = _completed(platform, member, posting)
    report = client.get(f"/interviews/{interview['id']}/report", headers=member.auth).json()
    row = _candidates(platform, member, posting["id"]).json()["candidates"][0]
    assert row["scores"]["overall"] == report["final_scores"]["overall"]
    assert row["review_state"] == "pending_review" and row["scores_overridden"] is False
    assert row["criteria"], row
    transcripts = {
        t["id"]: t["text"]
        for t in client.get(
            f"/interviews/{interview['id']}/transcripts", headers=member.auth
        ).json()
    }
    for criterion in row["criteria"]:
        assert criterion["label"] and criterion["label"] != criterion["criterion"]
        for quote in criterion["evidence"]:
            assert quote["quote"] in transcripts[quote["transcript_id"]]
    assert any(c["evidence"] for c in row["criteria"])

    overridden = client.post(
        f"/interviews/{interview['id']}/report/overrides",
        json={"scope": "overall", "score": 12.5, "reason": "Answers were read from notes"},
        headers=owner.auth,
    )
    assert overridden.status_code == 201, overridden.text
    after = _candidates(platform, member, posting["id"]).json()["candidates"][0]
    assert after["scores"]["overall"] == 12.5 and after["scores_overridden"] is True


def test_the_export_is_csv_of_the_scores_in_force_stage_and_review_safe_for_spreadsheets(
    platform,
):
    client = platform.client
    owner, member, posting = _team(platform)
    candidate, interview = _completed(platform, member, posting)
    _stage(platform, member, interview["id"], "shortlisted", '=HYPERLINK("x")')
    client.post(
        f"/interviews/{interview['id']}/report/overrides",
        json={"scope": "overall", "score": 77, "reason": "Panel agreed"},
        headers=owner.auth,
    )
    response = client.get(
        f"/job-postings/{posting['id']}/candidates/export",
        params={"language": "ko"},
        headers=member.auth,
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1
    line = rows[0]
    assert line["interview_id"] == str(interview["id"])
    assert line["candidate_username"] == candidate.username
    assert (line["stage"], line["stage_name"]) == ("shortlisted", "후보 선정")
    assert line["decision_reason"] == '\'=HYPERLINK("x")'  # never run as a formula
    assert line["overall"] == "77.0" and line["scores_overridden"] == "yes"
    assert line["review_state"] == "pending_review"
    assert (
        client.get(
            f"/job-postings/{posting['id']}/candidates/export", headers=candidate.auth
        ).status_code
        == 403
    )
    assert (
        client.get(
            f"/job-postings/{posting['id']}/candidates/export",
            params={"language": "fr"},
            headers=member.auth,
        ).status_code
        == 422
    )


def test_the_owner_renames_stages_and_the_export_uses_the_names(platform):
    client = platform.client
    owner, member, posting = _team(platform)
    _, interview = _completed(platform, member, posting)
    _stage(platform, member, interview["id"], "shortlisted")
    renamed = client.patch(
        "/organizations/me/stages",
        json={"stage_labels": {"shortlisted": "  2차 면접  ", "hired": "입사 확정"}},
        headers=owner.auth,
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["stage_labels"] == {"shortlisted": "2차 면접", "hired": "입사 확정"}
    mine = client.get("/organizations/me", headers=member.auth).json()
    assert mine["stage_labels"] == {"shortlisted": "2차 면접", "hired": "입사 확정"}
    board = _candidates(platform, member, posting["id"]).json()
    assert board["stage_labels"]["shortlisted"] == "2차 면접"
    text = client.get(
        f"/job-postings/{posting['id']}/candidates/export", headers=member.auth
    ).content.decode("utf-8")
    assert "2차 면접" in text
    # a name cleared: the platform's name again
    cleared = client.patch(
        "/organizations/me/stages", json={"stage_labels": {"hired": None}}, headers=owner.auth
    )
    assert cleared.json()["stage_labels"] == {"shortlisted": "2차 면접"}
    # members do not rename, and nothing unknown or too long is stored
    assert (
        client.patch(
            "/organizations/me/stages", json={"stage_labels": {"hired": "x"}}, headers=member.auth
        ).status_code
        == 403
    )
    for bad in ({"promoted": "x"}, {"hired": "x" * 41}, {"hired": 3}):
        response = client.patch(
            "/organizations/me/stages", json={"stage_labels": bad}, headers=owner.auth
        )
        assert response.status_code == 422, (bad, response.text)
