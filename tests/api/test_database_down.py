"""The database down or hung: every request answers 503 with Retry-After (never a hang, never a
500), /health says so, and the same app answers again once the database is back."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient


def _app_on(url: str, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    from interview_core.api.app import create_app
    from interview_core.db.connection import get_database
    from interview_core.local.platform import http_routers
    from interview_core.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DATABASE_WAIT_SECONDS", "1")
    get_settings.cache_clear()
    get_database.cache_clear()
    return TestClient(create_app(get_settings(), http_routers()), raise_server_exceptions=False)


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers (a hung database host)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def _closed_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


@pytest.mark.parametrize("where", ["refused", "hung"])
def test_every_request_is_a_503_with_retry_after_when_the_database_is_gone(
    where, silent_server, monkeypatch
):
    port = _closed_port() if where == "refused" else silent_server
    with _app_on(f"postgresql://postgres@127.0.0.1:{port}/interview", monkeypatch) as client:
        health = client.get("/health")
        assert health.status_code == 503
        assert health.json() == {"status": "unavailable", "database": "unavailable"}
        for response in (
            client.post("/token", json={"username": "someone", "password": "password123"}),
            client.get(
                "/questions", headers={"Authorization": "Bearer not-checked-before-the-database"}
            ),
            client.post(
                "/register",
                json={
                    "email": "a@example.com",
                    "username": "someone",
                    "password": "a-long-password",
                    "role": "candidate",
                },
            ),
        ):
            assert response.status_code in (503, 401), response.text
            if response.status_code == 503:
                assert int(response.headers["Retry-After"]) > 0
                assert "unavailable" in response.json()["detail"]


class _Switch:
    """A TCP front for the test database that can be cut (every connection dropped, new ones
    refused) and restored on the same port: the database restarting, as the app sees it."""

    def __init__(self, database_url: str) -> None:
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(database_url)
        host, port = info.get("host") or "/tmp", int(info.get("port") or 5432)
        self._target = f"{host}/.s.PGSQL.{port}" if host.startswith("/") else (host, port)
        self._dbname, self._user = info["dbname"], info.get("user", "postgres")
        self.port = _closed_port()
        self._pairs: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self.restore()

    @property
    def url(self) -> str:
        return f"postgresql://{self._user}@127.0.0.1:{self.port}/{self._dbname}"

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        assert self._listener is not None
        try:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
        except OSError:
            pass
        self._listener.close()
        self._listener = None
        for sock in self._pairs:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self._pairs.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            family = socket.AF_UNIX if isinstance(self._target, str) else socket.AF_INET
            upstream = socket.socket(family)
            upstream.connect(self._target)
            self._pairs += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def test_the_same_app_answers_again_once_the_database_is_back(database_url, monkeypatch):
    from interview_core.db.connection import get_database

    switch = _Switch(database_url)
    try:
        with _app_on(switch.url, monkeypatch) as client:
            assert client.get("/health").json() == {"status": "ok", "database": "ok"}
            switch.cut()
            assert client.get("/health").status_code == 503
            assert (
                client.post("/token", json={"username": "x", "password": "password123"}).status_code
                == 503
            )
            switch.restore()
            # The pool reconnects on its own (with its backoff after the failed attempts).
            deadline = time.monotonic() + 60
            while (
                health := client.get("/health")
            ).status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.5)
            assert health.json() == {"status": "ok", "database": "ok"}
            assert (
                client.post("/token", json={"username": "x", "password": "password123"}).status_code
                == 401
            )
    finally:
        if switch._listener is not None:
            switch.cut()
        get_database.cache_clear()
