"""The local queue workers and timers in a process of their own, beside `interview dev`'s API:
in the API's process they shared its interpreter lock, and under load the sentiment of an answer
waited seconds behind the requests (in AWS each consumer is its own Lambda anyway).

The child is started with `spawn` (a fresh interpreter: forking a process that runs threads is
unsafe) and inherits the environment the parent prepared (DATABASE_URL, SECRET_KEY, SMTP_*). It
stops on SIGTERM, and by itself within a second when its parent is gone (a kill -9 of
`interview dev` leaves no worker behind)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from multiprocessing.process import BaseProcess

PARENT_CHECK_SECONDS = 0.5
STOP_WAIT_SECONDS = 10


def _run(parent_pid: int) -> None:
    from interview_core.local.platform import Workers
    from interview_core.settings import get_settings

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops us
    workers = Workers.start(get_settings())
    try:
        while not stop.wait(PARENT_CHECK_SECONDS):
            if os.getppid() != parent_pid:
                break
    finally:
        workers.stop()


class WorkerProcess:
    def __init__(self, process: BaseProcess) -> None:
        self._process = process

    @classmethod
    def start(cls) -> WorkerProcess:
        context = multiprocessing.get_context("spawn")
        process = context.Process(
            target=_run, args=(os.getpid(),), name="interview-workers", daemon=False
        )
        process.start()
        return cls(process)

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def is_alive(self) -> bool:
        return self._process.is_alive()

    def stop(self) -> None:
        """SIGTERM: the workers finish the batch in hand; killed if they take too long."""
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(STOP_WAIT_SECONDS)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(STOP_WAIT_SECONDS)
