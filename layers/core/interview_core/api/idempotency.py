"""The Idempotency-Key header of the POSTs that create or change something."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description=(
            "A key of your choice (a UUID, say), new for each request and the same on its "
            "retries: a retry returns the first response and changes nothing. The same key for a "
            "different request is a 422."
        ),
    ),
]
