"""What a route depends on, as typed aliases: `db: DatabaseDep`, `publisher: PublisherDep` (the
caller, `user: CurrentUser`, is in api/current_user.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends

from interview_core.db.connection import Database, get_database
from interview_core.settings import Settings, get_settings

if TYPE_CHECKING:
    from interview_core.ai.speech.deepgram import DeepgramSpeech
    from interview_core.jobs.publisher import JobPublisher

SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]


# The publisher and the speech client are loaded by the routes that use them, not by every
# function that imports this module (issue 11).
def _publisher() -> JobPublisher:
    from interview_core.jobs.publisher import get_publisher

    return get_publisher()


def _speech() -> DeepgramSpeech | None:
    from interview_core.ai.speech.deepgram import get_speech

    return get_speech()


if TYPE_CHECKING:
    PublisherDep = Annotated[JobPublisher, Depends(_publisher)]
    SpeechDep = Annotated[DeepgramSpeech | None, Depends(_speech)]
else:  # FastAPI reads these at import: a dependency's type is never checked
    PublisherDep = Annotated[Any, Depends(_publisher)]
    SpeechDep = Annotated[Any, Depends(_speech)]
