"""The one check every fault test ends in: every acknowledged answer (a POST /transcripts that
returned 2xx) is stored exactly once, `order` has no gap or repeat in any interview, and every
completed interview has exactly one report (once the workers have caught up)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import psycopg


@dataclass(frozen=True)
class Survived:
    """What the check counted: for the test's own assertions and the closing note."""

    answers_acknowledged: int
    answers_stored_once: int
    interviews: int
    completed: int
    reports: int


def wait_for_reports(
    conn: psycopg.Connection, interview_ids: Iterable[int], *, seconds: float = 60
) -> None:
    """Until every one of these interviews has a report, or `seconds` have passed."""
    ids = list(interview_ids)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = conn.execute(
            "SELECT count(DISTINCT interview_id) FROM evaluation_reports"
            " WHERE interview_id = ANY(%s)",
            (ids,),
        ).fetchone()[0]
        if found == len(ids):
            return
        time.sleep(0.5)


def check_nothing_lost_or_doubled(
    database_url: str,
    acknowledged: dict[str, int],
    *,
    report_wait_seconds: float = 60,
) -> Survived:
    """`acknowledged`: each acknowledged answer's text (unique per test) -> its interview."""
    interview_ids = sorted(set(acknowledged.values()))
    with psycopg.connect(database_url, autocommit=True) as conn:
        stored = Counter(
            text
            for (text,) in conn.execute(
                "SELECT text FROM transcripts WHERE text = ANY(%s)", (list(acknowledged),)
            )
        )
        lost = sorted(text for text in acknowledged if stored[text] == 0)
        doubled = sorted(text for text in acknowledged if stored[text] > 1)
        assert not lost, f"acknowledged but not stored: {lost}"
        assert not doubled, f"stored more than once: {doubled}"
        wrong_interview = conn.execute(
            "SELECT text, interview_id FROM transcripts WHERE text = ANY(%s)",
            (list(acknowledged),),
        ).fetchall()
        assert all(acknowledged[text] == interview for text, interview in wrong_interview)

        for interview_id, orders in conn.execute(
            'SELECT interview_id, array_agg("order" ORDER BY "order") FROM transcripts'
            " WHERE interview_id = ANY(%s) GROUP BY interview_id",
            (interview_ids,),
        ):
            assert orders == list(range(1, len(orders) + 1)), (
                f"interview {interview_id}: order {orders} has a gap or a repeat"
            )

        completed = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM interviews WHERE id = ANY(%s) AND status = 'completed'",
                (interview_ids,),
            )
        ]
        wait_for_reports(conn, completed, seconds=report_wait_seconds)
        reports = dict(
            conn.execute(
                "SELECT interview_id, count(*) FROM evaluation_reports"
                " WHERE interview_id = ANY(%s) GROUP BY interview_id",
                (interview_ids,),
            ).fetchall()
        )
        not_one = {i: reports.get(i, 0) for i in completed if reports.get(i, 0) != 1}
        assert not not_one, f"completed interviews without exactly one report: {not_one}"
        assert set(reports) <= set(completed), "a report for an interview never completed"
    return Survived(
        answers_acknowledged=len(acknowledged),
        answers_stored_once=len(acknowledged) - len(lost) - len(doubled),
        interviews=len(interview_ids),
        completed=len(completed),
        reports=sum(reports.values()),
    )
