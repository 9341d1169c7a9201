from fastapi import APIRouter

from interview_core.api.current_user import CurrentUser
from interview_core.api.models.accounts import UserResponse
from interview_core.api.models.common import ErrorResponse

router = APIRouter(tags=["accounts"])


@router.get(
    "/me",
    response_model=UserResponse,
    responses={401: {"model": ErrorResponse}},
    summary="The caller",
)
def me(user: CurrentUser) -> UserResponse:
    return UserResponse.of(user)
