"""`interview dev`: the whole platform on one machine: the API and the web app in this process,
the queue workers in a child process (local/worker_process.py)."""

from __future__ import annotations

import errno
import os
import signal
import socket
import sys
import threading
from contextlib import ExitStack
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


class PortInUse(OSError):
    """Another program listens on a port `interview dev` was to serve on."""


def listen(host: str, port: int, option: str) -> socket.socket:
    """A socket bound and listening on host:port, made before anything else starts, so a taken
    port is an error at once and not a server that never answers; PortInUse names the option."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(
                f"port {port} is in use ({option}): another `interview dev`? "
                f"Stop what runs there, or choose another port with {option}"
            ) from None
        raise
    return sock


def run_dev(*, host: str, port: int, web_port: int | None, workers: bool) -> None:
    # SIGTERM as an exit that runs the clean-up below (the workers, the embedded database),
    # whenever it comes; uvicorn re-raises it once it has shut down.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with ExitStack() as cleanup:
        api_socket = cleanup.enter_context(listen(host, port, "--port"))
        web_socket = (
            cleanup.enter_context(listen(host, web_port, "--web-port")) if web_port else None
        )
        _run_dev(cleanup, host=host, port=port, sockets=(api_socket, web_socket), workers=workers)


def _run_dev(
    cleanup: ExitStack,
    *,
    host: str,
    port: int,
    sockets: tuple[socket.socket, socket.socket | None],
    workers: bool,
) -> None:
    from interview_core.local.platform import (
        FunctionLogNames,
        http_routers,
        local_secret_key,
        prepare_database,
        resolve_database_url,
    )

    api_socket, web_socket = sockets
    web_port = web_socket.getsockname()[1] if web_socket else None
    url, server = resolve_database_url(stop_on_exit=True)
    if server:
        cleanup.callback(server.stop)
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
    if mail:
        cleanup.callback(mail.stop)
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

    # Every function in one app: each request's log lines name its own function.
    app = FunctionLogNames(create_app(settings, http_routers()))
    if workers and settings.queue_backend == "pgmq":
        from interview_core.local.worker_process import WorkerProcess

        cleanup.callback(WorkerProcess.start().stop)
    if web_socket:
        from interview_core.local.paths import project_root
        from interview_core.local.web import speech_origins, web_app

        dist = project_root() / "frontend" / "dist"
        site = web_app(dist, port, speech_origins=speech_origins(settings), api=app)
        web = uvicorn.Server(uvicorn.Config(site, log_level="warning"))
        threading.Thread(
            target=web.run, kwargs={"sockets": [web_socket]}, name="web", daemon=True
        ).start()
        print(f"web app on http://localhost:{web_port}", file=sys.stderr)
    print(f"API on http://{host}:{port} (docs: http://{host}:{port}/docs)", file=sys.stderr)
    api = uvicorn.Server(uvicorn.Config(app, log_level="info"))
    api.run(sockets=[api_socket])
    if not api.started:
        raise RuntimeError("the API did not start (its log above says why)")
