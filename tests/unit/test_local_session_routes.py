"""Locally, as behind CloudFront, the web app's origin answers the API's session routes (/auth/*):
the session cookie is then first-party. Everything else is still the web app."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from interview_core.local.web import web_app


def _api() -> FastAPI:
    api = FastAPI()

    @api.post("/auth/{action}")
    def session(action: str, request: Request) -> dict[str, str]:
        return {"action": action, "cookie": request.headers.get("cookie", "")}

    @api.get("/me")
    def me() -> dict[str, str]:
        return {"served": "by the API"}

    return api


def test_auth_paths_reach_the_api_with_their_cookie(tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html><div id='root'></div>")
    site = TestClient(web_app(tmp_path, 8123, api=_api()), base_url="http://localhost:5180")

    answer = site.post("/auth/refresh", headers={"Cookie": "interview_session=abc"})

    assert answer.status_code == 200
    assert answer.json() == {"action": "refresh", "cookie": "interview_session=abc"}
    assert "content-security-policy" in answer.headers  # the web server's headers, as elsewhere


def test_other_paths_stay_the_web_app(tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html><div id='root'></div>")
    site = TestClient(web_app(tmp_path, 8123, api=_api()), base_url="http://localhost:5180")

    assert site.get("/me").text.startswith("<!doctype html>")  # a client-side route
    assert site.get("/authors").text.startswith("<!doctype html>")
    assert site.get("/config.json").json()["apiUrl"] == "http://localhost:8123"


def test_without_an_api_the_auth_paths_are_the_web_app(tmp_path: Path):
    (tmp_path / "index.html").write_text("<!doctype html><div id='root'></div>")
    site = TestClient(web_app(tmp_path, 8123), base_url="http://localhost:5180")

    assert site.post("/auth/refresh").status_code == 405  # static files take no POST
