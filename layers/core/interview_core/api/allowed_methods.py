"""Which methods a request's path supports, as the OpenAPI document lists them: the `Allow` of a
405, and whether a request that reached a route through its path parameters meant another path.

The document groups operations by path template, and a literal path wins over a template that
also matches it: `/questions/stats` (GET) is not `/questions/{question_id}` (GET, PATCH). Starlette
answers a 405 with the methods of the first route it tried, and sends PATCH /questions/stats to
the template, whose validation then fails on `question_id`; both are corrected from here.
"""

from __future__ import annotations

import re

from fastapi import Request

_PARAMETER = re.compile(r"\{[^/{}]+\}")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _template_regex(template: str) -> str:
    literal_parts = _PARAMETER.split(template)
    return "^" + "[^/]+".join(re.escape(part) for part in literal_parts) + "$"


def _route_path(request: Request) -> str:
    # The path the routes see: without the prefix the app is mounted under (an API stage, say).
    path: str = request.scope.get("path", "")
    root_path: str = request.scope.get("root_path", "")
    return path[len(root_path) :] if root_path and path.startswith(root_path) else path


def allowed_methods(request: Request) -> list[str]:
    """The methods of the most literal documented path matching the request's (HEAD with GET)."""
    paths: dict[str, dict] = request.app.openapi().get("paths", {})
    path = _route_path(request)
    matching = [template for template in paths if re.match(_template_regex(template), path)]
    if not matching:
        return []
    most_literal = min(matching, key=lambda template: len(_PARAMETER.findall(template)))
    methods = {method.upper() for method in paths[most_literal] if method in _METHODS}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def method_of_another_path(request: Request) -> bool:
    """True when a route took the request through a path parameter although the request's path is
    a more literal one that does not support its method (PATCH /questions/stats): that is a 405."""
    methods = allowed_methods(request)
    return bool(methods) and request.method not in methods
