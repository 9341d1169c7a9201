"""`interview db backup` / `restore` round trip the whole database; `interview jobs redrive` moves
dead letters back; `interview jobs failures` says why; CLI errors are a message and an exit code."""

from __future__ import annotations

import json

import pytest
from interview_core.cli import main


def test_a_backup_restores_what_was_there_and_nothing_else(platform, sql, tmp_path, capsys):
    from tests.api.helpers import answer, create_interview, sign_up

    client = platform.client
    candidate = sign_up(client)
    interview = create_interview(client, candidate, position="Backend Developer")
    answer(client, candidate, interview["id"], "Kept in the backup.")
    file = tmp_path / "backups" / "interview.dump"

    main(["db", "backup", str(file)])
    assert "backed up to" in capsys.readouterr().out and file.stat().st_size > 0

    answer(client, candidate, interview["id"], "Written after the backup.")
    sql.execute("DELETE FROM idempotency_keys")
    sql.commit()
    with pytest.raises(SystemExit) as refused:
        main(["db", "restore", str(file)])
    assert refused.value.code == 2 and "--yes" in capsys.readouterr().err

    sql.close()
    main(["db", "restore", str(file), "--yes"])
    assert "restored from" in capsys.readouterr().out
    texts = [
        t["text"]
        for t in client.get(
            f"/interviews/{interview['id']}/transcripts", headers=candidate.auth
        ).json()
        if t["speaker"] == "User"
    ]
    assert texts == ["Kept in the backup."]


def test_restoring_a_missing_file_is_a_message_not_a_traceback(platform, tmp_path, capsys):
    with pytest.raises(SystemExit) as failed:
        main(["db", "restore", str(tmp_path / "nothing.dump"), "--yes"])
    assert failed.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("interview: no backup file at") and "Traceback" not in err


def test_dead_letters_go_back_to_their_queue_and_failures_are_listed(platform, sql, capsys):
    from interview_core.jobs import failures
    from interview_core.jobs.messages import ReportJob

    sql.execute("SELECT pgmq.send('report_dlq', '{\"interview_id\": 7}'::jsonb)")
    sql.execute("SELECT pgmq.send('report_dlq', '{\"interview_id\": 8}'::jsonb)")
    sql.commit()
    failures.remember(
        ReportJob(interview_id=7), attempts=3, error="RuntimeError: the evaluator fell over"
    )

    main(["jobs", "failures"])
    listed = capsys.readouterr().out
    assert "report" in listed and "attempts 3" in listed and "the evaluator fell over" in listed

    main(["jobs", "redrive", "--queue", "report"])
    assert json.loads(capsys.readouterr().out) == {"report": 2}
    back = sql.execute("SELECT message FROM pgmq.q_report ORDER BY msg_id").fetchall()
    assert [m["message"] for m in back] == [{"interview_id": 7}, {"interview_id": 8}]
    assert sql.execute("SELECT count(*) AS n FROM pgmq.q_report_dlq").fetchone()["n"] == 0
    main(["jobs", "redrive"])
    assert set(json.loads(capsys.readouterr().out).values()) == {0}
