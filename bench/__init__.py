"""Benchmarks on labeled data: `python -m bench.evaluator_bench`."""
