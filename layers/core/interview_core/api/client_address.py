"""Who sent a request, as far as the network can tell: the address API Gateway saw the connection
come from (behind it, the Lambda's event), or the socket's peer (locally). X-Forwarded-For is
never read: a client writes what it likes there."""

from __future__ import annotations

from typing import Any

from fastapi import Request

UNKNOWN = "unknown"


def client_address(request: Request) -> str:
    event: Any = request.scope.get("aws.event")
    if isinstance(event, dict):
        context = event.get("requestContext") or {}
        # REST APIs (v1) put it under identity, HTTP APIs (v2) under http.
        for part in ("identity", "http"):
            source = (context.get(part) or {}).get("sourceIp")
            if isinstance(source, str) and source:
                return source
    if request.client is not None and request.client.host:
        return request.client.host
    return UNKNOWN
