"""The interview's life: created with its questions, started, answered, completed, reported."""

from __future__ import annotations

from datetime import datetime

from interview_core.db import interviews, job_postings, reports, transcripts, users
from interview_core.db.connection import Connection, Database
from interview_core.domain.access import can_answer_interview, can_view_interview, can_view_job_posting
from interview_core.domain.interview_flow import check_accepts_answers, check_transition
from interview_core.domain.models import (
    EvaluationReport,
    Interview,
    InterviewStatus,
    JobPostingStatus,
    Language,
    Question,
    Role,
    Speaker,
    Transcript,
    User,
)
from interview_core.errors import Conflict, Forbidden, InvalidInput, NotFound
from interview_core.jobs.messages import ReportJob, SentimentJob
from interview_core.jobs.publisher import JobPublisher
from interview_core.services.question_selection import select_questions


class ReportPending(Exception):
    """The interview is completed and its report is being written."""


def _visible_interview(conn: Connection, user: User, interview_id: int, *, lock: bool = False) -> Interview:
    interview = interviews.get_interview(conn, interview_id, for_update=lock)
    if interview is None or not can_view_interview(user, interview):
        raise NotFound(f"Interview {interview_id} not found")
    return interview


def create_interview(
    db: Database,
    user: User,
    *,
    position: str | None,
    job_posting_id: int | None,
    candidate_id: int | None,
    candidate_email: str | None = None,
    language: Language | None,
    scheduled_time: datetime | None,
    question_count: int,
) -> tuple[Interview, list[Question]]:
    with db.unit_of_work() as uow:
        conn = uow.conn
        posting = None
        if job_posting_id is not None:
            posting = job_postings.get_job_posting(conn, job_posting_id)
            if posting is None or not can_view_job_posting(user, posting):
                raise NotFound(f"Job posting {job_posting_id} not found")
            if posting.status != JobPostingStatus.OPEN:
                raise Conflict(f"Job posting {job_posting_id} is closed")
        candidate = _candidate_for(conn, user, candidate_id, candidate_email)
        if user.role == Role.RECRUITER and posting is None:
            raise InvalidInput("Recruiters schedule interviews on one of their job postings: give job_posting_id")
        position = position or (posting.position if posting else None)
        if not position:
            raise InvalidInput("Give the position to interview for (or a job_posting_id)")
        language = language or (posting.language if posting else Language.KO)

        chosen = select_questions(
            conn, candidate_id=candidate.id, position=position, language=language, posting=posting,
            count=question_count,
        ).questions
        if not chosen:
            raise InvalidInput(f"The question bank has no active questions in language '{language}'")
        interview_id = interviews.insert_interview(
            conn,
            candidate_id=candidate.id,
            job_posting_id=posting.id if posting else None,
            position=position,
            language=language,
            scheduled_time=scheduled_time,
        )
        interviews.attach_questions(conn, interview_id, [q.id for q in chosen])
        # The seed's step 3: the questions are the AI's utterances in the transcript.
        for question in chosen:
            transcripts.append_transcript(
                conn, interview_id=interview_id, speaker=Speaker.AI, text=question.content, question_id=question.id
            )
        interview = interviews.get_interview(conn, interview_id)
        assert interview is not None
        return interview, chosen


def _candidate_for(conn: Connection, user: User, candidate_id: int | None, candidate_email: str | None) -> User:
    if user.role == Role.CANDIDATE:
        if candidate_id not in (None, user.id) or candidate_email not in (None, user.email):
            raise Forbidden("Candidates can only create interviews for themselves")
        return user
    if candidate_id is not None:
        candidate = users.get_user(conn, candidate_id)
        wanted = str(candidate_id)
    elif candidate_email is not None:
        candidate = users.find_by_email(conn, candidate_email)
        wanted = candidate_email
    else:
        raise InvalidInput("Give candidate_id or candidate_email: the candidate who takes this interview")
    if candidate is None or candidate.role != Role.CANDIDATE:
        raise NotFound(f"Candidate {wanted} not found")
    return candidate


def list_interviews(
    db: Database, user: User, *, status: InterviewStatus | None, job_posting_id: int | None, limit: int, offset: int
) -> list[Interview]:
    with db.unit_of_work() as uow:
        return interviews.list_interviews(
            uow.conn,
            viewer_id=user.id,
            viewer_role=user.role,
            status=status,
            job_posting_id=job_posting_id,
            limit=limit,
            offset=offset,
        )


def get_interview(db: Database, user: User, interview_id: int) -> Interview:
    with db.unit_of_work() as uow:
        return _visible_interview(uow.conn, user, interview_id)


def get_questions(db: Database, user: User, interview_id: int) -> list[Question]:
    with db.unit_of_work() as uow:
        _visible_interview(uow.conn, user, interview_id)
        return interviews.interview_questions(uow.conn, interview_id)


def get_transcripts(db: Database, user: User, interview_id: int) -> list[Transcript]:
    with db.unit_of_work() as uow:
        _visible_interview(uow.conn, user, interview_id)
        return transcripts.list_transcripts(uow.conn, interview_id)


def start_interview(db: Database, user: User, interview_id: int) -> Interview:
    with db.unit_of_work() as uow:
        interview = _visible_interview(uow.conn, user, interview_id, lock=True)
        if interview.status == InterviewStatus.LIVE:
            return interview  # starting twice is harmless
        check_transition(interview.status, InterviewStatus.LIVE)
        interviews.set_status(uow.conn, interview_id, InterviewStatus.LIVE)
        return _visible_interview(uow.conn, user, interview_id)


def cancel_interview(db: Database, user: User, interview_id: int) -> Interview:
    with db.unit_of_work() as uow:
        interview = _visible_interview(uow.conn, user, interview_id, lock=True)
        if interview.status == InterviewStatus.CANCELLED:
            return interview
        check_transition(interview.status, InterviewStatus.CANCELLED)
        interviews.set_status(uow.conn, interview_id, InterviewStatus.CANCELLED)
        return _visible_interview(uow.conn, user, interview_id)


def complete_interview(db: Database, publisher: JobPublisher, user: User, interview_id: int) -> Interview:
    """Complete and queue the final report. Completing again re-queues a report that never came."""
    with db.unit_of_work() as uow:
        interview = _visible_interview(uow.conn, user, interview_id, lock=True)
        if interview.status == InterviewStatus.COMPLETED:
            if reports.get_report(uow.conn, interview_id) is None:
                publisher.publish(uow, ReportJob(interview_id=interview_id))
            return interview
        check_transition(interview.status, InterviewStatus.COMPLETED)
        interviews.set_status(uow.conn, interview_id, InterviewStatus.COMPLETED)
        publisher.publish(uow, ReportJob(interview_id=interview_id))
        return _visible_interview(uow.conn, user, interview_id)


def add_answer(
    db: Database, publisher: JobPublisher, user: User, *, interview_id: int, text: str, question_id: int | None
) -> Transcript:
    """Save one User utterance (the seed's createTranscript) and queue its sentiment. The first
    answer starts a scheduled interview."""
    with db.unit_of_work() as uow:
        conn = uow.conn
        interview = _visible_interview(conn, user, interview_id, lock=True)
        if not can_answer_interview(user, interview):
            raise Forbidden("Only the interview's candidate can answer its questions")
        check_accepts_answers(interview.status)
        if question_id is not None:
            asked = {q.id for q in interviews.interview_questions(conn, interview_id)}
            if question_id not in asked:
                raise InvalidInput(
                    f"Question {question_id} is not part of interview {interview_id}; "
                    f"its questions are {sorted(asked)}"
                )
        if interview.status == InterviewStatus.SCHEDULED:
            interviews.set_status(conn, interview_id, InterviewStatus.LIVE)
        transcript = transcripts.append_transcript(
            conn, interview_id=interview_id, speaker=Speaker.USER, text=text, question_id=question_id
        )
        publisher.publish(uow, SentimentJob(transcript_id=transcript.id))
        return transcript


def get_report(db: Database, user: User, interview_id: int) -> EvaluationReport:
    with db.unit_of_work() as uow:
        interview = _visible_interview(uow.conn, user, interview_id)
        report = reports.get_report(uow.conn, interview_id)
    if report is not None:
        return report
    if interview.status != InterviewStatus.COMPLETED:
        raise Conflict(f"Interview {interview_id} is {interview.status.value}: complete it to get its report")
    raise ReportPending()
