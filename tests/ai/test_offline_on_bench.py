"""The offline rubric evaluator on the labeled bench (bench/data): it orders interviews and answers
as a careful reader would, in Korean and English, quotes only what was said, ignores sentiment, and
gives the same report twice."""

from __future__ import annotations

import statistics
from collections import defaultdict

import pytest
from interview_core.ai.evaluation.offline import MODEL_NAME, OfflineRubricEvaluator
from interview_core.domain.models import Speaker

from bench.evaluator_bench import LEVELS, RANK, SETS, load_bench, spearman
from tests.ai.conftest import bench_record

EVALUATOR = OfflineRubricEvaluator()


@pytest.fixture(scope="module")
def scored():
    return [(b, EVALUATOR.evaluate(b.record)) for b in load_bench()]


@pytest.mark.parametrize("name", list(SETS))
def test_spearman_with_the_known_quality_is_at_least_0_8_in_each_set_and_language(name):
    bench = load_bench(SETS[name])
    for language in ("ko", "en"):
        part = [b for b in bench if b.language == language]
        overall = [EVALUATOR.evaluate(b.record).overall_score for b in part]
        assert spearman([RANK[b.level] for b in part], overall) >= 0.8, (name, language)


def test_levels_are_ordered_strong_average_weak_off_topic_empty_on_average(scored):
    by_level = defaultdict(list)
    for b, e in scored:
        by_level[b.level].append(e.overall_score)
    means = [statistics.fmean(by_level[level]) for level in reversed(LEVELS)]
    assert means == sorted(means, reverse=True) and len(set(means)) == len(means)


def test_within_each_interview_group_strong_beats_average_beats_poor_beats_empty(scored):
    groups = defaultdict(dict)
    for b, e in scored:
        if "-h-" not in b.id:
            groups[b.id.rsplit("-", 1)[0]][b.level] = e.overall_score
    for name, s in groups.items():
        poor = max(s["weak"], s["off_topic"])
        assert s["strong"] > s["average"] > poor > s["empty"], (name, s)


def test_an_off_topic_answer_scores_below_an_on_topic_one_of_the_same_length():
    record = bench_record("en-be-strong")
    q = record.questions[0]
    on = bench_record("en-be-average")
    off = bench_record("en-be-off_topic")
    on_score = EVALUATOR.evaluate(on).questions[0]
    off_score = EVALUATOR.evaluate(off).questions[0]
    assert on_score.question_id == off_score.question_id == q.id
    assert on_score.score > 2 * off_score.score
    assert off_score.signals["relevance"] < 35 < on_score.signals["relevance"]


def test_keyword_lists_without_substance_score_well_below_real_answers(scored):
    by_id = {b.id: e for b, e in scored}
    for language in ("ko", "en"):
        assert (
            by_id[f"{language}-h-namedrop"].overall_score
            < by_id[f"{language}-h-average"].overall_score
        )
        assert (
            by_id[f"{language}-h-namedrop"].overall_score
            < 0.5 * by_id[f"{language}-h-strong"].overall_score
        )


def test_every_quote_is_in_the_candidates_answer_to_that_question(scored):
    for b, e in scored:
        lines = {t.id: t for t in b.record.transcripts}
        for q in e.questions:
            for ev in [*q.evidence, *(x for c in q.criteria for x in c.evidence)]:
                line = lines[ev.transcript_id]
                assert line.speaker == Speaker.USER and line.question_id == q.question_id
                assert ev.quote and ev.quote in line.text


def test_skipped_questions_have_no_score_and_count_as_coverage():
    full = EVALUATOR.evaluate(bench_record("en-be-strong"))
    skipped = EVALUATOR.evaluate(bench_record("en-be-strong", skip_last=True))
    last = skipped.questions[-1]
    assert not last.answered and last.score is None and last.criteria == []
    assert skipped.notes["coverage"] == {"answered": 3, "asked": 4}
    assert [q.score for q in skipped.questions[:3]] == [q.score for q in full.questions[:3]]
    # Lower than answering, but not as low as a zero-point answer would make it.
    zero_answer = full.cultural_fit_score * 0.5  # two fit questions, one of them worth 0
    assert zero_answer < skipped.cultural_fit_score < full.cultural_fit_score
    assert any("not answered" in line for line in skipped.improvements)


def test_i_dont_know_is_an_answer_scored_near_zero():
    evaluation = EVALUATOR.evaluate(bench_record("ko-be-empty"))
    first = evaluation.questions[0]  # "잘 모르겠습니다."
    assert first.answered and first.score is not None and first.score <= 5


def test_sentiment_never_changes_a_score():
    record = bench_record("ko-fe-average")
    gloomy = record.model_copy(
        update={
            "transcripts": [
                t.model_copy(update={"sentiment_score": -1.0, "emotion": "sad"})
                for t in record.transcripts
            ]
        }
    )
    assert EVALUATOR.evaluate(record).details_json() == EVALUATOR.evaluate(gloomy).details_json()


def test_the_same_interview_gets_the_same_report(scored):
    for b, e in scored[:10]:
        again = OfflineRubricEvaluator().evaluate(b.record)
        assert again.details_json() == e.details_json() and again.summary_text == e.summary_text


def test_reports_are_in_the_interviews_language_and_name_their_writer(scored):
    for b, e in scored:
        assert e.evaluator_model == MODEL_NAME
        if b.language == "ko":
            assert "오프라인 루브릭 평가기로 작성" in e.summary_text
            assert all(any("가" <= ch <= "힣" for ch in line) for line in e.improvements)
        else:
            assert "written by the offline rubric evaluator" in e.summary_text
