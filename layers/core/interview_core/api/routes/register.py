from fastapi import APIRouter, status

from interview_core.api.deps import DatabaseDep
from interview_core.api.schemas import ErrorResponse, RegisterRequest, UserResponse
from interview_core.domain.models import Role
from interview_core.services import accounts

router = APIRouter(tags=["accounts"])


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserResponse,
    responses={403: {"model": ErrorResponse}, 409: {"model": ErrorResponse}},
    summary="Sign up as a candidate or a recruiter",
)
def register(body: RegisterRequest, db: DatabaseDep) -> UserResponse:
    user = accounts.register_user(
        db,
        email=str(body.email),
        username=body.username,
        password=body.password,
        full_name=body.full_name,
        role=Role(body.role),
    )
    return UserResponse.of(user)
