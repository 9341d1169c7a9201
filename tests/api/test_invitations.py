"""Invitations: e-mailed through a real SMTP server, a single-use link with an expiry, revocable
and re-sendable, that signs the person up or in and lands them in their interview."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlparse

from interview_core.local.mailbox import list_mail

from tests.api.helpers import create_interview, create_posting, invite, sign_up


def _link_token(mail) -> str:
    [link] = [link for link in mail.links if "/invite?" in link]
    return parse_qs(urlparse(link).query)["token"][0]


def _mail_to(platform, address: str):
    return [m for m in list_mail(platform.mail_folder) if address in m.to]


def test_a_candidate_invited_by_email_signs_up_through_the_link_and_lands_in_the_interview(
    platform, sql
):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = create_posting(client, recruiter, title="백엔드 개발자 (서울)", language="ko")

    # Given three addresses at once (one twice, one a recruiter's account)
    response = client.post(
        f"/job-postings/{posting['id']}/invitations",
        headers=recruiter.auth,
        json={
            "emails": [
                "jiwoo@example.org",
                "minho@example.org",
                "jiwoo@example.org",
                recruiter.email,
            ],
            "deadline": "2099-06-30T18:00:00+09:00",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert [i["email"] for i in body["invitations"]] == ["jiwoo@example.org", "minho@example.org"]
    assert body["skipped"] == [
        {
            "email": recruiter.email,
            "reason": "this address belongs to a recruiter or administrator account",
        }
    ]
    assert all(i["status"] == "pending" and i["sent_at"] is None for i in body["invitations"])

    # When the mail worker runs, each gets an e-mail through SMTP with their own link
    platform.run_workers()
    [mail] = _mail_to(platform, "jiwoo@example.org")
    assert "면접에 초대합니다" in mail.subject and "백엔드 개발자 (서울)" in mail.subject
    assert "AI 면접관" in mail.text and "2099-06-30 09:00 UTC" in mail.text
    token = _link_token(mail)
    assert token != _link_token(_mail_to(platform, "minho@example.org")[0])
    listed = client.get(
        f"/invitations?job_posting_id={posting['id']}", headers=recruiter.auth
    ).json()
    assert all(i["sent_at"] is not None and i["send_count"] == 1 for i in listed)
    assert "token" not in str(listed).lower() and token.split(".")[1] not in str(listed)
    platform.run_workers()
    assert len(_mail_to(platform, "jiwoo@example.org")) == 1, "a delivered link is not sent twice"

    # The link's page shows what it invites to, before any sign-in
    preview = client.post("/invitations/preview", json={"token": token})
    assert preview.status_code == 200
    assert preview.json()["organization_name"] == recruiter.username.title()
    assert (
        preview.json()["job_posting_title"] == "백엔드 개발자 (서울)"
        and preview.json()["email"] == "jiwoo@example.org"
    )

    # Signing up through it makes a candidate account and the interview, in one go
    registered = client.post(
        "/register",
        json={
            "email": "jiwoo@example.org",
            "username": "jiwoo",
            "password": "pass-phrase-42",
            "invitation_token": token,
        },
    )
    assert registered.status_code == 201 and registered.json()["role"] == "candidate"
    jiwoo = {
        "Authorization": "Bearer "
        + client.post("/token", json={"username": "jiwoo", "password": "pass-phrase-42"}).json()[
            "access_token"
        ]
    }
    accepted = client.post("/invitations/accept", json={"token": token}, headers=jiwoo)
    assert accepted.status_code == 200 and accepted.json()["kind"] == "candidate"
    interview = client.get(f"/interviews/{accepted.json()['interview_id']}", headers=jiwoo).json()
    assert interview["kind"] == "real" and interview["job_posting_id"] == posting["id"]
    assert interview["deadline"].startswith("2099-06-30T09:00")
    assert [i["id"] for i in client.get("/interviews", headers=recruiter.auth).json()] == [
        interview["id"]
    ]
    assert (
        client.post("/invitations/accept", json={"token": token}, headers=jiwoo).json()[
            "interview_id"
        ]
        == interview["id"]
    ), "accepting again lands in the same interview"

    # The link is single-use: anyone else who has it is refused, and signing up with it fails
    other = sign_up(client)
    assert (
        client.post("/invitations/accept", json={"token": token}, headers=other.auth).status_code
        == 403
    )
    reuse = client.post(
        "/register",
        json={
            "email": "jiwoo2@example.org",
            "username": "jiwoo2",
            "password": "pass-phrase-42",
            "invitation_token": token,
        },
    )
    assert reuse.status_code == 403
    assert (
        sql.execute("SELECT count(*) AS n FROM users WHERE username = 'jiwoo2'").fetchone()["n"]
        == 0
    )


def test_a_forwarded_link_works_only_for_the_address_it_was_sent_to(platform):
    client = platform.client
    recruiter, candidate, friend = sign_up(client, "recruiter"), sign_up(client), sign_up(client)
    posting = create_posting(client, recruiter)
    [invitation] = invite(client, recruiter, posting["id"], candidate.email)
    platform.run_workers()
    token = _link_token(_mail_to(platform, candidate.email)[0])

    refused = client.post("/invitations/accept", json={"token": token}, headers=friend.auth)
    signup = client.post(
        "/register",
        json={
            "email": "friend@example.org",
            "username": "friendly",
            "password": "pass-phrase-42",
            "invitation_token": token,
        },
    )
    accepted = client.post("/invitations/accept", json={"token": token}, headers=candidate.auth)

    assert refused.status_code == 403 and "another e-mail address" in refused.json()["detail"]
    assert signup.status_code == 403
    assert accepted.status_code == 200 and accepted.json()["invitation_id"] == invitation["id"]


def test_revoked_expired_replaced_and_forged_links_stop_working(platform, sql):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    posting = create_posting(client, recruiter)
    [invitation] = invite(client, recruiter, posting["id"], candidate.email)
    platform.run_workers()
    first = _link_token(_mail_to(platform, candidate.email)[0])

    # Resent: a new e-mail with a new link; the first link is dead
    resent = client.post(f"/invitations/{invitation['id']}/resend", headers=recruiter.auth)
    platform.run_workers()
    mails = _mail_to(platform, candidate.email)
    second = _link_token(mails[-1])
    assert resent.status_code == 200 and len(mails) == 2 and second != first
    assert client.post("/invitations/preview", json={"token": first}).status_code == 404
    assert (
        client.post(
            "/invitations/accept", json={"token": first}, headers=candidate.auth
        ).status_code
        == 404
    )

    # Revoked: the link says so
    revoked = client.post(f"/invitations/{invitation['id']}/revoke", headers=recruiter.auth)
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    said = client.post("/invitations/accept", json={"token": second}, headers=candidate.auth)
    assert said.status_code == 409 and "withdrawn" in said.json()["detail"]

    # Resending a revoked one opens it again; past its expiry it has expired
    client.post(f"/invitations/{invitation['id']}/resend", headers=recruiter.auth)
    platform.run_workers()
    third = _link_token(_mail_to(platform, candidate.email)[-1])
    sql.execute(
        "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = %s",
        (invitation["id"],),
    )
    expired = client.post("/invitations/accept", json={"token": third}, headers=candidate.auth)
    assert expired.status_code == 409 and "expired" in expired.json()["detail"]
    assert (
        client.get("/invitations?status=expired", headers=recruiter.auth).json()[0]["id"]
        == invitation["id"]
    )

    # Forged or mangled tokens are simply not found
    invitation_id, mac = third.split(".")
    for forged in (
        f"{invitation_id}.{'A' * 43}",
        f"{invitation_id + '1'}.{mac}",
        third[:-1],
        "1",
        "x" * 200,
    ):
        assert client.post("/invitations/preview", json={"token": forged}).status_code == 404, (
            forged
        )
    assert client.post("/invitations/preview", json={"token": ""}).status_code == 422


def test_a_second_real_interview_needs_a_retake_and_a_closed_posting_takes_no_invitations(platform):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    posting = create_posting(client, recruiter)
    [_invitation] = invite(client, recruiter, posting["id"], candidate.email)
    platform.run_workers()
    client.post(
        "/invitations/accept",
        json={"token": _link_token(_mail_to(platform, candidate.email)[0])},
        headers=candidate.auth,
    )

    again = client.post(
        f"/job-postings/{posting['id']}/invitations",
        json={"emails": [candidate.email]},
        headers=recruiter.auth,
    ).json()
    retake = client.post(
        f"/job-postings/{posting['id']}/invitations",
        json={"emails": [candidate.email], "retake": True},
        headers=recruiter.auth,
    ).json()
    assert again["invitations"] == [] and "retake" in again["skipped"][0]["reason"]
    assert retake["invitations"][0]["retake"] is True

    client.patch(
        f"/job-postings/{posting['id']}", json={"status": "closed"}, headers=recruiter.auth
    )
    closed = client.post(
        f"/job-postings/{posting['id']}/invitations",
        json={"emails": ["x@example.org"]},
        headers=recruiter.auth,
    )
    assert closed.status_code == 409 and "closed" in closed.json()["detail"]


def test_an_interview_past_its_deadline_cannot_be_started(platform, sql):
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    posting = create_posting(client, recruiter)
    invite(client, recruiter, posting["id"], candidate.email, deadline="2099-01-01T00:00:00Z")
    platform.run_workers()
    accepted = client.post(
        "/invitations/accept",
        json={"token": _link_token(_mail_to(platform, candidate.email)[0])},
        headers=candidate.auth,
    ).json()
    sql.execute(
        "UPDATE interviews SET deadline = now() - interval '1 hour' WHERE id = %s",
        (accepted["interview_id"],),
    )

    start = client.post(f"/interviews/{accepted['interview_id']}/start", headers=candidate.auth)
    answer = client.post(
        "/transcripts",
        json={"interview_id": accepted["interview_id"], "text": "늦은 답변"},
        headers=candidate.auth,
    )
    assert start.status_code == answer.status_code == 409 and "deadline" in start.json()["detail"]


def test_a_mail_that_could_not_be_sent_is_retried_and_found_again_by_recovery(
    platform, sql, monkeypatch
):
    from interview_core.db.connection import get_database
    from interview_core.jobs.publisher import get_publisher
    from interview_core.mail.sender import get_mail_sender
    from interview_core.mail.settings import get_mail_settings
    from interview_core.services.recovery import requeue_lost_jobs

    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = create_posting(client, recruiter)

    # The mail server is down: the job fails and stays queued; the invitation says it is on its way
    port = os.environ["SMTP_PORT"]
    monkeypatch.setenv("SMTP_PORT", "9")  # discard: nothing listens
    get_mail_settings.cache_clear()
    get_mail_sender.cache_clear()
    [invitation] = invite(client, recruiter, posting["id"], "later@example.org")
    platform.run_workers()
    assert _mail_to(platform, "later@example.org") == []
    assert client.get("/invitations", headers=recruiter.auth).json()[0]["sent_at"] is None

    # The job is lost altogether (a dead-lettered message, a failed SQS send): recovery queues it
    # again
    sql.execute("SELECT pgmq.purge_queue('mail')")
    sql.execute(
        "UPDATE invitations SET issued_at = now() - interval '10 minutes' WHERE id = %s",
        (invitation["id"],),
    )
    requeued = requeue_lost_jobs(
        get_database(), get_publisher(), older_than_seconds=300, newer_than_seconds=7200
    )
    assert requeued.mail_jobs == [invitation["id"]]

    # Back up: delivered once
    monkeypatch.setenv("SMTP_PORT", port)
    get_mail_settings.cache_clear()
    get_mail_sender.cache_clear()
    platform.run_workers()
    assert len(_mail_to(platform, "later@example.org")) == 1


def test_practice_interviews_stay_the_candidates_own(platform):
    """A candidate practising for a posting: the curated bank only, and no organization sees it."""
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    posting = create_posting(client, recruiter)
    own = client.post(
        "/questions",
        headers=recruiter.auth,
        json={
            "content": "우리 회사 결제 시스템의 장애를 어떻게 막겠습니까?",
            "category": "technical",
            "difficulty": "easy",
            "position": "Backend Developer",
            "language": "ko",
            "rubric_json": {"criteria": [{"name": "payments", "weight": 1}]},
        },
    ).json()

    runs = [create_interview(client, candidate, job_posting_id=posting["id"]) for _ in range(4)]

    asked = {q["id"] for run in runs for q in run["questions"]}
    assert all(run["kind"] == "practice" and run["job_posting_id"] is None for run in runs)
    assert all(q["rubric_json"] is None for run in runs for q in run["questions"])
    assert own["id"] not in asked and not asked & platform.neighbours.question_ids, (
        "the curated bank only"
    )
    assert client.get("/interviews", headers=recruiter.auth).json() == []
    assert (
        client.get(f"/interviews?job_posting_id={posting['id']}", headers=recruiter.auth).json()
        == []
    )
    assert all(
        client.get(f"/interviews/{run['id']}", headers=recruiter.auth).status_code == 404
        for run in runs
    )
    assert client.get("/questions/stats", headers=recruiter.auth).json() == []
    assert {i["kind"] for i in client.get("/interviews", headers=candidate.auth).json()} == {
        "practice"
    }
    # A real interview for the same posting, by invitation, is still possible and asks the
    # organization's question.
    [invitation] = invite(client, recruiter, posting["id"], candidate.email)
    from tests.api.helpers import invitation_token

    real = client.post(
        "/invitations/accept",
        json={"token": invitation_token(invitation["id"])},
        headers=candidate.auth,
    ).json()
    questions = client.get(
        f"/interviews/{real['interview_id']}/questions", headers=candidate.auth
    ).json()
    assert own["id"] in {q["id"] for q in questions}, (
        "a real interview draws on the organization's own questions"
    )


def test_inviting_again_renews_the_link_and_keeps_the_deadline_unless_a_new_one_is_given(platform):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = create_posting(client, recruiter)
    [first] = invite(
        client, recruiter, posting["id"], "again@example.org", deadline="2099-03-01T00:00:00Z"
    )
    [same] = invite(client, recruiter, posting["id"], "again@example.org")
    [moved] = invite(
        client, recruiter, posting["id"], "again@example.org", deadline="2099-04-01T00:00:00Z"
    )

    assert first["id"] == same["id"] == moved["id"]
    assert same["deadline"].startswith("2099-03-01") and moved["deadline"].startswith("2099-04-01")
    trail = client.get(
        f"/audit-events?target_type=invitation&target_id={first['id']}", headers=recruiter.auth
    ).json()
    assert [e["action"] for e in trail] == [
        "invitation.resent",
        "invitation.resent",
        "invitation.created",
    ]
