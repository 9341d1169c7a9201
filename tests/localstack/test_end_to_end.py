"""Through the LocalStack API Gateway URL, every call an API Gateway -> Lambda invocation (a host
process running the layers), every job through SQS to its consumer Lambda, the results in the
embedded PostgreSQL, the functions logged in as the application's role (not the schema's owner):

1. the seed's scenario 1: sign up, log in, an interview, an answer (its sentiment job), complete
   (the report job), the report;
2. organizations and invitations: an admin (`interview users create-admin`) approves a
   recruiter's organization, the recruiter's posting (its embed job) and an invitation (its mail
   job: the mail worker sends it by SMTP to the run's mail server), the invited candidate signs
   up through the mailed link and lands in the interview; the audit trail has it all.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import psycopg
from psycopg.rows import dict_row

from tests.localstack.conftest import LocalStage

ANSWER = "저는 FastAPI와 PostgreSQL 경험이 3년 있습니다."
REPORT_DEADLINE_S = 60


def _sqs_depths(stage: LocalStage) -> dict[str, int]:
    import boto3

    sqs = boto3.client(
        "sqs",
        endpoint_url=stage.localstack.endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    depths = {}
    for key, url in stage.deployment.outputs.items():
        if key.endswith("QueueUrl"):
            attributes = sqs.get_queue_attributes(
                QueueUrl=url,
                AttributeNames=[
                    "ApproximateNumberOfMessages",
                    "ApproximateNumberOfMessagesNotVisible",
                ],
            )["Attributes"]
            depths[key] = sum(int(v) for v in attributes.values())
    return depths


def _consumers_ran_and_queues_drained(
    stage: LocalStage, kinds: tuple[str, ...], deadline: float
) -> None:
    def consumer_logs() -> dict[str, list]:
        return {
            kind: [
                p
                for p in stage.localstack.lambda_logs.glob(f"*{kind}worker*.log")
                if "REPORT RequestId" in p.read_text(errors="replace")
            ]
            for kind in kinds
        }

    while not all(consumer_logs().values()) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert all(consumer_logs().values()), f"a consumer Lambda never ran: {consumer_logs()}"
    while time.monotonic() < deadline and any(
        _sqs_depths(stage)[f"{kind.title()}QueueUrl"] for kind in kinds
    ):
        time.sleep(0.5)
    depths = _sqs_depths(stage)
    assert {
        key: depths[key] for key in depths if key.startswith(tuple(k.title() for k in kinds))
    } == {
        f"{kind.title()}{queue}Url": 0 for kind in kinds for queue in ("Queue", "DeadLetterQueue")
    }


def _recorder(calls: list[str]):
    def call(client: httpx.Client, method: str, path: str, **kwargs) -> httpx.Response:
        began = time.monotonic()
        response = client.request(method, path, **kwargs)
        calls.append(
            f"{method} {path} -> {response.status_code} ({(time.monotonic() - began) * 1000:.0f} "
            f"ms)"
        )
        return response

    return call


def test_seed_scenario_1_on_localstack(local_stage: LocalStage) -> None:
    stage = local_stage
    calls: list[str] = []
    call = _recorder(calls)

    began = time.monotonic()
    try:
        with httpx.Client(base_url=stage.api_url, timeout=60) as api:
            health = call(api, "GET", "/health")
            assert health.status_code == 200 and health.json()["database"] == "ok", health.text

            # 1. sign up
            user = call(
                api,
                "POST",
                "/register",
                json={
                    "email": "test@example.com",
                    "username": "testuser",
                    "password": "test1234",
                    "full_name": "테스트 유저",
                    "role": "candidate",
                },
            )
            assert user.status_code == 201, user.text
            assert user.json()["full_name"] == "테스트 유저" and user.json()["role"] == "candidate"
            # 2. log in
            token = call(
                api, "POST", "/token", json={"username": "testuser", "password": "test1234"}
            )
            assert token.status_code == 200 and token.json()["token_type"] == "bearer", token.text
            auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
            # 3. create an interview
            interview = call(
                api, "POST", "/interviews", headers=auth, json={"position": "Backend Developer"}
            )
            assert interview.status_code == 201, interview.text
            assert interview.json()["id"] == 1 and interview.json()["status"] == "scheduled"
            # 4. the questions
            questions = call(api, "GET", "/interviews/1/questions", headers=auth)
            assert questions.status_code == 200 and len(questions.json()) == 5, questions.text
            assert questions.json()[0]["id"] == 1
            # 5. an answer: its sentiment job goes to the sentiment queue
            transcript = call(
                api,
                "POST",
                "/transcripts",
                headers=auth,
                json={
                    "interview_id": 1,
                    "speaker": "User",
                    "text": ANSWER,
                    "question_id": 1,
                },
            )
            assert transcript.status_code == 201, transcript.text
            assert transcript.json()["speaker"] == "User" and transcript.json()["order"] == 6
            # 6. complete: the report job goes to the report queue
            completed = call(api, "POST", "/interviews/1/complete", headers=auth)
            assert completed.status_code == 200 and completed.json()["status"] == "completed", (
                completed.text
            )
            # 7. the report, once the report consumer has written it
            deadline = time.monotonic() + REPORT_DEADLINE_S
            while (
                report := call(api, "GET", "/interviews/1/report", headers=auth)
            ).status_code == 202:
                assert time.monotonic() < deadline, f"no report after {REPORT_DEADLINE_S} s"
                time.sleep(0.5)
            assert report.status_code == 200, report.text
            body = report.json()
            assert body["interview_id"] == 1 and body["evaluator_model"]
            assert body["technical_score"] > 0 and body["summary_text"]
            # The candidate's own view: feedback and (practice) scores, never the evidence or
            # rubric.
            assert body["view"] == "candidate" and "details_json" not in body
            first = next(q for q in body["questions"] if q["question_id"] == 1)
            assert first["answered"] and first["score"] is not None

        # The sentiment consumer's work, in the database (it may finish after the report).
        with psycopg.connect(stage.database_url, row_factory=dict_row, autocommit=True) as conn:
            while True:
                line = conn.execute(
                    "SELECT sentiment_score, emotion FROM transcripts "
                    "WHERE interview_id = 1 AND speaker = 'User'"
                ).fetchone()
                if line["sentiment_score"] is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            assert line["sentiment_score"] is not None and line["emotion"] == "neutral", line
            details = conn.execute(
                "SELECT details_json FROM evaluation_reports WHERE interview_id = 1"
            ).fetchone()
            first = next(q for q in details["details_json"]["questions"] if q["question_id"] == 1)
            assert first["evidence"][0]["quote"] == ANSWER
            reports = conn.execute(
                "SELECT i.position, e.technical_score FROM evaluation_reports e "
                "JOIN interviews i ON e.interview_id = i.id"
            ).fetchall()
            assert reports == [
                {"position": "Backend Developer", "technical_score": body["technical_score"]}
            ]

        # Every job went through SQS to its consumer; nothing was left behind or dead-lettered.
        _consumers_ran_and_queues_drained(stage, ("sentiment", "report"), deadline)
    except BaseException:
        # Shown with the failure: what LocalStack and the Lambdas said.
        print("\n".join(calls))
        print(stage.diagnostics())
        raise
    finally:
        for line in calls:
            stage.say(f"  {line}")
    stage.say(f"scenario 1 through API Gateway + SQS: {time.monotonic() - began:.1f} s")


def _create_admin(stage: LocalStage, tmp_path: Path) -> None:
    """`interview users create-admin`, as an operator runs it (the owner's login, locally)."""
    cli = Path(sys.executable).with_name("interview")
    env = {
        **os.environ,
        "DATABASE_URL": stage.database_url,
        "INTERVIEW_DATA_DIR": str(tmp_path),  # not the developer's .data/ (its secret key)
        "QUEUE_BACKEND": "sqs",  # nothing is queued; no PGMQ in this database
    }
    created = subprocess.run(
        [
            str(cli),
            "users",
            "create-admin",
            "--email",
            "ops@example.com",
            "--username",
            "ops",
            "--password",
            "ops-password-1",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert created.returncode == 0, created.stdout + created.stderr


def test_an_approved_organization_invites_by_mail_through_sqs_on_localstack(
    local_stage: LocalStage, tmp_path: Path
) -> None:
    from interview_core.local.mailbox import list_mail

    stage = local_stage
    calls: list[str] = []
    call = _recorder(calls)
    began = time.monotonic()
    deadline = began + REPORT_DEADLINE_S
    invitee = "invitee@example.org"

    def login(api: httpx.Client, username: str, password: str) -> dict[str, str]:
        token = call(api, "POST", "/token", json={"username": username, "password": password})
        assert token.status_code == 200, token.text
        return {"Authorization": f"Bearer {token.json()['access_token']}"}

    try:
        _create_admin(stage, tmp_path)
        with httpx.Client(base_url=stage.api_url, timeout=60) as api:
            admin = login(api, "ops", "ops-password-1")
            # A recruiter founds an organization: pending, so no posting yet
            registered = call(
                api,
                "POST",
                "/register",
                json={
                    "email": "hr@example.com",
                    "username": "recruiter1",
                    "password": "test1234",
                    "role": "recruiter",
                    "organization_name": "Acme 채용팀",
                },
            )
            assert registered.status_code == 201, registered.text
            organization = registered.json()["organization"]
            assert organization["status"] == "pending"
            hr = login(api, "recruiter1", "test1234")
            posting_body = {"title": "Backend", "position": "Backend Developer", "language": "ko"}
            refused = call(api, "POST", "/job-postings", headers=hr, json=posting_body)
            assert refused.status_code == 403, refused.text
            # The admin sees it pending and approves it
            pending = call(api, "GET", "/organizations", headers=admin)
            assert pending.status_code == 200, pending.text
            assert organization["id"] in [
                o["id"] for o in pending.json() if o["status"] == "pending"
            ]
            approved = call(
                api, "POST", f"/organizations/{organization['id']}/approve", headers=admin
            )
            assert approved.status_code == 200 and approved.json()["status"] == "approved", (
                approved.text
            )

            # The posting queues an embed job for the embed worker (on this stage, without the
            # embeddings layer, it has no model: it logs so and does nothing)
            posting = call(api, "POST", "/job-postings", headers=hr, json=posting_body)
            assert posting.status_code == 201, posting.text
            posting_id = posting.json()["id"]
            # The invitation queues a mail job; the mail worker sends it by SMTP and marks it sent
            invited = call(
                api,
                "POST",
                f"/job-postings/{posting_id}/invitations",
                headers=hr,
                json={"emails": [invitee]},
            )
            assert invited.status_code == 201, invited.text
            [invitation] = invited.json()["invitations"]
            assert invitation["sent_at"] is None
            while True:
                listed = call(api, "GET", f"/invitations?job_posting_id={posting_id}", headers=hr)
                assert listed.status_code == 200, listed.text
                [current] = listed.json()
                if current["sent_at"] is not None or time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            assert current["sent_at"] is not None and current["send_count"] == 1, current
            assert stage.mail_folder is not None
            [mail] = [m for m in list_mail(stage.mail_folder) if invitee in m.to]
            assert "Acme 채용팀" in mail.subject and "Backend" in mail.subject
            assert mail.headers.get("X-Interview-Invitation") == str(invitation["id"])
            [link] = [link for link in mail.links if "/invite?" in link]
            assert link.startswith("http://localhost:5173/invite?token=")  # the stage's web app
            token = parse_qs(urlparse(link).query)["token"][0]

            # The invited candidate signs up through the link and lands in the posting's interview
            preview = call(api, "POST", "/invitations/preview", json={"token": token})
            assert preview.status_code == 200 and preview.json()["email"] == invitee, preview.text
            signed_up = call(
                api,
                "POST",
                "/register",
                json={
                    "email": invitee,
                    "username": "invitee1",
                    "password": "test1234",
                    "invitation_token": token,
                },
            )
            assert signed_up.status_code == 201 and signed_up.json()["role"] == "candidate", (
                signed_up.text
            )
            candidate = login(api, "invitee1", "test1234")
            accepted = call(
                api, "POST", "/invitations/accept", headers=candidate, json={"token": token}
            )
            assert accepted.status_code == 200, accepted.text
            interview = call(
                api, "GET", f"/interviews/{accepted.json()['interview_id']}", headers=candidate
            )
            assert interview.status_code == 200 and interview.json()["job_posting_id"] == posting_id

            # The trail, written by the functions as the application's role
            trail = call(api, "GET", "/audit-events", headers=admin)
            assert trail.status_code == 200, trail.text
            actions = {event["action"] for event in trail.json()}
            assert {"organization.created", "organization.approved"} <= actions, actions
            assert any(a.startswith("invitation.") for a in actions), actions

        _consumers_ran_and_queues_drained(stage, ("embed", "mail"), deadline)
        with psycopg.connect(stage.database_url, autocommit=True) as conn:
            logins = conn.execute(
                "SELECT DISTINCT usename FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchall()
            # Every function's connection is the application's role, never the owner
            assert {row[0] for row in logins} == {stage.app_role}, logins
            # which may add to the trail and never change it
            assert conn.execute(
                "SELECT has_table_privilege(%s, 'audit_events', 'INSERT'),"
                " has_table_privilege(%s, 'audit_events', 'UPDATE'),"
                " has_table_privilege(%s, 'audit_events', 'DELETE')",
                (stage.app_role,) * 3,
            ).fetchone() == (True, False, False)
    except BaseException:
        print("\n".join(calls))
        print(stage.diagnostics())
        raise
    finally:
        for line in calls:
            stage.say(f"  {line}")
    stage.say(
        f"organization, invitation and mail through API Gateway + SQS: "
        f"{time.monotonic() - began:.1f} s"
    )
