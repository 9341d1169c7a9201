from fastapi import APIRouter

from interview_core.api.deps import DatabaseDep, SettingsDep
from interview_core.api.models.common import ErrorResponse
from interview_core.api.models.invitations import InvitationPreviewResponse, InvitationTokenRequest
from interview_core.services import invitations

router = APIRouter(tags=["invitations"])


@router.post(
    "/invitations/preview",
    response_model=InvitationPreviewResponse,
    responses={404: {"model": ErrorResponse}, 409: {"model": ErrorResponse}},
    summary="What an invitation link invites to, before signing in (anyone with the link)",
    description="The token travels in the body, never in a URL the API logs.",
)
def preview_invitation(
    body: InvitationTokenRequest, db: DatabaseDep, settings: SettingsDep
) -> InvitationPreviewResponse:
    return InvitationPreviewResponse.of(invitations.preview(db, settings, body.token))
