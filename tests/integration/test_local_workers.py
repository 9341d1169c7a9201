"""`interview dev` consumes the report queue with several workers, so one report waiting on a slow
language model holds up no other."""

from __future__ import annotations


def test_reports_are_written_several_at_once_locally(database_url, monkeypatch):
    from interview_core.local.platform import Workers
    from interview_core.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("LOCAL_REPORT_WORKERS", "3")
    get_settings.cache_clear()
    workers = Workers.start(get_settings())
    try:
        names = [thread.name for thread in workers.threads]
        assert names.count("worker-report_worker") == 3
        assert names.count("worker-sentiment_worker") == 1
    finally:
        workers.stop()
        get_settings.cache_clear()
