"""Humans decide, from the users' side: every report is AI-assisted and pending review; the
posting's organization overrides scores with a reason and reviews the report; the candidate
reads their own view of it, with scores only when the posting shows them (practice always)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import pytest
from interview_core.ai.evaluation import scoring
from interview_core.domain.models import Category

from tests.api.helpers import (
    Account,
    admin_account,
    answer,
    create_interview,
    create_posting,
    invite_and_accept,
    join_by_invitation,
    sign_up,
)
from tests.api.neighbours import PASSWORD as NEIGHBOUR_PASSWORD

TECHNICAL_ANSWER = (
    "저는 FastAPI와 Django로 3년 동안 REST API를 개발했고, PostgreSQL과 MySQL을 운영했습니다. 먼저 "
    "인덱스 설계로 조회 시간을 40% 줄였고, 그 결과 API 응답 시간이 120ms에서 70ms로 개선되었습니다."
)
TEAM_ANSWER = (
    "작년에 배포 일정 때문에 동료와 의견이 달랐습니다. 먼저 각자의 우려를 정리해 공유했고, 위험이 "
    "큰 기능은 다음 배포로 미루자고 제안했습니다. 그 결과 장애 없이 출시했고 회고에서 절차를 "
    "바꿨습니다."
)
_names = itertools.count(1)


@pytest.fixture(autouse=True)
def _no_embedding_model(question_embeddings):
    """How questions are ranked is not what these tests are about: no model to load for it."""
    question_embeddings("off")


@dataclass
class Scene:
    owner: Account
    member: Account
    candidate: Account
    posting: dict[str, Any]
    interview: dict[str, Any]
    questions: list[dict[str, Any]]

    @property
    def path(self) -> str:
        return f"/interviews/{self.interview['id']}"


def _reported(platform, **posting: Any) -> Scene:
    """A member's posting, a candidate invited to it who answers three of the five questions
    (two technical, one behavioral), and the report written."""
    client = platform.client
    owner = sign_up(client, "recruiter")
    member = join_by_invitation(client, owner, f"reviewer{next(_names)}")
    candidate = sign_up(client)
    created = create_posting(client, member, **posting)
    interview = invite_and_accept(client, member, created["id"], candidate)
    questions = client.get(f"/interviews/{interview['id']}/questions", headers=member.auth).json()
    technical = [q for q in questions if q["category"] == "technical"]
    behavioral = next(q for q in questions if q["category"] != "technical")
    for question, text in (
        (technical[0], TECHNICAL_ANSWER),
        (technical[1], TECHNICAL_ANSWER),
        (behavioral, TEAM_ANSWER),
    ):
        assert answer(client, candidate, interview["id"], text, question["id"]).status_code == 201
    assert (
        client.post(f"/interviews/{interview['id']}/complete", headers=candidate.auth).status_code
        == 200
    )
    platform.run_workers()
    return Scene(owner, member, candidate, created, interview, questions)


def _report(platform, scene: Scene, who: Account) -> dict[str, Any]:
    response = platform.client.get(f"{scene.path}/report", headers=who.auth)
    assert response.status_code == 200, response.text
    return response.json()


def _override(platform, scene: Scene, who: Account, **body: Any):
    return platform.client.post(f"{scene.path}/report/overrides", json=body, headers=who.auth)


def _final_question(report: dict[str, Any], question_id: int) -> dict[str, Any]:
    return next(q for q in report["final_scores"]["questions"] if q["question_id"] == question_id)


def _recomputed(scene: Scene, final: dict[str, Any], categories: frozenset[Category]) -> float:
    scores = {q["question_id"]: q["score"] for q in final["questions"]}
    value = scoring.group_score(
        [(Category(q["category"]), scores[q["id"]]) for q in scene.questions], categories
    )
    assert value is not None
    return round(value, 1)


def _run_report_job(interview_id: int) -> None:
    from interview_core.ai.evaluation.provider import get_evaluator
    from interview_core.ai.sentiment.provider import get_sentiment_analyzer
    from interview_core.db.connection import get_database
    from interview_core.services.reports import generate_final_report

    generate_final_report(get_database(), get_evaluator(), get_sentiment_analyzer(), interview_id)


def test_a_member_overrides_a_question_and_a_group_with_a_reason_and_the_final_scores_follow(
    platform, sql
):
    client = platform.client
    scene = _reported(platform)
    before = _report(platform, scene, scene.member)
    assert before["view"] == "staff" and before["ai_assisted"] and before["scoring"] == "ai"
    assert before["review"] == {
        "state": "pending_review",
        "reviewed_by": None,
        "reviewed_at": None,
        "note": None,
        "needs_human_review": before["details_json"]["needs_human_review"],
        "can_review": True,
    }
    assert before["overrides"] == []
    assert before["final_scores"]["overall"] == before["overall_score"]
    answered = next(q for q in scene.questions if q["category"] == "technical")
    ai_question_score = _final_question(before, answered["id"])["ai_score"]
    assert ai_question_score is not None

    first = _override(
        platform,
        scene,
        scene.member,
        scope="question",
        question_id=answered["id"],
        score=95,
        reason="The trade-offs of the index design were explained well",
    )
    assert first.status_code == 201, first.text
    after_question = first.json()
    assert _final_question(after_question, answered["id"]) == {
        "question_id": answered["id"],
        "ai_score": ai_question_score,
        "score": 95.0,
        "overridden": True,
    }
    assert after_question["final_scores"]["technical"] == _recomputed(
        scene, after_question["final_scores"], scoring.TECHNICAL
    )
    assert after_question["final_scores"]["communication"] == before["communication_score"]

    second = _override(
        platform,
        scene,
        scene.member,
        scope="communication",
        score=81.5,
        reason="Clear and structured in the recording",
    )
    assert second.status_code == 201, second.text
    report = second.json()
    final = report["final_scores"]
    assert final["communication"] == 81.5
    assert final["overall"] == scoring.overall_score(
        final["technical"], 81.5, final["cultural_fit"]
    )
    # The AI's original stays, in the report and in the database.
    for field in (
        "technical_score",
        "communication_score",
        "cultural_fit_score",
        "overall_score",
        "details_json",
    ):
        assert report[field] == before[field], field
    stored = sql.execute(
        (
            "SELECT technical_score, communication_score FROM evaluation_reports WHERE "
            "interview_id = %s"
        ),
        (scene.interview["id"],),
    ).fetchone()
    assert (stored["technical_score"], stored["communication_score"]) == (
        before["technical_score"],
        before["communication_score"],
    )
    # The overrides, oldest first, each with what it replaced and who decided.
    assert [
        (
            o["scope"],
            o["question_id"],
            o["ai_score"],
            o["previous_score"],
            o["score"],
            o["reviewer"],
        )
        for o in report["overrides"]
    ] == [
        (
            "question",
            answered["id"],
            ai_question_score,
            ai_question_score,
            95.0,
            {"id": scene.member.id, "username": scene.member.username},
        ),
        (
            "communication",
            None,
            before["communication_score"],
            before["communication_score"],
            81.5,
            {"id": scene.member.id, "username": scene.member.username},
        ),
    ]
    # Lists show the decision: the interview's overall score and the question's score follow.
    listed = client.get(scene.path, headers=scene.member.auth).json()
    assert listed["overall_score"] == final["overall"] != before["overall_score"]
    # Not to the candidate: this posting does not show candidates their scores.
    assert client.get(scene.path, headers=scene.candidate.auth).json()["overall_score"] is None
    assert (
        sql.execute(
            "SELECT score FROM interview_questions WHERE interview_id = %s AND question_id = %s",
            (scene.interview["id"], answered["id"]),
        ).fetchone()["score"]
        == 95.0
    )
    # Both in the audit trail, which the owner reads.
    trail = client.get(
        f"/audit-events?action=report&target_id={scene.interview['id']}", headers=scene.owner.auth
    )
    assert trail.status_code == 200, trail.text
    events = [(e["action"], e["actor_username"], e["after"]) for e in reversed(trail.json())]
    assert events == [
        (
            "report.score_overridden",
            scene.member.username,
            {
                "scope": "question",
                "question_id": answered["id"],
                "ai_score": ai_question_score,
                "previous_score": ai_question_score,
                "score": 95.0,
                "reason": "The trade-offs of the index design were explained well",
            },
        ),
        (
            "report.score_overridden",
            scene.member.username,
            {
                "scope": "communication",
                "question_id": None,
                "ai_score": before["communication_score"],
                "previous_score": before["communication_score"],
                "score": 81.5,
                "reason": "Clear and structured in the recording",
            },
        ),
    ]
    # Overriding again: the latest is in force, and it knows what it replaced.
    third = _override(
        platform, scene, scene.owner, scope="communication", score=70, reason="On second listen"
    )
    assert third.status_code == 201
    assert third.json()["final_scores"]["communication"] == 70.0
    assert third.json()["overrides"][-1]["previous_score"] == 81.5


def test_bad_overrides_are_422_with_a_message_never_500(platform):
    scene = _reported(platform)
    unanswered = [q for q in scene.questions if q["category"] != "technical"][-1]
    cases = [
        ({"scope": "overall", "score": 70}, "reason"),
        ({"scope": "overall", "score": 70, "reason": "  "}, "reason"),
        ({"scope": "overall", "score": 70, "reason": "ok"}, "reason"),
        ({"scope": "overall", "score": 70, "reason": "x" * 2001}, "reason"),
        ({"scope": "overall", "score": 101, "reason": "too generous"}, "score"),
        ({"scope": "overall", "score": -1, "reason": "too harsh"}, "score"),
        ({"scope": "overall", "score": "lots", "reason": "not a number"}, "score"),
        ({"scope": "everything", "score": 50, "reason": "no such scope"}, "scope"),
        ({"scope": "question", "score": 50, "reason": "which question?"}, "question_id"),
        (
            {
                "scope": "technical",
                "question_id": scene.questions[0]["id"],
                "score": 50,
                "reason": "both?",
            },
            "question_id",
        ),
        (
            {"scope": "question", "question_id": 999999, "score": 50, "reason": "not asked"},
            "not part of",
        ),
        (
            {
                "scope": "question",
                "question_id": unanswered["id"],
                "score": 50,
                "reason": "not answered",
            },
            "not answered",
        ),
        ({"scope": "overall", "score": 50, "reason": "extra", "weight": 2}, "weight"),
    ]
    for body, named in cases:
        response = _override(platform, scene, scene.member, **body)
        assert response.status_code == 422, (body, response.status_code, response.text)
        assert named in response.text, (body, response.text)
    too_long = platform.client.post(
        f"{scene.path}/report/review",
        json={"state": "reviewed", "note": "x" * 2001},
        headers=scene.member.auth,
    )
    assert too_long.status_code == 422
    unknown_state = platform.client.post(
        f"{scene.path}/report/review", json={"state": "approved"}, headers=scene.member.auth
    )
    assert unknown_state.status_code == 422
    assert _report(platform, scene, scene.member)["overrides"] == []


def test_only_the_postings_organization_decides(platform):
    client = platform.client
    scene = _reported(platform)
    body = {"scope": "overall", "score": 70, "reason": "an attempt"}
    neighbour = client.post(
        "/token", json={"username": "northwindowner", "password": NEIGHBOUR_PASSWORD}
    )
    neighbour_auth = {"Authorization": f"Bearer {neighbour.json()['access_token']}"}
    pending = sign_up(client, "recruiter", approved=False)
    admin = admin_account(client)

    for path, payload in (
        (f"{scene.path}/report/overrides", body),
        (f"{scene.path}/report/review", {"state": "reviewed"}),
    ):
        assert client.post(path, json=payload, headers=neighbour_auth).status_code == 404
        assert client.post(path, json=payload, headers=sign_up(client).auth).status_code == 404
        refused = client.post(path, json=payload, headers=admin.auth)
        assert refused.status_code == 403 and "organization's decision" in refused.json()["detail"]
        assert client.post(path, json=payload, headers=scene.candidate.auth).status_code == 403
        waiting = client.post(path, json=payload, headers=pending.auth)
        assert waiting.status_code == 403 and "waiting for approval" in waiting.json()["detail"]
        assert client.post(path, json=payload).status_code == 401
    # Admins read the report as staff, but may not decide.
    assert _report(platform, scene, admin)["review"]["can_review"] is False
    assert _report(platform, scene, scene.owner)["review"]["can_review"] is True
    assert _report(platform, scene, scene.member)["overrides"] == []

    # Practice interviews are not reviewed.
    practice = create_interview(client, scene.candidate)
    answer(
        client, scene.candidate, practice["id"], TECHNICAL_ANSWER, practice["questions"][0]["id"]
    )
    client.post(f"/interviews/{practice['id']}/complete", headers=scene.candidate.auth)
    platform.run_workers()
    for who in (scene.candidate, admin):
        conflict = client.post(
            f"/interviews/{practice['id']}/report/overrides", json=body, headers=who.auth
        )
        assert (
            conflict.status_code == 409
            and "Practice interviews are not reviewed" in conflict.json()["detail"]
        )
    assert (
        client.post(
            f"/interviews/{practice['id']}/report/review",
            json={"state": "reviewed"},
            headers=scene.candidate.auth,
        ).status_code
        == 409
    )
    assert (
        client.post(
            f"/interviews/{practice['id']}/report/overrides", json=body, headers=scene.member.auth
        ).status_code
        == 404
    )


def test_no_report_yet_is_a_conflict(platform):
    client = platform.client
    owner = sign_up(client, "recruiter")
    candidate = sign_up(client)
    posting = create_posting(client, owner)
    interview = invite_and_accept(client, owner, posting["id"], candidate)
    response = client.post(
        f"/interviews/{interview['id']}/report/overrides",
        headers=owner.auth,
        json={"scope": "overall", "score": 50, "reason": "too early"},
    )
    assert response.status_code == 409 and "no report yet" in response.json()["detail"]
    assert (
        client.post(
            f"/interviews/{interview['id']}/report/review",
            headers=owner.auth,
            json={"state": "reviewed"},
        ).status_code
        == 409
    )


def test_review_then_reopen(platform):
    client = platform.client
    scene = _reported(platform)

    reviewed = client.post(
        f"{scene.path}/report/review",
        headers=scene.member.auth,
        json={"state": "reviewed", "note": "Checked the scores against the transcript"},
    )
    assert reviewed.status_code == 200, reviewed.text
    review = reviewed.json()["review"]
    assert review["state"] == "reviewed" and review["reviewed_at"]
    assert review["reviewed_by"] == {"id": scene.member.id, "username": scene.member.username}
    assert review["note"] == "Checked the scores against the transcript"
    assert _report(platform, scene, scene.candidate)["review_state"] == "reviewed"

    reopened = client.post(
        f"{scene.path}/report/review",
        headers=scene.owner.auth,
        json={"state": "pending_review", "note": "The second answer needs another look"},
    )
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["review"] | {"needs_human_review": None} == {
        "state": "pending_review",
        "reviewed_by": None,
        "reviewed_at": None,
        "note": "The second answer needs another look",
        "needs_human_review": None,
        "can_review": True,
    }
    assert _report(platform, scene, scene.candidate)["review_state"] == "pending_review"
    # Reopening what is already pending changes nothing and records nothing.
    assert (
        client.post(
            f"{scene.path}/report/review",
            headers=scene.owner.auth,
            json={"state": "pending_review", "note": "The second answer needs another look"},
        ).status_code
        == 200
    )

    trail = client.get(
        f"/audit-events?action=report&target_id={scene.interview['id']}", headers=scene.owner.auth
    )
    assert [
        (e["action"], e["actor_username"], e["before"]["state"], e["after"]["state"])
        for e in reversed(trail.json())
    ] == [
        ("report.reviewed", scene.member.username, "pending_review", "reviewed"),
        ("report.reopened", scene.owner.username, "reviewed", "pending_review"),
    ]


def test_a_redelivered_report_job_keeps_the_overrides_and_the_review(platform, sql):
    client = platform.client
    scene = _reported(platform)
    answered = next(q for q in scene.questions if q["category"] == "technical")
    assert (
        _override(
            platform,
            scene,
            scene.member,
            scope="question",
            question_id=answered["id"],
            score=12,
            reason="The numbers were not the candidate's own",
        ).status_code
        == 201
    )
    assert (
        _override(
            platform,
            scene,
            scene.member,
            scope="cultural_fit",
            score=88,
            reason="Strong references",
        ).status_code
        == 201
    )
    client.post(
        f"{scene.path}/report/review",
        headers=scene.member.auth,
        json={"state": "reviewed", "note": "Done"},
    )
    decided = _report(platform, scene, scene.member)

    _run_report_job(scene.interview["id"])
    _run_report_job(scene.interview["id"])

    again = _report(platform, scene, scene.member)
    assert again["overrides"] == decided["overrides"] and len(again["overrides"]) == 2
    assert again["review"] == decided["review"] and again["review"]["state"] == "reviewed"
    assert again["final_scores"] == decided["final_scores"]
    assert again["technical_score"] == decided["technical_score"], (
        "the offline evaluator is deterministic"
    )
    assert (
        client.get(scene.path, headers=scene.member.auth).json()["overall_score"]
        == (decided["final_scores"]["overall"])
    )
    assert (
        sql.execute(
            "SELECT score FROM interview_questions WHERE interview_id = %s AND question_id = %s",
            (scene.interview["id"], answered["id"]),
        ).fetchone()["score"]
        == 12.0
    )
    assert (
        sql.execute(
            "SELECT count(*) AS n FROM evaluation_reports WHERE interview_id = %s",
            (scene.interview["id"],),
        ).fetchone()["n"]
        == 1
    )


def test_with_ai_scoring_off_people_score_the_report_with_overrides(platform, sql):
    from interview_core.ai.sentiment.provider import get_sentiment_analyzer
    from interview_core.db.connection import get_database
    from interview_core.services.reports import generate_final_report

    client = platform.client
    scene = _reported(platform, ai_scoring=False)
    assert scene.posting["ai_scoring"] is False and scene.posting["candidates_see_scores"] is False

    class MustNotBeCalled:
        name = "must-not-be-called"

        def evaluate(self, record):
            raise AssertionError("the evaluator was called with AI scoring off")

    generate_final_report(
        get_database(), MustNotBeCalled(), get_sentiment_analyzer(), scene.interview["id"]
    )

    report = _report(platform, scene, scene.member)
    assert report["scoring"] == "human" and report["evaluator_model"] == "human (AI scoring off)"
    assert [
        report[k]
        for k in ("technical_score", "communication_score", "cultural_fit_score", "overall_score")
    ] == [None] * 4
    assert (
        "AI 채점을 사용하지 않습니다" in report["summary_text"]
        and "루브릭" in report["summary_text"]
    )
    assert report["review"]["needs_human_review"] and report["review"]["state"] == "pending_review"
    answered = {q["question_id"] for q in report["details_json"]["questions"] if q["answered"]}
    assert len(answered) == 3 and all(
        q["score"] is None for q in report["details_json"]["questions"]
    )
    assert report["final_scores"] | {"questions": []} == {
        "technical": None,
        "communication": None,
        "cultural_fit": None,
        "overall": None,
        "questions": [],
    }
    assert client.get(scene.path, headers=scene.member.auth).json()["overall_score"] is None

    # People score every question asked (answered or not), and communication, which no question
    # gives.
    scores = dict(zip([q["id"] for q in scene.questions], (80, 60, 70, 50, 40), strict=True))
    for question_id, score in scores.items():
        response = _override(
            platform,
            scene,
            scene.member,
            scope="question",
            question_id=question_id,
            score=score,
            reason="Scored with the rubric",
        )
        assert response.status_code == 201, response.text
    partial = response.json()["final_scores"]
    assert partial["technical"] == _recomputed(scene, partial, scoring.TECHNICAL)
    assert partial["cultural_fit"] == _recomputed(scene, partial, scoring.CULTURAL)
    assert partial["communication"] is None and partial["overall"] is None
    final = _override(
        platform, scene, scene.member, scope="communication", score=65, reason="Clear answers"
    ).json()["final_scores"]
    assert final["overall"] == scoring.overall_score(
        final["technical"], 65.0, final["cultural_fit"]
    )
    assert (
        client.get(scene.path, headers=scene.member.auth).json()["overall_score"]
        == final["overall"]
    )
    assert [o["ai_score"] for o in _report(platform, scene, scene.member)["overrides"]] == [
        None
    ] * 6

    candidate = _report(platform, scene, scene.candidate)
    assert candidate["view"] == "candidate" and candidate["scores_visible"] is False
    assert candidate["overall_score"] is None and candidate["summary_text"]


def test_candidates_see_feedback_and_scores_only_when_the_posting_shows_them(platform, sql):
    client = platform.client
    hidden = _reported(platform)
    staff = _report(platform, hidden, hidden.member)
    view = _report(platform, hidden, hidden.candidate)

    assert view["view"] == "candidate" and view["kind"] == "real" and view["ai_assisted"] is True
    assert view["scores_visible"] is False and view["review_state"] == "pending_review"
    assert [
        view[k]
        for k in ("technical_score", "communication_score", "cultural_fit_score", "overall_score")
    ] == [None] * 4
    assert all(q["score"] is None for q in view["questions"])
    assert view["summary_text"] == "", "the evaluator's summary states the scores"
    # The feedback remains: the evaluator's candidate feedback, question by question.
    written = {
        item["question_id"]: item["feedback"]
        for item in staff["details_json"]["feedback"]["questions"]
    }
    assert [q["question_id"] for q in view["questions"]] == [q["id"] for q in hidden.questions]
    assert [q["feedback"] for q in view["questions"]] == [
        written[q["id"]] for q in hidden.questions
    ]
    assert sum(bool(q["feedback"]) and q["answered"] for q in view["questions"]) == 3
    assert view["feedback"]["improvements"] or view["feedback"]["strengths"]
    for absent in ("details_json", "overrides", "review", "final_scores", "scoring"):
        assert absent not in view
    rubric_words = [
        criterion["description"]
        for q in client.get(f"{hidden.path}/questions", headers=hidden.member.auth).json()
        for criterion in q["rubric_json"]["criteria"]
    ]
    text = str(view)
    assert rubric_words and not [w for w in rubric_words if w in text]

    # A posting that shows scores: the final ones, after people's overrides.
    shown = _reported(platform, candidates_see_scores=True)
    overridden = _override(
        platform, shown, shown.member, scope="overall", score=42, reason="Below the bar"
    )
    assert overridden.status_code == 201
    seen = _report(platform, shown, shown.candidate)
    assert seen["scores_visible"] is True and seen["overall_score"] == 42.0
    assert (
        seen["technical_score"]
        == _report(platform, shown, shown.member)["final_scores"]["technical"]
    )
    assert all(q["score"] is not None for q in seen["questions"] if q["answered"])
    assert shown.member.username not in str(seen), "no reviewer identities"
    # Switching it off hides them again, at once.
    assert (
        client.patch(
            f"/job-postings/{shown.posting['id']}",
            json={"candidates_see_scores": False},
            headers=shown.member.auth,
        ).json()["candidates_see_scores"]
        is False
    )
    assert _report(platform, shown, shown.candidate)["overall_score"] is None


def test_practice_always_shows_the_candidate_their_scores(platform):
    client = platform.client
    candidate = sign_up(client)
    practice = create_interview(client, candidate)
    answer(client, candidate, practice["id"], TECHNICAL_ANSWER, practice["questions"][0]["id"])
    client.post(f"/interviews/{practice['id']}/complete", headers=candidate.auth)
    platform.run_workers()

    view = client.get(f"/interviews/{practice['id']}/report", headers=candidate.auth).json()
    assert (
        view["view"] == "candidate"
        and view["kind"] == "practice"
        and view["scores_visible"] is True
    )
    assert view["technical_score"] is not None and view["overall_score"] is not None
    assert view["summary_text"], "the offline summary is written for the candidate"
    assert view["questions"][0]["answered"] and view["questions"][0]["score"] is not None


def _overall_seen(platform, interview_id: int, who: Account) -> tuple[float | None, float | None]:
    """The interview's overall score as `who` gets it from GET /interviews/{id} and from
    GET /interviews."""
    client = platform.client
    one = client.get(f"/interviews/{interview_id}", headers=who.auth)
    listed = client.get("/interviews", headers=who.auth)
    assert one.status_code == 200 and listed.status_code == 200, (one.text, listed.text)
    [item] = [i for i in listed.json() if i["id"] == interview_id]
    return one.json()["overall_score"], item["overall_score"]


def test_the_interview_shows_its_candidate_the_overall_score_only_as_the_posting_says(platform):
    client = platform.client
    admin = admin_account(client)
    hidden = _reported(platform)
    final = _report(platform, hidden, hidden.member)["final_scores"]["overall"]
    assert final is not None
    # Staff always see it; the candidate of a posting that hides scores does not, anywhere.
    assert _overall_seen(platform, hidden.interview["id"], hidden.member) == (final, final)
    assert _overall_seen(platform, hidden.interview["id"], hidden.owner) == (final, final)
    assert client.get(hidden.path, headers=admin.auth).json()["overall_score"] == final
    assert _overall_seen(platform, hidden.interview["id"], hidden.candidate) == (None, None)
    completed_again = client.post(f"{hidden.path}/complete", headers=hidden.candidate.auth)
    assert completed_again.status_code == 200 and completed_again.json()["overall_score"] is None

    # A posting that shows scores: the candidate sees the one in force, until it is switched off.
    shown = _reported(platform, candidates_see_scores=True)
    overridden = _override(
        platform, shown, shown.member, scope="overall", score=42, reason="Below the bar"
    )
    assert overridden.status_code == 201, overridden.text
    assert _overall_seen(platform, shown.interview["id"], shown.candidate) == (42.0, 42.0)
    assert _overall_seen(platform, shown.interview["id"], shown.member) == (42.0, 42.0)
    assert (
        client.patch(
            f"/job-postings/{shown.posting['id']}",
            json={"candidates_see_scores": False},
            headers=shown.member.auth,
        ).status_code
        == 200
    )
    assert _overall_seen(platform, shown.interview["id"], shown.candidate) == (None, None)
    assert _overall_seen(platform, shown.interview["id"], shown.member) == (42.0, 42.0)

    # Practice always shows it, beside the real interview that hides it.
    practice = create_interview(client, hidden.candidate)
    answer(
        client, hidden.candidate, practice["id"], TECHNICAL_ANSWER, practice["questions"][0]["id"]
    )
    client.post(f"/interviews/{practice['id']}/complete", headers=hidden.candidate.auth)
    platform.run_workers()
    report = client.get(
        f"/interviews/{practice['id']}/report", headers=hidden.candidate.auth
    ).json()
    assert report["scores_visible"] is True and report["overall_score"] is not None
    assert (
        _overall_seen(platform, practice["id"], hidden.candidate) == (report["overall_score"],) * 2
    )
    assert _overall_seen(platform, hidden.interview["id"], hidden.candidate) == (None, None)


def test_posting_settings_default_and_change_with_an_audit_entry(platform):
    client = platform.client
    owner = sign_up(client, "recruiter")
    posting = create_posting(client, owner)
    assert (posting["ai_scoring"], posting["candidates_see_scores"]) == (True, False)
    changed = client.patch(
        f"/job-postings/{posting['id']}", json={"ai_scoring": False}, headers=owner.auth
    )
    assert changed.status_code == 200 and changed.json()["ai_scoring"] is False
    assert (
        client.patch(
            f"/job-postings/{posting['id']}", json={"ai_scoring": None}, headers=owner.auth
        ).status_code
        == 422
    )
    trail = client.get(
        f"/audit-events?action=job_posting.updated&target_id={posting['id']}", headers=owner.auth
    )
    assert [(e["before"], e["after"]) for e in trail.json()] == [
        ({"ai_scoring": True}, {"ai_scoring": False})
    ]
