"""The report job: generate_final_report(interview_id) from the seed, steps 8 and 9."""

from __future__ import annotations

from typing import Any

from interview_core.ai.evaluation.base import Evaluator, InterviewRecord
from interview_core.ai.sentiment.provider import SentimentAnalyzer
from interview_core.db import (
    answer_signals,
    interviews,
    job_postings,
    reports,
    score_overrides,
    transcripts,
)
from interview_core.db.connection import Connection, Database
from interview_core.domain.emotion_summary import summarise_emotions
from interview_core.domain.integrity import similar_answers
from interview_core.domain.models import (
    EvaluationReport,
    InterviewKind,
    InterviewStatus,
    ReviewState,
    Scoring,
    Speaker,
)
from interview_core.domain.score_review import (
    HUMAN_EVALUATOR_MODEL,
    final_scores,
    human_scoring_report,
)
from interview_core.observability import logger
from interview_core.services.report_review import apply_final_scores


def generate_final_report(
    db: Database, evaluator: Evaluator, analyzer: SentimentAnalyzer, interview_id: int
) -> EvaluationReport | None:
    """Read the whole transcript, evaluate it (unless the posting switched AI scoring off), write
    the report and the interview's outcome. Idempotent: a job delivered again finds the report
    written and changes nothing, so a score under review never moves. The one exception: a report
    the offline evaluator wrote because the language model failed, still pending review and
    untouched by people, is evaluated again when a language model is configured (recovery queues
    it), and replaced only if the model answers this time."""
    with db.unit_of_work() as uow:
        interview = interviews.get_interview(uow.conn, interview_id)
        if interview is None or interview.status != InterviewStatus.COMPLETED:
            logger.warning(
                "no completed interview to report on; job dropped",
                extra={"interview_id": interview_id},
            )
            return None
        existing = reports.get_report(uow.conn, interview_id)
        if existing is not None and not _may_reevaluate(
            existing,
            evaluator,
            has_overrides=bool(score_overrides.list_overrides(uow.conn, interview_id)),
        ):
            return existing
        posting = (
            job_postings.get_job_posting(uow.conn, interview.job_posting_id)
            if interview.job_posting_id is not None
            else None
        )
        ai_scoring = posting is None or posting.ai_scoring  # practice is always scored
        # An answer whose sentiment job has not run yet is scored here, so the summary is whole.
        lines = transcripts.list_transcripts(uow.conn, interview_id)
        unscored = [
            i
            for i, line in enumerate(lines)
            if line.speaker == Speaker.USER and line.sentiment_score is None
        ]
        results = analyzer.analyze_many([lines[i].text for i in unscored])
        for i, result in zip(unscored, results, strict=True):
            transcripts.set_sentiment(
                uow.conn, lines[i].id, score=result.score, emotion=result.emotion
            )
            lines[i] = lines[i].model_copy(
                update={"sentiment_score": result.score, "emotion": result.emotion}
            )
        record = InterviewRecord(
            interview_id=interview_id,
            position=interview.position,
            language=interview.language,
            questions=interviews.interview_questions(uow.conn, interview_id),
            transcripts=lines,
        )

    emotion_summary = summarise_emotions(record.transcripts)
    if ai_scoring:
        # Outside any transaction: a model may take a while, and no row lock should wait on it.
        evaluation = evaluator.evaluate(record)
        if existing is not None and is_fallback(evaluation.notes):
            return existing  # the model failed again: keep the report people may be reading
        written: dict[str, Any] = {
            "technical_score": evaluation.technical_score,
            "communication_score": evaluation.communication_score,
            "cultural_fit_score": evaluation.cultural_fit_score,
            "summary_text": evaluation.summary_text,
            "details_json": _with_versions(evaluation.details_json(), record),
            "evaluator_model": evaluation.evaluator_model,
            "scoring": Scoring.AI,
        }
    else:
        summary, details = human_scoring_report(
            record.questions, record.transcripts, record.language
        )
        written = {
            "technical_score": None,
            "communication_score": None,
            "cultural_fit_score": None,
            "summary_text": summary,
            "details_json": _with_versions(details, record),
            "evaluator_model": HUMAN_EVALUATOR_MODEL,
            "scoring": Scoring.HUMAN,
        }
    written["details_json"] = {**written["details_json"], "emotion_summary": emotion_summary}

    with db.unit_of_work() as uow:
        # The interview's lock first, as a review or an override takes it: an override made while
        # this job ran is in the scores written below.
        interviews.lock_interview(uow.conn, interview_id)
        report = reports.upsert_report(uow.conn, interview_id=interview_id, **written)
        overrides = score_overrides.list_overrides(uow.conn, interview_id)
        interviews.set_emotion_summary(uow.conn, interview_id, emotion_summary)
        apply_final_scores(
            uow.conn,
            interview_id,
            record.questions,
            final_scores(report, record.questions, overrides),
        )
        if interview.job_posting_id is not None and interview.kind == InterviewKind.REAL:
            _record_similar_answers(uow.conn, interview.job_posting_id, record)
    return report


def _record_similar_answers(conn: Connection, job_posting_id: int, record: InterviewRecord) -> None:
    """Flags for reviewers, never a score: which answers are near-identical to another
    candidate's answer to the same question of the posting (domain.integrity)."""
    own: dict[int, list[str]] = {}
    for line in record.transcripts:
        if line.speaker == Speaker.USER and line.question_id is not None:
            own.setdefault(line.question_id, []).append(line.text)
    if not own:
        return
    others = answer_signals.other_answers(
        conn,
        job_posting_id=job_posting_id,
        interview_id=record.interview_id,
        question_ids=sorted(own),
    )
    answers = {question_id: " ".join(lines) for question_id, lines in own.items()}
    answer_signals.store_similar(conn, similar_answers(record.interview_id, answers, others))


def is_fallback(notes: dict[str, Any] | None) -> bool:
    """Written by the offline evaluator because the language model failed (llm.py notes it)."""
    return bool((notes or {}).get("fallback"))


def _may_reevaluate(report: EvaluationReport, evaluator: Evaluator, *, has_overrides: bool) -> bool:
    return (
        report.scoring == Scoring.AI
        and report.review_state == ReviewState.PENDING_REVIEW
        and not has_overrides
        and is_fallback((report.details_json or {}).get("notes"))
        and not evaluator.name.startswith("offline")
    )


def _with_versions(details: dict[str, Any], record: InterviewRecord) -> dict[str, Any]:
    """Name the version of each question (its wording and rubric) the report scored against:
    the one the interview was created with, whatever was edited since."""
    versions = {q.id: q.version for q in record.questions}
    for question in details.get("questions", []):
        question["question_version"] = versions.get(question.get("question_id"))
    details["rubric_versions"] = [
        {"question_id": q.id, "version": q.version} for q in record.questions
    ]
    return details
