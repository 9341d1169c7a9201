"""SQL for the question bank."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from psycopg import pq
from psycopg.types.json import Jsonb

from interview_core.ai.embeddings.base import parse_vector, vector_literal
from interview_core.db.connection import Connection, one
from interview_core.domain.access import QuestionScope
from interview_core.domain.models import Question, QuestionVersion

_COLUMNS = (
    "id, organization_id, version, content, category, difficulty, rubric_json, vector_id, "
    "position, language, usage_count, avg_score, is_active, status, job_posting_id, generated_by"
)


def count_questions(conn: Connection) -> int:
    return int(one(conn.execute("SELECT count(*) AS n FROM questions"))["n"])


def insert_questions(conn: Connection, questions: list[dict[str, Any]]) -> None:
    """Insert into the curated bank in the given order (ids follow it); a question already there
    is skipped."""
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO questions (content, category, difficulty, rubric_json, position,
               language)
               VALUES (%s, %s, %s, %s, %s, %s)
               ON CONFLICT (organization_id, language, content) DO NOTHING""",
            [
                (
                    q["content"],
                    q["category"],
                    q["difficulty"],
                    Jsonb(q["rubric"]),
                    q["position"],
                    q["language"],
                )
                for q in questions
            ],
        )


def candidates_for(
    conn: Connection, *, position: str, language: str, organization_id: int | None
) -> list[Question]:
    """Active questions an interview for this position may ask: the position's own and the
    general ones (no position), of the curated bank and, when given, of one organization."""
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM questions
            WHERE is_active AND language = %(language)s
              AND (position IS NULL OR lower(position) = lower(%(position)s))
              AND (organization_id IS NULL OR organization_id = %(organization)s)
            ORDER BY id""",
        {"language": language, "position": position, "organization": organization_id},
    ).fetchall()
    return [Question.model_validate(row) for row in rows]


def get_questions(conn: Connection, question_ids: list[int]) -> list[Question]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM questions WHERE id = ANY(%s) ORDER BY id", (question_ids,)
    ).fetchall()
    return [Question.model_validate(row) for row in rows]


def refresh_statistics(conn: Connection, question_ids: list[int]) -> None:
    """Recompute usage_count and avg_score from the scored interviews: idempotent, so a report
    written twice never counts twice."""
    conn.execute(
        """UPDATE questions q SET
               usage_count = stats.used,
               avg_score = stats.average,
               updated_at = now()
           FROM (SELECT q2.id,
                        count(iq.score) AS used,
                        round(avg(iq.score)::numeric, 2)::double precision AS average
                 FROM questions q2 LEFT JOIN interview_questions iq ON iq.question_id = q2.id
                 WHERE q2.id = ANY(%(ids)s)
                 GROUP BY q2.id) AS stats
           WHERE q.id = stats.id""",
        {"ids": question_ids},
    )


def get_question(
    conn: Connection, question_id: int, *, for_update: bool = False
) -> Question | None:
    lock = " FOR UPDATE" if for_update else ""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM questions WHERE id = %s{lock}", (question_id,)
    ).fetchone()
    return Question.model_validate(row) if row else None


def question_versions(conn: Connection, question_id: int) -> list[QuestionVersion]:
    rows = conn.execute(
        """SELECT question_id, version, content, category, difficulty, language, rubric_json,
           created_at
           FROM question_versions WHERE question_id = %s ORDER BY version DESC""",
        (question_id,),
    ).fetchall()
    return [QuestionVersion.model_validate(row) for row in rows]


def search_questions(
    conn: Connection,
    *,
    scope: QuestionScope,
    owner: str | None = None,
    category: str | None,
    difficulty: str | None,
    position: str | None,
    language: str | None,
    active: bool | None,
    text: str | None,
    limit: int,
    offset: int,
    status: str | None = None,
    job_posting_id: int | None = None,
) -> list[Question]:
    """The questions of the scope: the curated bank and one organization's own (or, for admins,
    every question), filtered. `owner` is "platform" (the curated bank) or "organization";
    without a `status`, rejected drafts are left out.
    For an organization, usage_count and avg_score count its own real interviews only, so no
    other organization's results show through the curated questions they share."""
    usage = (
        "q.usage_count, q.avg_score"
        if scope.everything
        else """(SELECT count(iq.score) FROM interview_questions iq JOIN interviews i ON i.id =
                iq.interview_id
             JOIN job_postings p ON p.id = i.job_posting_id
             WHERE iq.question_id = q.id AND p.organization_id = %(organization)s)::int AS
             usage_count,
           (SELECT round(avg(iq.score)::numeric, 2)::double precision
             FROM interview_questions iq JOIN interviews i ON i.id = iq.interview_id
             JOIN job_postings p ON p.id = i.job_posting_id
             WHERE iq.question_id = q.id AND p.organization_id = %(organization)s) AS avg_score"""
    )
    columns = ", ".join(
        f"q.{c}" for c in _COLUMNS.split(", ") if c not in ("usage_count", "avg_score")
    )
    rows = conn.execute(
        f"""SELECT {columns}, {usage} FROM questions q
            WHERE (%(everything)s OR q.organization_id IS NULL OR q.organization_id =
            %(organization)s)
              AND (%(owner)s::text IS NULL
                   OR (%(owner)s = 'platform' AND q.organization_id IS NULL)
                   OR (%(owner)s = 'organization' AND q.organization_id IS NOT NULL))
              AND (%(category)s::text IS NULL OR category = %(category)s)
              AND (%(difficulty)s::text IS NULL OR difficulty = %(difficulty)s)
              AND (%(position)s::text IS NULL OR lower(position) = lower(%(position)s))
              AND (%(language)s::text IS NULL OR language = %(language)s)
              AND (%(active)s::boolean IS NULL OR is_active = %(active)s)
              AND (%(text)s::text IS NULL OR content ILIKE '%%' || %(text)s || '%%')
              AND (CASE WHEN %(status)s::text IS NULL THEN q.status <> 'rejected'
                        ELSE q.status = %(status)s END)
              AND (%(posting)s::bigint IS NULL OR q.job_posting_id = %(posting)s)
            ORDER BY q.organization_id IS NULL, q.id LIMIT %(limit)s OFFSET %(offset)s""",
        {
            "everything": scope.everything,
            "organization": scope.organization_id,
            "owner": owner,
            "category": category,
            "difficulty": difficulty,
            "position": position,
            "language": language,
            "active": active,
            "text": text,
            "status": status,
            "posting": job_posting_id,
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
    return [Question.model_validate(row) for row in rows]


_EDITABLE = (
    "content",
    "category",
    "difficulty",
    "rubric_json",
    "position",
    "language",
    "is_active",
)
_INSERTED = ("organization_id", *_EDITABLE, "status", "job_posting_id", "generated_by")


def _params(values: dict[str, Any]) -> dict[str, Any]:
    return {k: Jsonb(v) if k == "rubric_json" else v for k, v in values.items()}


def insert_question(conn: Connection, values: dict[str, Any]) -> Question:
    """A new question at version 1 (its first version is kept by the table's trigger)."""
    columns = [c for c in _INSERTED if c in values]
    row = conn.execute(
        f"""INSERT INTO questions ({", ".join(columns)}) VALUES ({
            ", ".join(f"%({c})s" for c in columns)
        })
            RETURNING {_COLUMNS}""",
        _params(values),
    ).fetchone()
    return Question.model_validate(row)


def set_status(conn: Connection, question_id: int, status: str) -> Question:
    """A draft approved (and so asked from now on) or rejected (kept, never asked)."""
    row = conn.execute(
        f"""UPDATE questions SET status = %(status)s, is_active = %(status)s = 'approved',
               updated_at = now()
            WHERE id = %(id)s RETURNING {_COLUMNS}""",
        {"status": status, "id": question_id},
    ).fetchone()
    return Question.model_validate(row)


def update_question(conn: Connection, question_id: int, changes: dict[str, Any]) -> Question | None:
    """A change of content, category, difficulty, language or rubric makes the next version (the
    table's trigger keeps it); position and is_active are not versioned."""
    assignments = [f"{c} = %({c})s" for c in _EDITABLE if c in changes]
    if "content" in changes:
        # New words, new meaning: the old vector no longer describes the question.
        assignments.append(
            "embedding = CASE WHEN content = %(content)s THEN embedding END, "
            "vector_id = CASE WHEN content = %(content)s THEN vector_id END"
        )
    row = conn.execute(
        f"""UPDATE questions SET {", ".join([*assignments, "updated_at = now()"])}
            WHERE id = %(id)s RETURNING {_COLUMNS}""",
        {**_params(changes), "id": question_id},
    ).fetchone()
    return Question.model_validate(row) if row else None


# ------------------------------------------------------------------ embeddings and selection


def asked_of_candidate(conn: Connection, candidate_id: int) -> set[int]:
    """Every question this candidate was given in an earlier interview (any status: a cancelled
    interview's questions were seen too)."""
    rows = conn.execute(
        """SELECT DISTINCT iq.question_id FROM interview_questions iq
           JOIN interviews i ON i.id = iq.interview_id WHERE i.candidate_id = %s""",
        (candidate_id,),
    ).fetchall()
    return {row["question_id"] for row in rows}


def bank_model(conn: Connection) -> str | None:
    """The model most of the bank's vectors were made by, if any."""
    row = conn.execute(
        """SELECT vector_id FROM questions WHERE embedding IS NOT NULL AND vector_id IS NOT NULL
           GROUP BY vector_id ORDER BY count(*) DESC, vector_id LIMIT 1"""
    ).fetchone()
    return row["vector_id"] if row else None


def nearest_questions(
    conn: Connection,
    *,
    model: str,
    language: str,
    vector: Sequence[float],
    organization_id: int | None,
    limit: int = 1,
) -> list[tuple[int, str, float]]:
    """The questions nearest to `vector` in one language that one organization may see (the
    curated bank's and, when given, its own: never another's), through the HNSW index:
    (id, content, cosine similarity), nearest first. The index serves the inner ORDER BY alone
    (a tie-break on id there would make it a full scan); ties are broken outside it."""
    # SET LOCAL lasts until the end of the transaction; outside one it would do nothing.
    if not conn.autocommit or conn.info.transaction_status != pq.TransactionStatus.IDLE:
        # A bank of many near-identical questions (measured: 100k in 64 tight clusters) needs
        # ef_search 200 for a top-10 recall of 0.96 on the index of migration 0014 (m 24,
        # ef_construction 200), at about 7.5 ms against 45 for a scan.
        ef_search = min(_EF_SEARCH_MAX, max(_EF_SEARCH_MIN, 20 * int(limit)))
        conn.execute(f"SET LOCAL hnsw.ef_search = {ef_search}")
    rows = conn.execute(
        """SELECT id, content, 1 - distance AS similarity FROM (
               SELECT id, content, embedding <=> %(v)s::vector AS distance FROM questions
               WHERE vector_id = %(model)s AND language = %(language)s AND embedding IS NOT NULL
                 AND (organization_id IS NULL OR organization_id = %(organization)s)
               ORDER BY embedding <=> %(v)s::vector LIMIT %(limit)s
           ) nearest ORDER BY distance, id""",
        {
            "v": vector_literal(vector),
            "model": model,
            "language": language,
            "organization": organization_id,
            "limit": limit,
        },
    ).fetchall()
    return [(row["id"], row["content"], float(row["similarity"])) for row in rows]


def questions_to_embed(
    conn: Connection, *, model: str, everything: bool = False
) -> list[tuple[int, str]]:
    """(id, content) of the questions without a vector from `model` (all of them if `everything`),
    inactive ones included: they may be switched on again."""
    rows = conn.execute(
        """SELECT id, content FROM questions
           WHERE %(all)s OR embedding IS NULL OR vector_id IS DISTINCT FROM %(model)s ORDER BY
           id""",
        {"all": everything, "model": model},
    ).fetchall()
    return [(row["id"], row["content"]) for row in rows]


def set_embeddings(
    conn: Connection, *, model: str, vectors: Sequence[tuple[int, str, Sequence[float]]]
) -> int:
    """Store (id, the content that was embedded, vector) rows; a question whose content changed
    since it was read keeps no stale vector. Returns how many were stored."""
    stored = 0
    with conn.cursor() as cur:
        for question_id, content, vector in vectors:
            cur.execute(
                "UPDATE questions SET embedding = %s::vector, vector_id = %s"
                " WHERE id = %s AND content = %s",
                (vector_literal(vector), model, question_id, content),
            )
            stored += cur.rowcount
    return stored


def embedding_counts(conn: Connection) -> dict[str, Any]:
    rows = conn.execute(
        """SELECT coalesce(vector_id, '(none)') AS model, count(*) AS n FROM questions
           GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    return {row["model"]: row["n"] for row in rows}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def query_embedding(conn: Connection, *, model: str, text: str) -> list[float] | None:
    row = conn.execute(
        "SELECT embedding::text AS v FROM query_embeddings WHERE model = %s AND text_sha256 = %s",
        (model, _sha(text)),
    ).fetchone()
    return parse_vector(row["v"]) if row else None


def store_query_embedding(
    conn: Connection, *, model: str, text: str, vector: Sequence[float]
) -> None:
    conn.execute(
        """INSERT INTO query_embeddings (model, text_sha256, text, embedding)
           VALUES (%s, %s, %s, %s::vector) ON CONFLICT DO NOTHING""",
        (model, _sha(text), text, vector_literal(vector)),
    )


def selection_queries(conn: Connection) -> list[dict[str, Any]]:
    """What interviews are chosen for: every open job posting and every position in the bank."""
    postings = conn.execute(
        "SELECT title, position, description FROM job_postings WHERE status = 'open' ORDER BY id"
    ).fetchall()
    positions = conn.execute(
        "SELECT DISTINCT position FROM questions WHERE position IS NOT NULL ORDER BY position"
    ).fetchall()
    return [
        *postings,
        *({"title": None, "position": r["position"], "description": None} for r in positions),
    ]


# ------------------------------------------------------------ the pool an interview chooses from

_LANGUAGES = ("ko", "en")
_CATEGORIES = ("technical", "behavioral", "situational", "cultural_fit")
_DIFFICULTIES = ("easy", "medium", "hard")
# hnsw.ef_search: how many neighbours an HNSW scan keeps (pgvector's default is 40); at least
# twice what a cell is asked for, so that the few nearest are found with a recall near 1.
_EF_SEARCH_MIN = 64
_EF_SEARCH_MAX = 1000  # pgvector's upper bound


def choice_pool(
    conn: Connection,
    *,
    language: str,
    position: str,
    organization_id: int | None,
    per_group: int,
    model: str | None = None,
    vector: Sequence[float] | None = None,
) -> tuple[list[Question], dict[int, float]]:
    """What the plan needs to choose as it would from every candidate (candidates_for), in one
    statement whose cost does not grow with the bank: of each (category, difficulty) cell of the
    curated bank's general questions, the `per_group` nearest to `vector` (through the cell's
    HNSW index) and the `per_group` least used; the position's and the organization's own
    questions and the questions without a vector, all. Returns (questions by id, cosine
    similarity of those with a `model` vector)."""
    if language not in _LANGUAGES:
        return [], {}
    params: dict[str, Any] = {
        "language": language,
        "position": position,
        "organization": organization_id,
        "k": per_group,
        "model": model,
        "v": vector_literal(vector) if vector is not None else None,
    }
    near = vector is not None and model is not None
    distance = (
        "CASE WHEN vector_id = %(model)s THEN embedding <=> %(v)s::vector END"
        if near
        else "NULL::double precision"
    )
    columns = f"{_COLUMNS}, {distance} AS distance"
    arms = []
    for category in _CATEGORIES:
        for difficulty in _DIFFICULTIES:
            # Literals, not parameters: the planner matches them to the cell's partial indexes.
            cell = (
                "is_active AND organization_id IS NULL AND position IS NULL "
                f"AND language = '{language}' AND category = '{category}' "
                f"AND difficulty = '{difficulty}'"
            )
            arms.append(
                f"(SELECT {columns} FROM questions WHERE {cell} "
                "ORDER BY usage_count, id LIMIT %(k)s)"
            )
            if near:
                arms.append(
                    f"(SELECT {columns} FROM questions WHERE {cell} AND vector_id = %(model)s "
                    "ORDER BY embedding <=> %(v)s::vector LIMIT %(k)s)"
                )
    scope = (
        "is_active AND language = %(language)s"
        " AND (position IS NULL OR lower(position) = lower(%(position)s))"
        " AND (organization_id IS NULL OR organization_id = %(organization)s)"
    )
    arms.append(
        f"(SELECT {columns} FROM questions WHERE {scope} AND position IS NOT NULL"
        " AND lower(position) = lower(%(position)s))"
    )
    if organization_id is not None:
        arms.append(
            f"(SELECT {columns} FROM questions WHERE {scope} AND organization_id IS NOT NULL"
            " AND organization_id = %(organization)s)"
        )
    if near:
        arms.append(f"(SELECT {columns} FROM questions WHERE {scope} AND embedding IS NULL)")
    if near:
        ef_search = max(_EF_SEARCH_MIN, 2 * per_group)
        conn.execute(f"SET LOCAL hnsw.ef_search = {int(ef_search)}")
    rows = conn.execute("\nUNION ALL\n".join(arms), params).fetchall()
    found: dict[int, Question] = {}
    similarity: dict[int, float] = {}
    for row in rows:
        if row["id"] in found:
            continue
        value = row.pop("distance")
        found[row["id"]] = Question.model_validate(row)
        if value is not None:
            similarity[row["id"]] = 1 - float(value)
    return [found[i] for i in sorted(found)], similarity


def bank_model_present(conn: Connection, model: str | None = None) -> str | None:
    """`model` if the bank has a vector of it (any model when None), else None: the first found,
    so it costs a look at a few rows, not a count of the bank."""
    row = conn.execute(
        """SELECT vector_id FROM questions
           WHERE embedding IS NOT NULL AND vector_id IS NOT NULL
             AND (%(model)s::text IS NULL OR vector_id = %(model)s) LIMIT 1""",
        {"model": model},
    ).fetchone()
    return row["vector_id"] if row else None


def stored_query_vectors(conn: Connection, *, text: str) -> dict[str, list[float]]:
    """{model: vector} of this query text, for every model it was embedded with."""
    rows = conn.execute(
        """SELECT model, embedding::text AS v FROM query_embeddings
           WHERE text_sha256 = %s ORDER BY model""",
        (_sha(text),),
    ).fetchall()
    return {row["model"]: parse_vector(row["v"]) for row in rows}


# ------------------------------------------------------------------ statistics


def question_statistics(
    conn: Connection,
    *,
    question_id: int | None = None,
    category: str | None = None,
    difficulty: str | None = None,
    position: str | None = None,
    language: str | None = None,
    job_posting_id: int | None = None,
    scope: QuestionScope,
    min_interviews: int = 0,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Per question, over the completed interviews with an overall score in which it was scored:
    how many, its mean score, and how well it separates strong from weak candidates --
    the Pearson correlation of its score with the overall score (item-total), with the mean of the
    interview's other questions (item-rest: the question's own score left out, so it does not
    correlate with itself), the point-biserial correlation with "strong" (overall score at or above
    the median of those interviews), and the mean score of the strong and the weak halves."""
    return conn.execute(
        """WITH scored AS (
               SELECT iq.question_id, iq.interview_id, iq.score, i.overall_score,
                      (sum(iq.score) OVER w - iq.score) / nullif(count(*) OVER w - 1, 0) AS
                      rest_mean
               FROM interview_questions iq
               JOIN interviews i ON i.id = iq.interview_id
               LEFT JOIN job_postings jp ON jp.id = i.job_posting_id
               WHERE iq.score IS NOT NULL AND i.overall_score IS NOT NULL AND i.status = 'completed'
                 AND (%(posting)s::bigint IS NULL OR i.job_posting_id = %(posting)s)
                 AND (%(everything)s OR (i.kind = 'real' AND jp.organization_id = %(organization)s))
               WINDOW w AS (PARTITION BY iq.interview_id)
           ), medians AS (
               SELECT question_id, percentile_cont(0.5) WITHIN GROUP (ORDER BY overall_score) AS
               median
               FROM scored GROUP BY question_id
           ), split AS (
               SELECT s.*, s.overall_score >= m.median AS strong
               FROM scored s JOIN medians m USING (question_id)
           )
           SELECT q.id, q.organization_id, q.version, q.content, q.category, q.difficulty,
           q.position,
                  q.language, q.is_active,
                  -- An organization sees its own interviews' numbers only.
                  CASE WHEN %(everything)s THEN q.usage_count ELSE count(sp.score)::int END AS
                  usage_count,
                  CASE WHEN %(everything)s THEN q.avg_score
                       ELSE round(avg(sp.score)::numeric, 2)::double precision END AS avg_score,
                  count(sp.score)::int AS interviews,
                  avg(sp.score) AS mean_score,
                  stddev_samp(sp.score) AS score_sd,
                  corr(sp.score, sp.overall_score) AS correlation,
                  corr(sp.score, sp.rest_mean) AS rest_correlation,
                  corr(sp.score, sp.strong::int) AS point_biserial,
                  count(*) FILTER (WHERE sp.strong)::int AS strong_interviews,
                  avg(sp.score) FILTER (WHERE sp.strong) AS strong_mean,
                  count(*) FILTER (WHERE NOT sp.strong)::int AS weak_interviews,
                  avg(sp.score) FILTER (WHERE NOT sp.strong) AS weak_mean
           FROM questions q LEFT JOIN split sp ON sp.question_id = q.id
           WHERE (%(qid)s::bigint IS NULL OR q.id = %(qid)s)
             AND (%(everything)s OR q.organization_id IS NULL OR q.organization_id =
             %(organization)s)
             AND (%(category)s::text IS NULL OR q.category = %(category)s)
             AND (%(difficulty)s::text IS NULL OR q.difficulty = %(difficulty)s)
             AND (%(position)s::text IS NULL OR lower(q.position) = lower(%(position)s))
             AND (%(language)s::text IS NULL OR q.language = %(language)s)
           GROUP BY q.id
           HAVING count(sp.score) >= %(min)s
           ORDER BY coalesce(corr(sp.score, sp.rest_mean), corr(sp.score, sp.overall_score)) DESC
           NULLS LAST,
                    count(sp.score) DESC, q.id
           LIMIT %(limit)s OFFSET %(offset)s""",
        {
            "qid": question_id,
            "category": category,
            "difficulty": difficulty,
            "position": position,
            "language": language,
            "posting": job_posting_id,
            "everything": scope.everything,
            "organization": scope.organization_id,
            "min": min_interviews,
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
