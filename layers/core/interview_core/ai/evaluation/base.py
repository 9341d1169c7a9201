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
    # Written for the candidate: what went well or what to add, with no rubric text, criterion
    # names,
    # weights or scoring signals (those teach how to game the scorer).
    feedback: str = ""
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
    # Candidate-safe feedback for the whole interview (same rules as QuestionEvaluation.feedback).
    feedback_strengths: list[str] = []
    feedback_improvements: list[str] = []
    # Why this report must be checked by a person before anyone relies on it (the offline evaluator,
    # a fallback); None when the evaluator gives no such reason. Every report is AI-assisted and
    # pending review until a member reviews it, whatever this says.
    needs_human_review: str | None = None

    @property
    def overall_score(self) -> float:
        from interview_core.ai.evaluation.scoring import overall_score

        return overall_score(
            self.technical_score, self.communication_score, self.cultural_fit_score
        )

    def details_json(self) -> dict[str, Any]:
        return {
            "evaluator_model": self.evaluator_model,
            "overall_score": self.overall_score,
            "questions": [q.model_dump(mode="json") for q in self.questions],
            "strengths": self.strengths,
            "improvements": self.improvements,
            "notes": self.notes,
            "feedback": {
                "strengths": self.feedback_strengths,
                "improvements": self.feedback_improvements,
                "questions": [
                    {"question_id": q.question_id, "feedback": q.feedback} for q in self.questions
                ],
            },
            "needs_human_review": self.needs_human_review,
        }


class Evaluator(Protocol):
    name: str

    def evaluate(self, record: InterviewRecord) -> Evaluation: ...
