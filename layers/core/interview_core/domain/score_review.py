"""Humans decide: the scores in force for a report and its overrides, which overrides a report
takes, and the report written when a posting switches AI scoring off. No I/O.

A report keeps the AI's original scores (evaluation_reports and details_json). The score in
force for a scope is the latest override of that scope; else, for the technical and cultural fit
groups, the group recomputed from the final question scores when a question of the group was
overridden (ai.evaluation.scoring.group_score, as the evaluators compute it); else the AI's.
Communication is never recomputed from questions. The final overall is its override, else
scoring.overall_score of the final groups (None while a group has no score).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from interview_core.ai.evaluation import scoring
from interview_core.domain.models import (
    Category,
    EvaluationReport,
    Language,
    OverrideScope,
    Question,
    ScoreOverride,
    Scoring,
    Speaker,
    Transcript,
)
from interview_core.errors import InvalidInput

HUMAN_EVALUATOR_MODEL = "human (AI scoring off)"
HUMAN_REVIEW_REASON = "AI scoring is off for this posting: people score the answers with the rubric"

GROUP_SCOPES = (OverrideScope.TECHNICAL, OverrideScope.COMMUNICATION, OverrideScope.CULTURAL_FIT)
# The groups recomputed from their questions' final scores when one of those is overridden.
_RECOMPUTED: dict[OverrideScope, frozenset[Category]] = {
    OverrideScope.TECHNICAL: scoring.TECHNICAL,
    OverrideScope.CULTURAL_FIT: scoring.CULTURAL,
}


@dataclass(frozen=True)
class FinalQuestionScore:
    question_id: int
    ai_score: float | None
    score: float | None
    overridden: bool


@dataclass(frozen=True)
class FinalScores:
    technical: float | None
    communication: float | None
    cultural_fit: float | None
    overall: float | None
    questions: tuple[FinalQuestionScore, ...]

    def of(self, scope: OverrideScope, question_id: int | None = None) -> float | None:
        if scope == OverrideScope.QUESTION:
            return next((q.score for q in self.questions if q.question_id == question_id), None)
        return {
            OverrideScope.TECHNICAL: self.technical,
            OverrideScope.COMMUNICATION: self.communication,
            OverrideScope.CULTURAL_FIT: self.cultural_fit,
            OverrideScope.OVERALL: self.overall,
        }[scope]

    def question_scores(self) -> dict[int, float | None]:
        return {q.question_id: q.score for q in self.questions}


@dataclass(frozen=True)
class StaffReport:
    """A report as staff read it: the AI's original, its overrides, the scores in force, and
    whether this caller may review it."""

    report: EvaluationReport
    overrides: tuple[ScoreOverride, ...]
    final: FinalScores
    can_review: bool


# ------------------------------------------------------------------ what the AI said


def _evaluated_questions(report: EvaluationReport) -> list[dict[str, Any]]:
    questions = report.details_json.get("questions")
    return [q for q in questions if isinstance(q, dict)] if isinstance(questions, list) else []


def ai_question_scores(report: EvaluationReport) -> dict[int, float | None]:
    """The AI's score of each question it scored (None: not answered, or AI scoring off)."""
    scores: dict[int, float | None] = {}
    for question in _evaluated_questions(report):
        question_id, score = question.get("question_id"), question.get("score")
        if isinstance(question_id, int):
            scored = isinstance(score, int | float) and report.scoring == Scoring.AI
            scores[question_id] = float(score) if scored and score is not None else None
    return scores


def answered_in_report(report: EvaluationReport) -> set[int]:
    return {
        q["question_id"]
        for q in _evaluated_questions(report)
        if isinstance(q.get("question_id"), int) and q.get("answered")
    }


def ai_overall(report: EvaluationReport) -> float | None:
    if report.scoring != Scoring.AI:
        return None
    stated = report.details_json.get("overall_score")
    if isinstance(stated, int | float):
        return float(stated)
    groups = (report.technical_score, report.communication_score, report.cultural_fit_score)
    return scoring.overall_score(*groups) if None not in groups else None  # type: ignore[arg-type]


def ai_score(
    report: EvaluationReport, scope: OverrideScope, question_id: int | None = None
) -> float | None:
    """The AI's original score of a scope (None when the AI gave none)."""
    if scope == OverrideScope.QUESTION:
        return ai_question_scores(report).get(question_id) if question_id is not None else None
    return {
        OverrideScope.TECHNICAL: report.technical_score,
        OverrideScope.COMMUNICATION: report.communication_score,
        OverrideScope.CULTURAL_FIT: report.cultural_fit_score,
        OverrideScope.OVERALL: ai_overall(report),
    }[scope]


# ------------------------------------------------------------------ what is in force


def final_scores(
    report: EvaluationReport, questions: Sequence[Question], overrides: Iterable[ScoreOverride]
) -> FinalScores:
    """The scores in force (see the module's text). `questions` are the interview's, in asking
    order; `overrides` oldest first."""
    latest: dict[tuple[OverrideScope, int | None], ScoreOverride] = {}
    for override in sorted(overrides, key=lambda o: o.id):
        latest[(override.scope, override.question_id)] = override
    ai_questions = ai_question_scores(report)
    final_questions = tuple(
        FinalQuestionScore(
            question_id=q.id,
            ai_score=ai_questions.get(q.id),
            score=latest[(OverrideScope.QUESTION, q.id)].score
            if (OverrideScope.QUESTION, q.id) in latest
            else ai_questions.get(q.id),
            overridden=(OverrideScope.QUESTION, q.id) in latest,
        )
        for q in questions
    )
    by_id = {q.question_id: q for q in final_questions}
    groups: dict[OverrideScope, float | None] = {}
    for scope in GROUP_SCOPES:
        categories = _RECOMPUTED.get(scope)
        if (scope, None) in latest:
            groups[scope] = latest[(scope, None)].score
        elif categories is not None and any(
            q.category in categories and by_id[q.id].overridden for q in questions
        ):
            recomputed = scoring.group_score(
                ((q.category, by_id[q.id].score) for q in questions), categories
            )
            groups[scope] = round(recomputed, 1) if recomputed is not None else None
        else:
            groups[scope] = ai_score(report, scope)
    technical, communication, cultural_fit = (groups[s] for s in GROUP_SCOPES)
    if (OverrideScope.OVERALL, None) in latest:
        overall: float | None = latest[(OverrideScope.OVERALL, None)].score
    elif technical is None or communication is None or cultural_fit is None:
        overall = None
    else:
        overall = scoring.overall_score(technical, communication, cultural_fit)
    return FinalScores(
        technical=technical,
        communication=communication,
        cultural_fit=cultural_fit,
        overall=overall,
        questions=final_questions,
    )


def check_override(
    report: EvaluationReport,
    questions: Sequence[Question],
    scope: OverrideScope,
    question_id: int | None,
) -> None:
    """A question override names a question the interview asked and the candidate answered (with
    AI scoring off, any question asked: people score every one); a group or overall override
    names none."""
    if scope != OverrideScope.QUESTION:
        if question_id is not None:
            raise InvalidInput(f"question_id is only for scope 'question', not '{scope}'")
        return
    if question_id is None:
        raise InvalidInput("scope 'question' needs the question_id of the question to score")
    asked = [q.id for q in questions]
    if question_id not in asked:
        raise InvalidInput(
            f"Question {question_id} is not part of interview {report.interview_id}; its questions "
            f"are {asked}"
        )
    if report.scoring == Scoring.AI and question_id not in answered_in_report(report):
        raise InvalidInput(
            f"Question {question_id} was not answered: an unanswered question has no score to "
            f"override "
            "(it lowers the group's score as coverage)"
        )


# ------------------------------------------------------------------ AI scoring off


def answered_question_ids(
    questions: Sequence[Question], transcripts: Iterable[Transcript]
) -> set[int]:
    """The questions with an answer: an answer tagged with a question goes to it, an untagged one
    to the question the AI asked last before it."""
    asked = {q.id for q in questions}
    answered: set[int] = set()
    current: int | None = None
    for line in sorted(transcripts, key=lambda t: t.order):
        if line.speaker == Speaker.AI:
            current = line.question_id if line.question_id in asked else current
            continue
        target = line.question_id if line.question_id in asked else current
        if target is not None and line.text.strip():
            answered.add(target)
    return answered


def human_scoring_report(
    questions: Sequence[Question], transcripts: Iterable[Transcript], language: Language
) -> tuple[str, dict[str, Any]]:
    """The summary and details_json of a report on a posting with AI scoring off: the questions
    asked and whether each was answered, no scores, and why a person must score it."""
    answered = answered_question_ids(questions, transcripts)
    count = sum(q.id in answered for q in questions)
    if language == Language.KO:
        summary = (
            f"이 공고는 AI 채점을 사용하지 않습니다. {len(questions)}개 질문 중 "
            f"{count}개에 답변했습니다. 답변은 기록되었으며 담당자가 루브릭으로 채점합니다."
        )
    else:
        summary = (
            f"AI scoring is off for this posting. Answered {count} of {len(questions)} questions. "
            "The answers were transcribed; people score them with the rubric."
        )
    details: dict[str, Any] = {
        "evaluator_model": HUMAN_EVALUATOR_MODEL,
        "scoring": Scoring.HUMAN.value,
        "overall_score": None,
        "questions": [
            {
                "question_id": q.id,
                "question": q.content,
                "category": q.category.value,
                "answered": q.id in answered,
                "score": None,
                "criteria": [],
                "evidence": [],
                "comment": "",
                "feedback": "",
                "signals": {},
            }
            for q in questions
        ],
        "strengths": [],
        "improvements": [],
        "notes": {
            "method": (
                "AI scoring is off for this posting: the answers were transcribed and not scored "
                "by AI"
            ),
            "coverage": {"answered": count, "asked": len(questions)},
        },
        "feedback": {
            "strengths": [],
            "improvements": [],
            "questions": [{"question_id": q.id, "feedback": ""} for q in questions],
        },
        "needs_human_review": HUMAN_REVIEW_REASON,
    }
    return summary, details
