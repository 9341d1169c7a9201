"""A retried POST changes nothing: the same Idempotency-Key returns the first response, stores no
second row and queues no second job, even when the two copies arrive at the same time. And the
limits on what one candidate can post."""

from __future__ import annotations

import threading
import uuid

from tests.api.helpers import create_interview, create_posting, sign_up


def _key() -> dict[str, str]:
    return {"Idempotency-Key": str(uuid.uuid4())}


def _user_answers(sql, interview_id: int) -> list[str]:
    rows = sql.execute(
        (
            "SELECT text FROM transcripts WHERE interview_id = %s AND speaker = 'User' ORDER BY "
            '"order"'
        ),
        (interview_id,),
    ).fetchall()
    return [row["text"] for row in rows]


def _queued(sql, queue: str) -> int:
    return sql.execute(f"SELECT count(*) AS n FROM pgmq.q_{queue}").fetchone()["n"]


def test_an_answer_sent_twice_with_one_key_is_stored_once_and_answered_the_same(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    question = interview["questions"][0]["id"]
    body = {
        "interview_id": interview["id"],
        "text": "I used PostgreSQL indexes to cut a query from 2 s to 40 ms.",
        "question_id": question,
    }
    headers = {**candidate.auth, **_key()}

    first = client.post("/transcripts", json=body, headers=headers)
    again = client.post("/transcripts", json=body, headers=headers)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert _user_answers(sql, interview["id"]) == [body["text"]]
    assert _queued(sql, "sentiment") == 1
    # Without a key (the seed's flow) each POST is a new answer.
    client.post("/transcripts", json=body, headers=candidate.auth)
    assert len(_user_answers(sql, interview["id"])) == 2


def test_two_copies_in_flight_at_once_store_one_answer(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    body = {
        "interview_id": interview["id"],
        "text": "Two copies of one answer.",
        "question_id": interview["questions"][0]["id"],
    }
    headers = {**candidate.auth, **_key()}
    answers = []
    start = threading.Barrier(4)

    def send() -> None:
        start.wait()
        answers.append(client.post("/transcripts", json=body, headers=headers))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [a.status_code for a in answers] == [201] * 4
    assert len({a.json()["id"] for a in answers}) == 1
    assert _user_answers(sql, interview["id"]) == [body["text"]]


def test_the_same_key_for_a_different_request_is_refused_and_keys_are_per_user(platform, sql):
    client = platform.client
    candidate, other = sign_up(client), sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    question = interview["questions"][0]["id"]
    key = _key()
    sent = client.post(
        "/transcripts",
        json={"interview_id": interview["id"], "text": "First answer.", "question_id": question},
        headers={**candidate.auth, **key},
    )
    assert sent.status_code == 201

    changed = client.post(
        "/transcripts",
        json={"interview_id": interview["id"], "text": "Another answer.", "question_id": question},
        headers={**candidate.auth, **key},
    )
    assert changed.status_code == 422 and "Idempotency-Key" in changed.json()["detail"]
    elsewhere = client.post(
        f"/interviews/{interview['id']}/complete", headers={**candidate.auth, **key}
    )
    assert elsewhere.status_code == 422
    assert (
        client.get(f"/interviews/{interview['id']}", headers=candidate.auth).json()["status"]
        == "live"
    )

    # Someone else's use of the same key is their own request.
    their = create_interview(client, other, position="Frontend Developer")
    mine = client.post(
        "/transcripts",
        json={
            "interview_id": their["id"],
            "text": "Mine.",
            "question_id": their["questions"][0]["id"],
        },
        headers={**other.auth, **key},
    )
    assert mine.status_code == 201 and mine.json()["interview_id"] == their["id"]


def test_a_request_that_failed_keeps_nothing_and_its_retry_runs(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    key = {**candidate.auth, **_key()}
    wrong = client.post(
        "/transcripts",
        json={"interview_id": interview["id"], "text": "An answer.", "question_id": 999999},
        headers=key,
    )
    assert wrong.status_code == 422
    assert sql.execute("SELECT count(*) AS n FROM idempotency_keys").fetchone()["n"] == 0


def test_complete_retried_queues_one_report_and_create_retried_makes_one_interview(platform, sql):
    client = platform.client
    candidate = sign_up(client)
    key = _key()
    created = [
        client.post(
            "/interviews", json={"position": "Backend Developer"}, headers={**candidate.auth, **key}
        )
        for _ in range(3)
    ]
    assert [c.status_code for c in created] == [201] * 3
    assert len({c.json()["id"] for c in created}) == 1
    assert created[2].json()["questions"] == created[0].json()["questions"]
    count = sql.execute(
        "SELECT count(*) AS n FROM interviews WHERE candidate_id = %s", (candidate.id,)
    ).fetchone()
    assert count["n"] == 1

    interview_id = created[0].json()["id"]
    client.post(
        "/transcripts",
        json={"interview_id": interview_id, "text": "An answer with content."},
        headers=candidate.auth,
    )
    complete = {**candidate.auth, **_key()}
    done = [client.post(f"/interviews/{interview_id}/complete", headers=complete) for _ in range(3)]
    assert [d.status_code for d in done] == [200] * 3 and done[2].json() == done[0].json()
    assert _queued(sql, "report") == 1


def test_invitations_retried_send_one_mail_each(platform, sql):
    client = platform.client
    recruiter = sign_up(client, "recruiter")
    posting = create_posting(client, recruiter)
    key = {**recruiter.auth, **_key()}
    body = {"emails": ["one@example.com", "two@example.com"]}
    first = client.post(f"/job-postings/{posting['id']}/invitations", json=body, headers=key)
    again = client.post(f"/job-postings/{posting['id']}/invitations", json=body, headers=key)
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    assert (
        sql.execute(
            "SELECT count(*) AS n FROM invitations WHERE job_posting_id = %s", (posting["id"],)
        ).fetchone()["n"]
        == 2
    )
    assert _queued(sql, "mail") == 2


def test_a_bad_idempotency_key_is_a_422(platform):
    client = platform.client
    candidate = sign_up(client)
    for bad in ("", "x" * 256, "has space"):
        response = client.post(
            "/interviews",
            json={"position": "Backend Developer"},
            headers={**candidate.auth, "Idempotency-Key": bad},
        )
        assert response.status_code == 422, bad


def test_answers_to_one_question_are_capped_in_lines_and_characters(platform, sql, monkeypatch):
    from interview_core.settings import get_settings

    monkeypatch.setenv("MAX_ANSWERS_PER_QUESTION", "3")
    monkeypatch.setenv("MAX_ANSWER_CHARS_PER_QUESTION", "2000")
    get_settings.cache_clear()
    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    first, second = interview["questions"][0]["id"], interview["questions"][1]["id"]

    def post(text: str, question: int):
        return client.post(
            "/transcripts",
            json={"interview_id": interview["id"], "text": text, "question_id": question},
            headers=candidate.auth,
        )

    assert [post(f"Line {n} of a spoken answer.", first).status_code for n in range(3)] == [201] * 3
    full = post("One line too many.", first)
    assert full.status_code == 422 and "answer lines" in full.json()["detail"]
    assert post("x" * 1500, second).status_code == 201
    too_long = post("y" * 600, second)
    assert too_long.status_code == 422 and "2000 characters" in too_long.json()["detail"]
    assert len(_user_answers(sql, interview["id"])) == 4
    get_settings.cache_clear()


def test_interviews_per_candidate_are_capped_per_day_with_retry_after(platform, sql, monkeypatch):
    from interview_core.settings import get_settings

    monkeypatch.setenv("MAX_INTERVIEWS_PER_DAY", "2")
    get_settings.cache_clear()
    client = platform.client
    candidate = sign_up(client)
    for _ in range(2):
        create_interview(client, candidate, position="Backend Developer")
    refused = client.post(
        "/interviews", json={"position": "Backend Developer"}, headers=candidate.auth
    )
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 24 * 3600 + 1
    # A day later the oldest no longer counts.
    sql.execute(
        "UPDATE interviews SET created_at = created_at - interval '25 hours' WHERE candidate_id = "
        "%s "
        "AND id = (SELECT min(id) FROM interviews WHERE candidate_id = %s)",
        (candidate.id, candidate.id),
    )
    sql.commit()
    assert (
        client.post(
            "/interviews", json={"position": "Backend Developer"}, headers=candidate.auth
        ).status_code
        == 201
    )
    get_settings.cache_clear()


def test_the_web_app_may_send_the_key_across_origins(platform):
    from interview_core.settings import get_settings

    origin = get_settings().allowed_origins[0]
    preflight = platform.client.options(
        "/transcripts",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
        },
    )
    assert preflight.status_code == 200
    assert "idempotency-key" in preflight.headers["access-control-allow-headers"].lower()
