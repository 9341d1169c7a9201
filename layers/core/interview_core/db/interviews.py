"""SQL for interviews and the questions chosen for each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg.types.json import Jsonb

from interview_core.db import transcripts
from interview_core.db.connection import Connection, Pending, one
from interview_core.domain.access import InterviewScope
from interview_core.domain.follow_up import DEFAULT_LIMIT
from interview_core.domain.interview_room import DEFAULT_ANSWER_SECONDS
from interview_core.domain.models import (
    Decision,
    Interview,
    InterviewKind,
    InterviewStatus,
    Question,
    Stage,
)

_COLUMNS = """
    SELECT i.id, i.candidate_id, c.username AS candidate_username, c.full_name AS
    candidate_full_name,
           i.kind, i.job_posting_id, jp.title AS job_posting_title, jp.organization_id,
           i.position, i.language, i.status, i.scheduled_time, i.deadline, i.retake,
           i.start_time, i.end_time, i.overall_score, i.emotion_summary, i.created_at,
           jp.candidates_see_scores,
           coalesce(jp.follow_up_limit, %(default_follow_ups)s) AS follow_up_limit,
           coalesce(jp.answer_seconds, %(default_answer_seconds)s) AS answer_seconds,
           CASE WHEN jp.ai_notice IS NOT NULL THEN jp.ai_notice_version END
               AS ai_notice_version,
           ic.consented_at, ic.notice_version AS consented_notice_version,
           i.decision, i.decision_reason, d.username AS decided_by_username, i.decided_at"""
_FROM = """
    FROM interviews i
    JOIN users c ON c.id = i.candidate_id
    LEFT JOIN job_postings jp ON jp.id = i.job_posting_id
    LEFT JOIN interview_consents ic ON ic.interview_id = i.id
    LEFT JOIN users d ON d.id = i.decided_by
"""
# A real interview's stage in its posting's pipeline, as domain.pipeline.stage_of says it.
STAGE_SQL = """(CASE WHEN i.kind <> 'real' THEN NULL
                    WHEN i.decision IS NOT NULL THEN i.decision
                    WHEN i.status = 'scheduled' THEN 'invited'
                    WHEN i.status = 'live' THEN 'in_progress'
                    WHEN i.status = 'completed' THEN 'completed' END)"""
# What an interview without a posting (practice) gets.
_DEFAULTS = {"default_follow_ups": DEFAULT_LIMIT, "default_answer_seconds": DEFAULT_ANSWER_SECONDS}
_SELECT = _COLUMNS + _FROM


def insert_interview(
    conn: Connection,
    *,
    candidate_id: int,
    job_posting_id: int | None,
    position: str,
    language: str,
    scheduled_time: datetime | None,
    deadline: datetime | None = None,
    retake: bool = False,
) -> int:
    """A practice interview without a posting, a real one with (its kind is derived)."""
    row = one(
        conn.execute(
            """INSERT INTO interviews (candidate_id, job_posting_id, position, language,
               scheduled_time, deadline, retake)
           VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id""",
            (candidate_id, job_posting_id, position, language, scheduled_time, deadline, retake),
        )
    )
    return row["id"]


def lock_interview(conn: Connection, interview_id: int) -> None:
    """Lock the interview row only: status changes, transcript order, reviews and overrides are
    serialised on it."""
    conn.execute("SELECT 1 FROM interviews WHERE id = %s FOR UPDATE", (interview_id,))


def get_interview(
    conn: Connection, interview_id: int, *, for_update: bool = False
) -> Interview | None:
    if for_update:
        lock_interview(conn, interview_id)
    row = conn.execute(
        _SELECT + " WHERE i.id = %(id)s", {**_DEFAULTS, "id": interview_id}
    ).fetchone()
    return Interview.model_validate(row) if row else None


@dataclass(frozen=True)
class AnswerContext:
    """What a new answer to an interview is checked against, read under the interview's lock:
    the interview, its questions in asking order, the candidate's answers so far to the
    question (lines and characters), and the slot the answer would take."""

    interview: Interview
    question_ids: list[int]
    lines: int
    chars: int
    slot: transcripts.Slot
    # Follow-ups the interviewer already asked on the question.
    follow_ups_asked: int = 0


def answer_context(
    conn: Connection, interview_id: int, question_id: int | None
) -> Pending[AnswerContext | None]:
    """Lock the interview row, then read its AnswerContext, without waiting for either: two
    statements, so that the read, taken after the lock was granted, sees what any answer it
    waited for committed. Nothing is locked when the interview does not exist."""
    lock_interview(conn, interview_id)
    cursor = conn.execute(
        _COLUMNS
        + """,
           ARRAY(SELECT iq.question_id FROM interview_questions iq
                 WHERE iq.interview_id = i.id ORDER BY iq.position) AS question_ids,
           answered.lines, answered.chars, answered.follow_ups,"""
        + transcripts.SLOT_COLUMNS
        + _FROM
        + """ CROSS JOIN LATERAL (
                SELECT count(*) FILTER (WHERE t.speaker = 'User') AS lines,
                       coalesce(sum(length(t.text)) FILTER (WHERE t.speaker = 'User'), 0)
                           AS chars,
                       count(*) FILTER (WHERE t.follow_up_of IS NOT NULL) AS follow_ups
                FROM transcripts t
                WHERE t.interview_id = i.id
                  AND t.question_id IS NOT DISTINCT FROM %(question)s) answered
            WHERE i.id = %(interview)s""",
        {**_DEFAULTS, "interview": interview_id, "question": question_id},
    )
    return Pending(cursor, _answer_context)


def _answer_context(row: dict | None) -> AnswerContext | None:
    if row is None:
        return None
    return AnswerContext(
        interview=Interview.model_validate(row),
        question_ids=list(row["question_ids"]),
        lines=int(row["lines"]),
        chars=int(row["chars"]),
        slot=transcripts.slot_from(row),
        follow_ups_asked=int(row["follow_ups"]),
    )


def list_interviews(
    conn: Connection,
    *,
    scope: InterviewScope,
    status: InterviewStatus | None = None,
    job_posting_id: int | None = None,
    kind: InterviewKind | None = None,
    stage: Stage | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[Interview]:
    """The interviews of the scope (domain.access.interview_scope), newest first. An
    organization's scope holds its real interviews only: practice has no posting."""
    rows = conn.execute(
        _SELECT
        + """ WHERE (%(everything)s
                    OR i.candidate_id = %(candidate)s
                    OR (i.kind = 'real' AND jp.organization_id = %(organization)s))
              AND (%(status)s::text IS NULL OR i.status = %(status)s)
              AND (%(posting)s::bigint IS NULL OR i.job_posting_id = %(posting)s)
              AND (%(kind)s::text IS NULL OR i.kind = %(kind)s)
              AND (%(stage)s::text IS NULL OR """
        + STAGE_SQL
        + """ = %(stage)s)
            ORDER BY i.created_at DESC, i.id DESC LIMIT %(limit)s OFFSET %(offset)s""",
        {
            **_DEFAULTS,
            "everything": scope.everything,
            "candidate": scope.candidate_id,
            "organization": scope.organization_id,
            "status": status,
            "posting": job_posting_id,
            "kind": kind,
            "stage": stage,
            "limit": limit,
            "offset": offset,
        },
    ).fetchall()
    return [Interview.model_validate(row) for row in rows]


def set_status(conn: Connection, interview_id: int, status: InterviewStatus) -> None:
    """Move to a status, stamping start_time / end_time the first time they apply."""
    conn.execute(
        """UPDATE interviews SET
               status = %(status)s,
               start_time = CASE WHEN %(status)s IN ('live', 'completed') THEN coalesce(start_time,
               now())
                                 ELSE start_time END,
               end_time = CASE WHEN %(status)s IN ('completed', 'cancelled') THEN coalesce(end_time,
               now())
                               ELSE end_time END,
               updated_at = now()
           WHERE id = %(id)s""",
        {"status": status, "id": interview_id},
    )


def set_decision(
    conn: Connection,
    interview_id: int,
    *,
    decision: Decision | None,
    reason: str | None,
    by: int,
) -> None:
    """People's decision in the pipeline (None: cleared), with who changed it and when."""
    conn.execute(
        """UPDATE interviews SET decision = %s, decision_reason = %s, decided_by = %s,
               decided_at = now(), updated_at = now()
           WHERE id = %s""",
        (decision, reason if decision is not None else None, by, interview_id),
    )


def stage_counts(conn: Connection, job_posting_id: int) -> dict[str, int]:
    """How many of the posting's real interviews are at each stage (cancelled ones without a
    decision left out), with the pending invitations not yet accepted as invited."""
    rows = conn.execute(
        f"""SELECT stage, count(*)::int AS n FROM (
                SELECT {STAGE_SQL} AS stage FROM interviews i
                WHERE i.job_posting_id = %(posting)s AND i.kind = 'real'
                UNION ALL
                SELECT 'invited' FROM invitations v
                WHERE v.job_posting_id = %(posting)s AND v.kind = 'candidate'
                  AND v.status = 'pending' AND v.expires_at > now()
            ) stages WHERE stage IS NOT NULL GROUP BY stage""",
        {"posting": job_posting_id},
    ).fetchall()
    return {row["stage"]: row["n"] for row in rows}


def questions_of(conn: Connection, interview_ids: list[int]) -> dict[int, list[Question]]:
    """interview_questions of many interviews at once: {interview id: its questions in order}."""
    found: dict[int, list[Question]] = {i: [] for i in interview_ids}
    rows = conn.execute(
        """SELECT iq.interview_id, q.id, q.organization_id, v.version, v.content, v.category,
                  v.difficulty, v.rubric_json, q.vector_id, q.position, v.language,
                  q.usage_count, q.avg_score, q.is_active
           FROM interview_questions iq
           JOIN questions q ON q.id = iq.question_id
           JOIN question_versions v ON v.question_id = iq.question_id
                AND v.version = iq.question_version
           WHERE iq.interview_id = ANY(%s) ORDER BY iq.interview_id, iq.position""",
        (interview_ids,),
    ).fetchall()
    for row in rows:
        found[row.pop("interview_id")].append(Question.model_validate(row))
    return found


def set_emotion_summary(
    conn: Connection, interview_id: int, emotion_summary: dict[str, Any]
) -> None:
    conn.execute(
        "UPDATE interviews SET emotion_summary = %s, updated_at = now() WHERE id = %s",
        (Jsonb(emotion_summary), interview_id),
    )


def set_overall_score(conn: Connection, interview_id: int, overall_score: float | None) -> None:
    """The overall score in force (None: nobody scored it yet)."""
    conn.execute(
        "UPDATE interviews SET overall_score = %s, updated_at = now() WHERE id = %s",
        (overall_score, interview_id),
    )


def attach_questions(conn: Connection, interview_id: int, questions: list[Question]) -> None:
    """The questions in asking order, each at the version read (what the interview is scored
    against, whatever later edits do)."""
    with conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO interview_questions (interview_id, question_id, question_version,
               position)
               VALUES (%s, %s, %s, %s)""",
            [(interview_id, q.id, q.version, index) for index, q in enumerate(questions, 1)],
        )


def interview_questions(conn: Connection, interview_id: int) -> list[Question]:
    """The interview's questions in asking order, as they were when it was created: wording,
    category, difficulty, language and rubric of the version it asked."""
    rows = conn.execute(
        """SELECT q.id, q.organization_id, v.version, v.content, v.category, v.difficulty,
           v.rubric_json,
                  q.vector_id, q.position, v.language, q.usage_count, q.avg_score, q.is_active
           FROM interview_questions iq
           JOIN questions q ON q.id = iq.question_id
           JOIN question_versions v ON v.question_id = iq.question_id AND v.version =
           iq.question_version
           WHERE iq.interview_id = %s ORDER BY iq.position""",
        (interview_id,),
    ).fetchall()
    return [Question.model_validate(row) for row in rows]


def has_real_interview(conn: Connection, *, candidate_id: int, job_posting_id: int) -> bool:
    """Whether the candidate already has a real interview on the posting (cancelled ones left
    aside: those were never taken)."""
    row = one(
        conn.execute(
            """SELECT EXISTS (SELECT 1 FROM interviews WHERE candidate_id = %s AND job_posting_id =
               %s
                          AND kind = 'real' AND status <> 'cancelled') AS taken""",
            (candidate_id, job_posting_id),
        )
    )
    return bool(row["taken"])


def set_question_scores(
    conn: Connection, interview_id: int, scores: dict[int, float | None]
) -> None:
    """Each named question's score in force (None: not scored)."""
    with conn.cursor() as cur:
        cur.executemany(
            (
                "UPDATE interview_questions SET score = %s WHERE interview_id = %s AND question_id "
                "= %s"
            ),
            [(score, interview_id, question_id) for question_id, score in scores.items()],
        )


def completed_without_report(
    conn: Connection, *, older_than_seconds: int, newer_than_seconds: int | None = None
) -> list[int]:
    """Completed interviews whose report never arrived: their job may have been lost."""
    rows = conn.execute(
        """SELECT i.id FROM interviews i
           WHERE i.status = 'completed' AND i.end_time < now() - make_interval(secs => %(old)s)
             AND (%(new)s::int IS NULL OR i.end_time >= now() - make_interval(secs => %(new)s::int))
             AND NOT EXISTS (SELECT 1 FROM evaluation_reports e WHERE e.interview_id = i.id)
           ORDER BY i.id""",
        {"old": older_than_seconds, "new": newer_than_seconds},
    ).fetchall()
    return [row["id"] for row in rows]


def created_since(conn: Connection, *, candidate_id: int, hours: int) -> list[datetime]:
    """When each of the candidate's interviews of the last `hours` was created, oldest first."""
    rows = conn.execute(
        """SELECT created_at FROM interviews
           WHERE candidate_id = %s AND created_at > now() - make_interval(hours => %s)
           ORDER BY created_at""",
        (candidate_id, hours),
    ).fetchall()
    return [row["created_at"] for row in rows]
