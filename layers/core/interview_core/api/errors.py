"""Every error becomes one clear JSON answer here, and nowhere else: domain errors get their
4xx, bad input a 422 naming each field, and anything unexpected a plain 500 with no trace."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from interview_core.api.allowed_methods import allowed_methods, method_of_another_path
from interview_core.db.connection import DatabaseUnavailable
from interview_core.domain.report_wait import poll_delay_ms, retry_after_header
from interview_core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidField,
    InvalidInput,
    NotConfigured,
    NotFound,
    ReportPending,
    TooManyRequests,
    Unauthenticated,
    UpstreamError,
)
from interview_core.observability import logger

REPORT_RETRY_AFTER_SECONDS = 2
# A report the queue gave up on is tried again by recovery (every 10 minutes) or a redrive.
REPORT_FAILED_RETRY_AFTER_SECONDS = 600

_STATUS = {
    NotFound: 404,
    Forbidden: 403,
    Conflict: 409,
    Unauthenticated: 401,
    InvalidInput: 422,
    NotConfigured: 409,
    UpstreamError: 502,
    TooManyRequests: 429,
}


def _domain_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 400)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if isinstance(error, TooManyRequests):
        headers = {"Retry-After": str(error.retry_after)}
    return JSONResponse(
        {"detail": error.message, "code": error.code}, status_code=status, headers=headers
    )


def _validation_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    at_path = any(item.get("loc", ("",))[0] == "path" for item in error.errors())
    if at_path and method_of_another_path(request):
        return _method_not_allowed(request)
    # Without "input" and "ctx": a rejected password must not be echoed back.
    details = [
        {
            "loc": list(item.get("loc", ())),
            "msg": item.get("msg", "invalid"),
            "type": item.get("type", "value_error"),
        }
        for item in error.errors()
    ]
    return JSONResponse({"detail": details, "code": "validation_error"}, status_code=422)


def _invalid_field(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InvalidField)
    # The shape of a validation error, so a form shows it beside its field.
    detail = [{"loc": ["body", error.field], "msg": error.message, "type": error.code}]
    return JSONResponse({"detail": detail, "code": "validation_error"}, status_code=422)


def _report_pending(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ReportPending)
    if error.given_up:
        status, code, delay_ms = "failed", 503, REPORT_FAILED_RETRY_AFTER_SECONDS * 1000
        detail = (
            "The evaluation report could not be written; operators are alerted and it will be "
            "tried again"
        )
    elif error.attempts:
        status, code, delay_ms = "retrying", 202, REPORT_RETRY_AFTER_SECONDS * 1000
        detail = (
            f"Writing the evaluation report failed ({error.attempts} attempts so far); it is "
            f"being retried"
        )
    else:
        status, code, delay_ms = "pending", 202, poll_delay_ms(error.waited)
        detail = "The evaluation report is being written; try again shortly"
    seconds = retry_after_header(delay_ms)
    return JSONResponse(
        {
            "status": status,
            "code": f"report_{status}",
            "detail": detail,
            "retry_after": int(seconds),
            "retry_after_ms": delay_ms,
        },
        status_code=code,
        headers={"Retry-After": seconds},
    )


def _database_unavailable(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DatabaseUnavailable)
    logger.warning("database unavailable", extra={"reason": str(error)})
    return JSONResponse(
        {"detail": "The service is briefly unavailable; try again shortly", "code": "unavailable"},
        status_code=503,
        headers={"Retry-After": str(DatabaseUnavailable.retry_after_seconds)},
    )


# FastAPI's answer to a body it could not read as JSON text at all (not UTF-8, say); one it
# could read but not parse is already a 422 of type json_invalid.
_UNREADABLE_BODY = 400
UNREADABLE_BODY_MESSAGE = "The body is not valid JSON (UTF-8 text expected)"


def _http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    if error.status_code == _UNREADABLE_BODY and error.__cause__ is not None:
        return _unreadable_body()
    if error.status_code == 405:
        return _method_not_allowed(request, starlette_allow=(error.headers or {}).get("Allow", ""))
    code = {401: "unauthenticated", 403: "forbidden", 404: "not_found"}.get(
        error.status_code, "error"
    )
    return JSONResponse(
        {"detail": error.detail, "code": code},
        status_code=error.status_code,
        headers=error.headers,
    )


def _unreadable_body() -> JSONResponse:
    problem = {"loc": ["body"], "msg": UNREADABLE_BODY_MESSAGE, "type": "json_invalid"}
    return JSONResponse({"detail": [problem], "code": "validation_error"}, status_code=422)


def _method_not_allowed(request: Request, starlette_allow: str = "") -> JSONResponse:
    # Every method of the path, as the OpenAPI document lists them (Starlette names one route's).
    allow = ", ".join(allowed_methods(request)) or starlette_allow
    return JSONResponse(
        {"detail": "Method Not Allowed", "code": "method_not_allowed"},
        status_code=405,
        headers={"Allow": allow},
    )


def _unexpected(_: Request, error: Exception) -> JSONResponse:
    logger.exception("unhandled error", extra={"error_type": type(error).__name__})
    return JSONResponse({"detail": "Internal server error", "code": "internal"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(InvalidField, _invalid_field)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ReportPending, _report_pending)
    app.add_exception_handler(DatabaseUnavailable, _database_unavailable)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
