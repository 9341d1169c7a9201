"""New questions with rubrics written by a language model, kept only when they are new: into the
curated bank (`interview questions generate`, the CLI), or as an organization's drafts for one
job posting, from its description (`draft_requested_questions`, the question_drafts worker; a
member approves each before it is asked).

Any OpenAI-compatible chat endpoint through the shared LLM client (ai/llm_client.py: retries,
Retry-After, the output-token limit), configured like the evaluator (LLM_BASE_URL, LLM_API_KEY or
HUGGINGFACE_API_KEY, LLM_MODEL, timeouts and retries; see ai/evaluation/llm_settings.py);
EVALUATOR=offline does not switch it off, a missing key does. The prompt is
question_generation.prompt.md beside this file.

Every proposal is validated (category, difficulty, a rubric with weighted criteria, the requested
language) and embedded with the bank's embedder; one whose cosine similarity to a question of the
bank in the same language (nearest neighbour through the HNSW index) or to an earlier proposal
reaches the embedder's duplicate threshold is dropped, with the question it repeats. An
organization's drafts are compared with the curated bank and that organization's own questions,
never another's. The kept ones are inserted with their vectors, their rubric saying which model
wrote them.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from interview_core.ai.embeddings.base import Embedder, cosine, get_embedder
from interview_core.ai.evaluation.llm_settings import LLMSettings, get_llm_settings
from interview_core.ai.llm_client import LLMCallFailed, LLMClient, UnusableResponse
from interview_core.db import audit, job_postings, question_drafts, questions
from interview_core.db.connection import Connection, Database
from interview_core.domain.access import QuestionScope
from interview_core.domain.models import (
    Category,
    Difficulty,
    DroppedProposal,
    Language,
    QuestionDraftRequest,
)
from interview_core.errors import InvalidInput
from interview_core.observability import logger
from interview_core.services.question_selection import embed_bank

_HANGUL = re.compile(r"[가-힣]")
_EXISTING_SHOWN = 40
# A question with a rubric of four criteria and five expected points is about 400 tokens (Korean);
# many questions need more than the evaluator's limit.
_TOKENS_PER_QUESTION = 500


class GeneratedCriterion(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=1000)
    weight: float = Field(default=1.0, gt=0, le=100)
    keywords: list[str] = Field(default_factory=list, max_length=50)


class GeneratedRubric(BaseModel):
    criteria: list[GeneratedCriterion] = Field(min_length=1, max_length=20)
    expected_points: list[str] = Field(default_factory=list, max_length=30)


class GeneratedQuestion(BaseModel):
    content: str = Field(min_length=10, max_length=2000)
    category: Category
    difficulty: Difficulty
    rubric: GeneratedRubric


class GenerationUnavailable(InvalidInput):
    """No LLM key, or no embedder to check for duplicates."""


class GenerationFailed(LLMCallFailed):
    """The model gave no usable list of questions; `reason` and `attempts` say why."""


@dataclass
class GenerationResult:
    model: str
    embedder: str
    added: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[dict[str, Any]] = field(default_factory=list)
    attempts: int = 1
    dry_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def load_prompt() -> str:
    return (
        files("interview_core.services")
        .joinpath("question_generation.prompt.md")
        .read_text("utf-8")
    )


def _client(settings: LLMSettings, sleep: Callable[[float], None]) -> LLMClient:
    client = LLMClient.from_settings(settings.for_writing(), sleep=sleep)
    if client is None:
        raise GenerationUnavailable(
            "No LLM key: set LLM_API_KEY (or HUGGINGFACE_API_KEY) to generate questions"
        )
    return client


def _embedder(embedder: Embedder | None) -> Embedder:
    embedder = embedder or get_embedder()
    if embedder is None:
        raise GenerationUnavailable(
            "No embedder (QUESTION_EMBEDDINGS=off): duplicates could not be checked"
        )
    return embedder


def _ask(
    client: LLMClient, settings: LLMSettings, payload: dict[str, Any], count: int
) -> tuple[list[Any], int]:
    """The model's proposals and the attempts it took."""
    messages = [
        {"role": "system", "content": load_prompt()},
        {"role": "user", "content": json.dumps(payload, ensure_ascii=False)},
    ]
    try:
        answer = client.chat_json(
            messages,
            _proposals,
            temperature=0.4,
            max_output_tokens=max(settings.llm_max_output_tokens, _TOKENS_PER_QUESTION * count),
        )
    except LLMCallFailed as failure:
        raise GenerationFailed(failure.reason, failure.attempts) from failure
    return answer.value, answer.attempts


@dataclass
class _Screened:
    kept: list[tuple[GeneratedQuestion, list[float]]] = field(default_factory=list)
    dropped: list[DroppedProposal] = field(default_factory=list)
    # The content of the question each near-duplicate repeats (the CLI prints it).
    repeats: dict[int, str] = field(default_factory=dict)


def _screen(
    db: Database,
    proposals: list[Any],
    *,
    language: Language,
    count: int,
    embedder: Embedder,
    organization_id: int | None,
) -> _Screened:
    """The proposals worth keeping (valid, in the language, new to what the organization can see
    and to each other), at most `count`, with their vectors; the rest with why."""
    screened = _Screened()
    valid: list[GeneratedQuestion] = []
    for item in proposals[: count * 2]:
        try:
            proposal = GeneratedQuestion.model_validate(item)
        except ValidationError as error:
            first = error.errors()[0]
            content = item.get("content", "") if isinstance(item, dict) else ""
            screened.dropped.append(
                DroppedProposal(
                    content=str(content)[:300],
                    reason="invalid",
                    detail=f"{'.'.join(map(str, first['loc']))}: {first['msg']}",
                )
            )
            continue
        if (language == Language.KO) != bool(_HANGUL.search(proposal.content)):
            screened.dropped.append(
                DroppedProposal(
                    content=proposal.content,
                    reason="wrong_language",
                    detail="not in Korean" if language == Language.KO else "not in English",
                )
            )
            continue
        valid.append(proposal)

    vectors = embedder.embed_passages([p.content.strip() for p in valid]) if valid else []
    with db.unit_of_work() as uow:
        for proposal, vector in zip(valid, vectors, strict=True):
            nearest = questions.nearest_questions(
                uow.conn,
                model=embedder.name,
                language=language,
                vector=vector,
                organization_id=organization_id,
            )
            if nearest and nearest[0][2] >= embedder.duplicate_threshold:
                qid, content, similarity = nearest[0]
                screened.repeats[len(screened.dropped)] = content
                screened.dropped.append(
                    DroppedProposal(
                        content=proposal.content,
                        reason="near_duplicate",
                        detail="the bank",
                        similar_to=qid,
                        similarity=round(similarity, 4),
                    )
                )
                continue
            twin = next(
                (
                    (earlier, similarity)
                    for earlier, v in screened.kept
                    if (similarity := cosine(vector, v)) >= embedder.duplicate_threshold
                ),
                None,
            )
            if twin is not None:
                screened.repeats[len(screened.dropped)] = twin[0].content
                screened.dropped.append(
                    DroppedProposal(
                        content=proposal.content,
                        reason="near_duplicate",
                        detail="another proposal",
                        similarity=round(twin[1], 4),
                    )
                )
                continue
            if len(screened.kept) < count:
                screened.kept.append((proposal, vector))
    return screened


def _insert(
    conn: Connection,
    proposal: GeneratedQuestion,
    vector: list[float],
    *,
    model: str,
    embedder: Embedder,
    values: dict[str, Any],
) -> Any:
    rubric = {**proposal.rubric.model_dump(), "generated_by": model}
    question = questions.insert_question(
        conn,
        {
            "content": proposal.content.strip(),
            "category": proposal.category,
            "difficulty": proposal.difficulty,
            "rubric_json": rubric,
            "generated_by": model,
            **values,
        },
    )
    questions.set_embeddings(
        conn, model=embedder.name, vectors=[(question.id, question.content, vector)]
    )
    return question


def generate_questions(
    db: Database,
    *,
    position: str,
    language: Language | str,
    count: int = 5,
    category: Category | None = None,
    difficulty: Difficulty | None = None,
    dry_run: bool = False,
    settings: LLMSettings | None = None,
    embedder: Embedder | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> GenerationResult:
    """New questions for the curated bank (the CLI)."""
    if not 1 <= count <= 20:
        raise InvalidInput("count must be between 1 and 20")
    language = Language(language)
    settings = settings or get_llm_settings()
    client = _client(settings, sleep)
    embedder = _embedder(embedder)

    embed_bank(db, embedder)  # the bank's vectors must be there to compare with; cheap when done
    with db.unit_of_work() as uow:
        existing = questions.candidates_for(
            uow.conn, position=position, language=language, organization_id=None
        )
    payload = {
        "task": "question_generation",
        "position": position,
        "language": str(language),
        "count": count,
        "category": str(category) if category else None,
        "difficulty": str(difficulty) if difficulty else None,
        "existing_questions": [q.content for q in existing if q.position][:_EXISTING_SHOWN],
    }
    proposals, attempts = _ask(client, settings, payload, count)
    result = GenerationResult(
        model=client.name, embedder=embedder.name, attempts=attempts, dry_run=dry_run
    )
    screened = _screen(
        db, proposals, language=language, count=count, embedder=embedder, organization_id=None
    )
    for index, drop in enumerate(screened.dropped):
        result.dropped.append(_cli_view(drop, screened.repeats.get(index)))
    if dry_run:
        result.added = [
            {
                "id": None,
                "content": p.content,
                "category": str(p.category),
                "difficulty": str(p.difficulty),
            }
            for p, _ in screened.kept
        ]
    else:
        with db.unit_of_work() as uow:
            for proposal, vector in screened.kept:
                question = _insert(
                    uow.conn,
                    proposal,
                    vector,
                    model=result.model,
                    embedder=embedder,
                    values={"position": position, "language": language, "is_active": True},
                )
                result.added.append(
                    {
                        "id": question.id,
                        "content": question.content,
                        "category": str(question.category),
                        "difficulty": str(question.difficulty),
                    }
                )
    logger.info(
        "questions generated",
        extra={
            "model": result.model,
            "added": len(result.added),
            "dropped": len(result.dropped),
            "position": position,
            "language": str(language),
        },
    )
    return result


def _cli_view(drop: DroppedProposal, repeats: str | None) -> dict[str, Any]:
    if drop.reason == "invalid":
        return {"content": drop.content, "reason": f"invalid: {drop.detail}"}
    if drop.reason == "wrong_language":
        return {"content": drop.content, "reason": drop.detail}
    view: dict[str, Any] = {
        "content": drop.content,
        "reason": f"near-duplicate of {drop.detail}",
        "similar_content": repeats,
        "similarity": drop.similarity,
    }
    if drop.similar_to is not None:
        view["similar_to"] = drop.similar_to
    return view


def draft_requested_questions(
    db: Database,
    request_id: int,
    *,
    settings: LLMSettings | None = None,
    embedder: Embedder | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> QuestionDraftRequest | None:
    """Run one request for drafts (the question_drafts job): the model writes questions from the
    posting's title, position and description; the new ones become the organization's drafts
    (inactive until approved), each in the audit trail, and the request says what was added and
    dropped. The model is called outside any transaction. None when the request is not this
    worker's to run (done, failed, or running elsewhere); a failure of the model or a missing
    configuration ends it 'failed' with the reason."""
    with db.unit_of_work() as uow:
        request = question_drafts.claim(uow.conn, request_id)
        if request is None:
            return None
        posting = job_postings.get_job_posting(uow.conn, request.job_posting_id)
        assert posting is not None  # the request is deleted with its posting
        existing = [
            q.content
            for q in questions.candidates_for(
                uow.conn,
                position=posting.position,
                language=request.language,
                organization_id=posting.organization_id,
            )
            if q.position or q.organization_id is not None
        ]
        drafts = questions.search_questions(
            uow.conn,
            scope=QuestionScope(organization_id=posting.organization_id, everything=False),
            status="draft",
            job_posting_id=posting.id,
            category=None,
            difficulty=None,
            position=None,
            language=None,
            active=None,
            text=None,
            limit=_EXISTING_SHOWN,
            offset=0,
        )
    settings = settings or get_llm_settings()
    try:
        client = _client(settings, sleep)
        chosen = _embedder(embedder)
        embed_bank(db, chosen)
        payload = {
            "task": "question_generation",
            "position": posting.position,
            "title": posting.title,
            "description": posting.description or "",
            "language": str(request.language),
            "count": request.count,
            "category": None,
            "difficulty": None,
            "existing_questions": [*existing, *(q.content for q in drafts)][:_EXISTING_SHOWN],
        }
        proposals, _ = _ask(client, settings, payload, request.count)
        screened = _screen(
            db,
            proposals,
            language=request.language,
            count=request.count,
            embedder=chosen,
            organization_id=posting.organization_id,
        )
    except (GenerationUnavailable, GenerationFailed) as failure:
        with db.unit_of_work() as uow:
            if question_drafts.lock_if_still_ours(uow.conn, request):
                question_drafts.finish(
                    uow.conn, request.id, model=None, added=[], dropped=[], error=str(failure)
                )
        logger.warning("question drafts failed", extra={"request_id": request.id})
        return _reread(db, request)
    except Exception:
        with db.unit_of_work() as uow:
            question_drafts.requeue(uow.conn, request.id)
        raise
    added: list[int] = []
    with db.unit_of_work() as uow:
        if not question_drafts.lock_if_still_ours(uow.conn, request):
            return None  # a later claim of a lost worker took it over
        for proposal, vector in screened.kept:
            question = _insert(
                uow.conn,
                proposal,
                vector,
                model=client.name,
                embedder=chosen,
                values={
                    "organization_id": posting.organization_id,
                    "position": posting.position,
                    "language": request.language,
                    "is_active": False,
                    "status": "draft",
                    "job_posting_id": posting.id,
                },
            )
            audit.record(
                uow.conn,
                actor_id=request.requested_by,
                organization_id=posting.organization_id,
                action="question.drafted",
                target_type="question",
                target_id=question.id,
                after={
                    "content": question.content,
                    "job_posting_id": posting.id,
                    "generated_by": client.name,
                    "request_id": request.id,
                },
            )
            added.append(question.id)
        question_drafts.finish(
            uow.conn, request.id, model=client.name, added=added, dropped=screened.dropped
        )
    logger.info(
        "question drafts written",
        extra={"request_id": request.id, "added": len(added), "dropped": len(screened.dropped)},
    )
    return _reread(db, request)


def _reread(db: Database, request: QuestionDraftRequest) -> QuestionDraftRequest | None:
    with db.unit_of_work() as uow:
        return question_drafts.get_request(uow.conn, request.id)


def _proposals(data: Any) -> list[Any]:
    """The proposals of an answer, each validated on its own later (one bad one drops only
    itself)."""
    items = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise UnusableResponse("no 'questions' list")
    return items
