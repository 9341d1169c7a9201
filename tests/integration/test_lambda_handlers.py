"""The Lambda handlers, driven as AWS drives them: API Gateway REST proxy events and SQS batches."""

from __future__ import annotations

import json
import uuid

from interview_core.local.lambda_runtime import LambdaContext, load_function, scheduled_event

from tests.api.helpers import answer, create_interview, sign_up


def rest_proxy_event(
    method: str,
    path: str,
    resource: str,
    *,
    token: str | None = None,
    body: dict | None = None,
    path_parameters: dict | None = None,
) -> dict:
    headers = {
        "Host": "abc123.execute-api.eu-central-1.amazonaws.com",
        "Content-Type": "application/json",
    }
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return {
        "resource": resource,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": path_parameters,
        "stageVariables": None,
        "requestContext": {
            "resourceId": "r1",
            "resourcePath": resource,
            "httpMethod": method,
            "stage": "prod",
            "requestId": str(uuid.uuid4()),
            "path": f"/prod{path}",
            "accountId": "123456789012",
            "apiId": "abc123",
            "protocol": "HTTP/1.1",
            "requestTimeEpoch": 1_764_000_000_000,
            "identity": {"sourceIp": "203.0.113.7", "userAgent": "pytest"},
        },
        "body": json.dumps(body) if body is not None else None,
        "isBase64Encoded": False,
    }


def test_an_endpoint_lambda_answers_a_rest_proxy_event_as_the_api_does_over_http(platform):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    over_http = client.get(f"/interviews/{interview['id']}/questions", headers=candidate.auth)

    response = load_function("get_interview_questions").handler(
        rest_proxy_event(
            "GET",
            f"/interviews/{interview['id']}/questions",
            "/interviews/{interview_id}/questions",
            token=candidate.token,
            path_parameters={"interview_id": str(interview["id"])},
        ),
        LambdaContext("get_interview_questions"),
    )

    assert response["statusCode"] == over_http.status_code == 200
    assert json.loads(response["body"]) == over_http.json()
    assert response["headers"]["content-type"] == "application/json"


def test_lambda_errors_are_the_same_clear_answers(platform):
    unauthenticated = load_function("me").handler(
        rest_proxy_event("GET", "/me", "/me"), LambdaContext("me")
    )
    bad_body = load_function("register").handler(
        rest_proxy_event("POST", "/register", "/register", body={"email": "nope"}),
        LambdaContext("register"),
    )

    assert unauthenticated["statusCode"] == 401
    assert json.loads(unauthenticated["body"])["detail"].startswith("Not authenticated")
    assert bad_body["statusCode"] == 422
    assert {tuple(e["loc"]) for e in json.loads(bad_body["body"])["detail"]} >= {
        ("body", "email"),
        ("body", "username"),
    }


def test_a_lambda_serves_only_its_own_route(platform):
    response = load_function("me").handler(
        rest_proxy_event("POST", "/register", "/register", body={}), LambdaContext("me")
    )
    assert response["statusCode"] in (404, 405)


def _sqs_record(message_id: str, body: str) -> dict:
    return {
        "messageId": message_id,
        "receiptHandle": message_id,
        "body": body,
        "attributes": {
            "ApproximateReceiveCount": "1",
            "SentTimestamp": "1764000000000",
            "SenderId": "x",
            "ApproximateFirstReceiveTimestamp": "1764000000000",
        },
        "messageAttributes": {},
        "md5OfBody": "",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:eu-central-1:123456789012:sentiment",
        "awsRegion": "eu-central-1",
    }


def test_an_sqs_batch_with_one_bad_message_reports_exactly_that_message(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    first = answer(
        client, candidate, interview["id"], "정말 즐겁고 행복한 프로젝트였습니다."
    ).json()
    second = answer(client, candidate, interview["id"], "너무 힘들고 실패해서 걱정됩니다.").json()
    event = {
        "Records": [
            _sqs_record("m-1", json.dumps({"transcript_id": first["id"]})),
            _sqs_record("m-2", "{this is not json"),
            _sqs_record("m-3", json.dumps({"transcript_id": second["id"]})),
        ]
    }

    response = load_function("sentiment_worker").handler(event, LambdaContext("sentiment_worker"))

    assert response == {"batchItemFailures": [{"itemIdentifier": "m-2"}]}
    rows = sql.execute(
        "SELECT id, sentiment_score FROM transcripts WHERE id = ANY(%s)",
        ([first["id"], second["id"]],),
    ).fetchall()
    scores = {row["id"]: row["sentiment_score"] for row in rows}
    assert scores[first["id"]] > 0 > scores[second["id"]]


def test_an_empty_or_all_bad_batch_does_not_crash_the_consumer(platform):
    handler = load_function("report_worker").handler
    assert handler({"Records": []}, LambdaContext("report_worker")) == {"batchItemFailures": []}
    all_bad = handler(
        {"Records": [_sqs_record("a", "[]"), _sqs_record("b", '{"interview_id": 0}')]},
        LambdaContext("report_worker"),
    )
    assert all_bad == {"batchItemFailures": [{"itemIdentifier": "a"}, {"itemIdentifier": "b"}]}


def test_a_redelivered_report_job_writes_the_report_once(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate)
    answer(
        client,
        candidate,
        interview["id"],
        "FastAPI와 PostgreSQL로 3년간 API를 만들었습니다.",
        interview["questions"][0]["id"],
    )
    client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    job = _sqs_record("r-1", json.dumps({"interview_id": interview["id"]}))
    handler = load_function("report_worker").handler

    handler({"Records": [job]}, LambdaContext("report_worker"))
    handler({"Records": [job]}, LambdaContext("report_worker"))

    assert sql.execute("SELECT count(*) AS n FROM evaluation_reports").fetchone()["n"] == 1
    usage = sql.execute(
        "SELECT usage_count FROM questions WHERE id = %s", (interview["questions"][0]["id"],)
    )
    assert usage.fetchone()["usage_count"] == 1


def test_the_scheduled_recovery_requeues_recent_lost_reports_only(platform, sql):
    """EventBridge's event to recover_jobs: completed interviews without a report, from five
    minutes to two hours old, get their report job again; older ones are left to the DLQ alarm."""
    client = platform.client
    candidate = sign_up(client)
    ended = {}
    for minutes_ago in (1, 10, 180):
        interview = create_interview(client, candidate)
        answer(client, candidate, interview["id"], "답변입니다")
        client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
        sql.execute(
            "UPDATE interviews SET end_time = now() - make_interval(mins => %s) WHERE id = %s",
            (minutes_ago, interview["id"]),
        )
        sql.execute(
            (
                "UPDATE transcripts SET timestamp = now() - make_interval(mins => %s) WHERE "
                "interview_id = %s"
            ),
            (minutes_ago, interview["id"]),
        )
        ended[minutes_ago] = interview["id"]
    sql.execute(
        "SELECT pgmq.purge_queue('sentiment'), pgmq.purge_queue('report')"
    )  # the jobs never arrived

    recover = load_function("recover_jobs").handler
    result = recover(scheduled_event("recover-jobs"), LambdaContext("recover_jobs"))

    assert result["report_jobs"] == [ended[10]] and len(result["sentiment_jobs"]) == 1
    assert result["embed_jobs"] == 0  # the next deploy's migrate catches up on vectors
    queued = sql.execute("SELECT message FROM pgmq.q_report").fetchall()
    assert [row["message"] for row in queued] == [{"interview_id": ended[10]}]
    assert platform.run_workers() == 2
    assert sql.execute("SELECT interview_id FROM evaluation_reports").fetchall() == [
        {"interview_id": ended[10]}
    ]


def test_a_local_timer_invokes_a_scheduled_function_with_an_eventbridge_event():
    import threading

    from interview_core.local.workers import ScheduleTimer

    calls: list[tuple[dict, object]] = []
    called = threading.Event()

    def handler(event, context):
        calls.append((event, context))
        called.set()
        raise RuntimeError("a failing run is logged; the timer goes on")

    timer = ScheduleTimer(handler, "recover_jobs", every_seconds=0.05)
    timer.start()
    assert called.wait(5)
    while len(calls) < 2:
        called.clear()
        assert called.wait(5)
    timer.stop()
    timer.join(5)

    event, context = calls[0]
    assert event["detail-type"] == "Scheduled Event" and event["source"] == "aws.events"
    assert event["resources"][0].endswith(":rule/local-recover_jobs")
    assert context.function_name == "recover_jobs" and not timer.is_alive()
