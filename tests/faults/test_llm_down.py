"""The language model refused (nothing listens on its port) and then hung (it accepts and never
answers): every report still arrives, written by the offline evaluator, which says so, within the
configured timeouts; and nothing is lost or stored twice."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.faults.checks import check_nothing_lost_or_doubled, wait_for_reports
from tests.faults.dev import (
    AnsweringClients,
    Candidate,
    DevProcess,
    Outcomes,
    candidates,
    data_folder,
    database_url,
    free_port,
)

pytestmark = pytest.mark.slow

ANSWERS = 3


def _reports_arrive(dev: DevProcess, group: list[Candidate]) -> list[dict]:
    import psycopg

    for candidate in group:
        candidate.client.complete(candidate.interview["id"])
    with psycopg.connect(database_url(dev.pgdata), autocommit=True) as conn:
        wait_for_reports(conn, [c.interview["id"] for c in group], seconds=60)
    reports = []
    for candidate in group:
        got = candidate.client.http.get(
            f"/interviews/{candidate.interview['id']}/report",
            headers={"Authorization": f"Bearer {candidate.client.token}"},
        )
        assert got.status_code == 200, got.text
        reports.append(got.json())
    return reports


def test_reports_arrive_when_the_llm_is_refused_then_hung():
    llm_port = free_port()  # nothing listens there: refused
    llm = {
        "EVALUATOR": "llm",
        "LLM_API_KEY": "test-key",
        "LLM_BASE_URL": f"http://127.0.0.1:{llm_port}/v1",
        "LLM_MAX_OUTPUT_TOKENS": "300",
        "LLM_TIMEOUT_SECONDS": "2",
        "LLM_TOTAL_TIMEOUT_SECONDS": "4",
        "LLM_MAX_RETRIES": "1",
        "LLM_BACKOFF_SECONDS": "0.1",
    }
    with data_folder() as folder:
        dev = DevProcess(folder, free_port(), env=llm).start()
        outcomes = Outcomes()
        acknowledged: dict[str, int] = {}

        refused = candidates(dev.base, outcomes, 2, "llm-refused-")
        answering = AnsweringClients(refused, ANSWERS, "llm-refused").start()
        answering.join()
        acknowledged |= answering.acknowledged
        for report in _reports_arrive(dev, refused):
            assert "fallback" in report["evaluator_model"], report["evaluator_model"]

        with socket.socket() as hung:  # accepts connections (its backlog), never answers
            hung.bind(("127.0.0.1", llm_port))
            hung.listen(16)
            with pytest.raises(httpx.ReadTimeout):
                httpx.post(f"http://127.0.0.1:{llm_port}/v1/chat/completions", timeout=0.5)
            stuck = candidates(dev.base, outcomes, 2, "llm-hung-")
            answering = AnsweringClients(stuck, ANSWERS, "llm-hung").start()
            answering.join()
            acknowledged |= answering.acknowledged
            for report in _reports_arrive(dev, stuck):
                assert "fallback" in report["evaluator_model"], report["evaluator_model"]

        survived = check_nothing_lost_or_doubled(database_url(dev.pgdata), acknowledged)
        assert survived.answers_stored_once == 4 * ANSWERS and survived.reports == 4
        assert outcomes.server_errors_other_than_503 == 0, outcomes.statuses
        print(f"LLM refused, then hung: {survived}, {outcomes.statuses}")
        dev.stop()
        for candidate in refused + stuck:
            candidate.client.close()
