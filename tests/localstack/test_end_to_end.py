"""The seed's scenario 1 through the LocalStack API Gateway URL: every call is an API Gateway ->
Lambda invocation (a host process running the layers), the sentiment and report jobs (and a job
posting's embed job) go through SQS to the consumer Lambdas, and the results land in the
embedded PostgreSQL."""

from __future__ import annotations

import time

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


def test_seed_scenario_1_on_localstack(local_stage: LocalStage) -> None:
    stage = local_stage
    calls: list[str] = []

    def call(client: httpx.Client, method: str, path: str, **kwargs) -> httpx.Response:
        began = time.monotonic()
        response = client.request(method, path, **kwargs)
        calls.append(
            f"{method} {path} -> {response.status_code} ({(time.monotonic() - began) * 1000:.0f} ms)"
        )
        return response

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
            first = next(q for q in body["details_json"]["questions"] if q["question_id"] == 1)
            assert first["answered"] and first["evidence"][0]["quote"] == ANSWER

            # A recruiter's job posting queues an embed job for the embed worker (on this stage,
            # without the embeddings layer, it has no model: it logs so and does nothing).
            call(api, "POST", "/register", json={
                "email": "hr@example.com", "username": "recruiter1", "password": "test1234",
                "role": "recruiter"})
            hr_token = call(
                api, "POST", "/token", json={"username": "recruiter1", "password": "test1234"}
            )
            posting = call(
                api, "POST", "/job-postings",
                headers={"Authorization": f"Bearer {hr_token.json()['access_token']}"},
                json={"title": "Backend", "position": "Backend Developer", "language": "ko"},
            )
            assert posting.status_code == 201, posting.text

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
            reports = conn.execute(
                "SELECT i.position, e.technical_score FROM evaluation_reports e "
                "JOIN interviews i ON e.interview_id = i.id"
            ).fetchall()
            assert reports == [
                {"position": "Backend Developer", "technical_score": body["technical_score"]}
            ]

        # Every job went through SQS to its consumer; nothing was left behind or dead-lettered.
        kinds = ("sentiment", "report", "embed")

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
        assert _sqs_depths(stage) == {
            f"{kind.title()}{queue}Url": 0 for kind in kinds for queue in ("Queue", "DeadLetterQueue")
        }
    except BaseException:
        # Shown with the failure: what LocalStack and the Lambdas said.
        print("\n".join(calls))
        print(stage.diagnostics())
        raise
    finally:
        for line in calls:
            stage.say(f"  {line}")
    stage.say(f"scenario 1 through API Gateway + SQS: {time.monotonic() - began:.1f} s")
