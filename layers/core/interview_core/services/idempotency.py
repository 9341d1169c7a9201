"""Idempotency-Key: a POST retried with the same key returns its first result and changes
nothing. The service calls `replayed` at the start of its transaction and `remember` at its end,
so the result is kept if and only if what the request did commits (a request that failed keeps
nothing, and its retry runs again)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter

from interview_core.db import idempotency
from interview_core.db.connection import Connection
from interview_core.domain.models import User
from interview_core.errors import InvalidInput

T = TypeVar("T")


@dataclass(frozen=True)
class IdempotentRequest:
    """A request's key and what identifies the request itself (route and body)."""

    key: str
    scope: str
    request_hash: str

    @classmethod
    def of(
        cls, key: str | None, scope: str, payload: BaseModel | dict[str, Any] | None = None
    ) -> IdempotentRequest | None:
        if key is None:
            return None
        body = (
            payload.model_dump(mode="json") if isinstance(payload, BaseModel) else (payload or {})
        )
        canonical = json.dumps(
            {"scope": scope, "body": body}, sort_keys=True, separators=(",", ":")
        )
        return cls(
            key=key, scope=scope, request_hash=hashlib.sha256(canonical.encode()).hexdigest()
        )


def replayed(
    conn: Connection, user: User, request: IdempotentRequest | None, kind: Any
) -> Any | None:
    """The first result of this request, if one with the same key has committed (waiting for one
    still in flight); None when the request is to run. `kind` is the result's type."""
    if request is None:
        return None
    stored = idempotency.stored_response(conn, user_id=user.id, key=request.key)
    if stored is None:
        return None
    if stored.scope != request.scope or stored.request_hash != request.request_hash:
        raise InvalidInput(
            "This Idempotency-Key was already used for a different request; send a new key for a "
            "new request"
        )
    return TypeAdapter(kind).validate_python(stored.response)


def remember(
    conn: Connection, user: User, request: IdempotentRequest | None, result: T, kind: Any
) -> T:
    if request is not None:
        idempotency.store_response(
            conn,
            user_id=user.id,
            key=request.key,
            scope=request.scope,
            request_hash=request.request_hash,
            response=TypeAdapter(kind).dump_python(result, mode="json"),
        )
    return result
