"""The LLM evaluator: any OpenAI-compatible chat endpoint through the `openai` SDK.

The model gets the interview's questions with their rubrics and the transcript with line ids (no
sentiment: it is context for the reader, never a score) and answers with one JSON object, validated
by pydantic: per question a score per rubric criterion with the transcript lines and quotes it rests
on, then the three scores, a summary, strengths and improvements in the interview's language.

Every quote is checked against the line it cites: a quote that is not, word for word, in that
candidate line is dropped from the report and listed in notes.evidence_check. Scores of questions
nobody answered are not kept.

Retries are ours (the SDK's are off): 429 (Retry-After honoured, capped), 408/409/5xx, timeouts,
connection errors and malformed or invalid JSON are retried with exponential backoff; other 4xx
(a bad key, an unknown model) are not. On final failure the offline evaluator writes the report,
and evaluator_model, notes.fallback and the summary say so and why.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from importlib.resources import files
from typing import Any
from urllib.parse import urlparse

import openai
from pydantic import BaseModel, Field, ValidationError

from interview_core.ai.evaluation.base import (
    CriterionScore,
    Evaluation,
    Evaluator,
    Evidence,
    InterviewRecord,
    QuestionEvaluation,
)
from interview_core.ai.evaluation.offline import OfflineRubricEvaluator, answers_per_question
from interview_core.domain.models import Language, Speaker, Transcript
from interview_core.observability import logger

PROMPTS = "interview_core.ai.evaluation.prompts"
_HANGUL = re.compile(r"[가-힣]")
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)
_RETRIED_STATUS = {408, 409}


def load_prompt(language: Language | str) -> str:
    """The system prompt for an interview's language, from prompts/evaluate_interview.<ko|en>.md."""
    name = f"evaluate_interview.{'ko' if str(language) == 'ko' else 'en'}.md"
    return files(PROMPTS).joinpath(name).read_text("utf-8")


# ---------------------------------------------------------------- what the model must return

class LLMEvidence(BaseModel):
    transcript_id: int
    quote: str


class LLMCriterion(BaseModel):
    name: str
    score: float = Field(ge=0, le=100)
    evidence: list[LLMEvidence] = []


class LLMQuestion(BaseModel):
    question_id: int
    answered: bool = True
    criteria: list[LLMCriterion] = []
    score: float | None = Field(default=None, ge=0, le=100)
    comment: str = ""


class LLMReport(BaseModel):
    questions: list[LLMQuestion]
    technical_score: float = Field(ge=0, le=100)
    communication_score: float = Field(ge=0, le=100)
    cultural_fit_score: float = Field(ge=0, le=100)
    summary: str = Field(min_length=1)
    strengths: list[str] = []
    improvements: list[str] = []


class LLMFailure(Exception):
    """The model could not give a usable report; `reason` says why, in a few words."""

    def __init__(self, reason: str, attempts: list[str]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


class _Unusable(Exception):
    """A response that arrived but cannot be used (not JSON, wrong shape, wrong language)."""


# ---------------------------------------------------------------- evidence check

def verify_evidence(
    evidence: list[LLMEvidence], lines: dict[int, Transcript], allowed_lines: set[int]
) -> tuple[list[Evidence], list[dict[str, Any]]]:
    """Keep a quote only if it is, word for word, in the candidate line it cites (surrounding
    quotation marks and white space aside). Returns (kept, dropped with the reason)."""
    kept: list[Evidence] = []
    dropped: list[dict[str, Any]] = []
    for item in evidence:
        line = lines.get(item.transcript_id)
        quote = item.quote.strip().strip("\"'“”‘’「」").strip()
        reason = None
        if line is None:
            reason = "no such transcript line"
        elif line.speaker != Speaker.USER:
            reason = "not a line the candidate said"
        elif item.transcript_id not in allowed_lines:
            reason = "a line answering another question"
        elif not quote:
            reason = "empty quote"
        elif quote not in line.text:
            reason = "quote is not in the cited line"
        if reason:
            dropped.append({"transcript_id": item.transcript_id, "quote": item.quote[:300], "reason": reason})
        elif not any(e.transcript_id == item.transcript_id and e.quote == quote for e in kept):
            kept.append(Evidence(transcript_id=item.transcript_id, quote=quote))
    return kept, dropped


# ---------------------------------------------------------------- the evaluator

class LLMEvaluator:
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        model: str,
        timeout_seconds: float = 30.0,
        max_retries: int = 3,
        backoff_seconds: float = 1.0,
        max_backoff_seconds: float = 20.0,
        fallback: Evaluator | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.model = model
        self.name = f"llm:{model}"
        self.base_url = base_url
        self.timeout_seconds = timeout_seconds
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self.fallback = fallback or OfflineRubricEvaluator()
        self._sleep = sleep
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key, timeout=timeout_seconds, max_retries=0)

    # -- public

    def evaluate(self, record: InterviewRecord) -> Evaluation:
        started = time.monotonic()
        try:
            report, attempts = self._report(record)
            evaluation = self._evaluation(record, report, attempts)
        except LLMFailure as failure:
            logger.warning("LLM evaluation failed; the offline evaluator writes the report",
                           extra={"interview_id": record.interview_id, "reason": failure.reason,
                                  "attempts": failure.attempts})
            return self._fallback(record, failure)
        evaluation.notes["seconds"] = round(time.monotonic() - started, 2)
        return evaluation

    # -- the call, with retries

    def messages(self, record: InterviewRecord) -> list[dict[str, str]]:
        payload = {
            "interview": {"position": record.position, "language": str(record.language)},
            "questions": [
                {
                    "question_id": q.id,
                    "category": str(q.category),
                    "difficulty": str(q.difficulty),
                    "question": q.content,
                    "rubric": {
                        "criteria": [
                            {"name": c.get("name"), "description": c.get("description", ""), "weight": c.get("weight")}
                            for c in (q.rubric_json or {}).get("criteria") or []
                        ],
                        "expected_points": (q.rubric_json or {}).get("expected_points") or [],
                    },
                }
                for q in record.questions
            ],
            # Sentiment and emotion are left out on purpose: they never change a score.
            "transcript": [
                {"id": t.id, "speaker": "candidate" if t.speaker == Speaker.USER else "interviewer",
                 "question_id": t.question_id, "text": t.text}
                for t in sorted(record.transcripts, key=lambda t: t.order)
            ],
        }
        return [
            {"role": "system", "content": load_prompt(record.language)},
            {"role": "user", "content": json.dumps(payload, ensure_ascii=False)},
        ]

    def _report(self, record: InterviewRecord) -> tuple[LLMReport, list[str]]:
        messages = self.messages(record)
        attempts: list[str] = []
        for attempt in range(1, self.max_retries + 2):
            delay = self._backoff(attempt)
            try:
                completion = self._client.chat.completions.create(
                    model=self.model,
                    messages=messages,  # type: ignore[arg-type]
                    response_format={"type": "json_object"},
                    temperature=0,
                )
                content = completion.choices[0].message.content if completion.choices else None
                return self._parse(content, record), attempts
            except openai.RateLimitError as error:
                reason = "rate limited (HTTP 429)"
                delay = _retry_after(error.response, default=delay, cap=self.max_backoff_seconds)
            except openai.APITimeoutError:
                reason = f"timed out after {self.timeout_seconds:g} s"
            except openai.APIConnectionError as error:
                reason = f"connection failed ({type(error.__cause__).__name__ if error.__cause__ else 'no answer'})"
            except openai.APIStatusError as error:
                if error.status_code < 500 and error.status_code not in _RETRIED_STATUS:
                    attempts.append(f"HTTP {error.status_code}")
                    raise LLMFailure(f"HTTP {error.status_code} from the model endpoint, not retried", attempts) from error
                reason = f"HTTP {error.status_code}"
                delay = _retry_after(error.response, default=delay, cap=self.max_backoff_seconds)
            except _Unusable as error:
                reason = f"unusable response: {error}"
            attempts.append(reason)
            if attempt > self.max_retries:
                raise LLMFailure(f"{reason}; gave up after {attempt} attempts", attempts)
            self._sleep(delay)
        raise AssertionError("unreachable")

    def _backoff(self, attempt: int) -> float:
        return min(self.max_backoff_seconds, self.backoff_seconds * 2 ** (attempt - 1))

    def _parse(self, content: str | None, record: InterviewRecord) -> LLMReport:
        if not content or not content.strip():
            raise _Unusable("empty content")
        try:
            data = json.loads(_FENCE.sub("", content))
        except json.JSONDecodeError as error:
            raise _Unusable(f"not JSON ({error.msg} at {error.pos})") from None
        try:
            report = LLMReport.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            raise _Unusable(f"invalid report ({'.'.join(map(str, first['loc']))}: {first['msg']})") from None
        answered = {qid for qid, lines in answers_per_question(record).items() if lines}
        given = {q.question_id: q for q in report.questions}
        missing = sorted(answered - given.keys())
        if missing:
            raise _Unusable(f"answered question {missing[0]} is not scored")
        for qid in sorted(answered):
            if not given[qid].criteria and given[qid].score is None:
                raise _Unusable(f"question {qid} has neither criteria nor a score")
        if record.language == Language.KO and not _HANGUL.search(report.summary):
            raise _Unusable("the summary of a Korean interview is not in Korean")
        return report

    # -- the report

    def _evaluation(self, record: InterviewRecord, report: LLMReport, attempts: list[str]) -> Evaluation:
        answers = answers_per_question(record)
        lines = {t.id: t for t in record.transcripts}
        given = {q.question_id: q for q in report.questions}
        kept_total = 0
        dropped_all: list[dict[str, Any]] = []
        ignored: list[str] = []
        per_question: list[QuestionEvaluation] = []
        for question in record.questions:
            base = QuestionEvaluation(question_id=question.id, question=question.content,
                                      category=question.category, answered=False)
            item = given.get(question.id)
            if not answers[question.id]:
                if item is not None and (item.criteria or item.score is not None):
                    ignored.append(f"question {question.id} was not answered: the model's score is not kept")
                base.comment = "답변하지 않음" if record.language == Language.KO else "Not answered"
                per_question.append(base)
                continue
            assert item is not None  # _parse made sure
            rubric = {str(c.get("name")): float(c.get("weight") or 1.0)
                      for c in (question.rubric_json or {}).get("criteria") or []}
            allowed = {line.id for line in answers[question.id]}
            criteria: list[CriterionScore] = []
            for criterion in item.criteria:
                if rubric and criterion.name not in rubric:
                    ignored.append(f"question {question.id}: '{criterion.name}' is not a criterion of its rubric")
                    continue
                kept, dropped = verify_evidence(criterion.evidence, lines, allowed)
                kept_total += len(kept)
                dropped_all.extend({"question_id": question.id, "criterion": criterion.name, **d} for d in dropped)
                criteria.append(CriterionScore(name=criterion.name, score=round(criterion.score, 1), evidence=kept))
            if criteria:
                weights = [rubric.get(c.name, 1.0) for c in criteria]
                score = sum(w * c.score for w, c in zip(weights, criteria, strict=True)) / sum(weights)
            else:
                score = item.score or 0.0
            evidence: list[Evidence] = []
            for c in criteria:
                for e in c.evidence:
                    if e not in evidence and len(evidence) < 3:
                        evidence.append(e)
            per_question.append(base.model_copy(update={
                "answered": True, "score": round(score, 1), "criteria": criteria, "evidence": evidence,
                "comment": item.comment.strip(),
            }))

        notes: dict[str, Any] = {
            "method": "language model scored each rubric criterion from the transcript; quotes checked against it",
            "provider": urlparse(self.base_url).hostname or self.base_url,
            "model": self.model,
            "attempts": len(attempts) + 1,
            "evidence_check": {"kept": kept_total, "dropped": len(dropped_all), "dropped_quotes": dropped_all[:20]},
            "sentiment": "not sent to the model and not used for any score; shown to the reader as context",
        }
        if attempts:
            notes["retried_after"] = attempts
        if ignored:
            notes["ignored"] = ignored
        return Evaluation(
            technical_score=round(report.technical_score, 1),
            communication_score=round(report.communication_score, 1),
            cultural_fit_score=round(report.cultural_fit_score, 1),
            summary_text=report.summary.strip(),
            questions=per_question,
            strengths=[s.strip() for s in report.strengths if s.strip()][:5],
            improvements=[s.strip() for s in report.improvements if s.strip()][:5],
            evaluator_model=self.name,
            notes=notes,
        )

    def _fallback(self, record: InterviewRecord, failure: LLMFailure) -> Evaluation:
        evaluation = self.fallback.evaluate(record)
        short = failure.reason.split(";")[0]
        evaluation.evaluator_model = f"{evaluation.evaluator_model} (fallback: {self.name} {short})"
        evaluation.notes = {
            **evaluation.notes,
            "fallback": {"from": self.name, "written_by": self.fallback.name, "reason": failure.reason,
                         "attempts": failure.attempts},
        }
        if record.language == Language.KO:
            evaluation.summary_text += f" 언어 모델({self.model}) 평가에 실패해 대신 작성했습니다: {failure.reason}."
        else:
            evaluation.summary_text += f" The language model ({self.model}) failed, so this report replaces it: {failure.reason}."
        return evaluation


def _retry_after(response: Any, *, default: float, cap: float) -> float:
    """The server's Retry-After (retry-after-ms or retry-after in seconds), capped; else default."""
    headers = getattr(response, "headers", None) or {}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            continue  # an HTTP date: use our own backoff
        if seconds >= 0:
            return min(seconds, cap)
    return default
