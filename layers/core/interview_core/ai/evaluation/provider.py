"""The evaluator in use. The offline rubric evaluator by default; LLM evaluators plug in here."""

from __future__ import annotations

from functools import lru_cache

from interview_core.ai.evaluation.base import Evaluator
from interview_core.ai.evaluation.offline import OfflineRubricEvaluator


@lru_cache(maxsize=1)
def get_evaluator() -> Evaluator:
    return OfflineRubricEvaluator()
