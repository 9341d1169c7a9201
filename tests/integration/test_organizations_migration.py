"""Migration 0003 moves a database of yesterday forward: each recruiter becomes the owner of an
organization of their own, their postings belong to it, every question is the curated bank at
version 1 and every interview keeps it, interviews without a posting are practice."""

from __future__ import annotations

import psycopg
from interview_core.db.migrate import bundled_migrations, migrate
from psycopg.rows import dict_row


def test_existing_recruiters_postings_questions_and_interviews_move_forward(empty_database_url):
    migrations = bundled_migrations()
    before = [m for m in migrations if m.version < "0003"]
    with psycopg.connect(empty_database_url, row_factory=dict_row, autocommit=True) as conn:
        migrate(conn, before)
        conn.execute("""INSERT INTO users (email, username, role, password_hash, full_name) VALUES
            ('a@x.io', 'alice', 'recruiter', 'h', 'Alice Kim'),
            ('b@x.io', 'bob', 'recruiter', 'h', NULL),
            ('c@x.io', 'carol', 'candidate', 'h', NULL),
            ('d@x.io', 'dana', 'admin', 'h', 'Dana')""")
        conn.execute("""INSERT INTO job_postings (recruiter_id, title, position) VALUES
            (1, 'Alice BE', 'Backend Developer'), (2, 'Bob FE', 'Frontend Developer'),
            (4, 'Admin QA', 'QA')""")
        conn.execute("""INSERT INTO questions (content, category, difficulty, rubric_json) VALUES
            ('Q one?', 'technical', 'easy', '{"criteria": [{"name": "a", "weight": 1}]}'),
            ('Q two?', 'behavioral', 'medium', '{}')""")
        conn.execute("""INSERT INTO interviews (candidate_id, job_posting_id, position) VALUES
            (3, 1, 'Backend Developer'), (3, NULL, 'Backend Developer')""")
        conn.execute(
            "INSERT INTO interview_questions (interview_id, question_id, position) "
            "VALUES (1, 1, 1), (2, 2, 1)"
        )

        applied = migrate(conn)

        assert applied == [m.version for m in migrations if m.version >= "0003"]
        members = conn.execute("""SELECT u.username, m.role, o.name, o.status
            FROM organization_members m JOIN users u ON u.id = m.user_id
            JOIN organizations o ON o.id = m.organization_id ORDER BY u.id""").fetchall()
        assert members == [
            {"username": "alice", "role": "owner", "name": "Alice Kim", "status": "approved"},
            {"username": "bob", "role": "owner", "name": "bob", "status": "approved"},
        ]
        postings = conn.execute("""SELECT p.title, o.name FROM job_postings p JOIN organizations o
            ON o.id = p.organization_id ORDER BY p.id""").fetchall()
        assert [(p["title"], p["name"]) for p in postings] == [
            ("Alice BE", "Alice Kim"),
            ("Bob FE", "bob"),
            ("Admin QA", "Dana"),
        ], "the admin's posting keeps an owner"
        assert (
            conn.execute(
                "SELECT count(*) AS n FROM organization_members m JOIN users u ON u.id = m.user_id "
                "WHERE u.role = 'admin'"
            ).fetchone()["n"]
            == 0
        )
        questions = conn.execute(
            "SELECT id, organization_id, version FROM questions ORDER BY id"
        ).fetchall()
        assert questions == [
            {"id": 1, "organization_id": None, "version": 1},
            {"id": 2, "organization_id": None, "version": 1},
        ]
        versions = conn.execute(
            "SELECT question_id, version, rubric_json FROM question_versions ORDER BY 1"
        ).fetchall()
        assert [(v["question_id"], v["version"]) for v in versions] == [(1, 1), (2, 1)]
        assert versions[0]["rubric_json"] == {"criteria": [{"name": "a", "weight": 1}]}
        asked = conn.execute(
            "SELECT interview_id, question_version FROM interview_questions ORDER BY 1"
        ).fetchall()
        assert [a["question_version"] for a in asked] == [1, 1]
        kinds = conn.execute("SELECT id, kind FROM interviews ORDER BY id").fetchall()
        assert [k["kind"] for k in kinds] == ["real", "practice"]
        trail = conn.execute("SELECT action, target_id FROM audit_events ORDER BY id").fetchall()
        assert [t["action"] for t in trail] == ["organization.migrated"] * 3

        # And from here on an edit of what is scored makes version 2, keeping version 1 as it was.
        conn.execute("UPDATE questions SET rubric_json = '{\"criteria\": []}' WHERE id = 1")
        conn.execute("UPDATE questions SET usage_count = 3 WHERE id = 1")
        assert conn.execute("SELECT version FROM questions WHERE id = 1").fetchone()["version"] == 2
        assert conn.execute(
            "SELECT rubric_json FROM question_versions WHERE question_id = 1 AND version = 1"
        ).fetchone()["rubric_json"] == {"criteria": [{"name": "a", "weight": 1}]}
        assert conn.execute("SELECT count(*) AS n FROM question_versions").fetchone()["n"] == 3
