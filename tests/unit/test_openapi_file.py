"""The web app's checked-in OpenAPI document (frontend/src/api/openapi.json, from which its API
types are generated) is the document the platform's code makes now, byte for byte; the web app's
own test (src/api/schema.test.ts) checks the generated types against that file."""

from __future__ import annotations

import json
from pathlib import Path

from interview_core.api.openapi_file import REGENERATE, main, platform_document, render
from interview_core.settings import get_settings

CHECKED_IN = Path(__file__).resolve().parents[2] / "frontend" / "src" / "api" / "openapi.json"


def _current_text(monkeypatch) -> str:
    # Handlers validate their settings when imported; no connection is made to this database.
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@localhost/none")
    get_settings.cache_clear()
    try:
        return render(platform_document())
    finally:
        get_settings.cache_clear()


def test_the_checked_in_document_is_the_one_the_code_makes(monkeypatch):
    current = _current_text(monkeypatch)
    checked_in = CHECKED_IN.read_text(encoding="utf-8") if CHECKED_IN.exists() else ""

    if checked_in != current:
        old, new = json.loads(checked_in or "{}"), json.loads(current)
        paths = sorted(set(old.get("paths", {})) ^ set(new["paths"]))
        old_schemas = old.get("components", {}).get("schemas", {})
        new_schemas = new["components"]["schemas"]
        schemas = sorted(
            name
            for name in {*old_schemas, *new_schemas}
            if old_schemas.get(name) != new_schemas.get(name)
        )
        raise AssertionError(
            f"frontend/src/api/openapi.json is stale: {REGENERATE} "
            f"(paths added or removed: {paths or 'none'}; schemas changed: {schemas or 'none'})"
        )


def test_the_text_is_stable_sorted_and_whole():
    document = {"paths": {"/b": {}, "/a": {"get": {"summary": "é"}}}, "openapi": "3.1.0"}

    text = render(document)

    assert text == render(json.loads(text))
    assert text.index('"openapi"') < text.index('"paths"')
    assert text.index('"/a"') < text.index('"/b"')
    assert '"é"' in text and text.endswith("}\n")


def test_check_fails_on_a_stale_file_and_passes_on_a_fresh_one(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@localhost/none")
    get_settings.cache_clear()
    stale = tmp_path / "openapi.json"
    stale.write_text("{}\n", encoding="utf-8")
    try:
        assert main(["--check", str(stale)]) == 1
        assert REGENERATE in capsys.readouterr().err
        assert main(["--write", str(stale)]) == 0
        assert main(["--check", str(stale)]) == 0
    finally:
        get_settings.cache_clear()
