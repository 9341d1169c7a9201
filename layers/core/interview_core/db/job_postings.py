"""SQL for the job_postings table."""

from __future__ import annotations

from typing import Any

from interview_core.db.connection import Connection
from interview_core.domain.models import JobPosting, JobPostingStatus

_COLUMNS = (
    "id, organization_id, recruiter_id, title, position, description, language, status, "
    "created_at, updated_at, "
    "ai_scoring, candidates_see_scores, follow_up_limit, answer_seconds, ai_notice, "
    "ai_notice_version"
)


def insert_job_posting(
    conn: Connection,
    *,
    organization_id: int,
    recruiter_id: int,
    title: str,
    position: str,
    description: str | None,
    language: str,
    ai_scoring: bool = True,
    candidates_see_scores: bool = False,
    follow_up_limit: int = 1,
    answer_seconds: int = 180,
    ai_notice: str | None = None,
) -> JobPosting:
    row = conn.execute(
        f"""INSERT INTO job_postings (organization_id, recruiter_id, title, position, description,
                                      language, ai_scoring, candidates_see_scores,
                                      follow_up_limit, answer_seconds, ai_notice)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING {_COLUMNS}""",
        (
            organization_id,
            recruiter_id,
            title,
            position,
            description,
            language,
            ai_scoring,
            candidates_see_scores,
            follow_up_limit,
            answer_seconds,
            ai_notice,
        ),
    ).fetchone()
    return JobPosting.model_validate(row)


def get_job_posting(
    conn: Connection, posting_id: int, *, for_update: bool = False
) -> JobPosting | None:
    lock = " FOR UPDATE" if for_update else ""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM job_postings WHERE id = %s{lock}", (posting_id,)
    ).fetchone()
    return JobPosting.model_validate(row) if row else None


def list_job_postings(
    conn: Connection, *, organization_id: int | None, status: JobPostingStatus | None
) -> list[JobPosting]:
    """Postings of one organization (or everyone's when None), newest first."""
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM job_postings
            WHERE (%(organization)s::bigint IS NULL OR organization_id = %(organization)s)
              AND (%(status)s::text IS NULL OR status = %(status)s)
            ORDER BY created_at DESC, id DESC""",
        {"organization": organization_id, "status": status},
    ).fetchall()
    return [JobPosting.model_validate(row) for row in rows]


def update_job_posting(conn: Connection, posting_id: int, changes: dict[str, Any]) -> JobPosting:
    allowed = {
        "title",
        "position",
        "description",
        "language",
        "status",
        "ai_scoring",
        "candidates_see_scores",
        "follow_up_limit",
        "answer_seconds",
        "ai_notice",
    }
    assignments = [f"{column} = %({column})s" for column in changes if column in allowed]
    if "ai_notice" in changes:  # every change of the notice is a new version of it
        assignments.append("ai_notice_version = ai_notice_version + 1")
    row = conn.execute(
        f"""UPDATE job_postings SET {", ".join([*assignments, "updated_at = now()"])}
            WHERE id = %(id)s RETURNING {_COLUMNS}""",
        {**changes, "id": posting_id},
    ).fetchone()
    return JobPosting.model_validate(row)
