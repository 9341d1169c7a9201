"""`interview dev`: the whole platform in one process."""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import TYPE_CHECKING

from interview_core.local.paths import data_dir

if TYPE_CHECKING:
    from interview_core.local.mailbox import LocalMailServer


def _web_origins(web_port: int) -> list[str]:
    return [f"http://localhost:{web_port}", f"http://127.0.0.1:{web_port}"]


def _local_mail_server() -> LocalMailServer | None:
    """A local SMTP server when mail goes by SMTP to no server the environment names."""
    by_smtp = os.environ.get("MAIL_BACKEND", "smtp").strip().lower() == "smtp"
    if not by_smtp or "SMTP_HOST" in os.environ or "SMTP_PORT" in os.environ:
        return None
    from interview_core.local.mailbox import LocalMailServer, mail_folder

    server = LocalMailServer(mail_folder()).start()
    os.environ.update({"SMTP_HOST": server.host, "SMTP_PORT": str(server.port)})
    return server


def run_dev(*, host: str, port: int, web_port: int | None, workers: bool) -> None:
    from interview_core.local.platform import (
        Workers,
        http_routers,
        local_secret_key,
        prepare_database,
        resolve_database_url,
    )

    url, server = resolve_database_url(stop_on_exit=True)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", local_secret_key(data_dir()))
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")  # no CloudWatch here
    if web_port:
        configured = os.environ.get(
            "ALLOWED_ORIGINS", "http://localhost:3000,http://localhost:5173"
        )
        os.environ["ALLOWED_ORIGINS"] = ",".join(
            dict.fromkeys([*configured.split(","), *_web_origins(web_port)])
        )
        # The links in e-mails (invitations) open the web app this process serves.
        os.environ.setdefault("WEB_BASE_URL", f"http://localhost:{web_port}")

    from interview_core.configuration import check_configuration
    from interview_core.settings import get_settings

    mail = _local_mail_server()
    check_configuration()
    if mail:
        print(
            f"mail: SMTP on {mail.host}:{mail.port}, messages kept in {mail.folder}",
            file=sys.stderr,
        )
    settings = get_settings()
    pgmq_queues = list(settings.queue_names.values()) if settings.queue_backend == "pgmq" else None
    prepared = prepare_database(url, pgmq_queues=pgmq_queues)
    print(f"database ready: {prepared}", file=sys.stderr)
    from interview_core.services.question_selection import embed_missing_in_background

    embed_missing_in_background(url)

    import uvicorn

    from interview_core.api.app import create_app

    app = create_app(settings, http_routers())
    running = Workers.start(settings) if workers and settings.queue_backend == "pgmq" else None
    if web_port:
        from interview_core.local.paths import project_root
        from interview_core.local.web import speech_origins, web_app

        dist = project_root() / "frontend" / "dist"
        site = web_app(dist, port, speech_origins=speech_origins(settings))
        web = uvicorn.Server(uvicorn.Config(site, host=host, port=web_port, log_level="warning"))
        threading.Thread(target=web.run, name="web", daemon=True).start()
        print(f"web app on http://localhost:{web_port}", file=sys.stderr)
    print(f"API on http://{host}:{port} (docs: http://{host}:{port}/docs)", file=sys.stderr)
    # uvicorn re-raises SIGTERM once it has shut down: make that an exit that runs `finally`,
    # so the workers and the embedded database stop too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        if running:
            running.stop()
        if mail:
            mail.stop()
        if server:
            server.stop()
