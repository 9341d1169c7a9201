"""What the interview's own candidate sees of its report: a projection with no I/O.

It is built from scratch, field by field, so that nothing of the staff's report reaches the
candidate by default: never details_json, rubric text, criterion names or weights, the signals a
score rests on, evidence, overrides or who reviewed it. Scores are the final ones (after people's
overrides), and only when the candidate may see them (practice: always; a real interview: its
posting's candidates_see_scores).

The texts come from the evaluators (the summary, and the candidate feedback in
details_json.feedback) and are meant to be candidate-safe; they are checked again here:
- a sentence of the summary, or a feedback line, that repeats a rubric's criterion name,
  description or expected point is left out (older offline reports quote rubric descriptions in
  their summary);
- when scores are hidden, or people changed a score (the summary's numbers are the AI's), a
  summary that states scores is not shown at all (""), and neither is a feedback line that does;
- reports written before candidate feedback existed have none: empty lists and "" per question,
  never the staff's strengths and improvements, which quote the rubric.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from interview_core.domain.models import EvaluationReport, InterviewKind, Question, ReviewState
from interview_core.domain.score_review import (
    FinalScores,
    ai_overall,
    ai_question_scores,
    answered_in_report,
)

_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+")
# A number written as a score: "62점", "70/100", "62 points".
_SCORE_WRITTEN = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:점|/\s*100(?!\d)|points?\b|pts\b)", re.IGNORECASE
)
_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?")
_MIN_PHRASE = 4


class CandidateFeedback(BaseModel):
    strengths: list[str]
    improvements: list[str]


class CandidateQuestion(BaseModel):
    question_id: int
    question: str
    answered: bool
    score: float | None = Field(description="None when not answered or when scores are hidden")
    feedback: str


class CandidateReport(BaseModel):
    """The candidate's view of a report; also the API's answer
    (api.schemas.CandidateReportResponse)."""

    id: int
    interview_id: int
    kind: InterviewKind
    ai_assisted: bool = True
    review_state: ReviewState
    scores_visible: bool = Field(
        description="practice: always; real: the posting's candidates_see_scores"
    )
    technical_score: float | None
    communication_score: float | None
    cultural_fit_score: float | None
    overall_score: float | None
    summary_text: str
    feedback: CandidateFeedback
    questions: list[CandidateQuestion]
    evaluator_model: str
    created_at: datetime
    updated_at: datetime


def candidate_report(
    report: EvaluationReport,
    *,
    kind: InterviewKind,
    questions: Sequence[Question],
    final: FinalScores,
    overridden: bool,
    scores_visible: bool,
) -> CandidateReport:
    """The candidate's view of `report`. `questions` are the interview's, in asking order, at the
    version asked (their rubrics are what must not leak); `final` the scores in force;
    `overridden` whether people changed any score."""
    guard = _Guard(questions, _known_scores(report, final))
    hide_stated_scores = not scores_visible or overridden
    feedback = report.details_json.get("feedback")
    feedback = feedback if isinstance(feedback, dict) else {}
    per_question = {
        item.get("question_id"): item.get("feedback")
        for item in feedback.get("questions") or []
        if isinstance(item, dict)
    }
    answered = answered_in_report(report)
    final_questions = final.question_scores()

    def visible(score: float | None) -> float | None:
        return score if scores_visible else None

    return CandidateReport(
        id=report.id,
        interview_id=report.interview_id,
        kind=kind,
        review_state=report.review_state,
        scores_visible=scores_visible,
        technical_score=visible(final.technical),
        communication_score=visible(final.communication),
        cultural_fit_score=visible(final.cultural_fit),
        overall_score=visible(final.overall),
        summary_text=guard.summary(report.summary_text, hide_stated_scores),
        feedback=CandidateFeedback(
            strengths=guard.lines(feedback.get("strengths"), hide_stated_scores),
            improvements=guard.lines(feedback.get("improvements"), hide_stated_scores),
        ),
        questions=[
            CandidateQuestion(
                question_id=q.id,
                question=q.content,
                answered=q.id in answered,
                score=visible(final_questions.get(q.id)),
                feedback=guard.line(per_question.get(q.id), hide_stated_scores),
            )
            for q in questions
        ],
        evaluator_model=report.evaluator_model,
        created_at=report.created_at,
        updated_at=report.updated_at,
    )


def _known_scores(report: EvaluationReport, final: FinalScores) -> set[float]:
    scores = [
        report.technical_score,
        report.communication_score,
        report.cultural_fit_score,
        ai_overall(report),
        *ai_question_scores(report).values(),
        final.technical,
        final.communication,
        final.cultural_fit,
        final.overall,
        *(q.score for q in final.questions),
    ]
    return {float(s) for s in scores if s is not None}


class _Guard:
    """Decides which of the evaluator's texts a candidate may read."""

    def __init__(self, questions: Sequence[Question], scores: set[float]) -> None:
        public = " ".join(q.content for q in questions).casefold()
        phrases: set[str] = set()
        for question in questions:
            for phrase in _rubric_phrases(question.rubric_json or {}):
                phrase = phrase.strip().rstrip(".").strip().casefold()
                if len(phrase) >= _MIN_PHRASE and phrase not in public:
                    phrases.add(phrase)
        self._phrases = sorted(phrases)
        self._scores = scores

    def quotes_rubric(self, text: str) -> bool:
        folded = text.casefold()
        return any(phrase in folded for phrase in self._phrases)

    def states_scores(self, text: str) -> bool:
        if _SCORE_WRITTEN.search(text):
            return True
        for match in _NUMBER.finditer(text):
            value = float(match.group().replace(",", "."))
            if any(abs(value - score) < 0.05 or value == round(score) for score in self._scores):
                return True
        return False

    def line(self, text: Any, hide_stated_scores: bool) -> str:
        if not isinstance(text, str) or not text.strip():
            return ""
        if self.quotes_rubric(text) or (hide_stated_scores and self.states_scores(text)):
            return ""
        return text.strip()

    def lines(self, texts: Any, hide_stated_scores: bool) -> list[str]:
        if not isinstance(texts, list):
            return []
        return [kept for text in texts if (kept := self.line(text, hide_stated_scores))]

    def summary(self, text: str, hide_stated_scores: bool) -> str:
        kept = [s for s in _SENTENCE_END.split(text.strip()) if s and not self.quotes_rubric(s)]
        if hide_stated_scores and any(self.states_scores(s) for s in kept):
            return ""
        return " ".join(kept)


def _rubric_phrases(rubric: dict[str, Any]) -> Iterable[str]:
    """The rubric's own words: criterion names (as written and with spaces), descriptions and
    expected points. Keywords are single terms of the subject (a framework, "DB") that feedback
    may well name; they are not matched."""
    criteria = rubric.get("criteria")
    for criterion in criteria if isinstance(criteria, list) else []:
        if not isinstance(criterion, dict):
            continue
        name = str(criterion.get("name") or "")
        yield name
        yield name.replace("_", " ")
        yield str(criterion.get("description") or "")
    points = rubric.get("expected_points")
    for point in points if isinstance(points, list) else []:
        yield str(point)
