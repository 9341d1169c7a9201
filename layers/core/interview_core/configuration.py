"""Every group of settings checked together at start-up (`interview dev`, a Lambda's cold start).

Each concern reads its own settings (settings.py, ai/*/settings.py, mail/settings.py) when first
used; this check reads them all up front, so a bad value stops the start with one message naming
each variable and what is wrong with it, instead of a traceback, or a failure at the first job
that reads it.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError


class ConfigurationError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            "invalid configuration:\n" + "\n".join(f"  {problem}" for problem in problems)
        )


def _described(error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors():
        message = item["msg"].removeprefix("Value error, ")
        name = ".".join(str(part) for part in item["loc"]).upper()
        problems.append(f"{name}: {message}" if name and not message.startswith(name) else message)
    return problems


def _readers() -> list[Callable[[], object]]:
    from interview_core.ai.embeddings.settings import get_embedding_settings
    from interview_core.ai.evaluation.llm_settings import get_llm_settings
    from interview_core.ai.sentiment.settings import get_sentiment_settings
    from interview_core.mail.settings import get_mail_settings
    from interview_core.settings import get_settings

    # endpoint(): EVALUATOR=llm with no key is refused here too.
    return [
        get_settings,
        lambda: get_llm_settings().endpoint(),
        get_sentiment_settings,
        get_embedding_settings,
        get_mail_settings,
    ]


def check_configuration() -> None:
    """Raise ConfigurationError listing every setting with a bad value; values are never shown."""
    problems: list[str] = []
    for read in _readers():
        try:
            read()
        except ValidationError as error:
            problems += _described(error)
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise ConfigurationError(problems)
