"""The offline lexicon sentiment analyser (interview_core.ai.sentiment.offline)."""

from __future__ import annotations

import pydantic
import pytest
from interview_core.ai.sentiment.offline import (
    NEUTRAL_BAND,
    LexiconSentimentAnalyzer,
    SentimentResult,
    detect_language,
)


@pytest.fixture(scope="module")
def analyzer() -> LexiconSentimentAnalyzer:
    return LexiconSentimentAnalyzer()


def polarity(score: float) -> str:
    if score > NEUTRAL_BAND:
        return "pos"
    if score < -NEUTRAL_BAND:
        return "neg"
    return "neu"


KOREAN_LABELED = [
    ("저는 FastAPI와 PostgreSQL 경험이 3년 있습니다.", "neu"),
    ("데이터베이스 인덱스는 B-Tree 구조로 되어 있습니다.", "neu"),
    ("저는 서울에서 태어났고 컴퓨터공학을 전공했습니다.", "neu"),
    ("회사 문화나 대화나 변화가 중요하다고 생각합니다.", "neu"),
    ("자신의 역할을 명확히 하는 것이 중요합니다.", "neu"),
    ("스트레스 테스트로 병목 구간을 찾았습니다.", "neu"),
    ("문제없이 배포를 끝냈습니다.", "neu"),
    ("실패한 요청은 세 번까지 재시도합니다.", "neu"),
    ("최악의 경우 시간 복잡도는 O(n^2)입니다.", "neu"),
    ("정확히는 잘 모르겠지만 초당 200건 정도였습니다.", "neu"),
    ("프로젝트를 성공적으로 마쳐서 정말 뿌듯했습니다.", "pos"),
    ("팀원들과 함께 일하는 것이 즐거웠습니다.", "pos"),
    ("결과가 좋았습니다.", "pos"),
    ("팀장님께 정말 감사했습니다.", "pos"),
    ("처음에는 어려웠지만 결국 문제를 해결했습니다.", "pos"),
    ("힘들었지만 보람 있었습니다.", "pos"),
    ("걱정이 없었습니다.", "pos"),
    ("긴장하지 않았습니다.", "pos"),
    ("면접이 너무 긴장되고 불안합니다.", "neg"),
    ("그때는 정말 화가 났습니다.", "neg"),
    ("프로젝트가 실패해서 너무 슬펐습니다.", "neg"),
    ("결과가 좋지 않았습니다.", "neg"),
    ("결과가 안 좋았습니다.", "neg"),
    ("결국 문제를 해결하지 못했습니다.", "neg"),
    ("자신감이 없었습니다.", "neg"),
    ("일이 재미없었어요.", "neg"),
    ("매일 야근해서 지치고 우울했습니다.", "neg"),
]

ENGLISH_LABELED = [
    ("I have five years of experience with Django and MySQL.", "neu"),
    ("The service runs on Kubernetes and stores data in PostgreSQL.", "neu"),
    ("We ran a stress test and the failure rate dropped.", "neu"),
    ("I'm not sure about the exact number, but I think it was around two hundred.", "neu"),
    ("We added a dead letter queue for the failed messages.", "neu"),
    ("The worst case is quadratic.", "neu"),
    ("I usually start by reading the existing code.", "neu"),
    ("I am very happy with the result.", "pos"),
    ("The launch was a great success and the team was proud.", "pos"),
    ("I really enjoyed working with that team.", "pos"),
    ("It was difficult at first, but we succeeded in the end.", "pos"),
    ("It was not bad.", "pos"),
    ("We never gave up.", "pos"),
    ("I wasn't worried at all.", "pos"),
    ("Thank you, I'm excited about this role.", "pos"),
    ("The result was not good.", "neg"),
    ("I never felt confident in that role.", "neg"),
    ("I was really nervous and worried about the deadline.", "neg"),
    ("I was furious when they ignored the review.", "neg"),
    ("I felt sad and disappointed after the project failed.", "neg"),
    ("Honestly, I hated how the meeting went.", "neg"),
    ("I'm not happy about how it ended.", "neg"),
    ("The migration was a terrible mistake.", "neg"),
    ("I was exhausted and burned out by the end of the year.", "neg"),
]


@pytest.mark.parametrize(("text", "label"), KOREAN_LABELED)
def test_korean_labeled(analyzer: LexiconSentimentAnalyzer, text: str, label: str) -> None:
    result = analyzer.analyze(text)
    assert result.language == "ko"
    assert polarity(result.score) == label, result


@pytest.mark.parametrize(("text", "label"), ENGLISH_LABELED)
def test_english_labeled(analyzer: LexiconSentimentAnalyzer, text: str, label: str) -> None:
    result = analyzer.analyze(text)
    assert result.language == "en"
    assert polarity(result.score) == label, result


def test_labeled_sets_are_large_enough() -> None:
    for examples in (KOREAN_LABELED, ENGLISH_LABELED):
        assert len(examples) >= 20
        assert {label for _, label in examples} == {"pos", "neg", "neu"}


def test_factual_korean_answer_is_never_negative(analyzer: LexiconSentimentAnalyzer) -> None:
    result = analyzer.analyze("저는 FastAPI와 PostgreSQL 경험이 3년 있습니다.")
    assert result.score >= 0
    assert result.emotion in ("neutral", "happy")
    assert result.language == "ko"


@pytest.mark.parametrize(
    ("positive", "negated"),
    [
        ("결과가 좋았습니다.", "결과가 좋지 않았습니다."),
        ("결과가 좋았습니다.", "결과가 안 좋았습니다."),
        ("결과가 좋았어요.", "결과가 안좋았어요."),
        ("문제를 해결했습니다.", "문제를 해결 못 했습니다."),
        ("자신감이 있었습니다.", "자신감이 없었습니다."),
        ("The result was good.", "The result was not good."),
        ("The result was good.", "The result wasn't good."),
        ("I felt confident.", "I never felt confident."),
    ],
)
def test_negation_flips_positive(
    analyzer: LexiconSentimentAnalyzer, positive: str, negated: str
) -> None:
    assert analyzer.analyze(positive).score > NEUTRAL_BAND
    assert analyzer.analyze(negated).score < -NEUTRAL_BAND


@pytest.mark.parametrize(
    ("negative", "negated"),
    [
        ("긴장했습니다.", "긴장하지 않았습니다."),
        ("걱정이 많았습니다.", "걱정이 없었습니다."),
        ("I was worried.", "I wasn't worried."),
        ("It was bad.", "It was not bad."),
    ],
)
def test_negation_flips_negative(
    analyzer: LexiconSentimentAnalyzer, negative: str, negated: str
) -> None:
    assert analyzer.analyze(negative).score < 0
    assert analyzer.analyze(negated).score > 0


def test_double_negation_cancels(analyzer: LexiconSentimentAnalyzer) -> None:
    assert analyzer.analyze("결과가 안 좋지 않았습니다.").score > 0


@pytest.mark.parametrize(
    ("plain", "intensified"),
    [
        ("행복했습니다.", "정말 행복했습니다."),
        ("결과가 좋았습니다.", "결과가 아주 좋았습니다."),
        ("긴장했습니다.", "너무 긴장했습니다."),
        ("좋았어요.", "진짜 좋았어요."),
        ("기뻤습니다.", "매우 기뻤습니다."),
        ("I am happy.", "I am very happy."),
        ("I was nervous.", "I was extremely nervous."),
        ("I enjoyed it.", "I really enjoyed it."),
    ],
)
def test_intensifier_raises_magnitude(
    analyzer: LexiconSentimentAnalyzer, plain: str, intensified: str
) -> None:
    base, strong = analyzer.analyze(plain).score, analyzer.analyze(intensified).score
    assert abs(strong) > abs(base) > 0
    assert (strong > 0) == (base > 0)


@pytest.mark.parametrize(
    ("plain", "hedged"),
    [
        ("긴장했습니다.", "조금 긴장했습니다."),
        ("결과가 좋았습니다.", "결과가 약간 좋았습니다."),
        ("성공할 것입니다.", "아마 성공할 것입니다."),
        ("I was nervous.", "I was a bit nervous."),
        ("I am happy with it.", "I am somewhat happy with it."),
        ("It will be a success.", "Maybe it will be a success."),
    ],
)
def test_hedge_lowers_magnitude(
    analyzer: LexiconSentimentAnalyzer, plain: str, hedged: str
) -> None:
    base, soft = analyzer.analyze(plain).score, analyzer.analyze(hedged).score
    assert 0 < abs(soft) < abs(base)
    assert (soft > 0) == (base > 0)


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        ("그때는 정말 화가 났습니다.", "angry"),
        ("동료의 태도 때문에 짜증이 났어요.", "angry"),
        ("면접이 너무 긴장되고 불안합니다.", "anxious"),
        ("자신이 없어요.", "anxious"),
        ("프로젝트가 실패해서 너무 슬펐습니다.", "sad"),
        ("결과가 좋지 않았습니다.", "sad"),
        ("프로젝트를 성공적으로 마쳐서 정말 뿌듯했습니다.", "happy"),
        ("저는 FastAPI와 PostgreSQL 경험이 3년 있습니다.", "neutral"),
        ("I was furious when they ignored the review.", "angry"),
        ("I was really nervous and worried about the deadline.", "anxious"),
        ("I felt sad and disappointed after the project failed.", "sad"),
        ("The migration was a terrible mistake.", "sad"),
        ("I am very happy with the result.", "happy"),
        ("I have five years of experience with Django and MySQL.", "neutral"),
    ],
)
def test_emotion(analyzer: LexiconSentimentAnalyzer, text: str, emotion: str) -> None:
    assert analyzer.analyze(text).emotion == emotion


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_is_neutral(analyzer: LexiconSentimentAnalyzer, text: str) -> None:
    result = analyzer.analyze(text)
    assert result.score == 0.0
    assert result.emotion == "neutral"


def test_scores_are_bounded_and_rounded(analyzer: LexiconSentimentAnalyzer) -> None:
    texts = [text for text, _ in KOREAN_LABELED + ENGLISH_LABELED] + [
        "정말 정말 너무 너무 행복하고 기쁘고 즐겁고 뿌듯하고 감사했습니다. " * 20,
        "너무 화나고 짜증나고 슬프고 우울하고 불안하고 힘들었습니다. " * 20,
        "extremely happy amazing wonderful fantastic excellent great " * 30,
        "terribly angry furious sad depressed anxious terrified " * 30,
    ]
    for text in texts:
        score = analyzer.analyze(text).score
        assert -1.0 <= score <= 1.0
        assert round(score, 3) == score
    assert analyzer.analyze(texts[-4]).score > 0.9
    assert analyzer.analyze(texts[-3]).score < -0.9


def test_neutral_band(analyzer: LexiconSentimentAnalyzer) -> None:
    for text, _ in KOREAN_LABELED + ENGLISH_LABELED:
        result = analyzer.analyze(text)
        assert (result.emotion == "neutral") == (abs(result.score) <= NEUTRAL_BAND)


def test_result_model(analyzer: LexiconSentimentAnalyzer) -> None:
    result = analyzer.analyze("좋았습니다.")
    assert isinstance(result, SentimentResult)
    with pytest.raises(pydantic.ValidationError):
        result.score = 0.5  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        SentimentResult(score=1.5, emotion="happy", language="en")
    assert LexiconSentimentAnalyzer.name == "offline-lexicon-v6"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("저는 FastAPI와 PostgreSQL 경험이 3년 있습니다.", "ko"),
        ("저는 Kubernetes, Docker, Terraform을 사용했습니다.", "ko"),
        ("안녕하세요", "ko"),
        ("I have three years of experience with FastAPI.", "en"),
        ("I love 김치 and coffee.", "en"),
        ("", "ko"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        # Interview phrasing: not knowing is uncertainty, not sadness.
        ("I'm not sure.", "anxious"),
        ("I'm not sure I can answer that.", "anxious"),
        ("I don't know.", "anxious"),
        ("Sorry, I can't remember the details.", "anxious"),
        ("잘 모르겠습니다.", "anxious"),
        ("카프카는 솔직히 잘 몰라요.", "anxious"),
        ("정확히 기억나지 않습니다.", "anxious"),
        ("죄송합니다, 질문을 이해하지 못했습니다.", "anxious"),
        ("I'm excited to join a team like this.", "happy"),
        ("이 팀에서 함께 일하고 싶습니다.", "happy"),
        ("Honestly, it was frustrating that the scope kept changing.", "angry"),
        ("서로 책임을 떠넘기는 분위기가 정말 싫었습니다.", "angry"),
    ],
)
def test_interview_phrasing(analyzer: LexiconSentimentAnalyzer, text: str, emotion: str) -> None:
    result = analyzer.analyze(text)
    assert result.emotion == emotion, result
    assert (
        (result.score > NEUTRAL_BAND) if emotion == "happy" else (result.score < -NEUTRAL_BAND)
    ), result


@pytest.mark.parametrize(
    "text",
    [
        "I know the answer.",
        "Sure, I can explain that.",
        "Make sure the tests pass first.",
        "기억에 남는 프로젝트는 결제 시스템입니다.",
        "요구사항을 이해하고 설계했습니다.",
    ],
)
def test_words_that_count_only_when_negated(analyzer: LexiconSentimentAnalyzer, text: str) -> None:
    assert analyzer.analyze(text).score == 0.0


@pytest.mark.parametrize(
    ("technical", "personal"),
    [
        ("We retry failed requests three times.", "The project failed."),
        ("If the job fails, the message goes back to the queue.", "I failed the exam."),
        ("실패한 메시지는 데드 레터 큐로 보냅니다.", "프로젝트가 실패했습니다."),
        ("테스트가 실패하면 배포를 멈춥니다.", "시험에 실패해서 속상했습니다."),
    ],
)
def test_failure_words_next_to_technical_nouns_are_neutral(
    analyzer: LexiconSentimentAnalyzer, technical: str, personal: str
) -> None:
    assert analyzer.analyze(technical).score == 0.0
    assert analyzer.analyze(personal).score < -NEUTRAL_BAND


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # A negation stays inside its ~고 / ~서 clause.
        ("힘들었고 좋지 않았습니다.", -1),
        ("좋지 않았고 힘들었습니다.", -1),
        ("하나도 어렵지 않았고 재미있었습니다.", 1),
        ("준비를 많이 해서 걱정이 없었습니다.", 1),
        ("문제를 해결하지 못하고 포기했습니다.", -1),
        ("결과가 좋지 않아서 실망했습니다.", -1),
        ("자신감이 없어서 걱정했습니다.", -1),
        # Contrast: what follows "but" / "~지만" weighs more.
        ("It was hard at first, but I really enjoyed it in the end.", 1),
        ("The demo went well, but honestly I was disappointed with my part.", -1),
        ("처음에는 설렜지만 결국 실망이 컸습니다.", -1),
        ("I didn't enjoy that role at all.", -1),
        ("It wasn't a bad experience.", 1),
    ],
)
def test_negation_and_contrast_in_context(
    analyzer: LexiconSentimentAnalyzer, text: str, sign: int
) -> None:
    score = analyzer.analyze(text).score
    assert score * sign > NEUTRAL_BAND, score


def test_analyze_many_is_analyze_in_order(analyzer: LexiconSentimentAnalyzer) -> None:
    texts = ["좋았습니다.", "I was nervous.", ""]
    assert analyzer.analyze_many(texts) == [analyzer.analyze(t) for t in texts]


def test_lexicon_emotion_follows_the_given_score() -> None:
    from interview_core.ai.sentiment.offline import lexicon_emotion

    assert lexicon_emotion("I was nervous.", -0.8) == "anxious"
    assert lexicon_emotion("I was nervous.", 0.8) == "happy"
    assert lexicon_emotion("I was nervous.", 0.1) == "neutral"
    assert lexicon_emotion("We used Redis.", -0.8) == "sad"
