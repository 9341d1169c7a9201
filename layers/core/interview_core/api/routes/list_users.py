from typing import Annotated

from fastapi import APIRouter, Query

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep
from interview_core.api.models.accounts import UserResponse
from interview_core.api.models.common import ErrorResponse
from interview_core.domain.models import Role
from interview_core.services import users

router = APIRouter(tags=["users"])


@router.get(
    "/users",
    response_model=list[UserResponse],
    responses={401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}},
    summary="Every account (admins)",
)
def list_users(
    user: CurrentUser,
    db: DatabaseDep,
    role: Role | None = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            pattern=r"^[^\x00]*$",
            description="Text in the username, e-mail or name",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[UserResponse]:
    return [
        UserResponse.of(u)
        for u in users.list_users(db, user, role=role, text=q, limit=limit, offset=offset)
    ]
