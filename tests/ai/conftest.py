"""Fixtures of the AI tests: bench interviews as evaluator records, a local fake chat endpoint."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from interview_core.ai.evaluation.base import InterviewRecord
from interview_core.ai.evaluation.llm import LLMEvaluator
from interview_core.ai.evaluation.offline import answers_per_question
from interview_core.ai.evaluation.text import sentences
from interview_core.ai.llm_client import LLMClient

from bench.evaluator_bench import SETS, build_record
from tests.ai.fake_openai import FakeChatServer


def bench_row(interview_id: str) -> dict[str, Any]:
    for path in SETS.values():
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            if row["id"] == interview_id:
                return row
    raise KeyError(interview_id)


def bench_record(interview_id: str, *, skip_last: bool = False) -> InterviewRecord:
    row = bench_row(interview_id)
    if skip_last:
        row["questions"][-1]["answer"] = ""
    return build_record(7, row)


def good_report(
    record: InterviewRecord,
    *,
    summary: str | None = None,
    score: float = 80,
    communication: float = 70,
) -> dict[str, Any]:
    """What a well-behaved model answers: every answered question scored on every criterion of its
    rubric and on communication, each resting on a sentence copied from the candidate's answer."""
    answers = answers_per_question(record)
    korean = str(record.language) == "ko"
    questions = []
    for q in record.questions:
        lines = answers[q.id]
        if not lines:
            continue
        evidence = [{"transcript_id": lines[0].id, "quote": sentences(lines[0].text)[0]}]
        questions.append(
            {
                "question_id": q.id,
                "comment": "Concrete and on the point.",
                "criteria": [
                    {"name": c["name"], "score": score, "evidence": [dict(e) for e in evidence]}
                    for c in q.rubric_json["criteria"]
                ],
                "communication": {"score": communication, "evidence": [dict(e) for e in evidence]},
                "feedback": "예시가 구체적이었습니다. 결과를 수치로 덧붙이면 더 좋습니다."
                if korean
                else "Your example was concrete; say what changed afterwards, with a number.",
            }
        )
    return {
        "questions": questions,
        "summary": summary
        or (
            "구체적인 사례와 수치로 답했습니다. 기술 질문에 특히 강합니다."
            if korean
            else "Specific answers with numbers and examples. Strongest on the technical questions."
        ),
        "strengths": ["인덱스 설계 경험이 구체적입니다."]
        if korean
        else ["Concrete indexing experience."],
        "improvements": ["협업 사례에 결과를 더하세요."]
        if korean
        else ["Add outcomes to the teamwork example."],
        "feedback_strengths": ["경험을 구체적인 사례로 설명했습니다."]
        if korean
        else ["You explained your experience with real cases."],
        "feedback_improvements": ["협업 이야기에 결과를 더해 보세요."]
        if korean
        else ["Close the teamwork story with its outcome."],
    }


@pytest.fixture
def fake() -> Iterator[FakeChatServer]:
    with FakeChatServer().running() as server:
        yield server


@pytest.fixture
def make_evaluator(fake: FakeChatServer):
    def make(
        *,
        max_answer_chars: int | None = None,
        max_transcript_chars: int | None = None,
        **overrides: Any,
    ) -> LLMEvaluator:
        options: dict[str, Any] = {
            "base_url": fake.url,
            "api_key": "test-key",
            "model": "solar-pro2",
            "timeout_seconds": 5.0,
            "max_retries": 2,
            "backoff_seconds": 0.01,
            "max_backoff_seconds": 2.0,
        }
        options.update(overrides)
        caps = {
            k: v
            for k, v in {
                "max_answer_chars": max_answer_chars,
                "max_transcript_chars": max_transcript_chars,
            }.items()
            if v is not None
        }
        return LLMEvaluator(LLMClient(**options), **caps)

    return make
