"""Migration 0004 moves a database of yesterday forward: every report so far was scored by AI and
is pending review, every posting keeps AI scoring and hides scores from its candidates; the
score columns may be empty only in a report the AI did not score; overrides are append-only and
name a question the interview asked."""

from __future__ import annotations

import psycopg
import pytest
from interview_core.db.migrate import bundled_migrations, migrate
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

SEED_QUERY = (
    "SELECT i.position, e.technical_score, e.communication_score, e.cultural_fit_score, "
    "e.summary_text "
    "FROM evaluation_reports e JOIN interviews i ON e.interview_id = i.id;"
)


def test_existing_reports_and_postings_move_forward_and_the_new_rules_hold(empty_database_url):
    migrations = bundled_migrations()
    with psycopg.connect(empty_database_url, row_factory=dict_row, autocommit=True) as conn:
        migrate(conn, [m for m in migrations if m.version < "0004"])
        conn.execute("""INSERT INTO users (email, username, role, password_hash) VALUES
            ('a@x.io', 'alice', 'recruiter', 'h'), ('c@x.io', 'carol', 'candidate', 'h')""")
        conn.execute(
            "INSERT INTO organizations (name, status, approved_at) VALUES ('Acme', 'approved', "
            "now())"
        )
        conn.execute(
            "INSERT INTO job_postings (organization_id, recruiter_id, title, position) "
            "VALUES (1, 1, 'BE', 'Backend Developer')"
        )
        conn.execute("""INSERT INTO questions (content, category, difficulty, rubric_json) VALUES
            ('Q one?', 'technical', 'easy', '{}'), ('Q two?', 'behavioral', 'easy', '{}')""")
        conn.execute("""INSERT INTO interviews (candidate_id, job_posting_id, position, status,
                                                start_time, end_time)
            VALUES (2, 1, 'Backend Developer', 'completed', now(), now()),
                   (2, 1, 'Backend Developer', 'completed', now(), now())""")
        conn.execute("""INSERT INTO interview_questions (interview_id, question_id,
                                                         question_version, position)
            VALUES (1, 1, 1, 1), (2, 1, 1, 1)""")
        conn.execute(
            """INSERT INTO evaluation_reports (interview_id, technical_score, communication_score,
                            cultural_fit_score, summary_text, details_json, evaluator_model)
            VALUES (1, 70, 60, 50, 'Yesterday''s report', %s, 'offline-rubric-v2')""",
            (Jsonb({"overall_score": 62.5}),),
        )

        assert migrate(conn) == [m.version for m in migrations if m.version >= "0004"]

        report = conn.execute(
            "SELECT scoring, review_state, reviewed_by, reviewed_at, review_note, technical_score "
            "FROM evaluation_reports"
        ).fetchone()
        assert report == {
            "scoring": "ai",
            "review_state": "pending_review",
            "reviewed_by": None,
            "reviewed_at": None,
            "review_note": None,
            "technical_score": 70.0,
        }
        posting = conn.execute(
            "SELECT ai_scoring, candidates_see_scores FROM job_postings"
        ).fetchone()
        assert posting == {"ai_scoring": True, "candidates_see_scores": False}
        assert conn.execute(SEED_QUERY).fetchall() == [
            {
                "position": "Backend Developer",
                "technical_score": 70.0,
                "communication_score": 60.0,
                "cultural_fit_score": 50.0,
                "summary_text": "Yesterday's report",
            }
        ]

        # Scores may be empty only in a report nobody asked the AI to score, and then all three are.
        insert = (
            "INSERT INTO evaluation_reports (interview_id, technical_score, communication_score, "
            "cultural_fit_score, summary_text, evaluator_model, scoring) VALUES (2, %s, %s, %s, "
            "'', 'x', %s)"
        )
        for scores, scoring in (
            ((None, 60, 50), "ai"),
            ((None, None, None), "ai"),
            ((None, 1, None), "human"),
        ):
            with pytest.raises(psycopg.errors.CheckViolation):
                conn.execute(insert, (*scores, scoring))
        conn.execute(insert, (None, None, None, "human"))
        # A review has a reviewer and a time.
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute(
                "UPDATE evaluation_reports SET review_state = 'reviewed' WHERE interview_id = 1"
            )
        conn.execute(
            "UPDATE evaluation_reports SET review_state = 'reviewed', reviewed_by = 1, reviewed_at "
            "= now() "
            "WHERE interview_id = 1"
        )

        # Overrides: of a question the interview asked, with a reason, and never changed afterwards.
        override = (
            "INSERT INTO score_overrides (interview_id, scope, question_id, score, reason, "
            "reviewer_id) "
            "VALUES (1, %s, %s, %s, %s, 1)"
        )
        conn.execute(override, ("question", 1, 80, "A good answer"))
        conn.execute(override, ("overall", None, 75, "On balance"))
        for values, error in (
            (
                ("question", 2, 80, "Not asked in this interview"),
                psycopg.errors.ForeignKeyViolation,
            ),
            (("question", None, 80, "Which question?"), psycopg.errors.CheckViolation),
            (("overall", None, 101, "Too much"), psycopg.errors.CheckViolation),
            (("overall", None, 50, "  "), psycopg.errors.CheckViolation),
        ):
            with pytest.raises(error):
                conn.execute(override, values)
        for statement in (
            "UPDATE score_overrides SET score = 1",
            "DELETE FROM score_overrides",
            "TRUNCATE score_overrides",
            "DELETE FROM evaluation_reports WHERE interview_id = 1",
        ):
            with pytest.raises(
                (psycopg.errors.InsufficientPrivilege, psycopg.errors.ForeignKeyViolation)
            ):
                conn.execute(statement)
        assert conn.execute("SELECT count(*) AS n FROM score_overrides").fetchone()["n"] == 2
