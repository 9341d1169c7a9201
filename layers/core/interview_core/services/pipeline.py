"""The recruiter's desk: moving a posting's candidates through the pipeline, the team's ratings
and notes, the candidates side by side and their CSV. People decide: nothing here follows from a
score."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from interview_core.db import (
    answer_signals,
    audit,
    interview_reviews,
    interviews,
    job_postings,
    organizations,
    reports,
    score_overrides,
)
from interview_core.db.connection import Connection, Database
from interview_core.domain import access, integrity, pipeline
from interview_core.domain.access import InterviewScope
from interview_core.domain.candidates import CandidateRow, candidate_row, candidates_csv
from interview_core.domain.integrity import Flag
from interview_core.domain.models import (
    Interview,
    InterviewKind,
    InterviewReview,
    JobPosting,
    Stage,
    User,
)
from interview_core.errors import Conflict, ErrorCode, InvalidInput, NotFound
from interview_core.services.interviews import visible_interview

# A posting's candidates are read in one go (the compare view, the CSV): enough for any posting
# people compare by hand.
MAX_CANDIDATES = 1000


def set_stage(
    db: Database, user: User, interview_id: int, *, stage: Stage, reason: str | None
) -> Interview:
    """Move the candidate to `stage`: a decision (shortlisted, rejected, hired) with its reason,
    or back to the stage the interview is at (the decision cleared)."""
    with db.unit_of_work() as uow:
        conn = uow.conn
        access.require_reviewer(user)
        interview = visible_interview(conn, user, interview_id, lock=True)
        access.require_team_member(user, interview, "move candidates through the pipeline")
        change = pipeline.change_to(interview.status, stage)
        if change.refusal is not None:
            raise Conflict(change.refusal, code=ErrorCode.STAGE_FOLLOWS_INTERVIEW)
        kept_reason = reason if change.decision is not None else None
        if (interview.decision, interview.decision_reason) != (change.decision, kept_reason):
            interviews.set_decision(
                conn, interview_id, decision=change.decision, reason=kept_reason, by=user.id
            )
            audit.record(
                conn,
                actor_id=user.id,
                organization_id=interview.organization_id,
                action="interview.stage_changed",
                target_type="interview",
                target_id=interview_id,
                before={"stage": _value(interview.stage), "reason": interview.decision_reason},
                after={"stage": stage.value, "reason": kept_reason},
            )
        changed = interviews.get_interview(conn, interview_id)
        assert changed is not None
        return changed


def _value(stage: Stage | None) -> str | None:
    return stage.value if stage is not None else None


def save_review(
    db: Database,
    user: User,
    interview_id: int,
    *,
    question_id: int | None,
    rating: int | None,
    note: str | None,
) -> list[InterviewReview]:
    """The caller's rating and note on the interview or one of its questions (neither: their
    review withdrawn). Returns every review of the interview."""
    with db.unit_of_work() as uow:
        conn = uow.conn
        access.require_reviewer(user)
        interview = visible_interview(conn, user, interview_id, lock=True)
        access.require_team_member(user, interview, "review interviews")
        if question_id is not None and question_id not in {
            q.id for q in interviews.interview_questions(conn, interview_id)
        }:
            raise InvalidInput(
                f"Question {question_id} was not asked in interview {interview_id}",
                code=ErrorCode.QUESTION_NOT_IN_INTERVIEW,
            )
        before = interview_reviews.get_own(
            conn, interview_id=interview_id, question_id=question_id, author_id=user.id
        )
        subject = {"question_id": question_id}
        if rating is None and note is None:
            if before is not None:
                interview_reviews.withdraw(
                    conn, interview_id=interview_id, question_id=question_id, author_id=user.id
                )
                _audit_review(conn, user, interview, "review.withdrawn", before, None, subject)
        elif before is None or (before.rating, before.note) != (rating, note):
            interview_reviews.save(
                conn,
                interview_id=interview_id,
                question_id=question_id,
                author_id=user.id,
                rating=rating,
                note=note,
            )
            after = {**subject, "rating": rating, "note": note}
            _audit_review(conn, user, interview, "review.saved", before, after, subject)
        return interview_reviews.list_reviews(conn, interview_id)


def _audit_review(
    conn: Connection,
    user: User,
    interview: Interview,
    action: str,
    before: InterviewReview | None,
    after: Mapping[str, object] | None,
    subject: dict[str, int | None],
) -> None:
    audit.record(
        conn,
        actor_id=user.id,
        organization_id=interview.organization_id,
        action=action,
        target_type="interview",
        target_id=interview.id,
        before={**subject, "rating": before.rating, "note": before.note} if before else None,
        after=dict(after) if after is not None else None,
    )


def list_reviews(db: Database, user: User, interview_id: int) -> list[InterviewReview]:
    with db.unit_of_work() as uow:
        access.require_reviewer(user)
        interview = visible_interview(uow.conn, user, interview_id)
        access.require_reads_pipeline(user, interview)
        return interview_reviews.list_reviews(uow.conn, interview_id)


@dataclass(frozen=True)
class PostingCandidates:
    posting: JobPosting
    stage_labels: dict[str, str]
    counts: dict[Stage, int]
    rows: list[CandidateRow]


def posting_candidates(
    db: Database, user: User, posting_id: int, *, stage: Stage | None = None
) -> PostingCandidates:
    """The posting's real interviews (practice never), oldest first, each with its scores in
    force, criteria, review and stage; and how many candidates are at each stage."""
    with db.unit_of_work() as uow:
        conn = uow.conn
        access.require_reviewer(user)
        posting = job_postings.get_job_posting(conn, posting_id)
        if posting is None or not access.can_view_job_posting(user, posting):
            raise NotFound(f"Job posting {posting_id} not found")
        access.require_reads_candidates(user, posting)
        found = interviews.list_interviews(
            conn,
            scope=InterviewScope(candidate_id=None, organization_id=None, everything=True),
            job_posting_id=posting_id,
            kind=InterviewKind.REAL,
            stage=stage,
            limit=MAX_CANDIDATES,
        )
        found.sort(key=lambda i: i.id)
        ids = [i.id for i in found]
        written = reports.reports_of(conn, ids)
        asked = interviews.questions_of(conn, ids)
        overrides = score_overrides.overrides_of(conn, ids)
        reviews = interview_reviews.of_interviews(conn, ids)
        flags = _flags_of(conn, found)
        organization = organizations.get_organization(conn, posting.organization_id)
        counts = interviews.stage_counts(conn, posting_id)
    return PostingCandidates(
        posting=posting,
        stage_labels=organization.stage_labels if organization else {},
        counts={s: counts.get(s.value, 0) for s in pipeline.STAGES},
        rows=[
            candidate_row(
                i, written.get(i.id), asked[i.id], overrides[i.id], reviews[i.id], flags[i.id]
            )
            for i in found
        ],
    )


def _flags_of(conn: Connection, found: list[Interview]) -> dict[int, list[Flag]]:
    ids = [i.id for i in found]
    signalled = answer_signals.of_interviews(conn, ids)
    similar = answer_signals.similar_of(conn, ids)
    return {
        i.id: integrity.answer_flags(signalled[i.id], i.language)
        + integrity.near_identical_flags(similar[i.id])
        for i in found
    }


def integrity_flags(db: Database, user: User, interview_id: int) -> list[Flag]:
    """What reviewers should look at in the interview, each with its evidence: never a verdict."""
    with db.unit_of_work() as uow:
        access.require_reviewer(user)
        interview = visible_interview(uow.conn, user, interview_id)
        access.require_reads_pipeline(user, interview)
        return _flags_of(uow.conn, [interview])[interview_id]


def posting_candidates_csv(
    db: Database, user: User, posting_id: int, *, language: str
) -> tuple[JobPosting, str]:
    candidates = posting_candidates(db, user, posting_id)
    text = candidates_csv(
        candidates.rows,
        lambda stage: pipeline.stage_name(stage, candidates.stage_labels, language),
    )
    return candidates.posting, text


def set_stage_labels(db: Database, user: User, changes: dict[str, str | None]) -> dict[str, str]:
    """The organization's own names for its stages (its owner's choice)."""
    access.require_owner(user, "rename the pipeline's stages")
    assert user.organization_id is not None
    with db.unit_of_work() as uow:
        conn = uow.conn
        organization = organizations.get_organization(conn, user.organization_id, for_update=True)
        assert organization is not None
        try:
            labels = pipeline.merge_stage_labels(organization.stage_labels, changes)
        except ValueError as problem:
            raise InvalidInput(str(problem)) from None
        if labels != organization.stage_labels:
            organizations.set_stage_labels(conn, organization.id, labels)
            audit.record(
                conn,
                actor_id=user.id,
                organization_id=organization.id,
                action="organization.stages_renamed",
                target_type="organization",
                target_id=organization.id,
                before={"stage_labels": organization.stage_labels},
                after={"stage_labels": labels},
            )
        return labels
