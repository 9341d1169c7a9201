"""`user: CurrentUser`: the caller, from the bearer token. Apart from api/deps.py so that the
functions that take no token (health, sign-up, log-in, sessions, invitation previews) do not
load the accounts service (issue 11)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from interview_core.api.deps import DatabaseDep, SettingsDep
from interview_core.domain.models import User
from interview_core.errors import Unauthenticated
from interview_core.services.accounts import user_for_token

_bearer = HTTPBearer(auto_error=False, description="The access_token from POST /token")


def _current_user(
    db: DatabaseDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> User:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated("Not authenticated: send 'Authorization: Bearer <access_token>'")
    return user_for_token(db, settings, credentials.credentials)


CurrentUser = Annotated[User, Depends(_current_user)]
