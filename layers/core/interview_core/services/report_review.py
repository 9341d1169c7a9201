"""Reading a report, reviewing it, overriding its scores: every report is AI-assisted and pending
review until a member of the posting's organization reviews it; people override a score with a
reason. The interview's own candidate reads a projection of the report (domain.candidate_report);
staff read the AI's original with the review, the overrides and the scores in force."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from interview_core.db import audit, interviews, job_failures, reports, score_overrides
from interview_core.db import questions as question_rows
from interview_core.db.connection import Connection, Database
from interview_core.domain import access
from interview_core.domain.candidate_report import CandidateReport, candidate_report
from interview_core.domain.models import (
    EvaluationReport,
    Interview,
    InterviewStatus,
    OverrideScope,
    Question,
    ReviewState,
    User,
)
from interview_core.domain.report_wait import report_wait_seconds
from interview_core.domain.score_review import (
    FinalScores,
    StaffReport,
    ai_score,
    check_override,
    final_scores,
)
from interview_core.errors import Conflict, ReportPending
from interview_core.services.interviews import visible_interview
from interview_core.settings import get_settings


def get_report(db: Database, user: User, interview_id: int) -> StaffReport | CandidateReport:
    """The report as this caller may read it; ReportPending while it is being written."""
    with db.unit_of_work() as uow:
        conn = uow.conn
        interview = visible_interview(conn, user, interview_id)
        report = reports.get_report(conn, interview_id)
        if report is None:
            if interview.status != InterviewStatus.COMPLETED:
                raise Conflict(
                    f"Interview {interview_id} is {interview.status.value}: complete it to get its "
                    f"report"
                )
            failure = job_failures.of_report(conn, interview_id)
            waited = report_wait_seconds(interview.end_time, now=datetime.now(UTC))
            if failure is None:
                raise ReportPending(waited=waited)
            raise ReportPending(
                waited=waited,
                attempts=failure.attempts,
                given_up=failure.attempts >= get_settings().queue_max_receive_count,
            )
        questions = interviews.interview_questions(conn, interview_id)
        overrides = score_overrides.list_overrides(conn, interview_id)
        final = final_scores(report, questions, overrides)
        if access.sees_candidate_report(user, interview):
            return candidate_report(
                report,
                kind=interview.kind,
                questions=questions,
                final=final,
                overridden=bool(overrides),
                scores_visible=access.candidate_sees_scores(interview),
            )
        return StaffReport(
            report=report,
            overrides=tuple(overrides),
            final=final,
            can_review=access.can_review_report(user, interview),
        )


def _reviewable(
    conn: Connection, user: User, interview_id: int
) -> tuple[Interview, EvaluationReport]:
    """The interview (locked: one review or override at a time) and its report, if the caller
    may review it."""
    access.require_reviewer(user)
    interview = visible_interview(conn, user, interview_id, lock=True)
    if not access.is_reviewable(interview):
        raise Conflict("Practice interviews are not reviewed: they are the candidate's own")
    access.require_can_review_report(user, interview)
    report = reports.get_report(conn, interview_id, for_update=True)
    if report is None:
        raise Conflict(
            f"Interview {interview_id} has no report yet: review it once the report is written"
        )
    return interview, report


def review_report(
    db: Database, user: User, interview_id: int, *, state: ReviewState, note: str | None
) -> StaffReport:
    """Mark the report reviewed by the caller, or reopen it (pending review again)."""
    with db.unit_of_work() as uow:
        conn = uow.conn
        interview, report = _reviewable(conn, user, interview_id)
        if (report.review_state, report.review_note) != (
            state,
            note,
        ) or state == ReviewState.REVIEWED:
            before = {"state": report.review_state.value, "note": report.review_note}
            report = reports.set_review(
                conn, interview_id, state=state, reviewer_id=user.id, note=note
            )
            audit.record(
                conn,
                actor_id=user.id,
                organization_id=interview.organization_id,
                action="report.reviewed" if state == ReviewState.REVIEWED else "report.reopened",
                target_type="interview",
                target_id=interview_id,
                before=before,
                after={"state": state.value, "note": note},
            )
        questions = interviews.interview_questions(conn, interview_id)
        overrides = score_overrides.list_overrides(conn, interview_id)
        return StaffReport(
            report=report,
            overrides=tuple(overrides),
            final=final_scores(report, questions, overrides),
            can_review=True,
        )


def override_score(
    db: Database,
    user: User,
    interview_id: int,
    *,
    scope: OverrideScope,
    question_id: int | None,
    score: float,
    reason: str,
) -> StaffReport:
    """Set the score of a scope, with the reason; the report keeps the AI's original, and the
    interview's overall score (and its questions' scores) follow the scores in force."""
    with db.unit_of_work() as uow:
        conn = uow.conn
        interview, report = _reviewable(conn, user, interview_id)
        questions = interviews.interview_questions(conn, interview_id)
        check_override(report, questions, scope, question_id)
        overrides = score_overrides.list_overrides(conn, interview_id)
        original = ai_score(report, scope, question_id)
        previous = final_scores(report, questions, overrides).of(scope, question_id)
        override = score_overrides.insert_override(
            conn,
            interview_id=interview_id,
            scope=scope,
            question_id=question_id,
            ai_score=original,
            previous_score=previous,
            score=score,
            reason=reason,
            reviewer_id=user.id,
        )
        overrides.append(override)
        final = final_scores(report, questions, overrides)
        apply_final_scores(conn, interview_id, questions, final)
        audit.record(
            conn,
            actor_id=user.id,
            organization_id=interview.organization_id,
            action="report.score_overridden",
            target_type="interview",
            target_id=interview_id,
            before={"score": previous},
            after={
                "scope": scope.value,
                "question_id": question_id,
                "ai_score": original,
                "previous_score": previous,
                "score": score,
                "reason": reason,
            },
        )
        return StaffReport(report=report, overrides=tuple(overrides), final=final, can_review=True)


def apply_final_scores(
    conn: Connection, interview_id: int, questions: Sequence[Question], final: FinalScores
) -> None:
    """What the lists and the question statistics read follows the scores in force: the
    interview's overall score and each question's score."""
    interviews.set_question_scores(conn, interview_id, final.question_scores())
    question_rows.refresh_statistics(conn, [q.id for q in questions])
    interviews.set_overall_score(conn, interview_id, final.overall)
