"""The `interview` command: run the platform locally and look after its database."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path


class CliError(Exception):
    """A message for the person at the terminal: printed, then exit code 2."""


def _dev(args: argparse.Namespace) -> None:
    from interview_core.local.server import PortInUse, run_dev

    try:
        run_dev(
            host=args.host,
            port=args.port,
            web_port=None if args.no_web else args.web_port,
            workers=not args.no_workers,
        )
    except PortInUse as error:
        raise CliError(str(error)) from None


def _db_url(_: argparse.Namespace) -> None:
    from interview_core.local.platform import resolve_database_url

    # Leaves the embedded server running, so `psql "$(interview db url)"` can connect.
    url, _server = resolve_database_url(stop_on_exit=False)
    print(url)


def _db_migrate(_: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.local.platform import prepare_database
    from interview_core.settings import get_settings

    settings = get_settings()
    queues = list(settings.queue_names.values()) if settings.queue_backend == "pgmq" else None
    print(json.dumps(prepare_database(settings.database_url, pgmq_queues=queues)))


def _db_stop(_: argparse.Namespace) -> None:
    from interview_core.local.paths import data_dir
    from interview_core.local.postgres import stop_embedded

    stopped = stop_embedded(data_dir() / "pgdata")
    print("the embedded database is stopped" if stopped else "the embedded database is not running")


def _db_backup(args: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.local.backup import backup
    from interview_core.settings import get_settings

    print(f"backed up to {backup(get_settings().database_url, Path(args.file))}")


def _db_restore(args: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.local.backup import restore
    from interview_core.settings import get_settings

    if not args.yes:
        raise CliError("restore replaces everything in the database: add --yes to go ahead")
    restore(get_settings().database_url, Path(args.file))
    print(f"restored from {args.file}")


def _jobs_redrive(args: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.settings import get_settings

    settings = get_settings()
    if settings.queue_backend != "pgmq":
        raise CliError(
            "the queues are in SQS: redrive them from their dead-letter queues (docs/infra.md)"
        )
    import psycopg
    from psycopg.rows import dict_row

    from interview_core.local.pgmq import redrive

    queues = [args.queue] if args.queue else list(settings.queue_names.values())
    with psycopg.connect(settings.database_url, row_factory=dict_row) as conn:
        print(json.dumps({queue: redrive(conn, queue) for queue in queues}))


def _jobs_failures(args: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.db import job_failures
    from interview_core.db.connection import get_database

    with get_database().unit_of_work() as uow:
        for failure in job_failures.list_failures(uow.conn, limit=args.limit):
            print(
                f"{failure.last_failed_at:%Y-%m-%d %H:%M:%S}  {failure.kind:9}  "
                f"attempts {failure.attempts}  "
                f"{json.dumps(failure.body)}  {failure.last_error}"
            )


def _local_settings_env() -> None:
    from interview_core.local.paths import data_dir
    from interview_core.local.platform import local_secret_key, resolve_database_url

    url, _server = resolve_database_url(stop_on_exit=False)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", local_secret_key(data_dir()))
    from interview_core.configuration import check_configuration

    check_configuration()


def _jobs_requeue(args: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.db.connection import get_database
    from interview_core.jobs.publisher import get_publisher
    from interview_core.services.recovery import requeue_lost_jobs

    result = requeue_lost_jobs(get_database(), get_publisher(), older_than_seconds=args.older_than)
    print(result.model_dump_json())


# What `users create-admin` says about a bad option, by the sign-up field it fills.
_ADMIN_OPTION_HINTS = {
    "email": "an e-mail address",
    "username": "3-50 letters, digits, '_', '.' or '-' (no spaces, '/', '<' or '>')",
    "password": "8-128 characters",
    "full_name": "at most 200 characters",
}


def _create_admin(args: argparse.Namespace) -> None:
    from pydantic import ValidationError

    from interview_core.api.schemas import RegisterRequest
    from interview_core.errors import Conflict, InvalidField, InvalidInput

    if args.password is not None:
        password = args.password
    else:
        try:
            password = getpass.getpass("password: ")
        except EOFError:
            raise CliError(
                "no admin created: --password: none given (no terminal to ask on)"
            ) from None
    try:
        # The rules of a sign-up: the same fields, checked the same way.
        account = RegisterRequest(
            email=args.email, username=args.username, password=password, full_name=args.full_name
        )
    except ValidationError as error:
        problems = []
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else "input"
            hint = _ADMIN_OPTION_HINTS.get(field)
            option = f"--{field.replace('_', '-')}"
            problems.append(f"{option}: {item['msg']}" + (f" ({hint})" if hint else ""))
        raise CliError("no admin created: " + "; ".join(problems)) from None

    _local_settings_env()
    from interview_core.db.connection import get_database
    from interview_core.services.accounts import create_admin

    try:
        user = create_admin(
            get_database(),
            email=str(account.email),
            username=account.username,
            password=account.password,
            full_name=account.full_name,
        )
    except InvalidInput as error:
        option = f"--{error.field.replace('_', '-')}: " if isinstance(error, InvalidField) else ""
        raise CliError(f"no admin created: {option}{error.message}") from None
    except Conflict as error:
        print(f"interview: no admin created: {error.message}", file=sys.stderr)
        sys.exit(1)
    print(user.model_dump_json())


def _orgs_list(args: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.db.connection import get_database
    from interview_core.services.organizations import list_for_operator

    rows = list_for_operator(get_database(), status=args.status)
    if args.json:
        print(json.dumps(rows, default=str, ensure_ascii=False))
        return
    if not rows:
        print("no organizations")
    for row in rows:
        print(
            f"{row['id']:>5}  {row['status']:<8}  {row['name']}  "
            f"owner: {row['owner_username'] or '-'} <{row['owner_email'] or '-'}>  "
            f"members: {row['member_count']}  created {row['created_at']:%Y-%m-%d}"
        )


def _orgs_approve(args: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.db.connection import get_database
    from interview_core.errors import NotFound
    from interview_core.services.organizations import approve

    try:
        organization = approve(get_database(), None, args.organization_id)
    except NotFound as error:
        sys.exit(str(error))
    print(organization.model_dump_json())


def _questions_embed(args: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.ai.embeddings.base import get_embedder
    from interview_core.db.connection import get_database
    from interview_core.services.question_selection import embed_bank

    embedder = get_embedder()
    if embedder is None:
        sys.exit("no embedder: QUESTION_EMBEDDINGS=off")
    result = embed_bank(get_database(), embedder, everything=args.all)
    print(json.dumps(result.as_dict(), ensure_ascii=False))


def _questions_generate(args: argparse.Namespace) -> None:
    _local_settings_env()
    from interview_core.db.connection import get_database
    from interview_core.errors import InvalidInput
    from interview_core.services.question_generation import GenerationFailed, generate_questions

    try:
        result = generate_questions(
            get_database(),
            position=args.position,
            language=args.language,
            count=args.count,
            category=args.category,
            difficulty=args.difficulty,
            dry_run=args.dry_run,
        )
    except (InvalidInput, GenerationFailed) as error:
        sys.exit(str(error))
    print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))


def _mail_list(args: argparse.Namespace) -> None:
    from interview_core.local.mailbox import list_mail, mail_folder

    mails = list_mail(mail_folder())
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "index": i,
                        "file": m.name,
                        "received": m.received.isoformat(),
                        "from": m.sender,
                        "to": m.to,
                        "subject": m.subject,
                        "text": m.text,
                        "links": m.links,
                    }
                    for i, m in enumerate(mails, 1)
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not mails:
        print(f"no mail in {mail_folder()}", file=sys.stderr)
    for i, m in enumerate(mails, 1):
        print(f"{i:>4}  {m.received.astimezone():%Y-%m-%d %H:%M:%S}  {m.to}  {m.subject}")


def _mail_show(args: argparse.Namespace) -> None:
    from interview_core.local.mailbox import mail_folder, read_mail

    try:
        mail = read_mail(mail_folder(), args.which)
    except LookupError as error:
        sys.exit(str(error))
    if args.links:
        print("\n".join(mail.links))
        return
    print(f"File: {mail.path}")
    for name, value in mail.headers.items():
        if not name.lower().startswith(("content-", "mime-version")):
            print(f"{name}: {value}")
    print()
    print(mail.text.rstrip("\n"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interview", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="command")

    dev = commands.add_parser(
        "dev", help="run the whole platform locally (API on :8000, queue workers)"
    )
    dev.add_argument("--host", default="127.0.0.1")
    dev.add_argument("--port", type=int, default=8000)
    dev.add_argument(
        "--web-port", type=int, default=5173, help="where the web app is served (default 5173)"
    )
    dev.add_argument("--no-web", action="store_true", help="do not serve the web app")
    dev.add_argument("--no-workers", action="store_true", help="do not consume the queues")
    dev.set_defaults(run=_dev)

    db = commands.add_parser("db", help="the database").add_subparsers(
        required=True, metavar="action"
    )
    db.add_parser("url", help="print the DATABASE_URL in use").set_defaults(run=_db_url)
    db.add_parser("migrate", help="apply migrations and seed the question bank").set_defaults(
        run=_db_migrate
    )
    db.add_parser("stop", help="stop the embedded PostgreSQL").set_defaults(run=_db_stop)
    dump = db.add_parser(
        "backup", help="write the whole database to a file (pg_dump, custom format)"
    )
    dump.add_argument("file")
    dump.set_defaults(run=_db_backup)
    load = db.add_parser("restore", help="replace the database's contents with a backup file")
    load.add_argument("file")
    load.add_argument(
        "--yes", action="store_true", help="confirm: everything in the database is replaced"
    )
    load.set_defaults(run=_db_restore)

    jobs = commands.add_parser("jobs", help="background jobs").add_subparsers(
        required=True, metavar="action"
    )
    redrive = jobs.add_parser(
        "redrive", help="move dead-lettered jobs back to their queues (local PGMQ)"
    )
    redrive.add_argument(
        "--queue", help="one queue (sentiment, report, embed, mail); all by default"
    )
    redrive.set_defaults(run=_jobs_redrive)
    failed = jobs.add_parser("failures", help="jobs that failed, newest first, with the reason")
    failed.add_argument("--limit", type=int, default=50)
    failed.set_defaults(run=_jobs_failures)
    requeue = jobs.add_parser(
        "requeue", help="queue again the jobs of reports and sentiments never written"
    )
    requeue.add_argument("--older-than", type=int, default=120, help="seconds (default 120)")
    requeue.set_defaults(run=_jobs_requeue)

    bank = commands.add_parser("questions", help="the question bank").add_subparsers(
        required=True, metavar="action"
    )
    embed = bank.add_parser(
        "embed", help="give the questions (and the postings' texts) their embeddings"
    )
    embed.add_argument(
        "--all", action="store_true", help="re-embed every question, not only those without one"
    )
    embed.set_defaults(run=_questions_embed)
    generate = bank.add_parser(
        "generate", help="add questions written by the LLM (needs LLM_API_KEY)"
    )
    generate.add_argument("--position", required=True)
    generate.add_argument("--language", choices=["ko", "en"], default="ko")
    generate.add_argument("--count", type=int, default=5)
    generate.add_argument(
        "--category", choices=["technical", "behavioral", "situational", "cultural_fit"]
    )
    generate.add_argument("--difficulty", choices=["easy", "medium", "hard"])
    generate.add_argument(
        "--dry-run", action="store_true", help="show what would be added, add nothing"
    )
    generate.set_defaults(run=_questions_generate)

    mail = commands.add_parser("mail", help="the mail `interview dev` received").add_subparsers(
        required=True, metavar="action"
    )
    listing = mail.add_parser("list", help="one line per message: index, time, recipient, subject")
    listing.add_argument(
        "--json", action="store_true", help="everything, the text and links too, as JSON"
    )
    listing.set_defaults(run=_mail_list)
    show = mail.add_parser("show", help="one message: its headers and text")
    show.add_argument(
        "which",
        nargs="?",
        default="latest",
        help="latest (default), an index from `mail list`, or a file name",
    )
    show.add_argument("--links", action="store_true", help="only the links in its text, one a line")
    show.set_defaults(run=_mail_show)

    orgs = commands.add_parser("orgs", help="organizations").add_subparsers(
        required=True, metavar="action"
    )
    orgs_list = orgs.add_parser("list", help="every organization, pending ones first")
    orgs_list.add_argument("--status", choices=["pending", "approved"])
    orgs_list.add_argument("--json", action="store_true")
    orgs_list.set_defaults(run=_orgs_list)
    orgs_approve = orgs.add_parser("approve", help="approve a pending organization")
    orgs_approve.add_argument("organization_id", type=int)
    orgs_approve.set_defaults(run=_orgs_approve)

    users = commands.add_parser("users", help="accounts").add_subparsers(
        required=True, metavar="action"
    )
    admin = users.add_parser("create-admin", help="create an admin account")
    admin.add_argument("--email", required=True)
    admin.add_argument("--username", required=True)
    admin.add_argument("--full-name")
    admin.add_argument("--password", help="asked for when omitted")
    admin.set_defaults(run=_create_admin)
    return parser


def load_dotenv_file() -> None:
    """Read KEY=VALUE lines of the project's .env into the environment; set variables win."""
    from interview_core.local.paths import project_root

    path = project_root() / ".env"
    if not path.exists():
        return
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    load_dotenv_file()
    # This command runs the platform on this machine: local unless .env or the environment says
    # otherwise. Nothing else defaults it (Settings requires it; each Lambda gets its stage's).
    os.environ.setdefault("ENVIRONMENT", "local")
    from interview_core.configuration import ConfigurationError

    try:
        args.run(args)
    except (ConfigurationError, CliError) as error:
        print(f"interview: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # never a traceback at the terminal; INTERVIEW_DEBUG=1 shows it
        if os.environ.get("INTERVIEW_DEBUG"):
            raise
        print(f"interview: {_said(error)}", file=sys.stderr)
        sys.exit(1)


def _said(error: Exception) -> str:
    from interview_core.db.connection import DatabaseUnavailable
    from interview_core.local.backup import BackupError

    if isinstance(error, DatabaseUnavailable):
        return "the database does not answer; is it running? (`interview db url`)"
    if isinstance(error, BackupError | OSError):
        return str(error)
    import psycopg

    if isinstance(error, psycopg.OperationalError):
        return f"the database does not answer: {str(error).splitlines()[0]}"
    return f"{type(error).__name__}: {error} (INTERVIEW_DEBUG=1 shows the traceback)"


if __name__ == "__main__":
    main()
