from fastapi import APIRouter, status

from interview_core.api.current_user import CurrentUser
from interview_core.api.deps import DatabaseDep, PublisherDep, SettingsDep
from interview_core.api.idempotency import IdempotencyKey
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.invitations import InvitationBatchResponse, InviteMembersRequest
from interview_core.services import invitations
from interview_core.services.idempotency import IdempotentRequest

router = APIRouter(tags=["invitations"])


@router.post(
    "/organizations/me/invitations",
    status_code=status.HTTP_201_CREATED,
    response_model=InvitationBatchResponse,
    responses={
        401: {"model": ErrorResponse},
        403: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
    summary="Invite recruiters by e-mail to join the organization (its owner)",
)
def invite_members(
    body: InviteMembersRequest,
    user: CurrentUser,
    db: DatabaseDep,
    publisher: PublisherDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> InvitationBatchResponse:
    batch = invitations.invite_members(
        db,
        publisher,
        settings,
        user,
        emails=[str(e) for e in body.emails],
        language=body.language,
        idempotent=IdempotentRequest.of(
            idempotency_key, "POST /organizations/me/invitations", body
        ),
    )
    return InvitationBatchResponse.of(batch.invitations, batch.skipped)
