from fastapi import APIRouter, status

from interview_core.api.deps import DatabaseDep, SettingsDep
from interview_core.api.models.accounts import RegisterRequest, UserResponse
from interview_core.api.models.common import ErrorResponse
from interview_core.domain.models import Role
from interview_core.services import accounts

router = APIRouter(tags=["accounts"])


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserResponse,
    responses={
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
        429: {
            "model": ErrorResponse,
            "description": "In AWS: too many sign-ups and log-ins from this address "
            "(the firewall's rate rule)",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        },
    },
    summary=(
        "Sign up as a candidate, or as a recruiter founding an organization (or through an "
        "invitation)"
    ),
)
def register(body: RegisterRequest, db: DatabaseDep, settings: SettingsDep) -> UserResponse:
    user = accounts.register_user(
        db,
        settings,
        email=str(body.email),
        username=body.username,
        password=body.password,
        full_name=body.full_name,
        role=Role(body.role) if body.role else None,
        organization_name=body.organization_name,
        invitation_token=body.invitation_token,
    )
    return UserResponse.of(user)
