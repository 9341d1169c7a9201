"""A bad setting stops the start with a message naming it, whichever concern reads it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from interview_core.configuration import ConfigurationError, check_configuration

GOOD = {"DATABASE_URL": "postgresql://x@localhost/db", "SECRET_KEY": "a-long-enough-secret-key"}
SETTINGS = (
    "SECRET_KEY",
    "EVALUATOR",
    "SENTIMENT_PROVIDER",
    "QUESTION_EMBEDDINGS",
    "LLM_API_KEY",
    "HUGGINGFACE_API_KEY",
    "LLM_TIMEOUT_SECONDS",
    "LLM_MAX_OUTPUT_TOKENS",
    "QUEUE_BACKEND",
    "DATABASE_URL",
)


@pytest.fixture
def environment(monkeypatch):
    from tests.conftest import _clear_cached_singletons

    def set_environment(**values: str) -> None:
        for name in SETTINGS:
            monkeypatch.delenv(name, raising=False)
        for name, value in {**GOOD, **values}.items():
            monkeypatch.setenv(name, value)
        _clear_cached_singletons()

    yield set_environment
    _clear_cached_singletons()


def test_good_defaults_pass(environment):
    environment()
    check_configuration()


def test_every_bad_setting_is_named_at_once_and_no_secret_is_shown(environment):
    environment(
        SECRET_KEY="tiny-secret",
        EVALUATOR="gpt",
        SENTIMENT_PROVIDER="vader",
        QUESTION_EMBEDDINGS="bert",
        LLM_TIMEOUT_SECONDS="-1",
        QUEUE_BACKEND="redis",
    )

    with pytest.raises(ConfigurationError) as raised:
        check_configuration()

    problems = raised.value.problems
    assert [problem.split(":")[0].split(" ")[0] for problem in problems] == [
        "SECRET_KEY",
        "QUEUE_BACKEND",
        "EVALUATOR",
        "LLM_TIMEOUT_SECONDS",
        "SENTIMENT_PROVIDER",
        "QUESTION_EMBEDDINGS",
    ]
    assert "SECRET_KEY must be at least 16 characters" in problems
    assert "QUESTION_EMBEDDINGS: Input should be 'auto', 'e5', 'hashing' or 'off'" in problems
    assert "tiny-secret" not in str(raised.value)


def test_an_llm_evaluator_without_a_key_is_refused(environment):
    environment(EVALUATOR="llm")
    with pytest.raises(ConfigurationError, match="EVALUATOR=llm needs LLM_API_KEY"):
        check_configuration()
    environment(EVALUATOR="llm", LLM_API_KEY="sk-test")
    check_configuration()


def test_an_llm_timeout_too_short_for_its_token_limit_is_refused(environment):
    environment(LLM_TIMEOUT_SECONDS="15", LLM_MAX_OUTPUT_TOKENS="8000")
    with pytest.raises(
        ConfigurationError, match="LLM_TIMEOUT_SECONDS is too short for LLM_MAX_OUTPUT_TOKENS"
    ):
        check_configuration()
    environment(LLM_TIMEOUT_SECONDS="15", LLM_MAX_OUTPUT_TOKENS="3000")
    check_configuration()


def test_a_consumer_lambda_with_a_bad_setting_fails_its_cold_start(environment):
    from interview_core.jobs.consumer import sqs_job_handler
    from interview_core.jobs.messages import ReportJob

    environment(EVALUATOR="gpt")
    with pytest.raises(ConfigurationError, match="EVALUATOR"):
        sqs_job_handler(ReportJob, lambda job: None)


def test_interview_dev_explains_a_bad_setting_instead_of_a_traceback():
    # DATABASE_URL set: the check comes before anything connects to it.
    env = {**os.environ, **GOOD, "SECRET_KEY": "short", "SENTIMENT_PROVIDER": "vader"}
    finished = subprocess.run(
        [sys.executable, "-m", "interview_core.cli", "dev", "--no-web", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 2
    assert finished.stderr.startswith("interview: invalid configuration:\n")
    assert "  SECRET_KEY must be at least 16 characters\n" in finished.stderr
    assert "SENTIMENT_PROVIDER: Input should be 'offline' or 'comprehend'" in finished.stderr
    assert "Traceback" not in finished.stderr
