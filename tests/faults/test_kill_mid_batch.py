"""kill -9 of `interview dev` in the middle of a batch of answers: started again on the same data
folder, the clients retry what was not acknowledged with the same key, and nothing is lost or
stored twice. A graceful stop afterwards leaves no PostgreSQL of the folder running."""

from __future__ import annotations

import signal

import pytest

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

CANDIDATES = 6
ANSWERS = 8


def test_kill_9_mid_batch_loses_nothing_and_stores_nothing_twice():
    with data_folder() as folder:
        dev = DevProcess(folder, free_port()).start()
        outcomes = Outcomes()
        group = candidates(dev.base, outcomes, CANDIDATES, "kill9-")
        clients = AnsweringClients(group, ANSWERS, "kill9").start()

        clients.wait_until_acknowledged(CANDIDATES * ANSWERS // 3)
        dev.kill_hard()
        at_kill = len(clients.acknowledged)
        assert postgres_processes(dev.pgdata), "the embedded server outlives a kill -9"
        dev.start()  # same folder, same port: the clients' retries find it there
        clients.join()
        for candidate in group:
            candidate.client.complete(candidate.interview["id"])

        assert at_kill < CANDIDATES * ANSWERS, "the kill came after the batch"
        assert outcomes.connection_errors > 0, "no request met the dead process"
        survived = check_nothing_lost_or_doubled(database_url(dev.pgdata), clients.acknowledged)
        assert survived.answers_stored_once == CANDIDATES * ANSWERS
        assert survived.reports == CANDIDATES
        print(
            f"kill -9 after {at_kill} answers: {survived}, {outcomes.statuses}, "
            f"{outcomes.connection_errors} connection errors, {outcomes.retries} retries"
        )

        # The server the killed process left is stopped by the next one's graceful stop.
        dev.stop(signal.SIGINT)
        assert postgres_processes(dev.pgdata) == []
        for candidate in group:
            candidate.client.close()
