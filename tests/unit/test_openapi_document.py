"""The OpenAPI document's shared answers (api/openapi.py) and the patterns by which it states what
the request models accept (api/schemas.py), checked without a server."""

from __future__ import annotations

import re
import sys
from typing import Annotated

import pytest
from interview_core.api.openapi import complete
from interview_core.api.schemas import BLANK_CHARACTERS, Text, _trimmed_length_pattern
from pydantic import StringConstraints, TypeAdapter

INVALID_INPUT = {"$ref": "#/components/schemas/InvalidInputResponse"}
ERROR = {"$ref": "#/components/schemas/ErrorResponse"}


def _schema(response: dict) -> dict:
    return response["content"]["application/json"]["schema"]


def test_the_blank_characters_are_exactly_those_the_models_trim():
    trim = TypeAdapter(Annotated[str, StringConstraints(strip_whitespace=True)])
    blank = re.compile(f"[{BLANK_CHARACTERS}]")

    code_points = (chr(n) for n in range(sys.maxunicode + 1) if not 0xD800 <= n <= 0xDFFF)
    disagreeing = [
        hex(ord(c))
        for c in code_points
        if bool(blank.fullmatch(c)) != (trim.validate_python(f"x{c}") == "x")
    ]

    assert disagreeing == []


@pytest.mark.parametrize("min_length", [1, 2, 3, 5])
@pytest.mark.parametrize(
    "text",
    ["", " ", "a", " a ", "ab", "a b", "a\u3000\u3000b", "\u00a0abc\u2028", "abcde", "\x1cab"],
)
def test_the_documented_pattern_holds_exactly_when_the_model_takes_the_text(min_length, text):
    model = TypeAdapter(Text(100, min_length))
    pattern = _trimmed_length_pattern(min_length)
    assert pattern is not None

    try:
        model.validate_python(text)
        taken = True
    except ValueError:
        taken = False

    assert bool(re.search(pattern, text)) == taken


def test_text_that_may_be_empty_has_no_pattern():
    assert _trimmed_length_pattern(0) is None


def _document() -> dict:
    return {
        "openapi": "3.1.0",
        "paths": {
            "/things": {
                "post": {
                    "requestBody": {
                        "content": {"application/json": {"schema": {"type": "object"}}}
                    },
                    "security": [{"HTTPBearer": []}],
                    "responses": {
                        "201": {"description": "Created"},
                        "422": {
                            "description": "Not a thing of yours",
                            "content": {"application/json": {"schema": ERROR}},
                        },
                    },
                },
                "get": {
                    "responses": {
                        "200": {"description": "OK"},
                        "422": {
                            "description": "Validation Error",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/HTTPValidationError"}
                                }
                            },
                        },
                        "503": {
                            "description": "Its own",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Pending"}
                                }
                            },
                        },
                    },
                },
            },
        },
        "components": {
            "schemas": {"HTTPValidationError": {}, "ValidationError": {}, "Pending": {}}
        },
    }


def test_every_operation_gets_the_shared_answers_and_keeps_its_own():
    document = complete(_document())
    post = document["paths"]["/things"]["post"]["responses"]
    get = document["paths"]["/things"]["get"]["responses"]

    assert post["422"]["description"] == "Not a thing of yours"  # the route's words stay
    assert _schema(post["422"]) == INVALID_INPUT == _schema(get["422"])
    assert set(post) == {"201", "401", "413", "422", "503"}
    assert set(get) == {"200", "422", "503"}  # no body, no token: no 413, no 401
    assert _schema(get["503"]) == {"anyOf": [{"$ref": "#/components/schemas/Pending"}, ERROR]}
    assert get["503"]["description"] == "Its own"
    assert "Retry-After" in post["503"]["headers"] and "Retry-After" in get["503"]["headers"]


def test_the_shared_422_is_a_list_of_problems_or_one_message():
    schemas = complete(_document())["components"]["schemas"]

    detail = schemas["InvalidInputResponse"]["properties"]["detail"]

    assert {"type": "string"} in detail["anyOf"]
    assert {"type": "array", "items": {"$ref": "#/components/schemas/ValidationProblem"}} in detail[
        "anyOf"
    ]
    assert schemas["ValidationProblem"]["required"] == ["loc", "msg", "type"]
    assert (
        "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    )  # nothing refers to them


def test_completing_twice_changes_nothing():
    once = complete(_document())
    assert complete(once) == once
