"""The OpenAPI document, true to every answer: what FastAPI generates from the routes, plus the
answers that come from outside a route's own `responses=`.

Those are the answers of the app's error handlers and middleware, the same on every route:
- 422: a validation error lists its problems (`detail` an array of {loc, msg, type}); a domain
  rule answers one message (`detail` a string). Both are documented, on every operation, since
  the NUL guard refuses a NUL in any query parameter, even on a route that takes none.
- 413: a body over the size limit, on every operation that takes a body.
- 401: no or a bad token, on every operation that needs one.
- 503 with Retry-After: the database is unavailable, on every operation.
Each is added only where the route did not document the status itself; a route's description
is kept, and its 422 and 503 schemas become the union of its own and the shared one.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, Field

from interview_core.api.models.common import ErrorResponse

COMPONENTS = "#/components/schemas/"
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class ValidationProblem(BaseModel):
    loc: list[str | int] = Field(description="Where ('body', 'query', 'path', 'header'), then what")
    msg: str
    type: str = Field(description="What kind of problem: 'missing', 'json_invalid', ...")


class InvalidInputResponse(BaseModel):
    detail: str | list[ValidationProblem] = Field(
        description="A list of problems, each naming its field (the request's shape), or one "
        "message (a rule of the platform: a date in the past, an Idempotency-Key reused, ...)"
    )


_RETRY_AFTER = {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}

_SHARED: dict[str, tuple[type[BaseModel], str]] = {
    "401": (ErrorResponse, "Not authenticated: no bearer token, or an invalid or expired one"),
    "413": (ErrorResponse, "The request body is larger than this endpoint accepts"),
    "422": (InvalidInputResponse, "Not acceptable: its shape (problems) or a rule (a message)"),
    "503": (ErrorResponse, "The database is briefly unavailable; try again after Retry-After"),
}
# What FastAPI and the routes document a 422 as; the shared one replaces both (it has both shapes).
_GENERATED_422 = (
    {"$ref": COMPONENTS + "HTTPValidationError"},
    {"$ref": COMPONENTS + "ErrorResponse"},
)


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": COMPONENTS + model.__name__}


def _json_schema(response: dict[str, Any]) -> dict[str, Any] | None:
    return response.get("content", {}).get("application/json", {}).get("schema")


def _with_shared(response: dict[str, Any] | None, status: str) -> dict[str, Any]:
    """The route's response for `status`, its schema widened to accept the shared one too."""
    model, description = _SHARED[status]
    if response is None:
        response = {"description": description}
    own = _json_schema(response)
    shared = _ref(model)
    if own is None or own == shared or (status == "422" and own in _GENERATED_422):
        schema: dict[str, Any] = shared
    elif shared in own.get("anyOf", []):
        schema = own
    else:
        schema = {"anyOf": [own, shared]}
    response["content"] = {"application/json": {"schema": schema}}
    if status == "503":
        response.setdefault("headers", {}).setdefault("Retry-After", _RETRY_AFTER)
    return response


def _shared_statuses(operation: dict[str, Any]) -> list[str]:
    statuses = ["422", "503"]
    if "requestBody" in operation:
        statuses.append("413")
    if operation.get("security"):
        statuses.append("401")
    return statuses


def complete(document: dict[str, Any]) -> dict[str, Any]:
    """Adds the shared answers to every operation of a generated document (in place)."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model in (InvalidInputResponse, ErrorResponse):
        generated = model.model_json_schema(ref_template=COMPONENTS + "{model}")
        schemas.update(generated.pop("$defs", {}))
        schemas[model.__name__] = generated
    for path_item in document.get("paths", {}).values():
        for method in _HTTP_METHODS:
            operation = path_item.get(method)
            if operation is None:
                continue
            responses = operation.setdefault("responses", {})
            for status in _shared_statuses(operation):
                if status in ("422", "503") or status not in responses:
                    responses[status] = _with_shared(responses.get(status), status)
    # FastAPI's own 422 schemas, referred to by nothing now (HTTPValidationError first: it refers
    # to ValidationError).
    for name in ("HTTPValidationError", "ValidationError"):
        if name in schemas and f'"{COMPONENTS}{name}"' not in json.dumps(document):
            del schemas[name]
    return document


def install_openapi_document(app: FastAPI) -> None:
    generate = app.openapi

    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = complete(generate())
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]
