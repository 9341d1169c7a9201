"""Every error becomes one clear JSON answer here, and nowhere else: domain errors get their
4xx, bad input a 422 naming each field, and anything unexpected a plain 500 with no trace."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from interview_core.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotConfigured,
    NotFound,
    Unauthenticated,
    UpstreamError,
)
from interview_core.observability import logger
from interview_core.services.interviews import ReportPending

REPORT_RETRY_AFTER_SECONDS = 2

_STATUS = {
    NotFound: 404,
    Forbidden: 403,
    Conflict: 409,
    Unauthenticated: 401,
    InvalidInput: 422,
    NotConfigured: 409,
    UpstreamError: 502,
}


def _domain_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, DomainError)
    status = next((code for kind, code in _STATUS.items() if isinstance(error, kind)), 400)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"detail": error.message}, status_code=status, headers=headers)


def _validation_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    # Without "input" and "ctx": a rejected password must not be echoed back.
    details = [
        {"loc": list(item.get("loc", ())), "msg": item.get("msg", "invalid"), "type": item.get("type", "value_error")}
        for item in error.errors()
    ]
    return JSONResponse({"detail": details}, status_code=422)


def _report_pending(_: Request, __: Exception) -> JSONResponse:
    return JSONResponse(
        {
            "status": "pending",
            "detail": "The evaluation report is being written; try again shortly",
            "retry_after": REPORT_RETRY_AFTER_SECONDS,
        },
        status_code=202,
        headers={"Retry-After": str(REPORT_RETRY_AFTER_SECONDS)},
    )


def _http_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)


def _unexpected(_: Request, error: Exception) -> JSONResponse:
    logger.exception("unhandled error", extra={"error_type": type(error).__name__})
    return JSONResponse({"detail": "Internal server error"}, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ReportPending, _report_pending)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
