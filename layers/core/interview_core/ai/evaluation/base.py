"""What an evaluator reads and what it writes."""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, Field

from interview_core.domain.models import Language, Question, Transcript


class InterviewRecord(BaseModel):
    """Everything an evaluator may read: the questions asked and the whole conversation."""

    interview_id: int
    position: str
    language: Language
    questions: list[Question]
    transcripts: list[Transcript]


class Evidence(BaseModel):
    transcript_id: int
    quote: str


class CriterionScore(BaseModel):
    name: str
    score: float = Field(ge=0, le=100)
    evidence: list[Evidence]


class QuestionEvaluation(BaseModel):
    question_id: int
    question: str
    category: str
    answered: bool
    # None when the question was not answered: it says nothing about the question's difficulty.
    score: float | None = Field(default=None, ge=0, le=100)
    criteria: list[CriterionScore] = []
    evidence: list[Evidence] = []
    comment: str = ""
    # What the score rests on, 0-100 each (the offline evaluator: coverage, relevance, specificity,
    # structure, substance). Empty when the evaluator gives none.
    signals: dict[str, float] = {}


class Evaluation(BaseModel):
    technical_score: float = Field(ge=0, le=100)
    communication_score: float = Field(ge=0, le=100)
    cultural_fit_score: float = Field(ge=0, le=100)
    summary_text: str
    questions: list[QuestionEvaluation]
    strengths: list[str] = []
    improvements: list[str] = []
    evaluator_model: str
    notes: dict[str, Any] = {}

    @property
    def overall_score(self) -> float:
        return round(
            0.5 * self.technical_score + 0.25 * self.communication_score + 0.25 * self.cultural_fit_score, 1
        )

    def details_json(self) -> dict[str, Any]:
        return {
            "evaluator_model": self.evaluator_model,
            "overall_score": self.overall_score,
            "questions": [q.model_dump(mode="json") for q in self.questions],
            "strengths": self.strengths,
            "improvements": self.improvements,
            "notes": self.notes,
        }


class Evaluator(Protocol):
    name: str

    def evaluate(self, record: InterviewRecord) -> Evaluation: ...
