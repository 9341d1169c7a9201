"""SQL for the candidate's consent to an interview's AI notice."""

from __future__ import annotations

from interview_core.db.connection import Connection


def record(
    conn: Connection,
    *,
    interview_id: int,
    candidate_id: int,
    notice_version: str,
    notice_text: str,
    language: str,
) -> None:
    """Kept once: the first consent stands (the text and version the candidate accepted)."""
    conn.execute(
        """INSERT INTO interview_consents (interview_id, candidate_id, notice_version,
                                           notice_text, language)
           VALUES (%s, %s, %s, %s, %s) ON CONFLICT (interview_id) DO NOTHING""",
        (interview_id, candidate_id, notice_version, notice_text, language),
    )
