"""The performance bench's arithmetic and parsing (the bench itself prints; it asserts nothing)."""

from __future__ import annotations

import math

from bench.perf.cold_start import parse_importtime, rest_event
from bench.perf.table import Row, goal_check, percentile, ratio, render


def test_percentiles_are_nearest_rank_and_empty_is_nan():
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.95) == 5.0
    assert percentile(values, 0.0) == 1.0
    assert math.isnan(percentile([], 0.5))


def test_ratio_and_goal_are_undecided_without_a_measurement():
    assert ratio(3.0, 2.0) == 1.5
    assert math.isnan(ratio(3.0, 0.0)) and math.isnan(ratio(math.nan, 1.0))
    assert goal_check(1.2, lambda r: r <= 1.3) is True
    assert goal_check(1.4, lambda r: r <= 1.3) is False
    assert goal_check(math.nan, lambda r: r <= 1.3) is None


def test_the_table_has_one_line_per_figure_and_says_which_goals_are_met():
    text = render(
        [
            Row("cold start", "500 ms", "floor 400 ms", "1.25x", "<= 1.3x", True),
            Row("question choice", "40 ms", "3 ms", "13.33x", "<= 20 ms", False),
            Row("layers", "89 MB", "262 MB", "34%", "keep", None),
        ],
        "Performance",
    )
    lines = text.splitlines()
    assert lines[0] == "Performance" and len(lines) == 6
    assert lines[3].rstrip().endswith("| yes |")
    assert lines[4].rstrip().endswith("| NO  |")
    assert lines[5].rstrip().endswith("| -   |")


def test_importtime_output_gives_the_slowest_outer_imports_first():
    stderr = """import time: self [us] | cumulative | imported package
import time:       120 |        120 |     json.decoder
import time:       300 |        420 |   json
import time:      1000 |       9000 | fastapi
import time:        50 |       2000 |   fastapi.routing
import time:        10 |         10 |       deep.module
"""
    assert parse_importtime(stderr, 3) == [
        (9000, "fastapi"),
        (2000, "fastapi.routing"),
        (420, "json"),
    ]


def test_the_first_event_of_a_route_fills_its_path_parameters():
    event = rest_event("GET", "/interviews/{interview_id}/report")
    assert event["path"] == "/interviews/1/report"
    assert event["pathParameters"] == {"interview_id": "1"}
    assert event["body"] is None
    assert rest_event("POST", "/token")["body"] == "{}"
