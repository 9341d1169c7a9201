"""SQL for requests of questions drafted from a posting's description (question_draft_requests)."""

from __future__ import annotations

from collections.abc import Sequence

from psycopg.types.json import Jsonb

from interview_core.db.connection import Connection
from interview_core.domain.models import DroppedProposal, QuestionDraftRequest

_COLUMNS = (
    "id, job_posting_id, organization_id, requested_by, count, language, status, model, added, "
    "dropped, error, attempts, created_at, started_at, finished_at"
)
# A request 'running' this long has lost its worker (its function timed out or crashed): it may
# be claimed again. Longer than the worker's timeout (infra_cdk.constants CONSUMER_SIZING).
STALE_MINUTES = 10
# A request tried this often without finishing fails.
MAX_ATTEMPTS = 3


def insert_request(
    conn: Connection,
    *,
    job_posting_id: int,
    organization_id: int,
    requested_by: int,
    count: int,
    language: str,
) -> QuestionDraftRequest | None:
    """A new queued request, or None when the posting already has one queued or running."""
    row = conn.execute(
        f"""INSERT INTO question_draft_requests
               (job_posting_id, organization_id, requested_by, count, language)
            VALUES (%s, %s, %s, %s, %s)
            ON CONFLICT (job_posting_id) WHERE status IN ('queued', 'running') DO NOTHING
            RETURNING {_COLUMNS}""",
        (job_posting_id, organization_id, requested_by, count, language),
    ).fetchone()
    return QuestionDraftRequest.model_validate(row) if row else None


def get_request(conn: Connection, request_id: int) -> QuestionDraftRequest | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM question_draft_requests WHERE id = %s", (request_id,)
    ).fetchone()
    return QuestionDraftRequest.model_validate(row) if row else None


def list_requests(
    conn: Connection, job_posting_id: int, limit: int = 20
) -> list[QuestionDraftRequest]:
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM question_draft_requests WHERE job_posting_id = %s
            ORDER BY id DESC LIMIT %s""",
        (job_posting_id, limit),
    ).fetchall()
    return [QuestionDraftRequest.model_validate(row) for row in rows]


def claim(conn: Connection, request_id: int) -> QuestionDraftRequest | None:
    """Mark a queued request (or one whose worker was lost) running, one more attempt; None when
    it is done, failed, or running elsewhere."""
    row = conn.execute(
        f"""UPDATE question_draft_requests
            SET status = 'running', started_at = now(), attempts = attempts + 1
            WHERE id = %s AND (status = 'queued' OR (status = 'running'
                  AND started_at < now() - make_interval(mins => %s)))
            RETURNING {_COLUMNS}""",
        (request_id, STALE_MINUTES),
    ).fetchone()
    return QuestionDraftRequest.model_validate(row) if row else None


def lock_if_still_ours(conn: Connection, request: QuestionDraftRequest) -> bool:
    """Whether the request is still running on this attempt (no later claim took it over),
    locked until the end of the transaction."""
    row = conn.execute(
        """SELECT 1 FROM question_draft_requests
           WHERE id = %s AND status = 'running' AND attempts = %s FOR UPDATE""",
        (request.id, request.attempts),
    ).fetchone()
    return row is not None


def finish(
    conn: Connection,
    request_id: int,
    *,
    model: str | None,
    added: Sequence[int],
    dropped: Sequence[DroppedProposal],
    error: str | None = None,
) -> None:
    conn.execute(
        """UPDATE question_draft_requests
           SET status = %s, model = %s, added = %s, dropped = %s, error = %s, finished_at = now()
           WHERE id = %s""",
        (
            "failed" if error else "done",
            model,
            list(added),
            Jsonb([d.model_dump(mode="json") for d in dropped]),
            error[:2000] if error else None,
            request_id,
        ),
    )


def requeue(conn: Connection, request_id: int) -> None:
    """A worker that failed unexpectedly gives the request back for the job's next delivery."""
    conn.execute(
        "UPDATE question_draft_requests SET status = 'queued' WHERE id = %s AND status = 'running'",
        (request_id,),
    )


def unfinished(conn: Connection, *, older_than_minutes: int) -> list[int]:
    """Requests queued or running for longer than that: their job may be lost (recovery)."""
    rows = conn.execute(
        """SELECT id FROM question_draft_requests
           WHERE status IN ('queued', 'running')
             AND coalesce(started_at, created_at) < now() - make_interval(mins => %s)
           ORDER BY id""",
        (older_than_minutes,),
    ).fetchall()
    return [row["id"] for row in rows]


def fail_exhausted(conn: Connection) -> list[int]:
    """Requests tried MAX_ATTEMPTS times without finishing: failed, with why."""
    rows = conn.execute(
        """UPDATE question_draft_requests
           SET status = 'failed', finished_at = now(),
               error = 'The drafting worker stopped before finishing, ' || attempts || ' times'
           WHERE status = 'running' AND attempts >= %s
             AND started_at < now() - make_interval(mins => %s)
           RETURNING id""",
        (MAX_ATTEMPTS, STALE_MINUTES),
    ).fetchall()
    return [row["id"] for row in rows]
