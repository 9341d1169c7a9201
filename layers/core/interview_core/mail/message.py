"""A mail to send: one recipient, a subject, a plain text body, optional HTML and headers.

Addresses are `addr@domain` or `Display Name <addr@domain>`; the display name may be Korean
(each sender encodes it for the wire), the domain may be internationalised (kept as IDNA), the
local part must be ASCII (neither SES nor most relays take SMTPUTF8). An address, subject or
header with a line break is refused, so nothing a caller puts there can add a recipient.
"""

from __future__ import annotations

from email.headerregistry import Address
from email.policy import default as default_policy
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

# Set by the senders themselves: a caller's header must not replace or add to them.
RESERVED_HEADERS = frozenset(
    {
        "bcc",
        "cc",
        "content-transfer-encoding",
        "content-type",
        "date",
        "from",
        "message-id",
        "mime-version",
        "reply-to",
        "return-path",
        "sender",
        "subject",
        "to",
    }
)
MAX_HEADERS = 15  # SES's limit


def _has_control_characters(value: str) -> bool:
    return any(ord(c) < 32 or ord(c) == 127 for c in value)


def parse_address(value: str) -> Address:
    """One e-mail address, with an optional display name; ValueError when it is not."""
    problem = ValueError(
        "must be one e-mail address, optionally with a display name: Name <a@example.com>"
    )
    if _has_control_characters(value):
        raise problem
    try:
        header = default_policy.header_factory("to", value.strip())
        [address] = header.addresses
    except (IndexError, ValueError):
        raise problem from None
    if not address.username.isascii():
        raise ValueError("the part before @ must be ASCII")
    if (
        header.defects
        or not address.username
        or "." not in address.domain
        or address.domain.startswith("[")
    ):
        raise problem
    try:
        domain = address.domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise problem from None
    return Address(address.display_name, address.username, domain)


def _normalised_address(value: str) -> str:
    return str(parse_address(value))


MailAddress = Annotated[str, AfterValidator(_normalised_address)]


class MailMessage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    to: MailAddress
    subject: str = Field(min_length=1, max_length=998)
    text: str = Field(min_length=1)
    html: str | None = None
    # Extra headers such as X-Interview-Invitation: printable ASCII, as SES requires.
    headers: dict[str, str] = Field(default_factory=dict, max_length=MAX_HEADERS)

    @field_validator("subject")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if _has_control_characters(value):
            raise ValueError("the subject must be one line")
        return value

    @field_validator("headers")
    @classmethod
    def _printable_ascii(cls, value: dict[str, str]) -> dict[str, str]:
        for name, text in value.items():
            if (
                not name
                or len(name) > 126
                or not all(33 <= ord(c) <= 126 and c != ":" for c in name)
            ):
                raise ValueError(
                    f"header name {name!r} must be 1-126 printable ASCII characters, no colon"
                )
            if name.lower() in RESERVED_HEADERS:
                raise ValueError(f"header {name} is set by the sender")
            if len(text) > 995 or not all(32 <= ord(c) <= 126 for c in text):
                raise ValueError(f"header {name} must be at most 995 printable ASCII characters")
        return value
