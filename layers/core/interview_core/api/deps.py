"""What a route depends on, as typed aliases: `db: DatabaseDep`, `user: CurrentUser`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from interview_core.ai.speech.deepgram import DeepgramSpeech, get_speech
from interview_core.db.connection import Database, get_database
from interview_core.domain.models import User
from interview_core.errors import Unauthenticated
from interview_core.jobs.publisher import JobPublisher, get_publisher
from interview_core.services.accounts import user_for_token
from interview_core.settings import Settings, get_settings

SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
PublisherDep = Annotated[JobPublisher, Depends(get_publisher)]
SpeechDep = Annotated[DeepgramSpeech | None, Depends(get_speech)]

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
