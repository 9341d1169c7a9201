"""`interview dev`: the whole platform in one process."""

from __future__ import annotations

import os
import sys

from interview_core.local.paths import data_dir


def run_dev(*, host: str, port: int, workers: bool) -> None:
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

    from interview_core.settings import get_settings

    settings = get_settings()
    pgmq_queues = [settings.sentiment_queue, settings.report_queue] if settings.queue_backend == "pgmq" else None
    prepared = prepare_database(url, pgmq_queues=pgmq_queues)
    print(f"database ready: {prepared}", file=sys.stderr)

    import uvicorn

    from interview_core.api.app import create_app

    app = create_app(settings, http_routers())
    running = Workers.start(settings) if workers and settings.queue_backend == "pgmq" else None
    print(f"API on http://{host}:{port} (docs: http://{host}:{port}/docs)", file=sys.stderr)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        if running:
            running.stop()
        if server:
            server.stop()
