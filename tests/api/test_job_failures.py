"""A job that fails says why: at ERROR in the log, kept beside the queue's retries, and the report
says "failed, retrying" then "failed" instead of "being written"; once it succeeds, nothing is
left."""

from __future__ import annotations

import logging

import pytest

from tests.api.helpers import answer, create_interview, sign_up


def _read_again(sql) -> None:
    """Make every queued report job visible now (as if its visibility timeout had passed)."""
    sql.execute("UPDATE pgmq.q_report SET vt = now()")
    sql.commit()


def test_a_failing_report_is_logged_kept_and_reported_then_cleared(
    platform, sql, monkeypatch, caplog
):
    from interview_core.local.lambda_runtime import load_function

    worker = load_function("report_worker")

    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    answer(
        client, candidate, interview["id"], "An answer with some content about PostgreSQL indexes."
    )
    client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    sql.execute("SELECT pgmq.purge_queue('sentiment')")
    sql.commit()

    original = worker.generate_final_report

    def broken(*args, **kwargs):
        raise RuntimeError("the evaluator fell over")

    monkeypatch.setattr(worker, "generate_final_report", broken)

    with caplog.at_level(logging.ERROR):
        platform.run_workers()
    assert any(
        "job failed" in r.getMessage() and r.levelno == logging.ERROR for r in caplog.records
    )
    row = sql.execute(
        "SELECT attempts, last_error FROM job_failures WHERE kind = 'report'"
    ).fetchone()
    assert row["attempts"] == 1 and "the evaluator fell over" in row["last_error"]

    retrying = client.get(f"/interviews/{interview['id']}/report", headers=candidate.auth)
    assert retrying.status_code == 202 and retrying.json()["status"] == "retrying"
    assert retrying.json()["retry_after_ms"] >= 1000, "a failing report is not polled fast"
    assert "evaluator fell over" not in retrying.text, "the reason is for operators, not candidates"

    for _ in range(2):
        _read_again(sql)
        platform.run_workers()
    failed = client.get(f"/interviews/{interview['id']}/report", headers=candidate.auth)
    assert failed.status_code == 503 and failed.json()["status"] == "failed"
    assert int(failed.headers["Retry-After"]) > 0

    # Fixed and queued again (recovery or a redrive): the report comes and the failure is gone.
    monkeypatch.setattr(worker, "generate_final_report", original)
    sql.execute(
        "SELECT pgmq.send('report', %s::jsonb)", (f'{{"interview_id": {interview["id"]}}}',)
    )
    sql.commit()
    platform.run_workers()
    assert (
        client.get(f"/interviews/{interview['id']}/report", headers=candidate.auth).status_code
        == 200
    )
    # A redriven message is received for the first time: recovery clears what is done.
    from interview_core.db.connection import get_database
    from interview_core.jobs.publisher import get_publisher
    from interview_core.services.recovery import requeue_lost_jobs

    requeue_lost_jobs(get_database(), get_publisher(), older_than_seconds=0)
    assert sql.execute("SELECT count(*) AS n FROM job_failures").fetchone()["n"] == 0


@pytest.mark.parametrize("attempts", [1, 2])
def test_a_success_after_a_failure_clears_it(platform, sql, attempts):
    from interview_core.jobs import failures
    from interview_core.jobs.messages import ReportJob

    failures.remember(ReportJob(interview_id=1), attempts=attempts, error="RuntimeError: boom")
    assert sql.execute("SELECT count(*) AS n FROM job_failures").fetchone()["n"] == 1
    failures.forget(ReportJob(interview_id=1))
    assert sql.execute("SELECT count(*) AS n FROM job_failures").fetchone()["n"] == 0
