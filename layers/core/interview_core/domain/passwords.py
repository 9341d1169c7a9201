"""The password rule of every way an account gets one (sign-up, sign-up through an invitation,
`interview users create-admin`), as a pure function: the caller brings the list of common
passwords (services/password_policy.py reads the bundled one)."""

from __future__ import annotations

from collections.abc import Container
from enum import StrEnum

MIN_LENGTH = 8
MAX_LENGTH = 128
# The README's curl scenario signs up with it: accepted only where ENVIRONMENT is local or test.
SEED_PASSWORD = "test1234"
SEED_PASSWORD_ENVIRONMENTS = ("local", "test")


class PasswordProblem(StrEnum):
    """Why a password is refused; the value is the `type` of the 422 (the web app translates it)."""

    BLANK = "password_blank"
    TOO_SHORT = "password_too_short"
    TOO_LONG = "password_too_long"
    IS_USERNAME = "password_is_username"
    IS_EMAIL = "password_is_email"
    TOO_COMMON = "password_too_common"


MESSAGES: dict[PasswordProblem, str] = {
    PasswordProblem.BLANK: "The password must not be blank or only spaces",
    PasswordProblem.TOO_SHORT: (
        f"The password needs at least {MIN_LENGTH} characters (spaces around it do not count)"
    ),
    PasswordProblem.TOO_LONG: f"The password may have at most {MAX_LENGTH} characters",
    PasswordProblem.IS_USERNAME: "The password must not be the username",
    PasswordProblem.IS_EMAIL: (
        "The password must not be the email address (or the part before the @)"
    ),
    PasswordProblem.TOO_COMMON: "This password is one of the most common ones; choose another",
}


def password_problem(
    password: str,
    *,
    username: str,
    email: str,
    common_passwords: Container[str],
    environment: str,
) -> PasswordProblem | None:
    """What is wrong with `password` for the account (username, email), or None when it will do.
    Case is ignored when comparing with the username, the email and the common passwords, and so
    are spaces around the password: they add nothing an attacker would not try."""
    if environment in SEED_PASSWORD_ENVIRONMENTS and password == SEED_PASSWORD:
        return None
    core = password.strip()
    if not core:
        return PasswordProblem.BLANK
    if len(core) < MIN_LENGTH:
        return PasswordProblem.TOO_SHORT
    if len(password) > MAX_LENGTH:
        return PasswordProblem.TOO_LONG
    folded = core.casefold()
    if folded == username.strip().casefold():
        return PasswordProblem.IS_USERNAME
    email_folded = email.strip().casefold()
    if folded in (email_folded, email_folded.partition("@")[0]):
        return PasswordProblem.IS_EMAIL
    if folded in common_passwords:
        return PasswordProblem.TOO_COMMON
    return None
