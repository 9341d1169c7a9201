"""The secret of an invitation link, never stored.

A link carries `<id>.<mac>`: the mac is an HMAC-SHA256 of the invitation's id and its current
nonce under the platform's SECRET_KEY. The database keeps only the nonce, so reading it gives no
usable link; a resend draws a new nonce, which ends every earlier link of that invitation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

_FORMAT = re.compile(r"^([1-9][0-9]{0,18})\.([A-Za-z0-9_-]{43})$")


def new_nonce() -> str:
    return secrets.token_hex(16)


def _mac(key: str, invitation_id: int, nonce: str) -> str:
    digest = hmac.new(
        key.encode(), f"invitation:{invitation_id}:{nonce}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def make_token(key: str, invitation_id: int, nonce: str) -> str:
    return f"{invitation_id}.{_mac(key, invitation_id, nonce)}"


def token_invitation_id(token: str) -> int | None:
    """The invitation a well-formed token names (not yet verified), else None."""
    match = _FORMAT.match(token)
    return int(match.group(1)) if match else None


def token_matches(key: str, token: str, invitation_id: int, nonce: str) -> bool:
    return hmac.compare_digest(token, make_token(key, invitation_id, nonce))
