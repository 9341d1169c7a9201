"""The password rule (domain/passwords.py) with the bundled list of common passwords."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from interview_core.domain.passwords import MESSAGES, password_problem
from interview_core.errors import InvalidField

COMMON_PASSWORDS_FILE = "common_passwords.txt"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    text = files("interview_core.domain").joinpath(COMMON_PASSWORDS_FILE).read_text("utf-8")
    return frozenset(
        line.strip().casefold()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def require_acceptable_password(
    password: str, *, username: str, email: str, environment: str
) -> None:
    """Raises InvalidField (a 422 naming `password`) with the reason when the rule refuses it."""
    problem = password_problem(
        password,
        username=username,
        email=email,
        common_passwords=common_passwords(),
        environment=environment,
    )
    if problem is not None:
        raise InvalidField("password", MESSAGES[problem], code=problem.value)
