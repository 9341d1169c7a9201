"""The application's database role (interview_core.db.app_role) on a real PostgreSQL: what the
API, consumer and scheduled functions log in as in AWS. It can do the platform's work, and it
cannot change or remove the audit trail even with the append-only trigger gone: the grants alone
hold. (The embedded server's user is a superuser, as RDS's master user is for this purpose: it
owns the schema and may create roles.)"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterator

import psycopg
import pytest
from interview_core.db.app_role import AppRoleError, ensure_app_role
from psycopg import sql
from psycopg.conninfo import make_conninfo
from psycopg.rows import dict_row


@pytest.fixture
def app_role(database_url: str) -> Iterator[tuple[str, str, str]]:
    """(role name, password, URL to log in as it); the role is dropped afterwards (roles are
    cluster-wide, the database is not)."""
    name = f"interview_app_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(24)
    yield name, password, make_conninfo(database_url, user=name, password=password)
    with psycopg.connect(database_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        if exists:
            conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def _ensure(database_url: str, name: str, password: str):
    with psycopg.connect(database_url, row_factory=dict_row) as conn:
        return ensure_app_role(conn, username=name, password=password)


def _scram_matches(verifier: str, password: str) -> bool:
    """RFC 5802/7677: does this SCRAM-SHA-256 verifier belong to this password?"""
    method, rest = verifier.split("$", 1)
    iterations_salt, keys = rest.split("$")
    iterations, salt = iterations_salt.split(":")
    stored_key, _server_key = keys.split(":")
    salted = hashlib.pbkdf2_hmac(
        "sha256", password.encode(), base64.b64decode(salt), int(iterations)
    )
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    return (
        method == "SCRAM-SHA-256"
        and base64.b64encode(hashlib.sha256(client_key).digest()).decode() == stored_key
    )


def test_the_role_can_write_the_trail_but_never_change_or_remove_it_even_without_the_trigger(
    database_url, app_role
):
    name, password, app_url = app_role
    result = _ensure(database_url, name, password)
    assert result.created and result.schemas == ("public", "pgmq")
    assert set(result.append_only) == {"audit_events", "question_versions", "score_overrides"}
    # The superuser takes the append-only triggers away: only the grants are left to refuse.
    with psycopg.connect(database_url, autocommit=True) as owner:
        owner.execute("DROP TRIGGER audit_events_append_only ON audit_events")
        owner.execute("DROP TRIGGER audit_events_no_truncate ON audit_events")
        owner.execute("DROP TRIGGER question_versions_append_only ON question_versions")
        owner.execute("DROP TRIGGER question_versions_no_truncate ON question_versions")
        owner.execute("DROP TRIGGER score_overrides_append_only ON score_overrides")
        owner.execute("DROP TRIGGER score_overrides_no_truncate ON score_overrides")
    with psycopg.connect(app_url, autocommit=True, row_factory=dict_row) as app:
        assert app.execute("SELECT current_user AS me").fetchone()["me"] == name
        event = app.execute(
            "INSERT INTO audit_events (action, target_type, target_id) VALUES ('user.checked', "
            "'user', 1) RETURNING id"
        ).fetchone()
        assert (
            app.execute(
                "SELECT count(*) AS n FROM audit_events WHERE id = %s", (event["id"],)
            ).fetchone()["n"]
            == 1
        )
        for statement in (
            "UPDATE audit_events SET action = 'user.forged'",
            "DELETE FROM audit_events",
            "TRUNCATE audit_events",
            "UPDATE question_versions SET content = 'changed'",
            "DELETE FROM question_versions",
            "TRUNCATE question_versions",
            "UPDATE score_overrides SET score = 100",
            "DELETE FROM score_overrides",
            "TRUNCATE score_overrides",
            "SELECT id FROM audit_events FOR UPDATE",
            # and nothing that would let it undo the protection
            "DROP TABLE audit_events",
            "ALTER TABLE audit_events DISABLE TRIGGER ALL",
            (
                "CREATE TRIGGER sneaky BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION "
                "forbid_change()"
            ),
            "CREATE TABLE public.mine (id int)",
            "INSERT INTO schema_migrations (version, checksum) VALUES ('9999', 'x')",
            "CREATE ROLE helper",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement)
    with psycopg.connect(database_url, autocommit=True) as owner:
        assert (
            owner.execute(
                "SELECT count(*) FROM audit_events WHERE action = 'user.forged'"
            ).fetchone()[0]
            == 0
        )
        role = owner.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, "
            "rolcanlogin, rolpassword"
            " FROM pg_authid WHERE rolname = %s",
            (name,),
        ).fetchone()
        assert role[:6] == (False, False, False, False, False, True)
        # The password was set, as a SCRAM verifier computed on the client side
        assert role[6].startswith("SCRAM-SHA-256$") and _scram_matches(role[6], password)
        assert password not in role[6]


def test_the_role_does_the_platforms_work_and_pgmq_too(database_url, app_role):
    name, password, app_url = app_role
    _ensure(database_url, name, password)
    with psycopg.connect(app_url, row_factory=dict_row) as app:
        with app.transaction():
            user = app.execute(
                "INSERT INTO users (email, username, password_hash, role) VALUES ('c@x.io', "
                "'cand', 'h', 'candidate')"
                " RETURNING id"
            ).fetchone()
            interview = app.execute(
                (
                    "INSERT INTO interviews (candidate_id, position) VALUES (%s, 'Backend "
                    "Developer') RETURNING id"
                ),
                (user["id"],),
            ).fetchone()
            app.execute(
                "UPDATE interviews SET status = 'live', start_time = now() WHERE id = %s",
                (interview["id"],),
            )
            app.execute("SELECT 1 FROM interviews WHERE id = %s FOR UPDATE", (interview["id"],))
            # A new question: the questions_keep_version trigger writes its version 1 as this role
            question = app.execute(
                "INSERT INTO questions (content, category, difficulty, rubric_json)"
                " VALUES ('What is a role?', 'technical', 'easy', '{}') RETURNING id"
            ).fetchone()
            app.execute(
                "UPDATE questions SET content = 'What is a login role?' WHERE id = %s",
                (question["id"],),
            )
            versions = app.execute(
                "SELECT version FROM question_versions WHERE question_id = %s ORDER BY version",
                (question["id"],),
            ).fetchall()
            assert [v["version"] for v in versions] == [1, 2]
            app.execute("DELETE FROM interviews WHERE id = %s", (interview["id"],))
            assert app.execute("SELECT count(*) AS n FROM schema_migrations").fetchone()["n"] >= 3
        # The local queue (PGMQ), should the role ever be used with it
        sent = app.execute(
            "SELECT pgmq.send('mail', '{\"invitation_id\": 1}'::jsonb) AS id"
        ).fetchone()
        read = app.execute("SELECT msg_id FROM pgmq.read('mail', 30, 1)").fetchall()
        assert [r["msg_id"] for r in read] == [sent["id"]]
        app.execute("SELECT pgmq.delete('mail', %s::bigint)", (sent["id"],))
        app.commit()


def test_running_it_again_is_harmless_and_a_new_password_takes(database_url, app_role):
    name, password, app_url = app_role
    first = _ensure(database_url, name, password)
    second = _ensure(database_url, name, password)
    third = _ensure(database_url, name, "another-password-entirely")
    assert first.created and not second.created and not third.created
    assert first.append_only == second.append_only == third.append_only
    with psycopg.connect(database_url, autocommit=True) as owner:
        verifier = owner.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (name,)
        ).fetchone()[0]
        assert _scram_matches(verifier, "another-password-entirely")
        # A table a later migration adds gets the grants by default (created by the owner)...
        owner.execute(
            "CREATE TABLE later_table (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v "
            "text)"
        )
        # ...and a table a later migration makes append-only loses UPDATE and DELETE on the next run
        owner.execute(
            "CREATE TABLE later_log (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v "
            "text)"
        )
        owner.execute(
            "CREATE TRIGGER later_log_append_only BEFORE UPDATE OR DELETE ON later_log"
            " FOR EACH ROW EXECUTE FUNCTION forbid_change()"
        )
    with psycopg.connect(app_url, autocommit=True) as app:
        app.execute("INSERT INTO later_table (v) VALUES ('a')")
        app.execute("UPDATE later_table SET v = 'b'")
    fourth = _ensure(database_url, name, password)
    assert "later_log" in fourth.append_only
    with psycopg.connect(database_url, autocommit=True) as owner:
        owner.execute("DROP TRIGGER later_log_append_only ON later_log")
    with psycopg.connect(app_url, autocommit=True) as app:
        app.execute("INSERT INTO later_log (v) VALUES ('a')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            app.execute("UPDATE later_log SET v = 'b'")


def test_a_role_that_was_made_too_powerful_is_brought_back(database_url, app_role):
    name, password, _ = app_role
    with psycopg.connect(database_url, autocommit=True) as owner:
        owner.execute(
            sql.SQL("CREATE ROLE {} SUPERUSER LOGIN CREATEDB").format(sql.Identifier(name))
        )
        owner.execute(sql.SQL("GRANT pg_read_all_data TO {}").format(sql.Identifier(name)))
    assert not _ensure(database_url, name, password).created
    with psycopg.connect(database_url, autocommit=True) as owner:
        role = owner.execute(
            "SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = %s", (name,)
        ).fetchone()
        assert role == (False, False)
        member_of = owner.execute(
            (
                "SELECT count(*) FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member WHERE "
                "u.rolname = %s"
            ),
            (name,),
        ).fetchone()[0]
        assert member_of == 0


def test_a_role_that_owns_objects_or_a_bad_name_is_refused(database_url, app_role):
    name, password, _ = app_role
    with psycopg.connect(database_url, autocommit=True) as owner:
        owner.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
        owner.execute(sql.SQL("CREATE TABLE owned_by_app (id int)"))
        owner.execute(sql.SQL("ALTER TABLE owned_by_app OWNER TO {}").format(sql.Identifier(name)))
    with pytest.raises(AppRoleError, match="owns 1 relations"):
        _ensure(database_url, name, password)
    for bad in ("Robert'); DROP TABLE users;--", "pg_app", "public", ""):
        with pytest.raises(AppRoleError):
            _ensure(database_url, bad, password)
    with pytest.raises(AppRoleError, match="owns the schema"):
        _ensure(database_url, "postgres", password)


@pytest.fixture
def platform_as_app_role(database_url, app_role, tmp_path, monkeypatch):
    """The whole platform in-process (every router, the consumer Lambdas fed from PGMQ, a real
    SMTP server for the mail) connected as the application's role, as the functions are in AWS."""
    from fastapi.testclient import TestClient
    from interview_core.api.app import create_app
    from interview_core.local.mailbox import LocalMailServer
    from interview_core.local.platform import http_routers
    from interview_core.settings import get_settings

    from tests.conftest import Platform, _clear_cached_singletons

    name, password, app_url = app_role
    _ensure(database_url, name, password)
    with LocalMailServer(tmp_path / "mail") as mail:
        monkeypatch.setenv("DATABASE_URL", app_url)
        monkeypatch.setenv("SMTP_HOST", mail.host)
        monkeypatch.setenv("SMTP_PORT", str(mail.port))
        monkeypatch.setenv("WEB_BASE_URL", "https://web.example.test")
        _clear_cached_singletons()
        app = create_app(get_settings(), http_routers())
        with TestClient(app, raise_server_exceptions=False) as client:
            yield Platform(client=client, database_url=app_url, mail_folder=mail.folder)
        _clear_cached_singletons()


def test_the_platform_runs_as_the_role_from_sign_up_to_report_with_invitations_and_the_trail(
    platform_as_app_role, database_url, app_role
):
    from urllib.parse import parse_qs, urlparse

    from interview_core.db.connection import get_database
    from interview_core.local.mailbox import list_mail
    from interview_core.services.accounts import create_admin

    client = platform_as_app_role.client

    def token(username: str) -> dict[str, str]:
        answer = client.post("/token", json={"username": username, "password": "pass-phrase-42"})
        assert answer.status_code == 200, answer.text
        return {"Authorization": f"Bearer {answer.json()['access_token']}"}

    create_admin(
        get_database(),
        email="ops@example.com",
        username="ops",
        password="pass-phrase-42",
        full_name=None,
    )
    admin = token("ops")
    registered = client.post(
        "/register",
        json={
            "email": "hr@example.com",
            "username": "hr_lead",
            "password": "pass-phrase-42",
            "role": "recruiter",
            "organization_name": "Acme",
        },
    )
    assert registered.status_code == 201, registered.text
    organization_id = registered.json()["organization"]["id"]
    assert (
        client.post(f"/organizations/{organization_id}/approve", headers=admin).status_code == 200
    )
    hr = token("hr_lead")
    posting = client.post(
        "/job-postings", headers=hr, json={"title": "Backend", "position": "Backend Developer"}
    )
    assert posting.status_code == 201, posting.text
    invited = client.post(
        f"/job-postings/{posting.json()['id']}/invitations",
        headers=hr,
        json={"emails": ["cand@example.org"]},
    )
    assert invited.status_code == 201, invited.text
    assert platform_as_app_role.run_workers() >= 2  # the embed and the mail job, through PGMQ

    [mail] = [m for m in list_mail(platform_as_app_role.mail_folder) if "cand@example.org" in m.to]
    [link] = [link for link in mail.links if "/invite?" in link]
    assert link.startswith("https://web.example.test/invite?token=")
    link_token = parse_qs(urlparse(link).query)["token"][0]
    signed_up = client.post(
        "/register",
        json={
            "email": "cand@example.org",
            "username": "cand",
            "password": "pass-phrase-42",
            "invitation_token": link_token,
        },
    )
    assert signed_up.status_code == 201, signed_up.text
    cand = token("cand")
    accepted = client.post("/invitations/accept", json={"token": link_token}, headers=cand)
    assert accepted.status_code == 200, accepted.text
    interview_id = accepted.json()["interview_id"]
    questions = client.get(f"/interviews/{interview_id}/questions", headers=cand).json()
    assert client.post(f"/interviews/{interview_id}/start", headers=cand).status_code == 200
    notice = client.get(f"/interviews/{interview_id}/notice", headers=cand).json()
    consented = client.post(
        f"/interviews/{interview_id}/consent", json={"version": notice["version"]}, headers=cand
    )
    assert consented.status_code == 200, consented.text
    answered = client.post(
        "/transcripts",
        headers=cand,
        json={
            "interview_id": interview_id,
            "speaker": "User",
            "text": "I have run PostgreSQL for three years.",
            "question_id": questions[0]["id"],
        },
    )
    assert answered.status_code == 201, answered.text
    assert client.post(f"/interviews/{interview_id}/complete", headers=cand).status_code == 200
    platform_as_app_role.run_workers()
    report = client.get(f"/interviews/{interview_id}/report", headers=hr)
    assert report.status_code == 200, report.text
    # People decide, as the role: an override (an append-only row) and a review.
    overridden = client.post(
        f"/interviews/{interview_id}/report/overrides",
        headers=hr,
        json={"scope": "overall", "score": 55, "reason": "Checked by a person"},
    )
    assert overridden.status_code == 201, overridden.text
    reviewed = client.post(
        f"/interviews/{interview_id}/report/review", headers=hr, json={"state": "reviewed"}
    )
    assert reviewed.status_code == 200 and reviewed.json()["final_scores"]["overall"] == 55.0, (
        reviewed.text
    )

    trail = client.get("/audit-events", headers=admin)
    assert trail.status_code == 200, trail.text
    actions = {event["action"] for event in trail.json()}
    assert {
        "organization.created",
        "organization.approved",
        "report.score_overridden",
        "report.reviewed",
    } <= actions, actions
    with psycopg.connect(database_url) as owner:
        who = owner.execute(
            "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database()"
            " AND usename <> current_user"
        ).fetchall()
    assert {row[0] for row in who} == {app_role[0]}, "the pool's connections are the role's"
