from fastapi import APIRouter

from interview_core.api.deps import CurrentUser
from interview_core.api.schemas import ErrorResponse, UserResponse

router = APIRouter(tags=["accounts"])


@router.get(
    "/me",
    response_model=UserResponse,
    responses={401: {"model": ErrorResponse}},
    summary="The caller",
)
def me(user: CurrentUser) -> UserResponse:
    return UserResponse.of(user)
