"""Evaluating a finished interview."""
