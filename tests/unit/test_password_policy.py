"""The password rule (domain/passwords.py) with the bundled list of common passwords."""

from __future__ import annotations

import pytest
from interview_core.domain.passwords import MIN_LENGTH, PasswordProblem, password_problem
from interview_core.errors import InvalidField
from interview_core.services.password_policy import common_passwords, require_acceptable_password

ACCOUNT = {"username": "kim", "email": "Kim.Jiwoo@Example.com"}


def problem(password: str, environment: str = "prod", **account: str) -> PasswordProblem | None:
    return password_problem(
        password,
        **{**ACCOUNT, **account},
        common_passwords=common_passwords(),
        environment=environment,
    )


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("", PasswordProblem.BLANK),
        ("        ", PasswordProblem.BLANK),
        ("\t \n   \u3000 ", PasswordProblem.BLANK),
        ("short1!", PasswordProblem.TOO_SHORT),
        ("  abc12  ", PasswordProblem.TOO_SHORT),  # 9 characters, 5 of them spaces
        ("x" * 129, PasswordProblem.TOO_LONG),
        ("password", PasswordProblem.TOO_COMMON),
        ("Password", PasswordProblem.TOO_COMMON),
        ("PASSWORD123", PasswordProblem.TOO_COMMON),
        (" password123 ", PasswordProblem.TOO_COMMON),
        ("qwer1234", PasswordProblem.TOO_COMMON),
        ("1q2w3e4r", PasswordProblem.TOO_COMMON),
        ("iloveyou", PasswordProblem.TOO_COMMON),
        ("12345678", PasswordProblem.TOO_COMMON),
        ("test1234", PasswordProblem.TOO_COMMON),  # the seed's, outside local and test
    ],
)
def test_refused_passwords_say_why(password, expected):
    assert problem(password) == expected


def test_the_username_and_the_email_are_refused_whatever_the_case():
    assert problem("Jiwoo-Kim", username="jiwoo-kim") == PasswordProblem.IS_USERNAME
    assert problem("kim.jiwoo@example.com") == PasswordProblem.IS_EMAIL
    assert problem("KIM.JIWOO") == PasswordProblem.IS_EMAIL  # the part before the @


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "s3cret-pass", "비밀번호는길게써요", "x" * 128, "pass-phrase-42"],
)
def test_a_long_uncommon_password_is_accepted(password):
    assert problem(password) is None


@pytest.mark.parametrize("environment", ["local", "test"])
def test_the_seed_password_works_only_on_a_developers_machine_and_in_tests(environment):
    assert problem("test1234", environment=environment) is None
    # Exactly the seed's: its neighbours stay refused there too
    assert problem("Test1234", environment=environment) == PasswordProblem.TOO_COMMON
    assert problem("password", environment=environment) == PasswordProblem.TOO_COMMON
    for environment_elsewhere in ("dev", "prod"):
        assert problem("test1234", environment=environment_elsewhere) == PasswordProblem.TOO_COMMON


def test_the_bundled_list_holds_a_few_thousand_common_passwords_of_the_minimum_length():
    passwords = common_passwords()
    assert 3000 <= len(passwords) <= 20000
    assert all(len(entry) >= MIN_LENGTH for entry in passwords)
    assert all(
        entry == entry.strip().casefold() and not entry.startswith("#") for entry in passwords
    )
    assert {"password", "password1", "12345678", "sunshine", "qwertyuiop", "trustno1"} <= passwords


def test_the_service_raises_a_field_error_with_the_reason():
    with pytest.raises(InvalidField) as refused:
        require_acceptable_password(
            "password", username="kim", email="kim@example.com", environment="prod"
        )
    assert refused.value.field == "password"
    assert refused.value.code == "password_too_common"
    assert "common" in refused.value.message
    require_acceptable_password(
        "a sturdy passphrase", username="kim", email="kim@example.com", environment="prod"
    )
