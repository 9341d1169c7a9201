"""`interview users create-admin` checks the e-mail address, the username and the password with
the rules of a sign-up: a bad one is a message and exit code 2, never a traceback, and nothing is
created."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import _clear_cached_singletons


@pytest.fixture
def cli(database_url, monkeypatch, capsys):
    from interview_core.cli import main

    monkeypatch.setenv("DATABASE_URL", database_url)
    _clear_cached_singletons()

    def run(*args: str) -> tuple[int, str, str]:
        try:
            main(["users", "create-admin", *args])
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    _clear_cached_singletons()


GOOD = {"--email": "ops@example.com", "--username": "ops", "--password": "a sturdy passphrase"}


def options(**change: str) -> list[str]:
    merged = {**GOOD, **{f"--{name.replace('_', '-')}": value for name, value in change.items()}}
    return [part for pair in merged.items() for part in pair]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"email": "not-an-email"}, "--email:"),
        ({"email": "ops@"}, "--email:"),
        ({"username": "a/b"}, "--username:"),
        ({"username": "<script>"}, "--username:"),
        ({"username": "has space"}, "--username:"),
        ({"username": "x"}, "--username:"),
        ({"password": "x"}, "--password:"),
        ({"password": "        "}, "--password: The password must not be blank"),
        ({"password": "password"}, "--password: This password is one of the most common"),
        ({"password": "ops@example.com"}, "--password: The password must not be the email"),
        (
            {"username": "operator", "password": "OPERATOR"},
            "--password: The password must not be the username",
        ),
    ],
)
def test_bad_input_is_a_message_and_exit_code_2(cli, sql, change, says):
    code, out, err = cli(*options(**change))

    assert code == 2
    assert says in err and err.startswith("interview: no admin created:")
    assert "Traceback" not in err + out
    assert sql.execute("SELECT count(*) AS n FROM users WHERE role = 'admin'").fetchone()["n"] == 0


def test_good_input_creates_the_admin_and_a_taken_name_is_a_message_too(cli, sql):
    code, out, err = cli(*options())
    assert code == 0, err
    created = json.loads(out)
    assert created["username"] == "ops" and created["role"] == "admin"

    code, out, err = cli(*options(email="ops2@example.com"))
    assert code == 1
    assert err.strip() == "interview: no admin created: This username is already registered"
    assert "Traceback" not in err


def test_the_installed_command_prints_no_traceback_either(tmp_path):
    command = Path(sys.executable).with_name("interview")
    done = subprocess.run(
        [
            str(command),
            "users",
            "create-admin",
            "--email",
            "ops@example.com",
            "--username",
            "a/<b>",
            "--password",
            "x",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "INTERVIEW_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 2
    assert "--username:" in done.stderr and "--password:" in done.stderr
    assert "Traceback" not in done.stderr
