"""The embedded PostgreSQL stopped (a fast stop) and started again while clients post answers:
meanwhile every request is a 503 with Retry-After, never a 500; the clients retry with the same
key, and nothing is lost or stored twice."""

from __future__ import annotations

import time

import pytest
from interview_core.local.postgres import start_embedded, stop_embedded

from tests.faults.checks import check_nothing_lost_or_doubled
from tests.faults.dev import (
    AnsweringClients,
    DevProcess,
    Outcomes,
    candidates,
    data_folder,
    database_url,
    free_port,
    postgres_processes,
)

pytestmark = pytest.mark.slow

CANDIDATES = 5
ANSWERS = 8
OUTAGE_SECONDS = 4


def test_a_database_restart_under_load_is_503s_then_nothing_lost_or_doubled():
    with data_folder() as folder:
        dev = DevProcess(folder, free_port()).start()
        outcomes = Outcomes()
        group = candidates(dev.base, outcomes, CANDIDATES, "dbrestart-")
        clients = AnsweringClients(group, ANSWERS, "dbrestart").start()

        clients.wait_until_acknowledged(CANDIDATES * ANSWERS // 4)
        assert stop_embedded(dev.pgdata), "pg_ctl stop -m fast"
        at_stop = len(clients.acknowledged)
        time.sleep(OUTAGE_SECONDS)  # the clients keep posting into the outage
        during = outcomes.statuses[503]
        start_embedded(dev.pgdata)
        clients.join()
        for candidate in group:
            candidate.client.complete(candidate.interview["id"])

        assert at_stop < CANDIDATES * ANSWERS, "the stop came after the batch"
        assert during > 0, "no request met the outage"
        assert outcomes.server_errors_other_than_503 == 0, outcomes.statuses
        assert outcomes.unavailable_without_retry_after == 0
        assert outcomes.connection_errors == 0, "the API itself stayed up"
        survived = check_nothing_lost_or_doubled(database_url(dev.pgdata), clients.acknowledged)
        assert survived.answers_stored_once == CANDIDATES * ANSWERS
        assert survived.reports == CANDIDATES
        print(
            f"fast stop after {at_stop} answers, {OUTAGE_SECONDS} s down: {survived}, "
            f"{outcomes.statuses}, {outcomes.retries} retries"
        )

        dev.stop()
        assert postgres_processes(dev.pgdata) == [], "restarted by another process, still stopped"
        for candidate in group:
            candidate.client.close()
