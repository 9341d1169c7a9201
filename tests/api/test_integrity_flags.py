"""Integrity flags, never verdicts, from the users' side: answers pasted, the window left, typed
faster than people type, and two candidates of a posting sending near-identical answers are shown
to the organization's reviewers with their evidence; none of it moves a score or a stage, and the
candidate never sees it."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.api.helpers import (
    Account,
    consent,
    create_posting,
    invite_and_accept,
    join_by_invitation,
    sign_up,
)

HONEST = (
    "저는 FastAPI와 Django로 3년 동안 REST API를 개발했고, PostgreSQL과 MySQL을 운영했습니다. 먼저 "
    "인덱스 설계로 조회 시간을 40% 줄였고, 그 결과 API 응답 시간이 120ms에서 70ms로 개선되었습니다."
)
COPIED = (
    "쇼핑몰 주문 서비스를 Spring Boot로 2년간 개발하며 MySQL 샤딩과 Redis 캐시를 도입했습니다. "
    "캐시 적중률을 85%까지 올려 결제 API의 평균 응답 시간을 절반으로 줄였고, "
    "장애 대응도 맡았습니다."
)
# The same answer lightly edited: punctuation, spacing, one word changed.
COPIED_EDITED = COPIED.replace("2년간", "2년 동안").replace(",", "").upper()
_names = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_embedding_model(question_embeddings):
    question_embeddings("off")


def _post(platform, who: Account, interview_id: int, text: str, question_id: int, **extra: Any):
    return platform.client.post(
        "/transcripts",
        json={"interview_id": interview_id, "text": text, "question_id": question_id, **extra},
        headers=who.auth,
    )


def _candidate(platform, member: Account, posting: dict[str, Any]) -> tuple[Account, dict, list]:
    client = platform.client
    candidate = sign_up(client)
    interview = invite_and_accept(client, member, posting["id"], candidate)
    consent(client, candidate, interview["id"])
    questions = client.get(f"/interviews/{interview['id']}/questions", headers=member.auth).json()
    return candidate, interview, questions


def _complete(platform, candidate: Account, interview: dict[str, Any]) -> None:
    done = platform.client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth)
    assert done.status_code == 200, done.text
    platform.run_workers()


def _flags(platform, who: Account, interview_id: int):
    return platform.client.get(f"/interviews/{interview_id}/integrity", headers=who.auth)


def _team(platform):
    owner = sign_up(platform.client, "recruiter")
    member = join_by_invitation(platform.client, owner, f"flags{next(_names)}")
    return owner, member, create_posting(platform.client, owner)


def test_signals_of_typed_answers_become_flags_with_their_evidence(platform, sql):
    owner, member, posting = _team(platform)
    candidate, interview, questions = _candidate(platform, member, posting)
    first, second, third, fourth = (q["id"] for q in questions[:4])
    iid = interview["id"]
    typed = {"typing_ms": 60_000, "keystrokes": 260, "pasted_chars": 0, "paste_events": 0}
    assert _post(platform, candidate, iid, HONEST, first, signals=typed).status_code == 201
    pasted = {"typing_ms": 2_000, "keystrokes": 3, "pasted_chars": len(COPIED), "paste_events": 1}
    assert _post(platform, candidate, iid, COPIED, second, signals=pasted).status_code == 201
    away = {**typed, "blur_events": 2, "blur_ms": 45_000}
    assert (
        _post(platform, candidate, iid, HONEST + " 추가로", third, signals=away).status_code == 201
    )
    fast = {"typing_ms": 4_000, "keystrokes": 120, "pasted_chars": 0}
    assert (
        _post(platform, candidate, iid, HONEST + " 그리고", fourth, signals=fast).status_code == 201
    )
    _complete(platform, candidate, interview)

    flags = _flags(platform, member, iid)
    assert flags.status_code == 200, flags.text
    by_kind = {(f["kind"], f["question_id"]): f["evidence"] for f in flags.json()}
    assert set(by_kind) == {
        ("pasted", second),
        ("left_window", third),
        ("fast", fourth),
    }
    assert by_kind[("pasted", second)] == {
        "pasted_chars": len(COPIED),
        "answer_chars": len(COPIED),
        "paste_events": 1,
    }
    assert by_kind[("left_window", third)] == {"times": 2, "seconds": 45.0}
    assert by_kind[("fast", fourth)]["chars_per_second"] > 6

    # shown beside the candidate in the compare view and in the export; the stage unchanged
    row = platform.client.get(
        f"/job-postings/{posting['id']}/candidates", headers=owner.auth
    ).json()["candidates"][0]
    assert {f["kind"] for f in row["flags"]} == {"pasted", "left_window", "fast"}
    assert row["stage"] == "completed"
    exported = platform.client.get(
        f"/job-postings/{posting['id']}/candidates/export", headers=owner.auth
    ).text
    assert "fast left_window pasted" in exported

    # the candidate neither sees the flags nor anything about them in their interview
    assert _flags(platform, candidate, iid).status_code == 403
    mine = platform.client.get(f"/interviews/{iid}", headers=candidate.auth).json()
    assert "flags" not in mine and mine["stage"] is None
    stored = sql.execute(
        "SELECT count(*) AS n FROM answer_signals WHERE interview_id = %s", (iid,)
    ).fetchone()
    assert stored["n"] == 4


def test_near_identical_answers_across_candidates_are_flagged_on_both_sides_and_scores_stay(
    platform,
):
    owner, member, posting = _team(platform)
    first, first_interview, questions = _candidate(platform, member, posting)
    question = questions[0]["id"]
    assert _post(platform, first, first_interview["id"], COPIED, question).status_code == 201
    _complete(platform, first, first_interview)
    second, second_interview, second_questions = _candidate(platform, member, posting)
    assert question in {q["id"] for q in second_questions}
    posted = _post(platform, second, second_interview["id"], COPIED_EDITED, question)
    assert posted.status_code == 201
    _complete(platform, second, second_interview)
    honest, honest_interview, _ = _candidate(platform, member, posting)
    assert _post(platform, honest, honest_interview["id"], HONEST, question).status_code == 201
    _complete(platform, honest, honest_interview)

    later = _flags(platform, member, second_interview["id"]).json()
    assert [(f["kind"], f["question_id"]) for f in later] == [("near_identical", question)]
    assert later[0]["evidence"]["other_interview_id"] == first_interview["id"]
    assert later[0]["evidence"]["other_candidate"] == first.username
    assert later[0]["evidence"]["similarity"] >= 0.8
    # the earlier candidate's reviewers see it too
    earlier = _flags(platform, owner, first_interview["id"]).json()
    assert [f["evidence"]["other_interview_id"] for f in earlier] == [second_interview["id"]]
    assert _flags(platform, owner, honest_interview["id"]).json() == []

    # a flag is not a score: the copied answer is scored as the text it is, like the original
    def question_score(interview_id: int) -> float | None:
        report = platform.client.get(
            f"/interviews/{interview_id}/report", headers=member.auth
        ).json()
        return next(
            q["score"] for q in report["final_scores"]["questions"] if q["question_id"] == question
        )

    assert question_score(first_interview["id"]) is not None
    assert question_score(second_interview["id"]) is not None
    stages = {
        c["interview_id"]: c["stage"]
        for c in platform.client.get(
            f"/job-postings/{posting['id']}/candidates", headers=member.auth
        ).json()["candidates"]
    }
    assert set(stages.values()) == {"completed"}


def test_a_retried_answer_keeps_one_set_of_signals(platform, sql):
    _, member, posting = _team(platform)
    candidate, interview, questions = _candidate(platform, member, posting)
    body = {
        "interview_id": interview["id"],
        "text": HONEST,
        "question_id": questions[0]["id"],
        "signals": {"typing_ms": 50_000, "pasted_chars": 0},
    }
    headers = {**candidate.auth, "Idempotency-Key": "answer-1-retry"}
    first = platform.client.post("/transcripts", json=body, headers=headers)
    again = platform.client.post("/transcripts", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    rows = sql.execute(
        "SELECT count(*) AS n FROM answer_signals WHERE interview_id = %s", (interview["id"],)
    ).fetchone()
    assert rows["n"] == 1


@pytest.mark.parametrize(
    "signals",
    [
        {"typing_ms": -1},
        {"pasted_chars": "many"},
        {"blur_ms": 86_400_001},
        {"paste_events": 1.5},
        {"mouse_moves": 3},
        [1, 2],
    ],
)
def test_bad_signals_are_a_422_and_store_nothing(platform, sql, signals):
    _, member, posting = _team(platform)
    candidate, interview, questions = _candidate(platform, member, posting)
    response = _post(
        platform, candidate, interview["id"], HONEST, questions[0]["id"], signals=signals
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"]
    stored = sql.execute(
        "SELECT count(*) AS n FROM transcripts WHERE interview_id = %s AND speaker = 'User'",
        (interview["id"],),
    ).fetchone()
    assert stored["n"] == 0
