"""The evaluator in use: the LLM evaluator (falling back to the offline one) when an LLM key is set,
else the offline rubric evaluator. EVALUATOR=offline forces the offline one. See llm_settings.py."""

from __future__ import annotations

from functools import lru_cache

from interview_core.ai.evaluation.base import Evaluator
from interview_core.ai.evaluation.llm_settings import LLMSettings, get_llm_settings
from interview_core.ai.evaluation.offline import OfflineRubricEvaluator


def build_evaluator(settings: LLMSettings) -> Evaluator:
    endpoint = settings.endpoint()
    if endpoint is None:
        return OfflineRubricEvaluator()
    from interview_core.ai.evaluation.llm import LLMEvaluator  # the openai SDK only when used

    base_url, api_key, model = endpoint
    return LLMEvaluator(
        base_url=base_url,
        api_key=api_key.get_secret_value(),
        model=model,
        timeout_seconds=settings.llm_timeout_seconds,
        max_retries=settings.llm_max_retries,
        backoff_seconds=settings.llm_backoff_seconds,
        max_backoff_seconds=settings.llm_max_backoff_seconds,
        fallback=OfflineRubricEvaluator(),
    )


@lru_cache(maxsize=1)
def get_evaluator() -> Evaluator:
    return build_evaluator(get_llm_settings())
