"""Every Lambda in functions/ is in the catalog, and each HTTP one serves exactly its route."""

from __future__ import annotations

from fastapi.routing import APIRoute
from interview_core.function_catalog import HTTP_FUNCTIONS, QUEUE_FUNCTIONS, SCHEDULED_FUNCTIONS
from interview_core.local.lambda_runtime import load_function
from interview_core.local.paths import functions_dir
from interview_core.settings import get_settings


def test_each_http_function_holds_one_router_with_its_one_route(monkeypatch):
    # Handlers validate their settings when imported; no connection is made until a request.
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@localhost/none")
    get_settings.cache_clear()
    for function in HTTP_FUNCTIONS:
        routes = [r for r in load_function(function.name).router.routes if isinstance(r, APIRoute)]
        assert [(r.path, r.methods) for r in routes] == [(function.path, {function.method})], (
            function.name
        )


def test_routes_are_unique_and_every_function_folder_is_catalogued():
    routes = [(f.method, f.path) for f in HTTP_FUNCTIONS]
    assert len(routes) == len(set(routes))
    catalogued = {f.name for f in (*HTTP_FUNCTIONS, *QUEUE_FUNCTIONS, *SCHEDULED_FUNCTIONS)}
    folders = {p.parent.name for p in functions_dir().glob("*/handler.py")}
    assert catalogued <= folders
    assert folders - catalogued <= {"migrate"}, "a function folder the catalog does not know"
