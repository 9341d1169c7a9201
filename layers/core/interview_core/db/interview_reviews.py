"""SQL for the team's reviews: one rating and note per member and subject (the interview, or one
question it asked), edited in place."""

from __future__ import annotations

from interview_core.db.connection import Connection
from interview_core.domain.models import InterviewReview

_COLUMNS = """r.id, r.interview_id, r.question_id, r.author_id, u.username AS author_username,
    u.full_name AS author_full_name, r.rating, r.note, r.created_at, r.updated_at"""


def get_own(
    conn: Connection, *, interview_id: int, question_id: int | None, author_id: int
) -> InterviewReview | None:
    row = conn.execute(
        f"""SELECT {_COLUMNS} FROM interview_reviews r JOIN users u ON u.id = r.author_id
            WHERE r.interview_id = %s AND r.author_id = %s
              AND r.question_id IS NOT DISTINCT FROM %s""",
        (interview_id, author_id, question_id),
    ).fetchone()
    return InterviewReview.model_validate(row) if row else None


def save(
    conn: Connection,
    *,
    interview_id: int,
    question_id: int | None,
    author_id: int,
    rating: int | None,
    note: str | None,
) -> None:
    conn.execute(
        """INSERT INTO interview_reviews (interview_id, question_id, author_id, rating, note)
           VALUES (%s, %s, %s, %s, %s)
           ON CONFLICT (interview_id, author_id, coalesce(question_id, 0)) DO UPDATE SET
               rating = EXCLUDED.rating, note = EXCLUDED.note, updated_at = now()""",
        (interview_id, question_id, author_id, rating, note),
    )


def withdraw(
    conn: Connection, *, interview_id: int, question_id: int | None, author_id: int
) -> None:
    conn.execute(
        """DELETE FROM interview_reviews WHERE interview_id = %s AND author_id = %s
           AND question_id IS NOT DISTINCT FROM %s""",
        (interview_id, author_id, question_id),
    )


def list_reviews(conn: Connection, interview_id: int) -> list[InterviewReview]:
    """The interview's own reviews first, then each question's; oldest first within each."""
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM interview_reviews r JOIN users u ON u.id = r.author_id
            WHERE r.interview_id = %s
            ORDER BY r.question_id NULLS FIRST, r.created_at, r.id""",
        (interview_id,),
    ).fetchall()
    return [InterviewReview.model_validate(row) for row in rows]


def of_interviews(conn: Connection, interview_ids: list[int]) -> dict[int, list[InterviewReview]]:
    """list_reviews of many interviews at once."""
    found: dict[int, list[InterviewReview]] = {i: [] for i in interview_ids}
    rows = conn.execute(
        f"""SELECT {_COLUMNS} FROM interview_reviews r JOIN users u ON u.id = r.author_id
            WHERE r.interview_id = ANY(%s)
            ORDER BY r.interview_id, r.question_id NULLS FIRST, r.created_at, r.id""",
        (interview_ids,),
    ).fetchall()
    for row in rows:
        review = InterviewReview.model_validate(row)
        found[review.interview_id].append(review)
    return found
