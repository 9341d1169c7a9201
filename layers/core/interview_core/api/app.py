"""The FastAPI app around some routers: one router in a Lambda, all of them locally."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute

from interview_core.api.body_limit import install_body_limit
from interview_core.api.errors import install_error_handlers
from interview_core.api.nul_guard import install_nul_guard
from interview_core.api.openapi import install_openapi_document
from interview_core.settings import Settings

API_TITLE = "AI Interview Platform API"


def _operation_id(route: APIRoute) -> str:
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


def create_app(settings: Settings, routers: list[APIRouter]) -> FastAPI:
    app = FastAPI(title=API_TITLE, version="0.1.0", generate_unique_id_function=_operation_id)
    for router in routers:
        app.include_router(router)
    install_error_handlers(app)
    install_openapi_document(app)  # documents what the handlers and middleware answer
    install_nul_guard(app)  # before CORS, so that CORS wraps its 422 too
    install_body_limit(app, settings)  # after (outside) the NUL guard, which reads JSON bodies
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_credentials="*" not in settings.allowed_origins,
        allow_methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=[
            "Authorization",
            "Content-Type",
            "Idempotency-Key",
            "X-Session",
            "X-Requested-With",
        ],
        expose_headers=["Retry-After"],
    )
    return app
