"""What every request and response model stands on: bounded text, ids, the strict request
base, and the error answer."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

# The largest id a JSON client reads exactly (a JavaScript number, a float); PostgreSQL's bigint
# goes further, but no id of this platform comes near either.
MAX_ID = 2**53 - 1


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


# What strip_whitespace removes (Unicode White_Space), spelled out: regex engines, and Python's
# str.isspace(), disagree on what \s is.
BLANK_CHARACTERS = r"\t-\r\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_BLANK = f"[^{BLANK_CHARACTERS}]"


def _trimmed_length_pattern(min_length: int) -> str | None:
    """A regex (unanchored, as JSON Schema reads one) that holds when the text, trimmed, still has
    `min_length` characters: the document's way of saying that blanks around it do not count."""
    if min_length < 1:
        return None
    if min_length == 1:
        return _NOT_BLANK
    return rf"{_NOT_BLANK}[\s\S]{{{min_length - 2},}}{_NOT_BLANK}"


def Text(max_length: int, min_length: int = 1) -> Any:
    """Trimmed text of a bounded length that PostgreSQL can store."""
    return Annotated[
        str,
        StringConstraints(
            strip_whitespace=True,
            min_length=min_length,
            max_length=max_length,
            pattern=_trimmed_length_pattern(min_length),
        ),
        AfterValidator(_no_nul),
    ]


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
InvitationToken = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=200, pattern=_trimmed_length_pattern(1)
    ),
]
Username = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=3, max_length=50, pattern=r"^[A-Za-z0-9_.-]+$"
    ),
]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


# For partial updates: a field that may be left out but not sent as null, so documented without
# null (`title: Text(200) | OmittedOnly = None`).
OmittedOnly = SkipJsonSchema[None]


def _present_means_not_null(value: object) -> object:
    """For partial updates: a field may be left out, but not sent as null."""
    if value is None:
        raise ValueError("may be omitted but not null")
    return value


# An answer sent whole (every field, a defaulted one too: no exclude_none): its document lists the
# fields with a default as required as well, which pydantic otherwise leaves out of `required`, so
# that clients generated from the document (the web app's types) know that they are always there.
SENT_WHOLE = ConfigDict(json_schema_serialization_defaults_required=True)


class ErrorResponse(BaseModel):
    detail: str | list[dict[str, Any]]
    code: str = Field(
        default="error",
        description=(
            "What went wrong, for a client to translate: the kind (not_found, conflict, "
            "validation_error...) or a precise case (consent_required, not_open_yet...)"
        ),
    )


def not_a_boolean(value: object) -> object:
    """A `mode="before"` validator of whole numbers: JSON's true and false are not 1 and 0 here
    (a whole number such as 3.0 still is 3)."""
    if isinstance(value, bool):
        raise ValueError("a whole number is expected, not true or false")  # noqa: TRY004 (pydantic)
    return value
