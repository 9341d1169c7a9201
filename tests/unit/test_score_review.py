"""The scores in force (domain/score_review.py) and what a candidate sees of a report
(domain/candidate_report.py): pure functions, tested without a database."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from interview_core.ai.evaluation import scoring
from interview_core.domain.candidate_report import candidate_report
from interview_core.domain.models import (
    Category,
    Difficulty,
    EvaluationReport,
    InterviewKind,
    Language,
    OverrideScope,
    Question,
    ReviewState,
    ScoreOverride,
    Scoring,
    Speaker,
    Transcript,
)
from interview_core.domain.score_review import (
    HUMAN_EVALUATOR_MODEL,
    check_override,
    final_scores,
    human_scoring_report,
)
from interview_core.errors import InvalidInput

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)

# Recognisable rubric text: none of it may ever reach a candidate.
SECRET_NAME = "zebra_criterion_name"
SECRET_DESCRIPTION = "Mentions the flamingo protocol and its quorum rules"
SECRET_KEYWORD = "okapikeyword"
SECRET_POINT = "Explains the narwhal consistency trade-off"
SECRET_WEIGHT = 0.137
SECRET_SIGNAL = "axolotl_signal"
SECRET_EVIDENCE = "quoted evidence pangolin line"


def _question(qid: int, category: Category, content: str, *, secret: bool = False) -> Question:
    rubric = {
        "criteria": [
            {
                "name": "depth",
                "description": "Explains how it works",
                "weight": 1.0,
                "keywords": ["index"],
            }
        ]
    }
    if secret:
        rubric = {
            "criteria": [
                {
                    "name": SECRET_NAME,
                    "description": SECRET_DESCRIPTION,
                    "weight": SECRET_WEIGHT,
                    "keywords": [SECRET_KEYWORD],
                }
            ],
            "expected_points": [SECRET_POINT],
        }
    return Question(
        id=qid,
        content=content,
        category=category,
        difficulty=Difficulty.EASY,
        rubric_json=rubric,
        vector_id=None,
        position=None,
        language=Language.EN,
        usage_count=0,
        avg_score=None,
        is_active=True,
    )


QUESTIONS = [
    _question(1, Category.TECHNICAL, "How does a B-tree index speed up a query?", secret=True),
    _question(2, Category.TECHNICAL, "How would you design a rate limiter?"),
    _question(3, Category.BEHAVIORAL, "Tell us about a conflict in your team."),
    _question(4, Category.CULTURAL_FIT, "What do you value in a workplace?"),
]


def _report(**changes) -> EvaluationReport:
    details = {
        "evaluator_model": "offline-rubric-test",
        "overall_score": 57.5,
        "questions": [
            {
                "question_id": 1,
                "question": QUESTIONS[0].content,
                "category": "technical",
                "answered": True,
                "score": 80.0,
                "criteria": [
                    {
                        "name": SECRET_NAME,
                        "score": 80.0,
                        "evidence": [{"transcript_id": 9, "quote": SECRET_EVIDENCE}],
                    }
                ],
                "evidence": [{"transcript_id": 9, "quote": SECRET_EVIDENCE}],
                "comment": f"{SECRET_NAME} 80; {SECRET_SIGNAL} 12.3",
                "feedback": "A specific answer.",
                "signals": {SECRET_SIGNAL: 12.3},
            },
            {
                "question_id": 2,
                "question": QUESTIONS[1].content,
                "category": "technical",
                "answered": True,
                "score": 40.0,
                "criteria": [],
                "evidence": [],
                "comment": "",
                "feedback": "Add an example.",
                "signals": {},
            },
            {
                "question_id": 3,
                "question": QUESTIONS[2].content,
                "category": "behavioral",
                "answered": True,
                "score": 60.0,
                "criteria": [],
                "evidence": [],
                "comment": "",
                "feedback": "",
                "signals": {},
            },
            {
                "question_id": 4,
                "question": QUESTIONS[3].content,
                "category": "cultural_fit",
                "answered": False,
                "score": None,
                "criteria": [],
                "evidence": [],
                "comment": "",
                "feedback": "",
                "signals": {},
            },
        ],
        # The staff's strengths quote the rubric: never shown to candidates.
        "strengths": [f"'{QUESTIONS[0].content}' (80/100): {SECRET_DESCRIPTION}."],
        "improvements": [f"missing - {SECRET_POINT}"],
        "notes": {"weights": SECRET_WEIGHT},
        "feedback": {
            "strengths": [
                "'How does a B-tree index…': A specific answer.",
                f"You covered {SECRET_POINT}.",
            ],
            "improvements": ["'How would you design…': Add an example."],
            "questions": [
                {"question_id": 1, "feedback": "A specific answer."},
                {
                    "question_id": 2,
                    "feedback": f"Add an example of {SECRET_NAME.replace('_', ' ')}.",
                },
                {"question_id": 3, "feedback": "Tell it as situation, action and outcome."},
            ],
        },
        "needs_human_review": "written by the offline evaluator, without a language model",
    }
    values = {
        "id": 5,
        "interview_id": 11,
        "technical_score": 60.0,
        "communication_score": 50.0,
        "cultural_fit_score": 60.0 * scoring.coverage_factor(1, 2),
        "evaluator_model": "offline-rubric-test",
        "summary_text": (
            f"Answered 3 of 4 questions. Technical 60, communication 50. "
            f"Strengths: {SECRET_DESCRIPTION}. (written by the offline rubric evaluator)"
        ),
        "details_json": details,
        "created_at": NOW,
        "updated_at": NOW,
    }
    return EvaluationReport.model_validate(values | changes)


def _override(
    oid: int, scope: OverrideScope, score: float, question_id: int | None = None
) -> ScoreOverride:
    return ScoreOverride(
        id=oid,
        interview_id=11,
        scope=scope,
        question_id=question_id,
        ai_score=None,
        previous_score=None,
        score=score,
        reason="a reason",
        reviewer_id=7,
        reviewer_username="kim",
        created_at=NOW,
    )


# ------------------------------------------------------------------ the scores in force


def test_without_overrides_the_final_scores_are_the_ais():
    report = _report()
    final = final_scores(report, QUESTIONS, [])

    assert (final.technical, final.communication, final.cultural_fit) == (
        report.technical_score,
        report.communication_score,
        report.cultural_fit_score,
    )
    assert final.overall == scoring.overall_score(60.0, 50.0, report.cultural_fit_score)
    assert [(q.question_id, q.ai_score, q.score, q.overridden) for q in final.questions] == [
        (1, 80.0, 80.0, False),
        (2, 40.0, 40.0, False),
        (3, 60.0, 60.0, False),
        (4, None, None, False),
    ]


def test_a_question_override_recomputes_its_group_and_the_overall_but_never_communication():
    report = _report()
    final = final_scores(
        report,
        QUESTIONS,
        [
            _override(1, OverrideScope.QUESTION, 100.0, question_id=2),
            _override(2, OverrideScope.QUESTION, 90.0, question_id=4),
        ],
    )

    technical = scoring.group_score(
        [(Category.TECHNICAL, 80.0), (Category.TECHNICAL, 100.0)], scoring.TECHNICAL
    )
    cultural = scoring.group_score(
        [(Category.BEHAVIORAL, 60.0), (Category.CULTURAL_FIT, 90.0)], scoring.CULTURAL
    )
    assert final.technical == round(technical, 1) == 90.0
    assert final.cultural_fit == round(cultural, 1) == 75.0
    assert final.communication == 50.0, "communication is never recomputed from questions"
    assert final.overall == scoring.overall_score(90.0, 50.0, 75.0)
    assert [(q.question_id, q.ai_score, q.score, q.overridden) for q in final.questions][1:] == [
        (2, 40.0, 100.0, True),
        (3, 60.0, 60.0, False),
        (4, None, 90.0, True),
    ]


def test_the_latest_override_of_a_scope_is_in_force_and_a_group_override_beats_recomputing():
    report = _report()
    overrides = [
        _override(1, OverrideScope.QUESTION, 100.0, question_id=1),
        _override(2, OverrideScope.TECHNICAL, 30.0),
        _override(3, OverrideScope.TECHNICAL, 35.0),
        _override(4, OverrideScope.COMMUNICATION, 70.0),
    ]
    final = final_scores(
        report, QUESTIONS, list(reversed(overrides))
    )  # order of the list does not matter

    assert final.technical == 35.0 and final.communication == 70.0
    assert final.overall == scoring.overall_score(35.0, 70.0, report.cultural_fit_score)
    overall = final_scores(
        report, QUESTIONS, [*overrides, _override(5, OverrideScope.OVERALL, 99.0)]
    )
    assert overall.overall == 99.0 and overall.technical == 35.0


def test_with_ai_scoring_off_nothing_is_scored_until_people_score_it():
    summary, details = human_scoring_report(QUESTIONS[:2], [], Language.EN)
    report = _report(
        technical_score=None,
        communication_score=None,
        cultural_fit_score=None,
        scoring=Scoring.HUMAN,
        summary_text=summary,
        details_json=details,
        evaluator_model=HUMAN_EVALUATOR_MODEL,
    )
    assert final_scores(report, QUESTIONS[:2], []).overall is None

    scored = final_scores(
        report, QUESTIONS[:2], [_override(1, OverrideScope.QUESTION, 80.0, question_id=1)]
    )
    assert scored.technical == round(80.0 * scoring.coverage_factor(1, 2), 1)
    assert scored.communication is None and scored.cultural_fit is None and scored.overall is None
    done = final_scores(
        report,
        QUESTIONS[:2],
        [
            _override(1, OverrideScope.QUESTION, 80.0, question_id=1),
            _override(2, OverrideScope.QUESTION, 60.0, 2),
            _override(3, OverrideScope.COMMUNICATION, 70.0),
            _override(4, OverrideScope.CULTURAL_FIT, 50.0),
        ],
    )
    assert done.overall == scoring.overall_score(70.0, 70.0, 50.0)


def test_the_human_scoring_report_lists_the_questions_asked_and_answered():
    transcripts = [
        Transcript(
            id=1,
            interview_id=11,
            speaker=Speaker.AI,
            text=QUESTIONS[0].content,
            timestamp=NOW,
            sentiment_score=None,
            emotion=None,
            question_id=1,
            order=1,
        ),
        Transcript(
            id=2,
            interview_id=11,
            speaker=Speaker.AI,
            text=QUESTIONS[1].content,
            timestamp=NOW,
            sentiment_score=None,
            emotion=None,
            question_id=2,
            order=2,
        ),
        Transcript(
            id=3,
            interview_id=11,
            speaker=Speaker.USER,
            text="An untagged answer",
            timestamp=NOW,
            sentiment_score=None,
            emotion=None,
            question_id=None,
            order=3,
        ),
    ]
    summary, details = human_scoring_report(QUESTIONS[:2], transcripts, Language.EN)

    assert "AI scoring is off" in summary and "rubric" in summary
    assert [(q["question_id"], q["answered"], q["score"]) for q in details["questions"]] == [
        (1, False, None),
        (2, True, None),
    ]
    assert details["needs_human_review"] and details["overall_score"] is None
    assert details["feedback"] == {
        "strengths": [],
        "improvements": [],
        "questions": [{"question_id": 1, "feedback": ""}, {"question_id": 2, "feedback": ""}],
    }


def test_overrides_name_a_question_asked_and_answered_unless_people_score_everything():
    report = _report()
    check_override(report, QUESTIONS, OverrideScope.QUESTION, 1)
    check_override(report, QUESTIONS, OverrideScope.TECHNICAL, None)
    for scope, question_id, message in (
        (OverrideScope.QUESTION, 99, "not part of interview 11"),
        (OverrideScope.QUESTION, 4, "was not answered"),
        (OverrideScope.QUESTION, None, "needs the question_id"),
        (OverrideScope.OVERALL, 1, "only for scope 'question'"),
    ):
        with pytest.raises(InvalidInput, match=message):
            check_override(report, QUESTIONS, scope, question_id)
    human = _report(
        scoring=Scoring.HUMAN,
        technical_score=None,
        communication_score=None,
        cultural_fit_score=None,
    )
    check_override(human, QUESTIONS, OverrideScope.QUESTION, 4)


# ------------------------------------------------------------------ what the candidate sees


def _candidate_json(report: EvaluationReport, *, visible: bool, overrides=()) -> str:
    final = final_scores(report, QUESTIONS, overrides)
    view = candidate_report(
        report,
        kind=InterviewKind.REAL,
        questions=QUESTIONS,
        final=final,
        overridden=bool(overrides),
        scores_visible=visible,
    )
    return view.model_dump_json()


@pytest.mark.parametrize("visible", [True, False])
def test_no_rubric_text_criteria_weights_signals_or_evidence_ever_reach_the_candidate(visible):
    text = _candidate_json(_report(), visible=visible).casefold()

    for secret in (
        SECRET_NAME,
        SECRET_NAME.replace("_", " "),
        SECRET_DESCRIPTION,
        SECRET_KEYWORD,
        SECRET_POINT,
        str(SECRET_WEIGHT),
        SECRET_SIGNAL,
        SECRET_EVIDENCE,
        "12.3",
        "details_json",
        "criteria",
        "evidence",
        "signals",
        "weight",
        "overrides",
        "reviewer",
        "kim",
    ):
        assert secret.casefold() not in text, secret
    # What is left is the candidate's own.
    view = json.loads(text)
    assert view["feedback"]["strengths"] == ["'how does a b-tree index…': a specific answer."]
    assert [q["feedback"] for q in view["questions"]] == [
        "a specific answer.",
        "",
        "tell it as situation, action and outcome.",
        "",
    ]
    assert [q["question"] for q in view["questions"]] == [q.content.casefold() for q in QUESTIONS]


def test_shown_scores_are_the_final_ones_and_the_summary_keeps_only_its_safe_sentences():
    report = _report()
    view = json.loads(_candidate_json(report, visible=True))
    assert (
        view["scores_visible"]
        and view["overall_score"] == final_scores(report, QUESTIONS, []).overall
    )
    assert view["summary_text"] == (
        "Answered 3 of 4 questions. Technical 60, communication 50. "
        "(written by the offline rubric evaluator)"
    )
    assert [q["score"] for q in view["questions"]] == [80.0, 40.0, 60.0, None]
    assert [q["answered"] for q in view["questions"]] == [True, True, True, False]

    overridden = json.loads(
        _candidate_json(
            report, visible=True, overrides=[_override(1, OverrideScope.TECHNICAL, 20.0)]
        )
    )
    assert overridden["technical_score"] == 20.0
    assert overridden["summary_text"] == "", (
        "the summary's numbers are the AI's, which people changed"
    )


def test_hidden_scores_hide_every_score_and_a_summary_that_states_them_but_keep_the_feedback():
    view = json.loads(_candidate_json(_report(), visible=False))

    assert view["scores_visible"] is False
    assert [
        view[k]
        for k in ("technical_score", "communication_score", "cultural_fit_score", "overall_score")
    ] == [None] * 4
    assert all(q["score"] is None for q in view["questions"])
    assert view["summary_text"] == ""
    assert view["feedback"]["improvements"] == ["'How would you design…': Add an example."]
    plain = _report(summary_text="Thank you for the interview. The answers were transcribed.")
    assert json.loads(_candidate_json(plain, visible=False))["summary_text"] == plain.summary_text


def test_reports_written_before_candidate_feedback_show_none_and_never_the_staffs_strengths():
    old = _report()
    details = {k: v for k, v in old.details_json.items() if k != "feedback"}
    view = json.loads(_candidate_json(_report(details_json=details), visible=True))

    assert view["feedback"] == {"strengths": [], "improvements": []}
    assert [q["feedback"] for q in view["questions"]] == [""] * 4
    assert view["review_state"] == ReviewState.PENDING_REVIEW and view["ai_assisted"] is True
