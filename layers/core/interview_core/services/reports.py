"""The report job: generate_final_report(interview_id) from the seed, steps 8 and 9."""

from __future__ import annotations

from typing import Any

from interview_core.ai.evaluation.base import Evaluator, InterviewRecord
from interview_core.ai.sentiment.provider import SentimentAnalyzer
from interview_core.db import interviews, questions, reports, transcripts
from interview_core.db.connection import Database
from interview_core.domain.emotion_summary import summarise_emotions
from interview_core.domain.models import EvaluationReport, InterviewStatus, Speaker
from interview_core.observability import logger


def generate_final_report(
    db: Database, evaluator: Evaluator, analyzer: SentimentAnalyzer, interview_id: int
) -> EvaluationReport | None:
    """Read the whole transcript, evaluate it, write the report and the interview's outcome.
    Idempotent: running it twice writes the same report once."""
    with db.unit_of_work() as uow:
        interview = interviews.get_interview(uow.conn, interview_id)
        if interview is None or interview.status != InterviewStatus.COMPLETED:
            logger.warning("no completed interview to report on; job dropped", extra={"interview_id": interview_id})
            return None
        # An answer whose sentiment job has not run yet is scored here, so the summary is whole.
        unscored = [
            line for line in transcripts.list_transcripts(uow.conn, interview_id)
            if line.speaker == Speaker.USER and line.sentiment_score is None
        ]
        for line, result in zip(unscored, analyzer.analyze_many([line.text for line in unscored]), strict=True):
            transcripts.set_sentiment(uow.conn, line.id, score=result.score, emotion=result.emotion)
        record = InterviewRecord(
            interview_id=interview_id,
            position=interview.position,
            language=interview.language,
            questions=interviews.interview_questions(uow.conn, interview_id),
            transcripts=transcripts.list_transcripts(uow.conn, interview_id),
        )

    # Outside any transaction: a model may take a while, and no row lock should wait on it.
    evaluation = evaluator.evaluate(record)
    emotion_summary = summarise_emotions(record.transcripts)
    details = _with_versions(evaluation.details_json(), record)

    with db.unit_of_work() as uow:
        report = reports.upsert_report(
            uow.conn,
            interview_id=interview_id,
            technical_score=evaluation.technical_score,
            communication_score=evaluation.communication_score,
            cultural_fit_score=evaluation.cultural_fit_score,
            summary_text=evaluation.summary_text,
            details_json={**details, "emotion_summary": emotion_summary},
            evaluator_model=evaluation.evaluator_model,
        )
        scores = {q.question_id: q.score for q in evaluation.questions if q.score is not None}
        interviews.set_question_scores(uow.conn, interview_id, scores)
        questions.refresh_statistics(uow.conn, [q.id for q in record.questions])
        interviews.set_outcome(
            uow.conn, interview_id, overall_score=evaluation.overall_score, emotion_summary=emotion_summary
        )
    return report


def _with_versions(details: dict[str, Any], record: InterviewRecord) -> dict[str, Any]:
    """Name the version of each question (its wording and rubric) the report scored against:
    the one the interview was created with, whatever was edited since."""
    versions = {q.id: q.version for q in record.questions}
    for question in details.get("questions", []):
        question["question_version"] = versions.get(question.get("question_id"))
    details["rubric_versions"] = [{"question_id": q.id, "version": q.version} for q in record.questions]
    return details
