"""Who may do what, as one matrix: every endpoint against every kind of caller.

The callers: anonymous, the interview's candidate, another candidate, a member and the owner of
the posting's organization, the owner of another organization, the owner of a pending
organization, and a platform admin. Each cell is the status the caller gets: invisible is 404,
visible but not allowed is 403, allowed is the endpoint's own answer (a 409 for a state that
does not allow it is still "allowed"). Every endpoint of the function catalog has its rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.helpers import (
    Account,
    admin_account,
    answer,
    create_interview,
    create_posting,
    invitation_token,
    invite,
    invite_and_accept,
    join_by_invitation,
    sign_up,
)

ACTORS = (
    "anonymous",
    "candidate",
    "other_candidate",
    "member",
    "owner",
    "other_org",
    "pending",
    "admin",
)
_unique = itertools.count(1)


@dataclass
class World:
    accounts: dict[str, Account]
    posting: dict[str, Any]  # the organization's open posting
    other_posting: dict[str, Any]  # the other organization's
    interview: dict[
        str, Any
    ]  # the candidate's real interview on `posting`, completed with a report
    practice: dict[str, Any]  # the candidate's practice interview
    question: dict[str, Any]  # the organization's own question
    other_question: dict[str, Any]  # the other organization's own question
    invitation: dict[str, Any]  # open, to someone who is none of the callers
    revocable: dict[str, Any]
    resendable: dict[str, Any]
    pending_organization_id: int  # another pending organization (approved by the matrix)

    def token(self, invitation: dict[str, Any]) -> str:
        return invitation_token(invitation["id"])


def _question(client, who: Account, content: str) -> dict[str, Any]:
    response = client.post(
        "/questions",
        headers=who.auth,
        json={
            "content": content,
            "category": "technical",
            "difficulty": "easy",
            "position": "Backend Developer",
            "language": "ko",
            "rubric_json": {"criteria": [{"name": "depth", "weight": 1, "keywords": ["설계"]}]},
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def world(platform) -> World:
    client = platform.client
    owner = sign_up(client, "recruiter")
    member = join_by_invitation(client, owner, "teammate")
    accounts = {
        "candidate": sign_up(client),
        "other_candidate": sign_up(client),
        "member": member,
        "owner": owner,
        "other_org": sign_up(client, "recruiter"),
        "pending": sign_up(client, "recruiter", approved=False),
        "admin": admin_account(client),
    }
    candidate = accounts["candidate"]
    posting = create_posting(client, owner)
    other_posting = create_posting(client, accounts["other_org"], title="Their posting")
    interview = invite_and_accept(client, member, posting["id"], candidate)
    answer(
        client,
        candidate,
        interview["id"],
        "FastAPI와 PostgreSQL로 API를 3년 만들었습니다.",
        client.get(f"/interviews/{interview['id']}/questions", headers=candidate.auth).json()[0][
            "id"
        ],
    )
    client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    platform.run_workers()
    practice = create_interview(client, candidate)
    invitations = invite(
        client,
        member,
        posting["id"],
        "stranger1@example.org",
        "stranger2@example.org",
        "stranger3@example.org",
    )
    pending = sign_up(client, "recruiter", approved=False)
    pending_organization = client.get("/organizations/me", headers=pending.auth).json()["id"]
    return World(
        accounts=accounts,
        posting=posting,
        other_posting=other_posting,
        interview=interview,
        practice=practice,
        question=_question(client, member, "우리 조직만의 질문: 결제 시스템을 어떻게 설계했나요?"),
        other_question=_question(
            client, accounts["other_org"], "다른 조직의 질문: 검색 엔진을 설명해 주세요."
        ),
        invitation=invitations[0],
        revocable=invitations[1],
        resendable=invitations[2],
        pending_organization_id=pending_organization,
    )


def _new_question_body() -> dict[str, Any]:
    return {
        "content": f"새 질문 {next(_unique)}: 캐시를 어떻게 무효화하나요?",
        "category": "technical",
        "difficulty": "medium",
        "language": "ko",
        "rubric_json": {"criteria": [{"name": "invalidation", "weight": 1}]},
    }


def _register_body() -> dict[str, Any]:
    name = f"matrixuser{next(_unique)}"
    return {"email": f"{name}@example.com", "username": name, "password": "pass-phrase-42"}


# (method, path, body, expected per actor). Paths and bodies are functions of the world.
S = dict[str, int]


def _all(code: int, **overrides: int) -> S:
    return {actor: code for actor in ACTORS} | overrides


def _signed_in(code: int, **overrides: int) -> S:
    return _all(code, anonymous=401, **overrides)


CANDIDATES_403 = {"candidate": 403, "other_candidate": 403}
NOT_ORG_404 = {"other_org": 404, "pending": 404}
ONLY_INTERVIEW_PARTIES = {
    "candidate": 200,
    "other_candidate": 404,
    "member": 200,
    "owner": 200,
    "other_org": 404,
    "pending": 404,
    "admin": 200,
}

Row = tuple[str, str, Callable[[World], str], Callable[[World], Any] | None, S]

MATRIX: list[Row] = [
    ("health", "GET", lambda w: "/health", None, _all(200)),
    ("register", "POST", lambda w: "/register", lambda w: _register_body(), _all(201)),
    # A name of its own per call: five failures on one name would lock it (429)
    (
        "token",
        "POST",
        lambda w: "/token",
        lambda w: {"username": f"nobody-{next(_unique)}", "password": "wrong"},
        _all(401),
    ),
    # The web app's session cookie: a bearer token is no session, and without the CSRF header
    # (as from a page of another site) every action is refused (tests/api/test_web_sessions.py).
    ("session (refresh)", "POST", lambda w: "/auth/refresh", None, _all(403)),
    ("session (logout)", "POST", lambda w: "/auth/logout", None, _all(403)),
    ("me", "GET", lambda w: "/me", None, _signed_in(200)),
    # organizations
    ("list_organizations", "GET", lambda w: "/organizations", None, _signed_in(403, admin=200)),
    (
        "get_my_organization",
        "GET",
        lambda w: "/organizations/me",
        None,
        _signed_in(200, candidate=404, other_candidate=404, admin=404),
    ),
    (
        "approve_organization",
        "POST",
        lambda w: f"/organizations/{w.pending_organization_id}/approve",
        None,
        _signed_in(403, admin=200),
    ),
    (
        "invite_members",
        "POST",
        lambda w: "/organizations/me/invitations",
        lambda w: {"emails": [f"colleague{next(_unique)}@example.org"]},
        _signed_in(403, owner=201, other_org=201),
    ),
    # job postings
    (
        "create_job_posting",
        "POST",
        lambda w: "/job-postings",
        lambda w: {"title": "New", "position": "QA"},
        _signed_in(201, pending=403, admin=403, **CANDIDATES_403),
    ),
    ("list_job_postings", "GET", lambda w: "/job-postings", None, _signed_in(200, pending=403)),
    (
        "get_job_posting",
        "GET",
        lambda w: f"/job-postings/{w.posting['id']}",
        None,
        _signed_in(200, **NOT_ORG_404),
    ),
    (
        "update_job_posting",
        "PATCH",
        lambda w: f"/job-postings/{w.posting['id']}",
        lambda w: {},
        _signed_in(200, **NOT_ORG_404, **CANDIDATES_403),
    ),
    (
        "invite_candidates",
        "POST",
        lambda w: f"/job-postings/{w.posting['id']}/invitations",
        lambda w: {"emails": [f"applicant{next(_unique)}@example.org"]},
        _signed_in(201, **NOT_ORG_404, **CANDIDATES_403, admin=403),
    ),
    # interviews: a candidate's own is practice; a member's on the posting, for a known candidate,
    # is refused as a second interview without a retake
    (
        "create_interview",
        "POST",
        lambda w: "/interviews",
        lambda w: {"job_posting_id": w.posting["id"], "candidate_id": w.accounts["candidate"].id},
        _signed_in(409, candidate=201, other_candidate=403, **NOT_ORG_404, admin=403),
    ),
    ("list_interviews", "GET", lambda w: "/interviews", None, _signed_in(200, pending=403)),
    (
        "get_interview",
        "GET",
        lambda w: f"/interviews/{w.interview['id']}",
        None,
        _signed_in(0) | ONLY_INTERVIEW_PARTIES,
    ),
    (
        "get_interview (practice)",
        "GET",
        lambda w: f"/interviews/{w.practice['id']}",
        None,
        _signed_in(404, candidate=200, admin=200),
    ),
    (
        "get_interview_questions",
        "GET",
        lambda w: f"/interviews/{w.interview['id']}/questions",
        None,
        _signed_in(0) | ONLY_INTERVIEW_PARTIES,
    ),
    (
        "get_interview_questions (practice)",
        "GET",
        lambda w: f"/interviews/{w.practice['id']}/questions",
        None,
        _signed_in(404, candidate=200, admin=200),
    ),
    (
        "list_interview_transcripts",
        "GET",
        lambda w: f"/interviews/{w.interview['id']}/transcripts",
        None,
        _signed_in(0) | ONLY_INTERVIEW_PARTIES,
    ),
    (
        "get_interview_report",
        "GET",
        lambda w: f"/interviews/{w.interview['id']}/report",
        None,
        _signed_in(0) | ONLY_INTERVIEW_PARTIES,
    ),
    # Reviews and score overrides are the posting's organization's decision: a pending recruiter is
    # refused before anything is looked up, admins and the candidate see but may not decide, and
    # practice interviews are not reviewed.
    (
        "review_interview_report",
        "POST",
        lambda w: f"/interviews/{w.interview['id']}/report/review",
        lambda w: {"state": "reviewed", "note": "checked"},
        _signed_in(0) | ONLY_INTERVIEW_PARTIES | {"candidate": 403, "pending": 403, "admin": 403},
    ),
    (
        "review_interview_report (practice)",
        "POST",
        lambda w: f"/interviews/{w.practice['id']}/report/review",
        lambda w: {"state": "reviewed"},
        _signed_in(404, candidate=409, pending=403, admin=409),
    ),
    (
        "override_report_score",
        "POST",
        lambda w: f"/interviews/{w.interview['id']}/report/overrides",
        lambda w: {"scope": "overall", "score": 64, "reason": "matrix check"},
        _signed_in(0)
        | ONLY_INTERVIEW_PARTIES
        | {"candidate": 403, "member": 201, "owner": 201, "pending": 403, "admin": 403},
    ),
    (
        "override_report_score (practice)",
        "POST",
        lambda w: f"/interviews/{w.practice['id']}/report/overrides",
        lambda w: {"scope": "overall", "score": 64, "reason": "matrix check"},
        _signed_in(404, candidate=409, pending=403, admin=409),
    ),
    # The recruiter's desk: the organization's members decide and review; admins read; the
    # candidate neither reads nor writes any of it.
    (
        "set_interview_stage",
        "POST",
        lambda w: f"/interviews/{w.interview['id']}/stage",
        lambda w: {"stage": "shortlisted", "reason": "matrix check"},
        _signed_in(0) | ONLY_INTERVIEW_PARTIES | {"candidate": 403, "pending": 403, "admin": 403},
    ),
    (
        "set_interview_stage (practice)",
        "POST",
        lambda w: f"/interviews/{w.practice['id']}/stage",
        lambda w: {"stage": "hired"},
        _signed_in(404, candidate=409, pending=403, admin=409),
    ),
    (
        "save_interview_review",
        "POST",
        lambda w: f"/interviews/{w.interview['id']}/reviews",
        lambda w: {"rating": 4, "note": "matrix check"},
        _signed_in(0) | ONLY_INTERVIEW_PARTIES | {"candidate": 403, "pending": 403, "admin": 403},
    ),
    (
        "list_interview_reviews",
        "GET",
        lambda w: f"/interviews/{w.interview['id']}/reviews",
        None,
        _signed_in(0) | ONLY_INTERVIEW_PARTIES | {"candidate": 403, "pending": 403},
    ),
    (
        "list_interview_reviews (practice)",
        "GET",
        lambda w: f"/interviews/{w.practice['id']}/reviews",
        None,
        _signed_in(404, candidate=409, pending=403, admin=409),
    ),
    (
        "get_interview_integrity",
        "GET",
        lambda w: f"/interviews/{w.interview['id']}/integrity",
        None,
        _signed_in(0) | ONLY_INTERVIEW_PARTIES | {"candidate": 403, "pending": 403},
    ),
    (
        "list_posting_candidates",
        "GET",
        lambda w: f"/job-postings/{w.posting['id']}/candidates",
        None,
        _signed_in(200, **NOT_ORG_404, **CANDIDATES_403) | {"pending": 403},
    ),
    (
        "export_posting_candidates",
        "GET",
        lambda w: f"/job-postings/{w.posting['id']}/candidates/export",
        None,
        _signed_in(200, **NOT_ORG_404, **CANDIDATES_403) | {"pending": 403},
    ),
    (
        "rename_stages",
        "PATCH",
        lambda w: "/organizations/me/stages",
        lambda w: {"stage_labels": {"hired": "Offer made"}},
        _signed_in(403, owner=200, other_org=200),
    ),
    # The AI notice: whoever may view the interview reads it; only its candidate consents (a
    # consent given already is answered as it stands).
    (
        "get_interview_notice",
        "GET",
        lambda w: f"/interviews/{w.interview['id']}/notice",
        None,
        _signed_in(0) | ONLY_INTERVIEW_PARTIES,
    ),
    (
        "get_interview_notice (practice)",
        "GET",
        lambda w: f"/interviews/{w.practice['id']}/notice",
        None,
        _signed_in(404, candidate=200, admin=200),
    ),
    (
        "consent_interview",
        "POST",
        lambda w: f"/interviews/{w.interview['id']}/consent",
        lambda w: {"version": "any"},
        _signed_in(0) | ONLY_INTERVIEW_PARTIES | {"member": 403, "owner": 403, "admin": 403},
    ),
    (
        "consent_interview (practice)",
        "POST",
        lambda w: f"/interviews/{w.practice['id']}/consent",
        lambda w: {"version": "any"},
        _signed_in(404, candidate=409, admin=403),
    ),
    (
        "start_interview",
        "POST",
        lambda w: f"/interviews/{w.interview['id']}/start",
        None,
        _signed_in(0)
        | ONLY_INTERVIEW_PARTIES
        | {"candidate": 409, "member": 409, "owner": 409, "admin": 409},
    ),
    (
        "complete_interview",
        "POST",
        lambda w: f"/interviews/{w.interview['id']}/complete",
        None,
        _signed_in(0) | ONLY_INTERVIEW_PARTIES,
    ),
    (
        "cancel_interview",
        "POST",
        lambda w: f"/interviews/{w.interview['id']}/cancel",
        None,
        _signed_in(0)
        | ONLY_INTERVIEW_PARTIES
        | {"candidate": 409, "member": 409, "owner": 409, "admin": 409},
    ),
    (
        "create_transcript",
        "POST",
        lambda w: "/transcripts",
        lambda w: {"interview_id": w.interview["id"], "text": "an answer"},
        _signed_in(0)
        | ONLY_INTERVIEW_PARTIES
        | {"candidate": 409, "member": 403, "owner": 403, "admin": 403},
    ),
    (
        "create_stt_token",
        "POST",
        lambda w: "/stt/token",
        lambda w: {"interview_id": w.interview["id"]},
        _signed_in(0)
        | ONLY_INTERVIEW_PARTIES
        | {"candidate": 409, "member": 403, "owner": 403, "admin": 403},
    ),
    (
        "upload_answer_audio",
        "POST",
        lambda w: f"/interviews/{w.interview['id']}/audio",
        lambda w: b"RIFF",
        _signed_in(0)
        | ONLY_INTERVIEW_PARTIES
        | {"candidate": 409, "member": 403, "owner": 403, "admin": 403},
    ),
    # the question bank
    (
        "list_questions",
        "GET",
        lambda w: "/questions",
        None,
        _signed_in(200, pending=403, **CANDIDATES_403),
    ),
    (
        "create_question",
        "POST",
        lambda w: "/questions",
        lambda w: _new_question_body(),
        _signed_in(201, pending=403, **CANDIDATES_403),
    ),
    (
        "get_question (own)",
        "GET",
        lambda w: f"/questions/{w.question['id']}",
        None,
        _signed_in(200, other_org=404, pending=403, **CANDIDATES_403),
    ),
    (
        "get_question (another organization's)",
        "GET",
        lambda w: f"/questions/{w.other_question['id']}",
        None,
        _signed_in(404, other_org=200, pending=403, admin=200, **CANDIDATES_403),
    ),
    (
        "get_question (curated)",
        "GET",
        lambda w: "/questions/1",
        None,
        _signed_in(200, pending=403, **CANDIDATES_403),
    ),
    (
        "update_question (own)",
        "PATCH",
        lambda w: f"/questions/{w.question['id']}",
        lambda w: {},
        _signed_in(200, other_org=404, pending=403, admin=403, **CANDIDATES_403),
    ),
    (
        "get_question_generation",
        "GET",
        lambda w: "/questions/generation",
        None,
        _signed_in(200, pending=403, **CANDIDATES_403),
    ),
    (
        # Offline in the tests: the callers allowed get 409 generation_unavailable.
        "request_question_drafts",
        "POST",
        lambda w: f"/job-postings/{w.posting['id']}/question-drafts",
        lambda w: {"count": 1},
        _signed_in(409, **NOT_ORG_404, **CANDIDATES_403, admin=403),
    ),
    (
        "list_question_drafts",
        "GET",
        lambda w: f"/job-postings/{w.posting['id']}/question-drafts",
        None,
        _signed_in(200, **NOT_ORG_404, **CANDIDATES_403, admin=403),
    ),
    (
        # The organization's own question is no draft: the members allowed get 409 not_a_draft.
        "review_question",
        "POST",
        lambda w: f"/questions/{w.question['id']}/review",
        lambda w: {"decision": "approve"},
        _signed_in(409, other_org=404, pending=403, admin=403, **CANDIDATES_403),
    ),
    (
        "update_question (curated)",
        "PATCH",
        lambda w: "/questions/1",
        lambda w: {},
        _signed_in(403, admin=200),
    ),
    (
        "list_question_versions",
        "GET",
        lambda w: f"/questions/{w.question['id']}/versions",
        None,
        _signed_in(200, other_org=404, pending=403, **CANDIDATES_403),
    ),
    (
        "get_question_stats",
        "GET",
        lambda w: "/questions/stats",
        None,
        _signed_in(200, pending=403, **CANDIDATES_403),
    ),
    # accounts
    ("list_users", "GET", lambda w: "/users", None, _signed_in(403, admin=200)),
    (
        "update_user",
        "PATCH",
        lambda w: f"/users/{w.accounts['other_candidate'].id}",
        lambda w: {"role": "candidate"},
        _signed_in(403, admin=200),
    ),
    # invitations
    (
        "list_invitations",
        "GET",
        lambda w: "/invitations",
        None,
        _signed_in(200, pending=403, **CANDIDATES_403),
    ),
    (
        "preview_invitation",
        "POST",
        lambda w: "/invitations/preview",
        lambda w: {"token": w.token(w.invitation)},
        _all(200),
    ),
    # The link was sent to someone else: a forwarded link is refused to every account.
    (
        "accept_invitation",
        "POST",
        lambda w: "/invitations/accept",
        lambda w: {"token": w.token(w.invitation)},
        _signed_in(403),
    ),
    (
        "revoke_invitation",
        "POST",
        lambda w: f"/invitations/{w.revocable['id']}/revoke",
        None,
        _signed_in(404, member=200, owner=200, admin=403),
    ),
    (
        "resend_invitation",
        "POST",
        lambda w: f"/invitations/{w.resendable['id']}/resend",
        None,
        _signed_in(404, member=200, owner=200, admin=403),
    ),
    # the audit trail: owners (their organization's) and admins
    (
        "list_audit_events",
        "GET",
        lambda w: "/audit-events",
        None,
        _signed_in(403, owner=200, other_org=200, admin=200),
    ),
]


def _call(client, world: World, actor: str, method: str, path: str, body: Any):
    headers = {} if actor == "anonymous" else dict(world.accounts[actor].auth)
    if isinstance(body, bytes):
        return client.request(
            method, path, content=body, headers={**headers, "Content-Type": "audio/webm"}
        )
    return client.request(method, path, json=body, headers=headers)


def test_every_endpoint_answers_each_caller_as_the_rules_say(platform, world):
    from interview_core.function_catalog import HTTP_FUNCTIONS

    client = platform.client
    covered = {name.split(" (")[0] for name, *_ in MATRIX}
    assert covered == {f.name for f in HTTP_FUNCTIONS}, "every endpoint has its rows"

    wrong = []
    cells = 0
    for name, method, path, body, expected in MATRIX:
        for actor in ACTORS:
            response = _call(
                client, world, actor, method, path(world), body(world) if body else None
            )
            cells += 1
            if response.status_code != expected[actor]:
                wrong.append(
                    f"{name} as {actor}: {response.status_code} (expected {expected[actor]}) "
                    f"{response.text[:160]}"
                )
    assert not wrong, "\n".join(wrong)
    assert cells == len(MATRIX) * len(ACTORS) >= 300
    print(f"access matrix: {len(MATRIX)} rows x {len(ACTORS)} callers = {cells} cells")


def test_lists_hold_only_what_each_caller_may_see(platform, world):
    client = platform.client
    accounts = world.accounts
    neighbours = platform.neighbours

    def ids(path: str, who: str) -> set[int]:
        response = client.get(path, headers=accounts[who].auth)
        assert response.status_code == 200, response.text
        return {row["id"] for row in response.json()}

    # Interviews: the candidate their own (practice included); the organization its real ones only.
    assert ids("/interviews", "candidate") == {world.interview["id"], world.practice["id"]}
    assert ids("/interviews", "member") == ids("/interviews", "owner") == {world.interview["id"]}
    assert ids("/interviews", "other_org") == set()
    assert ids("/interviews", "other_candidate") == set()
    assert {world.interview["id"], world.practice["id"]} | neighbours.interview_ids <= ids(
        "/interviews", "admin"
    )
    # Postings: an organization its own; candidates every open one; admins all.
    assert ids("/job-postings", "member") == {world.posting["id"]}
    assert ids("/job-postings", "other_org") == {world.other_posting["id"]}
    assert {world.posting["id"], world.other_posting["id"]} <= ids("/job-postings", "candidate")
    # Questions: the curated bank and the organization's own, never another organization's.
    mine = ids("/questions?limit=500", "member")
    theirs = ids("/questions?limit=500", "other_org")
    assert world.question["id"] in mine and world.other_question["id"] not in mine
    assert world.other_question["id"] in theirs and world.question["id"] not in theirs
    assert not (mine | theirs) & neighbours.question_ids
    assert ids("/questions?owner=organization&limit=500", "member") == {world.question["id"]}
    assert {world.question["id"], world.other_question["id"]} | neighbours.question_ids <= ids(
        "/questions?limit=500&owner=organization", "admin"
    )
    # Invitations and the audit trail: the organization's own.
    assert world.invitation["id"] in ids("/invitations", "member")
    assert ids("/invitations", "other_org") == set()
    trail = client.get("/audit-events?limit=500", headers=accounts["owner"].auth).json()
    assert {e["organization_id"] for e in trail} == {accounts["owner"].organization_id}
    other_trail = client.get("/audit-events?limit=500", headers=accounts["other_org"].auth).json()
    assert {e["organization_id"] for e in other_trail} == {accounts["other_org"].organization_id}
    owner_asking_for_theirs = client.get(
        f"/audit-events?organization_id={accounts['other_org'].organization_id}",
        headers=accounts["owner"].auth,
    )
    assert owner_asking_for_theirs.status_code == 404


def test_rubrics_are_for_approved_organizations_and_admins_never_candidates(platform, world):
    client = platform.client
    path = f"/interviews/{world.interview['id']}/questions"
    for who in ("member", "owner", "admin"):
        assert all(
            q["rubric_json"] for q in client.get(path, headers=world.accounts[who].auth).json()
        )
    candidate_view = client.get(path, headers=world.accounts["candidate"].auth).json()
    assert candidate_view and all(q["rubric_json"] is None for q in candidate_view)
    practice = client.get(
        f"/interviews/{world.practice['id']}/questions", headers=world.accounts["candidate"].auth
    )
    assert all(q["rubric_json"] is None for q in practice.json())


def _fingerprint(sql) -> dict[str, str]:
    tables = (
        "job_postings",
        "questions",
        "question_versions",
        "invitations",
        "interviews",
        "interview_questions",
    )
    return {
        table: sql.execute(
            f"SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS h "
            f"FROM {table} t"
        ).fetchone()["h"]
        for table in tables
    }


def test_another_organization_changes_nothing_of_the_first(platform, world, sql):
    """Every write of the other organization's owner on the first one's data is refused, and the
    data is the same afterwards."""
    client = platform.client
    intruder = world.accounts["other_org"]
    before = _fingerprint(sql)
    attempts = [
        ("PATCH", f"/job-postings/{world.posting['id']}", {"status": "closed"}),
        ("PATCH", f"/job-postings/{world.posting['id']}", {"title": "Hijacked"}),
        (
            "PATCH",
            f"/questions/{world.question['id']}",
            {"rubric_json": {"criteria": [{"name": "x", "weight": 1}]}},
        ),
        ("PATCH", f"/questions/{world.question['id']}", {"is_active": False}),
        ("PATCH", "/questions/1", {"rubric_json": {"criteria": [{"name": "x", "weight": 1}]}}),
        ("PATCH", "/questions/1", {"is_active": False}),
        (
            "POST",
            f"/job-postings/{world.posting['id']}/invitations",
            {"emails": ["friend@example.org"]},
        ),
        ("POST", f"/invitations/{world.invitation['id']}/revoke", None),
        ("POST", f"/invitations/{world.invitation['id']}/resend", None),
        ("POST", f"/interviews/{world.interview['id']}/cancel", None),
        (
            "POST",
            "/interviews",
            {
                "job_posting_id": world.posting["id"],
                "candidate_id": world.accounts["candidate"].id,
                "retake": True,
            },
        ),
    ]
    for method, path, body in attempts:
        response = client.request(method, path, json=body, headers=intruder.auth)
        assert response.status_code in (403, 404), (
            method,
            path,
            response.status_code,
            response.text,
        )
    assert _fingerprint(sql) == before
    print(f"another organization's recruiter: {len(attempts)} writes refused, nothing changed")


@pytest.mark.parametrize("role", ["admin", "ADMIN"])
def test_nobody_registers_as_admin(platform, role):
    response = platform.client.post(
        "/register",
        json={
            "email": "boss@example.com",
            "username": "boss",
            "password": "pass-phrase-42",
            "role": role,
        },
    )
    assert response.status_code in (403, 422)
    assert (
        platform.client.post(
            "/token", json={"username": "boss", "password": "pass-phrase-42"}
        ).status_code
        == 401
    )
