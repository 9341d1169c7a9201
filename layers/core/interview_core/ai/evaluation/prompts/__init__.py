"""Prompt files of the LLM evaluator, read with importlib.resources."""
