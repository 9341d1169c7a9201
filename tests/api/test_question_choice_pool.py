"""Question choice reads a bounded pool, not every candidate: it must choose what the plan would
choose from all of them (every candidate, exact similarities), whatever the bank holds."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from interview_core.ai.embeddings.base import vector_literal
from interview_core.ai.embeddings.hashing import HashingEmbedder
from interview_core.db import questions
from interview_core.db.connection import Database
from interview_core.domain.question_plan import choose_questions
from interview_core.services.question_selection import embed_bank, query_text, select_questions

CATEGORIES = ("technical", "behavioral", "situational", "cultural_fit")
DIFFICULTIES = ("easy", "medium", "hard")


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url, max_size=2)
    yield database
    database.close()


def _fill_bank(db: Database, model: str, rng: random.Random) -> tuple[int, int]:
    """1,500 more questions (more per group than the pool takes): general, a position's own,
    two organizations' own, some inactive, some without a vector.
    Returns (organization id, candidate id)."""
    with db.unit_of_work() as uow:
        conn = uow.conn
        mine, theirs = (
            conn.execute(
                "INSERT INTO organizations (name, status, approved_at) "
                "VALUES (%s, 'approved', now()) RETURNING id",
                (name,),
            ).fetchone()["id"]
            for name in ("Mine", "Theirs")
        )
        candidate = conn.execute(
            "INSERT INTO users (email, username, role, password_hash) "
            "VALUES ('pool@x.io', 'pool', 'candidate', 'x') RETURNING id"
        ).fetchone()["id"]
        for n in range(1500):
            owner = rng.choice([None, None, None, mine, theirs])
            position = rng.choice([None, None, "Backend Developer", "Data Scientist"])
            vector = [rng.gauss(0, 1) for _ in range(384)] if rng.random() > 0.05 else None
            conn.execute(
                """INSERT INTO questions (content, category, difficulty, position, language,
                                          organization_id, is_active, usage_count, embedding,
                                          vector_id)
                   VALUES (%s, %s, %s, %s, 'en', %s, %s, %s, %s::vector, %s)""",
                (
                    f"Pool question {n}?",
                    rng.choice(CATEGORIES),
                    rng.choice(DIFFICULTIES),
                    position,
                    owner,
                    rng.random() > 0.1,
                    rng.choice([0, 0, 1, 2, 5]),
                    vector_literal(vector) if vector else None,
                    model if vector else None,
                ),
            )
    return mine, candidate


def _choose_from_everything(
    db: Database, *, candidate: int, organization: int | None, text: str, model: str, plain: bool
) -> list[int]:
    """The plan over every candidate with exact similarities: what choice did before the pool."""
    with db.unit_of_work() as uow:
        conn = uow.conn
        candidates = questions.candidates_for(
            conn, position="Backend Developer", language="en", organization_id=organization
        )
        vector = questions.query_embedding(conn, model=model, text=text)
        rows = conn.execute(
            """SELECT id, 1 - (embedding <=> %(v)s::vector) AS s FROM questions
               WHERE id = ANY(%(ids)s) AND vector_id = %(m)s""",
            {"v": vector_literal(vector), "ids": [q.id for q in candidates], "m": model},
        ).fetchall()
        asked = questions.asked_of_candidate(conn, candidate)
    chosen = choose_questions(
        candidates,
        5,
        asked=asked,
        similarity={r["id"]: float(r["s"]) for r in rows},
        plain_first_slot=plain,
    )
    return [q.id for q in chosen]


def test_the_pool_chooses_what_the_plan_chooses_from_every_candidate(db, database_url):
    rng = random.Random(9)
    hashing = HashingEmbedder()
    embed_bank(db, hashing)  # the seed bank and the bank's positions' query texts
    organization, candidate = _fill_bank(db, hashing.name, rng)
    text = query_text(title=None, position="Backend Developer", description=None)

    for round_ in range(4):
        for owner in (None, organization):
            with db.unit_of_work() as uow:
                selection = select_questions(
                    uow.conn,
                    candidate_id=candidate,
                    position="Backend Developer",
                    language="en",
                    posting=None,
                    organization_id=owner,
                    count=5,
                    embedder=lambda: None,
                )
            assert selection.method == "similarity", selection.reason
            expected = _choose_from_everything(
                db,
                candidate=candidate,
                organization=owner,
                text=text,
                model=hashing.name,
                plain=True,
            )
            assert [q.id for q in selection.questions] == expected, (round_, owner)
        with db.unit_of_work() as uow:
            pool, _ = questions.choice_pool(
                uow.conn,
                language="en",
                position="Backend Developer",
                organization_id=None,
                per_group=10,
                model=hashing.name,
                vector=questions.query_embedding(uow.conn, model=hashing.name, text=text),
            )
            every = questions.candidates_for(
                uow.conn, position="Backend Developer", language="en", organization_id=None
            )
        assert {q.id for q in pool} < {q.id for q in every}  # a part of them, not all
        # the candidate was asked these: the next round must avoid them as the plan does
        with db.unit_of_work() as uow:
            interview = uow.conn.execute(
                "INSERT INTO interviews (candidate_id, position, language) "
                "VALUES (%s, 'Backend Developer', 'en') RETURNING id",
                (candidate,),
            ).fetchone()["id"]
            for place, question in enumerate(selection.questions, start=1):
                uow.conn.execute(
                    "INSERT INTO interview_questions (interview_id, question_id, position, "
                    "question_version) VALUES (%s, %s, %s, %s)",
                    (interview, question.id, place, question.version),
                )
