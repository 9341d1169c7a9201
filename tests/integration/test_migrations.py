"""The schema: versioned migrations, safe to re-run, and constraints that keep the data sane."""

from __future__ import annotations

import psycopg
import pytest
from interview_core.db.migrate import Migration, MigrationError, bundled_migrations, migrate
from interview_core.local.platform import prepare_database
from psycopg.rows import dict_row


def test_a_fresh_database_gets_the_seed_tables_and_rerunning_is_harmless(empty_database_url):
    first = prepare_database(empty_database_url, pgmq_queues=["sentiment", "report"])
    second = prepare_database(empty_database_url, pgmq_queues=["sentiment", "report"])

    assert first["migrations_applied"] == [m.version for m in bundled_migrations()]
    assert first["questions_seeded"] >= 60
    assert second == {"migrations_applied": [], "questions_seeded": 0}
    with psycopg.connect(empty_database_url) as conn:
        tables = {
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
        indexes = {
            r[0]
            for r in conn.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
        }
    assert {
        "users",
        "job_postings",
        "interviews",
        "questions",
        "transcripts",
        "evaluation_reports",
    } <= tables
    assert {
        "users_email_key",
        "users_username_key",
        "questions_embedding_idx",
        "evaluation_reports_interview_id_key",
        "transcripts_interview_id_order_key",
    } <= indexes


def test_an_applied_migration_that_was_edited_is_refused(empty_database_url):
    with psycopg.connect(empty_database_url) as conn:
        migrate(conn, [Migration("0001_demo", "CREATE TABLE demo (id int)")])
        with pytest.raises(MigrationError, match="0001_demo was changed"):
            migrate(conn, [Migration("0001_demo", "CREATE TABLE demo (id bigint)")])


@pytest.mark.parametrize(
    "statement",
    [
        (
            "INSERT INTO users (email, username, password_hash, role) VALUES ('a@b.c', 'abc', 'x', "
            "'superuser')"
        ),
        (
            "INSERT INTO users (email, username, password_hash) VALUES ('TEST@example.com', "
            "'other', 'x')"
        ),
        "UPDATE interviews SET status = 'paused'",
        "UPDATE interviews SET overall_score = 101",
        "UPDATE interviews SET status = 'completed', end_time = NULL",
        "UPDATE questions SET category = 'trivia' WHERE id = 1",
        "UPDATE questions SET difficulty = 'extreme' WHERE id = 1",
        "UPDATE transcripts SET sentiment_score = 1.5",
        "UPDATE transcripts SET speaker = 'Robot'",
        "UPDATE transcripts SET emotion = 'bored'",
        (
            "INSERT INTO evaluation_reports (interview_id, technical_score, communication_score,"
            " cultural_fit_score, summary_text, evaluator_model)"
            " VALUES (1, 120, 50, 50, 's', 'm')"
        ),
        (
            "INSERT INTO transcripts (interview_id, speaker, text, \"order\") VALUES (1, 'User', "
            "'dup', 1)"
        ),
        "INSERT INTO interviews (candidate_id, position) VALUES (999, 'x')",
    ],
)
def test_constraints_refuse_bad_rows(database_url, statement):
    with psycopg.connect(database_url, row_factory=dict_row) as conn:
        conn.execute(
            "INSERT INTO users (email, username, password_hash) VALUES ('test@example.com', "
            "'tester', 'x')"
        )
        conn.execute(
            "INSERT INTO interviews (candidate_id, position, status) VALUES (1, 'x', 'scheduled')"
        )
        conn.execute(
            "INSERT INTO transcripts (interview_id, speaker, text, \"order\") VALUES (1, 'AI', "
            "'q', 1)"
        )
        with pytest.raises(psycopg.errors.IntegrityError):
            conn.execute(statement)
