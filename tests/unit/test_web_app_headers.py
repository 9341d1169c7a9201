"""The local web server (`interview dev`) sends the web app with a CSP and security headers:
scripts only from its own origin, connections only to itself, the API and the speech websocket,
and never inside a frame."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from interview_core.local.web import speech_origins, web_app
from interview_core.settings import Settings

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
SPEECH = "wss://api.deepgram.com"


@pytest.fixture
def site(tmp_path: Path) -> TestClient:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><script type="module" src="/assets/index-abc.js"></script>'
        '<div id="root"></div>'
    )
    (tmp_path / "assets" / "index-abc.js").write_text("console.log('app')")
    app = web_app(tmp_path, 8123, speech_origins=[SPEECH])
    return TestClient(app, base_url="http://127.0.0.1:5180")


def _directives(csp: str) -> dict[str, str]:
    return dict(part.split(" ", 1) for part in csp.split("; "))


@pytest.mark.parametrize("path", ["/", "/assets/index-abc.js", "/interviews/12", "/config.json"])
def test_every_answer_of_the_local_web_server_has_the_security_headers(site, path):
    response = site.get(path)

    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    csp = _directives(response.headers["content-security-policy"])
    assert csp["script-src"] == "'self'"
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"


def test_the_csp_allows_exactly_the_api_config_json_names_and_the_speech_websocket(site):
    config = site.get("/config.json")
    api_url = config.json()["apiUrl"]

    csp = _directives(config.headers["content-security-policy"])

    assert api_url == "http://127.0.0.1:8123"
    assert csp["connect-src"] == f"'self' {api_url} {SPEECH}"
    # Reached by another name, the API is named the same way.
    other = site.get("/", headers={"Host": "localhost:5180"})
    connect_src = _directives(other.headers["content-security-policy"])["connect-src"]
    assert connect_src.split()[1] == "http://localhost:8123"


def test_the_not_built_page_has_the_headers_too(tmp_path: Path):
    response = TestClient(web_app(tmp_path, 8123)).get("/")

    assert response.status_code == 503
    connect_src = _directives(response.headers["content-security-policy"])["connect-src"]
    assert connect_src == "'self' http://testserver:8123"


def test_the_speech_websocket_is_the_configured_deepgram_or_none():
    base = {"database_url": "postgresql://x@localhost/db", "secret_key": "a-long-enough-secret-key"}

    assert speech_origins(Settings(**base)) == []
    assert speech_origins(Settings(**base, deepgram_api_key="dg-key")) == ["wss://api.deepgram.com"]
    fake = Settings(**base, deepgram_api_key="dg-key", deepgram_base_url="http://127.0.0.1:4555/")
    assert speech_origins(fake) == ["ws://127.0.0.1:4555"]


class _InlineCode(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script" and "src" not in names:
            self._in_script = True
        if tag == "style":
            self.found.append("<style>")
        inline = sorted(name for name in names if name.startswith("on") or name == "style")
        self.found += [f"{tag} {name}=" for name in inline]

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.found.append(f"inline script: {data.strip()[:40]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


@pytest.mark.parametrize("page", ["index.html", "dist/index.html"])
def test_the_web_app_needs_no_inline_script_or_style(page):
    path = FRONTEND / page
    if not path.exists():
        pytest.skip(f"frontend/{page} is not built")
    parser = _InlineCode()
    parser.feed(path.read_text("utf-8"))

    assert parser.found == [], "the CSP (script-src 'self', style-src 'self') would block these"
