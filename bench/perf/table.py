"""Figures, their baselines and goals, and the one table they print as."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (fraction in 0..1) of `values`; NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def ratio(value: float, baseline: float) -> float:
    """value / baseline; NaN when either is missing or the baseline is 0."""
    if math.isnan(value) or math.isnan(baseline) or baseline == 0:
        return math.nan
    return value / baseline


def ms(seconds: float) -> str:
    if math.isnan(seconds):
        return "n/a"
    value = 1000 * seconds
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def fmt_ratio(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.2f}x"


@dataclass
class Row:
    figure: str
    now: str
    baseline: str
    ratio: str
    goal: str
    met: bool | None  # None: no goal to meet ("keep, printed") or not measured

    def verdict(self) -> str:
        return {True: "yes", False: "NO", None: "-"}[self.met]


def goal_check(value: float, check: Callable[[float], bool]) -> bool | None:
    return None if math.isnan(value) else bool(check(value))


def render(rows: Sequence[Row], title: str) -> str:
    header = ("figure", "now", "baseline (same run)", "ratio", "goal", "met")
    cells = [header, *((r.figure, r.now, r.baseline, r.ratio, r.goal, r.verdict()) for r in rows)]
    widths = [min(60, max(len(row[i]) for row in cells)) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([title, line(header), rule, *(line(r) for r in cells[1:])])
