from fastapi import APIRouter

from interview_core.api.deps import DatabaseDep
from interview_core.api.schemas import HealthResponse

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthResponse, summary="Liveness and database check")
def health(db: DatabaseDep) -> HealthResponse:
    with db.unit_of_work() as uow:
        uow.conn.execute("SELECT 1")
    return HealthResponse(status="ok", database="ok")
