from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.accounts import UpdateUserRequest, UserResponse
from interview_core.api.models.common import ErrorResponse
from interview_core.api.routes.params import UserId
from interview_core.services import users

router = APIRouter(tags=["users"])


@router.patch(
    "/users/{user_id}",
    response_model=UserResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        409: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
    summary="Change an account's role (admins); a new recruiter joins the organization given",
)
def update_user(
    user_id: UserId, body: UpdateUserRequest, user: CurrentUser, db: DatabaseDep
) -> UserResponse:
    return UserResponse.of(
        users.change_role(db, user, user_id, body.role, organization_id=body.organization_id)
    )
