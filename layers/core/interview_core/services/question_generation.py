"""New bank questions with rubrics written by a language model, kept only when they are new.

Any OpenAI-compatible chat endpoint through the shared LLM client (ai/llm_client.py: retries,
Retry-After, the output-token limit), configured like the evaluator (LLM_BASE_URL, LLM_API_KEY or
HUGGINGFACE_API_KEY, LLM_MODEL, timeouts and retries; see ai/evaluation/llm_settings.py);
EVALUATOR=offline does not switch it off, a missing key does. The prompt is
question_generation.prompt.md beside this file.

Every proposal is validated (category, difficulty, a rubric with weighted criteria, the requested
language) and embedded with the bank's embedder; one whose cosine similarity to a question of the
bank in the same language (nearest neighbour through the HNSW index) or to an earlier proposal
reaches the embedder's duplicate threshold is dropped, with the question it repeats. The kept ones
are inserted with their vectors, their rubric saying which model wrote them.
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
from interview_core.db import questions
from interview_core.db.connection import Database
from interview_core.domain.models import Category, Difficulty, Language
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
    if not 1 <= count <= 20:
        raise InvalidInput("count must be between 1 and 20")
    language = Language(language)
    settings = settings or get_llm_settings()
    client = LLMClient.from_settings(settings.model_copy(update={"evaluator": "auto"}), sleep=sleep)
    if client is None:
        raise GenerationUnavailable(
            "No LLM key: set LLM_API_KEY (or HUGGINGFACE_API_KEY) to generate questions"
        )
    embedder = embedder or get_embedder()
    if embedder is None:
        raise GenerationUnavailable(
            "No embedder (QUESTION_EMBEDDINGS=off): duplicates could not be checked"
        )

    embed_bank(db, embedder)  # the bank's vectors must be there to compare with; cheap when done
    with db.unit_of_work() as uow:
        existing = questions.candidates_for(
            uow.conn, position=position, language=language, organization_id=None
        )
    payload = {
        "position": position,
        "language": str(language),
        "count": count,
        "category": str(category) if category else None,
        "difficulty": str(difficulty) if difficulty else None,
        "existing_questions": [q.content for q in existing if q.position][:_EXISTING_SHOWN],
    }
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
    proposals = answer.value
    result = GenerationResult(
        model=client.name, embedder=embedder.name, attempts=answer.attempts, dry_run=dry_run
    )

    valid: list[GeneratedQuestion] = []
    for item in proposals[: count * 2]:
        try:
            proposal = GeneratedQuestion.model_validate(item)
        except ValidationError as error:
            first = error.errors()[0]
            result.dropped.append(
                {
                    "content": str((item or {}).get("content", ""))[:300]
                    if isinstance(item, dict)
                    else "",
                    "reason": f"invalid: {'.'.join(map(str, first['loc']))}: {first['msg']}",
                }
            )
            continue
        if language == Language.KO and not _HANGUL.search(proposal.content):
            result.dropped.append({"content": proposal.content, "reason": "not in Korean"})
            continue
        if language == Language.EN and _HANGUL.search(proposal.content):
            result.dropped.append({"content": proposal.content, "reason": "not in English"})
            continue
        valid.append(proposal)

    vectors = embedder.embed_passages([p.content.strip() for p in valid]) if valid else []
    kept: list[tuple[GeneratedQuestion, list[float]]] = []
    with db.unit_of_work() as uow:
        for proposal, vector in zip(valid, vectors, strict=True):
            nearest = questions.nearest_questions(
                uow.conn, model=embedder.name, language=language, vector=vector
            )
            if nearest and nearest[0][2] >= embedder.duplicate_threshold:
                qid, content, sim = nearest[0]
                result.dropped.append(
                    {
                        "content": proposal.content,
                        "reason": "near-duplicate of the bank",
                        "similar_to": qid,
                        "similar_content": content,
                        "similarity": round(sim, 4),
                    }
                )
                continue
            twin = next(
                (
                    (i, cosine(vector, v))
                    for i, (_, v) in enumerate(kept)
                    if cosine(vector, v) >= embedder.duplicate_threshold
                ),
                None,
            )
            if twin is not None:
                result.dropped.append(
                    {
                        "content": proposal.content,
                        "reason": "near-duplicate of another proposal",
                        "similar_content": kept[twin[0]][0].content,
                        "similarity": round(twin[1], 4),
                    }
                )
                continue
            if len(kept) < count:
                kept.append((proposal, vector))
        if not dry_run:
            for proposal, vector in kept:
                rubric = {**proposal.rubric.model_dump(), "generated_by": result.model}
                question = questions.insert_question(
                    uow.conn,
                    {
                        "content": proposal.content.strip(),
                        "category": proposal.category,
                        "difficulty": proposal.difficulty,
                        "rubric_json": rubric,
                        "position": position,
                        "language": language,
                        "is_active": True,
                    },
                )
                questions.set_embeddings(
                    uow.conn, model=embedder.name, vectors=[(question.id, question.content, vector)]
                )
                result.added.append(
                    {
                        "id": question.id,
                        "content": question.content,
                        "category": str(question.category),
                        "difficulty": str(question.difficulty),
                    }
                )
    if dry_run:
        result.added = [
            {
                "id": None,
                "content": p.content,
                "category": str(p.category),
                "difficulty": str(p.difficulty),
            }
            for p, _ in kept
        ]
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


def _proposals(data: Any) -> list[Any]:
    """The proposals of an answer, each validated on its own later (one bad one drops only
    itself)."""
    items = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise UnusableResponse("no 'questions' list")
    return items
