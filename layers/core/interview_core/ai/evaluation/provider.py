"""The evaluator in use: the LLM evaluator (falling back to the offline one) when an LLM key is set,
else the offline rubric evaluator. EVALUATOR=offline forces the offline one. See llm_settings.py."""

from __future__ import annotations

from functools import lru_cache

from interview_core.ai.evaluation.base import Evaluator
from interview_core.ai.evaluation.llm_settings import LLMSettings, get_llm_settings
from interview_core.ai.evaluation.offline import OfflineRubricEvaluator


def build_evaluator(settings: LLMSettings) -> Evaluator:
    if settings.endpoint() is None:
        return OfflineRubricEvaluator()
    from interview_core.ai.evaluation.llm import LLMEvaluator
    from interview_core.ai.llm_client import LLMClient  # the openai SDK only when used

    client = LLMClient.from_settings(settings)
    assert client is not None  # an endpoint is configured
    return LLMEvaluator(
        client,
        fallback=OfflineRubricEvaluator(),
        max_answer_chars=settings.llm_max_answer_chars,
        max_transcript_chars=settings.llm_max_transcript_chars,
    )


@lru_cache(maxsize=1)
def get_evaluator() -> Evaluator:
    return build_evaluator(get_llm_settings())
