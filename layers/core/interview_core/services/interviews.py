"""The interview's life: created with its questions, started, answered, completed, reported."""

from __future__ import annotations

from datetime import UTC, datetime

from interview_core.db import (
    answer_signals,
    audit,
    consents,
    interviews,
    job_postings,
    organizations,
    reports,
    transcripts,
    users,
)
from interview_core.db.connection import Connection, Database
from interview_core.domain import access, interview_room, limits
from interview_core.domain.follow_up import MAX_LIMIT as MAX_FOLLOW_UPS
from interview_core.domain.integrity import AnswerSignals
from interview_core.domain.interview_flow import check_accepts_answers, check_transition
from interview_core.domain.models import (
    Interview,
    InterviewKind,
    InterviewStatus,
    JobPosting,
    JobPostingStatus,
    Language,
    Question,
    Role,
    Speaker,
    Stage,
    Transcript,
    User,
)
from interview_core.domain.positions import bank_position
from interview_core.errors import Conflict, ErrorCode, Forbidden, InvalidInput, NotFound
from interview_core.jobs.messages import FollowUpJob, ReportJob, SentimentJob
from interview_core.jobs.publisher import JobPublisher
from interview_core.services import idempotency
from interview_core.services.idempotency import IdempotentRequest
from interview_core.services.question_selection import select_questions
from interview_core.settings import Settings, get_settings


def visible_interview(
    conn: Connection, user: User, interview_id: int, *, lock: bool = False
) -> Interview:
    """The interview if the caller may view it (locked when asked), else NotFound."""
    interview = interviews.get_interview(conn, interview_id, for_update=lock)
    if interview is None or not access.can_view_interview(user, interview):
        raise NotFound(f"Interview {interview_id} not found")
    return interview


def _as_seen_by(user: User, interview: Interview) -> Interview:
    """The interview as the caller reads it: without its overall score for its own candidate
    when the posting does not show candidates their scores (domain.access.sees_scores), and
    without the organization's decision about them unless the caller is staff
    (domain.access.sees_pipeline)."""
    hidden: dict[str, object] = {}
    if not access.sees_scores(user, interview):
        hidden["overall_score"] = None
    if not access.sees_pipeline(user, interview):
        hidden.update(
            decision=None,
            decision_reason=None,
            decided_by_username=None,
            decided_at=None,
            pipeline_hidden=True,
        )
    return interview.model_copy(update=hidden) if hidden else interview


def _in_future(moment: datetime | None, name: str) -> None:
    if moment is not None and moment <= datetime.now(UTC):
        raise InvalidInput(f"The {name} is in the past: give a date and time still to come")


def create_interview(
    db: Database,
    settings: Settings,
    user: User,
    *,
    position: str | None,
    job_posting_id: int | None,
    candidate_id: int | None,
    candidate_email: str | None = None,
    language: Language | None,
    scheduled_time: datetime | None,
    deadline: datetime | None = None,
    retake: bool = False,
    idempotent: IdempotentRequest | None = None,
) -> tuple[Interview, list[Question]]:
    """A candidate's own interview is practice (the seed's flow): the curated bank only, seen by
    no organization; a posting only lends it its position and language. A recruiter schedules a
    real one on their organization's posting, for a candidate the organization already knows."""
    _in_future(scheduled_time, "scheduled time")
    _in_future(deadline, "deadline")
    with db.unit_of_work() as uow:
        if (replay := idempotency.replayed(uow.conn, user, idempotent, _CREATED)) is not None:
            return replay
        created = _create_interview(
            uow.conn,
            settings,
            user,
            position=position,
            job_posting_id=job_posting_id,
            candidate_id=candidate_id,
            candidate_email=candidate_email,
            language=language,
            scheduled_time=scheduled_time,
            deadline=deadline,
            retake=retake,
        )
        return idempotency.remember(uow.conn, user, idempotent, created, _CREATED)


_CREATED = tuple[Interview, list[Question]]


def _create_interview(
    conn: Connection,
    settings: Settings,
    user: User,
    *,
    position: str | None,
    job_posting_id: int | None,
    candidate_id: int | None,
    candidate_email: str | None,
    language: Language | None,
    scheduled_time: datetime | None,
    deadline: datetime | None,
    retake: bool,
) -> tuple[Interview, list[Question]]:
    posting = None
    if job_posting_id is not None:
        posting = job_postings.get_job_posting(conn, job_posting_id)
        if posting is None or not access.can_view_job_posting(user, posting):
            raise NotFound(f"Job posting {job_posting_id} not found")
        if posting.status != JobPostingStatus.OPEN:
            raise Conflict(f"Job posting {job_posting_id} is closed", code=ErrorCode.POSTING_CLOSED)
    if user.role == Role.CANDIDATE:
        if candidate_id not in (None, user.id) or candidate_email not in (None, user.email):
            raise Forbidden("Candidates can only create interviews for themselves")
        if retake:
            raise InvalidInput("retake is for recruiters scheduling a second real interview")
        position = position or (posting.position if posting else None)
        if not position:
            raise InvalidInput("Give the position to interview for (or a job_posting_id)")
        _check_daily_quota(conn, settings, user.id)
        return _create(
            conn,
            candidate=user,
            posting=None,
            ranked_for=posting,
            position=position,
            language=language or (posting.language if posting else Language.KO),
            scheduled_time=scheduled_time,
            deadline=deadline,
            retake=False,
            count=settings.questions_per_interview,
        )
    access.require_member(user, "schedule interviews")
    if posting is None:
        raise InvalidInput(
            "Recruiters schedule interviews on one of their job postings: give job_posting_id"
        )
    access.require_can_schedule_interview(user, posting)
    if position is not None and position.lower() != posting.position.lower():
        raise InvalidInput("A real interview is for its posting's position: leave position out")
    candidate = _known_candidate(conn, posting, candidate_id, candidate_email)
    interview = create_real_interview(
        conn,
        settings,
        candidate=candidate,
        posting=posting,
        language=language or posting.language,
        scheduled_time=scheduled_time,
        deadline=deadline,
        retake=retake,
    )
    audit.record(
        conn,
        actor_id=user.id,
        organization_id=posting.organization_id,
        action="interview.scheduled",
        target_type="interview",
        target_id=interview.id,
        after={
            "candidate_id": candidate.id,
            "job_posting_id": posting.id,
            "retake": retake,
            "scheduled_time": scheduled_time.isoformat() if scheduled_time else None,
            "deadline": deadline.isoformat() if deadline else None,
        },
    )
    return interview, interviews.interview_questions(conn, interview.id)


def create_real_interview(
    conn: Connection,
    settings: Settings,
    *,
    candidate: User,
    posting: JobPosting,
    language: Language,
    scheduled_time: datetime | None,
    deadline: datetime | None,
    retake: bool,
) -> Interview:
    """A real interview on the posting (scheduled by a member, or by accepting an invitation): a
    second one for the same candidate and posting only when asked for as a retake."""
    _check_daily_quota(conn, settings, candidate.id)
    if not retake and interviews.has_real_interview(
        conn, candidate_id=candidate.id, job_posting_id=posting.id
    ):
        raise Conflict(
            f"{candidate.full_name or candidate.username} already has an interview for this "
            f"posting; "
            "ask for a retake to interview them again"
        )
    interview, _ = _create(
        conn,
        candidate=candidate,
        posting=posting,
        ranked_for=posting,
        position=posting.position,
        language=language,
        scheduled_time=scheduled_time,
        deadline=deadline,
        retake=retake,
        count=settings.questions_per_interview,
    )
    return interview


def _check_daily_quota(conn: Connection, settings: Settings, candidate_id: int) -> None:
    """One interview created at a time per candidate (their row locked), within the daily limit."""
    users.get_user(conn, candidate_id, for_update=True)
    limits.check_interview_quota(
        interviews.created_since(
            conn, candidate_id=candidate_id, hours=limits.INTERVIEW_WINDOW_HOURS
        ),
        now=datetime.now(UTC),
        limit=settings.max_interviews_per_day,
    )


def _create(
    conn: Connection,
    *,
    candidate: User,
    posting: JobPosting | None,
    ranked_for: JobPosting | None,
    position: str,
    language: Language,
    scheduled_time: datetime | None,
    deadline: datetime | None,
    retake: bool,
    count: int,
) -> tuple[Interview, list[Question]]:
    """`posting` is the interview's (a real one; practice has none); `ranked_for` the posting
    whose text ranks the questions (a practice run for a posting has no posting of its own)."""
    chosen = select_questions(
        conn,
        candidate_id=candidate.id,
        position=bank_position(position),
        language=language,
        posting=ranked_for,
        organization_id=access.question_pool_owner(posting),
        count=count,
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
        deadline=deadline,
        retake=retake,
    )
    interviews.attach_questions(conn, interview_id, chosen)
    # The seed's step 3: the questions are the AI's utterances in the transcript.
    for question in chosen:
        transcripts.append_transcript(
            conn,
            interview_id=interview_id,
            speaker=Speaker.AI,
            text=question.content,
            question_id=question.id,
        )
    interview = interviews.get_interview(conn, interview_id)
    assert interview is not None
    return interview, chosen


def _known_candidate(
    conn: Connection, posting: JobPosting, candidate_id: int | None, candidate_email: str | None
) -> User:
    """The candidate named by id or e-mail, if the posting's organization knows them already
    (an interview or an invitation); nobody else, so that ids and addresses reveal nothing."""
    if candidate_id is not None:
        candidate = users.get_user(conn, candidate_id)
        wanted = str(candidate_id)
    elif candidate_email is not None:
        candidate = users.find_by_email(conn, candidate_email)
        wanted = candidate_email
    else:
        raise InvalidInput(
            "Give candidate_id or candidate_email, or invite the candidate by e-mail"
        )
    if (
        candidate is None
        or candidate.role != Role.CANDIDATE
        or not users.known_to_organization(conn, candidate.id, posting.organization_id)
    ):
        raise NotFound(
            f"Candidate {wanted} is not among your organization's candidates: invite them by "
            f"e-mail instead"
        )
    return candidate


def list_interviews(
    db: Database,
    user: User,
    *,
    status: InterviewStatus | None,
    job_posting_id: int | None,
    kind: InterviewKind | None = None,
    stage: Stage | None = None,
    limit: int,
    offset: int,
) -> list[Interview]:
    scope = access.interview_scope(user)
    if stage is not None:
        access.require_sees_stages(user)
    with db.unit_of_work() as uow:
        found = interviews.list_interviews(
            uow.conn,
            scope=scope,
            status=status,
            job_posting_id=job_posting_id,
            kind=kind,
            stage=stage,
            limit=limit,
            offset=offset,
        )
    return [_as_seen_by(user, interview) for interview in found]


def get_interview(db: Database, user: User, interview_id: int) -> Interview:
    with db.unit_of_work() as uow:
        return _as_seen_by(user, visible_interview(uow.conn, user, interview_id))


def get_questions(db: Database, user: User, interview_id: int) -> list[Question]:
    with db.unit_of_work() as uow:
        visible_interview(uow.conn, user, interview_id)
        return interviews.interview_questions(uow.conn, interview_id)


def get_transcripts(db: Database, user: User, interview_id: int) -> list[Transcript]:
    with db.unit_of_work() as uow:
        visible_interview(uow.conn, user, interview_id)
        return transcripts.list_transcripts(uow.conn, interview_id)


def _check_not_overdue(interview: Interview) -> None:
    if (
        interview.status == InterviewStatus.SCHEDULED
        and interview.deadline is not None
        and interview.deadline <= datetime.now(UTC)
    ):
        raise Conflict(
            "The deadline for this interview has passed: ask the organization for a new invitation",
            code=ErrorCode.DEADLINE_PASSED,
        )


def _check_open(interview: Interview) -> None:
    """A scheduled interview opens shortly before its time (domain.interview_room)."""
    if not interview_room.is_open(interview, datetime.now(UTC)):
        opens = interview_room.opens_at(interview)
        assert opens is not None
        raise Conflict(
            f"This interview opens at {opens.isoformat(timespec='minutes')}; come back then",
            code=ErrorCode.NOT_OPEN_YET,
        )


def start_interview(db: Database, user: User, interview_id: int) -> Interview:
    with db.unit_of_work() as uow:
        interview = visible_interview(uow.conn, user, interview_id, lock=True)
        if interview.status == InterviewStatus.LIVE:
            return _as_seen_by(user, interview)  # starting twice is harmless
        check_transition(interview.status, InterviewStatus.LIVE)
        _check_not_overdue(interview)
        _check_open(interview)
        interviews.set_status(uow.conn, interview_id, InterviewStatus.LIVE)
        return _as_seen_by(user, visible_interview(uow.conn, user, interview_id))


def cancel_interview(db: Database, user: User, interview_id: int) -> Interview:
    with db.unit_of_work() as uow:
        interview = visible_interview(uow.conn, user, interview_id, lock=True)
        if interview.status == InterviewStatus.CANCELLED:
            return _as_seen_by(user, interview)
        check_transition(interview.status, InterviewStatus.CANCELLED)
        interviews.set_status(uow.conn, interview_id, InterviewStatus.CANCELLED)
        if interview.kind == InterviewKind.REAL:
            audit.record(
                uow.conn,
                actor_id=user.id,
                organization_id=interview.organization_id,
                action="interview.cancelled",
                target_type="interview",
                target_id=interview_id,
                before={"status": interview.status},
                after={"status": InterviewStatus.CANCELLED},
            )
        return _as_seen_by(user, visible_interview(uow.conn, user, interview_id))


def complete_interview(
    db: Database,
    publisher: JobPublisher,
    user: User,
    interview_id: int,
    *,
    idempotent: IdempotentRequest | None = None,
) -> Interview:
    """Complete and queue the final report. Completing again re-queues a report that never came
    (unless it is a retry of the same request, sent with its Idempotency-Key)."""
    with db.unit_of_work() as uow:
        # The interview's lock before the key's, as add_answer takes them (one order, no
        # deadlock between the two when a client sends one key to both).
        interviews.lock_interview(uow.conn, interview_id)
        if (replay := idempotency.replayed(uow.conn, user, idempotent, Interview)) is not None:
            return replay
        interview = visible_interview(uow.conn, user, interview_id)
        if interview.status == InterviewStatus.COMPLETED:
            if reports.get_report(uow.conn, interview_id) is None:
                publisher.publish(uow, ReportJob(interview_id=interview_id))
            return idempotency.remember(
                uow.conn, user, idempotent, _as_seen_by(user, interview), Interview
            )
        check_transition(interview.status, InterviewStatus.COMPLETED)
        interviews.set_status(uow.conn, interview_id, InterviewStatus.COMPLETED)
        publisher.publish(uow, ReportJob(interview_id=interview_id))
        completed = _as_seen_by(user, visible_interview(uow.conn, user, interview_id))
        return idempotency.remember(uow.conn, user, idempotent, completed, Interview)


def add_answer(
    db: Database,
    publisher: JobPublisher,
    user: User,
    *,
    interview_id: int,
    text: str,
    question_id: int | None,
    signals: AnswerSignals | None = None,
    settings: Settings | None = None,
    idempotent: IdempotentRequest | None = None,
) -> Transcript:
    """Save one User utterance (the seed's createTranscript) and queue its sentiment. The first
    answer starts a scheduled interview. A retry with the same Idempotency-Key returns the answer
    it stored the first time and stores nothing.

    Two round trips, in a pipelined transaction: BEGIN, the interview locked and read with all
    the answer is checked against, and the key's lock and lookup travel together; the answer's
    row, its job, the kept response and COMMIT travel together once the checks have passed."""
    settings = settings or get_settings()
    with db.unit_of_work(pipelined=True) as uow:
        conn = uow.conn
        # The interview's lock before the key's (complete_interview takes them in this order).
        pending = interviews.answer_context(conn, interview_id, question_id)
        if (replay := idempotency.replayed(conn, user, idempotent, Transcript)) is not None:
            return replay
        context = pending.result()
        if context is None or not access.can_view_interview(user, context.interview):
            raise NotFound(f"Interview {interview_id} not found")
        interview = context.interview
        if not access.can_answer_interview(user, interview):
            raise Forbidden("Only the interview's candidate can answer its questions")
        check_accepts_answers(interview.status)
        _check_not_overdue(interview)
        _check_open(interview)
        if interview_room.consent_required(interview):
            raise Conflict(
                "Read the AI interviewer's notice and consent to it before answering",
                code=ErrorCode.CONSENT_REQUIRED,
            )
        if question_id is not None and question_id not in context.question_ids:
            raise InvalidInput(
                f"Question {question_id} is not part of interview {interview_id}; "
                f"its questions are {sorted(context.question_ids)}",
                code=ErrorCode.QUESTION_NOT_IN_INTERVIEW,
            )
        limits.check_answer_fits(
            lines=context.lines,
            chars=context.chars,
            new_chars=len(text),
            max_lines=settings.max_answers_per_question,
            max_chars=settings.max_answer_chars_per_question,
        )
        if interview.status == InterviewStatus.SCHEDULED:
            interviews.set_status(conn, interview_id, InterviewStatus.LIVE)
        # The interviewer may follow the answer up while the question has follow-ups left.
        follows_up = question_id is not None and context.follow_ups_asked < min(
            interview.follow_up_limit, MAX_FOLLOW_UPS
        )
        transcript = transcripts.insert_at(
            conn,
            context.slot,
            interview_id=interview_id,
            speaker=Speaker.USER,
            text=text,
            question_id=question_id,
            follow_up_state="pending" if follows_up else None,
        )
        if signals is not None:
            answer_signals.insert(
                conn, transcript_id=transcript.id, interview_id=interview_id, signals=signals
            )
        publisher.publish(uow, SentimentJob(transcript_id=transcript.id))
        if follows_up:
            publisher.publish(uow, FollowUpJob(answer_id=transcript.id))
        return idempotency.remember(conn, user, idempotent, transcript, Transcript)


def _notice(conn: Connection, interview: Interview) -> interview_room.Notice:
    posting = (
        job_postings.get_job_posting(conn, interview.job_posting_id)
        if interview.job_posting_id is not None
        else None
    )
    organization = (
        organizations.get_organization(conn, interview.organization_id)
        if interview.organization_id is not None
        else None
    )
    return interview_room.notice_for(
        interview,
        posting_notice=posting.ai_notice if posting else None,
        organization=organization.name if organization else None,
    )


def get_notice(db: Database, user: User, interview_id: int) -> interview_room.Notice:
    """The AI interviewer's notice in force for the interview (anyone who may view it)."""
    with db.unit_of_work() as uow:
        return _notice(uow.conn, visible_interview(uow.conn, user, interview_id))


def consent(db: Database, user: User, interview_id: int, *, version: str) -> Interview:
    """The candidate consents to the notice they were shown (its version): kept with its text.
    Consenting again changes nothing; a notice changed since it was shown is refused."""
    with db.unit_of_work() as uow:
        interview = visible_interview(uow.conn, user, interview_id, lock=True)
        if not access.can_answer_interview(user, interview):
            raise Forbidden("Only the interview's candidate can consent to its notice")
        if interview.consented_at is not None:
            return _as_seen_by(user, interview)
        check_accepts_answers(interview.status)
        notice = _notice(uow.conn, interview)
        if version != notice.version:
            raise Conflict(
                "The notice has changed since it was shown: read it again before consenting",
                code=ErrorCode.NOTICE_CHANGED,
            )
        consents.record(
            uow.conn,
            interview_id=interview_id,
            candidate_id=user.id,
            notice_version=notice.version,
            notice_text=notice.text,
            language=notice.language,
        )
        if interview.kind == InterviewKind.REAL:
            audit.record(
                uow.conn,
                actor_id=user.id,
                organization_id=interview.organization_id,
                action="interview.consented",
                target_type="interview",
                target_id=interview_id,
                after={"notice_version": notice.version},
            )
        return _as_seen_by(user, visible_interview(uow.conn, user, interview_id))
