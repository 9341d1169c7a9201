"""The application's database role: what the API, consumer and scheduled functions log in as in
AWS. The migrate function alone connects as the master user, which owns the schema (and so could
drop the triggers that keep the audit trail append-only); the application's role owns nothing.

    ensure_app_role(conn, username="interview_app", password=...)

creates the role, or brings an existing one back to this shape, and grants it what the platform
needs and no more:

- LOGIN with the given password; never SUPERUSER, CREATEDB, CREATEROLE, REPLICATION or
  BYPASSRLS; a member of no other role; the owner of nothing (refused: `AppRoleError`).
- CONNECT on the database; USAGE (not CREATE) on schema public; SELECT, INSERT, UPDATE, DELETE
  on its tables, except the append-only ones (`audit_events`, `question_versions`,
  `score_overrides` and any table guarded by the `forbid_change()` trigger), which get SELECT and
  INSERT only, and
  `schema_migrations`, SELECT only; USAGE and SELECT on its sequences. Never TRUNCATE,
  REFERENCES or TRIGGER.
- The same on schema pgmq when PGMQ is installed (the local queue; AWS uses SQS), plus EXECUTE
  on its functions.
- ALTER DEFAULT PRIVILEGES in those schemas, so tables and sequences the migrating role creates
  later get the same grants at once. A migration that adds an append-only table should still
  REVOKE UPDATE, DELETE on it; running this after every migration (functions/migrate does)
  takes them away in any case.

Idempotent: every run revokes the table grants and grants them again, in one transaction, so a
table that became append-only loses what it had. The password is sent as the verifier the server
would store (SCRAM-SHA-256 by default, computed by libpq on this side), never as text in a
statement, and nothing here logs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import tuple_row

# The tables whose rows are never changed once written (migrations 0003 and 0004): SELECT and
# INSERT only. Named here as well as found by their trigger, so that a dropped trigger does not
# give the application UPDATE or DELETE on them.
APPEND_ONLY_TABLES = ("audit_events", "question_versions", "score_overrides")
# The trigger function that makes a table append-only: any table it guards is treated the same.
APPEND_ONLY_TRIGGER_FUNCTION = "forbid_change"
# Read, never written, by the application.
READ_ONLY_TABLES = ("schema_migrations",)
# Schemas the application works in; pgmq only where PGMQ is installed.
APP_SCHEMAS = ("public", "pgmq")
# Functions the application calls: only PGMQ's need a grant (PUBLIC may execute the rest).
EXECUTE_SCHEMAS = ("pgmq",)

TABLE_PRIVILEGES = sql.SQL("SELECT, INSERT, UPDATE, DELETE")
SEQUENCE_PRIVILEGES = sql.SQL("USAGE, SELECT")
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class AppRoleError(RuntimeError):
    """The role cannot be made safe: a bad name, or it owns objects it must not."""


@dataclass(frozen=True)
class AppRoleResult:
    role: str
    created: bool
    schemas: tuple[str, ...]
    append_only: tuple[str, ...]
    read_only: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "created": self.created,
            "schemas": list(self.schemas),
            "append_only": list(self.append_only),
            "read_only": list(self.read_only),
        }


def ensure_app_role(
    conn: psycopg.Connection[Any], *, username: str, password: str
) -> AppRoleResult:
    """Create or update the application's login role and its grants (see the module's text)."""
    if not _ROLE_NAME.match(username) or username.startswith("pg_") or username == "public":
        raise AppRoleError(f"{username!r} is not a name for the application's role (a-z, 0-9, _)")
    if not password:
        raise AppRoleError("the application's role needs a password")
    role = sql.Identifier(username)
    with conn.transaction(), conn.cursor(row_factory=tuple_row) as cur:
        me, database = cur.execute("SELECT current_user, current_database()").fetchone()  # type: ignore[misc]
        if username == me:
            raise AppRoleError("the application's role must not be the role that owns the schema")
        verifier = _password_verifier(conn, username, password)
        flags = cur.execute(
            "SELECT rolsuper, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = %s",
            (username,),
        ).fetchone()
        created = flags is None
        if created:
            cur.execute(
                sql.SQL(
                    "CREATE ROLE {} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                    " NOBYPASSRLS INHERIT PASSWORD {}"
                ).format(role, sql.Literal(verifier))
            )
        else:
            # Named only when set: a non-superuser (RDS's master user) may not name these
            # attributes at all, and has nothing to change when they are off.
            unset = [
                name
                for name, on in zip(("NOSUPERUSER", "NOREPLICATION", "NOBYPASSRLS"), flags or ())
                if on
            ]
            if unset:
                cur.execute(sql.SQL("ALTER ROLE {} WITH " + " ".join(unset)).format(role))
            cur.execute(
                sql.SQL(
                    "ALTER ROLE {} WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD {}"
                ).format(role, sql.Literal(verifier))
            )
        for (granted,) in cur.execute(
            """SELECT r.rolname FROM pg_auth_members m
               JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
               WHERE u.rolname = %s ORDER BY 1""",
            (username,),
        ).fetchall():
            cur.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(granted), role))
        owned = _owned_objects(cur, username)
        if owned:
            raise AppRoleError(
                f"role {username} owns {owned}; the application's role must own nothing "
                "(REASSIGN OWNED BY it to the migrating role first)"
            )

        cur.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), role)
        )
        schemas = tuple(
            name
            for (name,) in cur.execute(
                (
                    "SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s) ORDER BY nspname = "
                    "'public' DESC, nspname"
                ),
                (list(APP_SCHEMAS),),
            ).fetchall()
        )
        for name in schemas:
            schema = sql.Identifier(name)
            cur.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, role))
            cur.execute(sql.SQL("REVOKE CREATE ON SCHEMA {} FROM {}").format(schema, role))
            cur.execute(
                sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA {} FROM {}").format(schema, role)
            )
            cur.execute(
                sql.SQL("GRANT {} ON ALL TABLES IN SCHEMA {} TO {}").format(
                    TABLE_PRIVILEGES, schema, role
                )
            )
            cur.execute(
                sql.SQL("REVOKE ALL ON ALL SEQUENCES IN SCHEMA {} FROM {}").format(schema, role)
            )
            cur.execute(
                sql.SQL("GRANT {} ON ALL SEQUENCES IN SCHEMA {} TO {}").format(
                    SEQUENCE_PRIVILEGES, schema, role
                )
            )
            cur.execute(
                sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT {} ON TABLES TO {}").format(
                    schema, TABLE_PRIVILEGES, role
                )
            )
            cur.execute(
                sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT {} ON SEQUENCES TO {}").format(
                    schema, SEQUENCE_PRIVILEGES, role
                )
            )
            if name in EXECUTE_SCHEMAS:
                cur.execute(
                    sql.SQL("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {} TO {}").format(
                        schema, role
                    )
                )

        append_only = tuple(sorted(_append_only_tables(cur))) if "public" in schemas else ()
        for table in append_only:
            cur.execute(
                sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(
                    sql.Identifier("public", table), role
                )
            )
        read_only = (
            tuple(t for t in READ_ONLY_TABLES if _exists(cur, "public", t))
            if "public" in schemas
            else ()
        )
        for table in read_only:
            cur.execute(
                sql.SQL("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(
                    sql.Identifier("public", table), role
                )
            )
    return AppRoleResult(
        role=username,
        created=created,
        schemas=schemas,
        append_only=append_only,
        read_only=read_only,
    )


def _password_verifier(conn: psycopg.Connection[Any], username: str, password: str) -> str:
    """What the server stores for this password, computed here with the server's
    password_encryption (libpq's PQencryptPasswordConn): the statement never holds the password."""
    verifier = conn.pgconn.encrypt_password(password.encode(), username.encode(), None)
    return verifier.decode("ascii")


def _owned_objects(cur: psycopg.Cursor[tuple[Any, ...]], username: str) -> str:
    row = cur.execute(
        """SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid),
                  (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid),
                  (SELECT count(*) FROM pg_proc WHERE proowner = r.oid),
                  (SELECT count(*) FROM pg_database WHERE datdba = r.oid)
           FROM pg_roles r WHERE r.rolname = %s""",
        (username,),
    ).fetchone()
    assert row is not None
    kinds = ("relations", "schemas", "functions", "databases")
    return ", ".join(f"{count} {kind}" for kind, count in zip(kinds, row) if count)


def _append_only_tables(cur: psycopg.Cursor[tuple[Any, ...]]) -> set[str]:
    guarded = cur.execute(
        """SELECT DISTINCT c.relname FROM pg_trigger t
           JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_proc p ON p.oid = t.tgfoid
           WHERE n.nspname = 'public' AND p.proname = %s AND NOT t.tgisinternal""",
        (APPEND_ONLY_TRIGGER_FUNCTION,),
    ).fetchall()
    named = {t for t in APPEND_ONLY_TABLES if _exists(cur, "public", t)}
    return named | {name for (name,) in guarded}


def _exists(cur: psycopg.Cursor[tuple[Any, ...]], schema: str, table: str) -> bool:
    found = cur.execute("SELECT to_regclass(%s)", (f'"{schema}"."{table}"',)).fetchone()
    return found is not None and found[0] is not None
