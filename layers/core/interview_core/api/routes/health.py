from fastapi import APIRouter
from fastapi.responses import JSONResponse

from interview_core.api.deps import DatabaseDep
from interview_core.api.models.health import HealthResponse
from interview_core.db.connection import DatabaseUnavailable

router = APIRouter(tags=["health"])

# /health answers within about a second even when the database does not.
HEALTH_WAIT_SECONDS = 1.0


@router.get(
    "/health",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "The database does not answer"}},
    summary="Liveness and database check",
)
def health(db: DatabaseDep) -> HealthResponse | JSONResponse:
    try:
        with db.unit_of_work(wait_seconds=HEALTH_WAIT_SECONDS) as uow:
            uow.conn.execute("SELECT 1")
    except DatabaseUnavailable:
        body = HealthResponse(status="unavailable", database="unavailable")
        return JSONResponse(
            body.model_dump(),
            status_code=503,
            headers={"Retry-After": str(DatabaseUnavailable.retry_after_seconds)},
        )
    return HealthResponse(status="ok", database="ok")
