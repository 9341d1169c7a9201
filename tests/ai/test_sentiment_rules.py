"""The rules offline-lexicon-v5 added to the offline sentiment analyser, in both languages.

Every sentence here was written for these tests (none is copied from a bench set). Each rule has
a case it must read and, where the rule could overreach, a sincere or technical case it must
leave alone. The module docstring of interview_core.ai.sentiment.offline lists the rules."""

from __future__ import annotations

import pytest
from interview_core.ai.sentiment.offline import NEUTRAL_BAND, LexiconSentimentAnalyzer


@pytest.fixture(scope="module")
def analyzer() -> LexiconSentimentAnalyzer:
    return LexiconSentimentAnalyzer()


def polarity(analyzer: LexiconSentimentAnalyzer, text: str) -> str:
    score = analyzer.analyze(text).score
    if score > NEUTRAL_BAND:
        return "positive"
    if score < -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def check(analyzer: LexiconSentimentAnalyzer, cases: list[tuple[str, str]]) -> None:
    wrong = [(text, label, polarity(analyzer, text)) for text, label in cases]
    assert [w for w in wrong if w[1] != w[2]] == []


def test_emphatic_negation_reaches_the_predicate(analyzer):
    """ "~한 적은 (단) 한 번도 없다": the negation reaches past "한 번도" to the feeling word."""
    check(
        analyzer,
        [
            ("그 팀에 합류한 걸 후회한 적은 단 한 번도 없어요.", "positive"),
            ("면접관이 무례하다고 느낀 적은 한 번도 없었어요.", "positive"),
            ("야근 때문에 불평한 적은 단 한 번도 없습니다.", "positive"),
            ("I don't have a single complaint about the process.", "positive"),
            ("I honestly can't think of a single thing I enjoyed there.", "negative"),
        ],
    )


def test_a_comparison_with_expectations_is_not_a_superlative(analyzer):
    check(
        analyzer,
        [
            ("발표가 생각보다 전혀 떨리지 않았어요.", "positive"),
            ("면접이 걱정했던 것보다 어렵지 않아서 마음이 편했어요.", "positive"),
            ("그 팀만큼 즐거웠던 팀은 없었어요.", "positive"),  # still a superlative
            ("이번 팀은 그 팀만큼 좋지는 않았어요.", "negative"),  # "~지 않다": not as good
            ("I couldn't be happier with how the release went.", "positive"),
            ("I've never felt prouder of a team.", "positive"),
        ],
    )


def test_idioms_are_matched_conjugated_and_around_an_adverb(analyzer):
    check(
        analyzer,
        [
            ("선배가 옆에 있어서 마음이 정말 놓였어요.", "positive"),
            ("동료들의 응원이 큰 힘이 됐습니다.", "positive"),
            ("새 팀에 금방 마음이 갑니다.", "positive"),
            ("That mentoring really paid off for me.", "positive"),
        ],
    )


def test_a_feeling_noun_keeps_a_descriptive_word_a_feeling(analyzer):
    check(
        analyzer,
        [
            ("서버를 처음 배포하던 날 기분이 정말 좋았어요.", "positive"),
            ("열심히 하는 팀원들 덕분에 일하는 게 편해요.", "positive"),  # "열" is not a column
            ("인덱스를 쓰면 조회가 훨씬 좋아집니다.", "neutral"),
            ("I felt great the day our service went live.", "positive"),
        ],
    )


def test_an_answer_before_or_after_the_uncertainty_is_neutral(analyzer):
    check(
        analyzer,
        [
            ("아마 2019년쯤이었을 텐데, 정확한 날짜는 기억나지 않아요.", "neutral"),
            ("정확하진 않지만 대략 30퍼센트쯤 개선됐던 것 같아요.", "neutral"),
            ("그 질문에는 솔직히 답을 잘 모르겠습니다. 죄송합니다.", "negative"),
            (
                "It was probably around forty services, but I'm not sure of the exact count.",
                "neutral",
            ),
            ("I'm not certain of the headcount; maybe sixty people?", "neutral"),
            ("I'm sorry, I really don't know how to answer that.", "negative"),
        ],
    )


def test_a_small_concession_still_turns(analyzer):
    """A degree hedge ("좀", "a bit") makes the concession small, not doubtful; an adnominal
    ("실패한 프로젝트") describes a thing. The landing decides either way."""
    check(
        analyzer,
        [
            ("야근이 좀 부담스럽긴 했지만, 그래도 그 일을 맡은 건 잘한 선택이었어요.", "positive"),
            ("실패한 프로젝트였지만 거기서 얻은 교훈이 지금 제 가장 큰 자산이에요.", "positive"),
            ("몸은 조금 고됐지만, 그 덕분에 오히려 운동하는 습관이 생겼어요.", "positive"),
            ("The hours were a little long, but I would happily do it again.", "positive"),
            (
                "The pay was lower than I wanted, though I learned more there than anywhere.",
                "positive",
            ),
        ],
    )


def test_hindsight_and_a_later_phase_are_the_landing(analyzer):
    check(
        analyzer,
        [
            (
                "초반에는 실수가 잦아서 속상했는데, 돌이켜보면 그때 제일 많이 성장했어요.",
                "positive",
            ),
            (
                "처음 몇 주는 너무 낯설어서 헤맸지만, 지금은 팀에서 그 코드를 제일 잘 알아요.",
                "positive",
            ),
            (
                "I was furious at first; by the end of the week I was grateful for the feedback.",
                "positive",
            ),
            ("The client praised the prototype, then pulled the funding a week later.", "negative"),
        ],
    )


def test_a_grievance_said_as_never_is_negative_but_a_system_that_never_fails_is_not(analyzer):
    check(
        analyzer,
        [
            ("팀장님이 제 의견을 물어본 적은 한 번도 없었어요.", "negative"),
            ("두 달을 준비했는데 결국 발표는 못 했어요.", "negative"),
            ("아무도 제 코드를 리뷰해 주지 않아서 늘 혼자 고민했어요.", "negative"),
            ("이 배치는 한 번도 재시작 없이 석 달째 돌고 있습니다.", "neutral"),
            ("그 API는 아무도 호출하지 않아서 지난달에 지웠습니다.", "neutral"),
            ("I asked for a raise three times and never once got an answer.", "negative"),
            ("The nightly job has not once failed since we added retries.", "neutral"),
        ],
    )


def test_scare_quotes_are_ironic_but_names_and_terms_are_not(analyzer):
    check(
        analyzer,
        [
            ("그 회사의 '수평 문화'는 결국 아무도 책임지지 않는다는 뜻이었어요.", "negative"),
            ("팀장님은 그걸 '잠깐의 야근'이라고 하셨는데 반년이 갔어요.", "negative"),
            ("저희는 이 배치를 '야간 정산'이라고 불렀습니다.", "neutral"),
            ("'멱등성'은 같은 요청을 여러 번 보내도 결과가 같다는 뜻입니다.", "neutral"),
            ("They kept calling it a 'short crunch' for six months.", "negative"),
            ("We named the service 'Falcon' after the team mascot.", "neutral"),
            ("We call this approach the 'outbox' pattern.", "neutral"),
        ],
    )


def test_mock_praise_frames(analyzer):
    """ "역시 X답게" and "덕분에" with nothing good in them; "X's idea of Y" in English."""
    check(
        analyzer,
        [
            ("역시 우리 회사답게 회의록은 아무도 안 읽더라고요.", "negative"),
            ("역시 선배답게 장애를 깔끔하게 해결하셨어요.", "positive"),
            ("덕분에 연휴 내내 혼자 장애 대응을 했죠.", "negative"),
            ("멘토님 덕분에 코드 리뷰가 훨씬 즐거워졌어요.", "positive"),
            ("My director's idea of mentoring was forwarding me old slide decks.", "negative"),
            ("Our director was a great mentor to the whole team.", "positive"),
        ],
    )


def test_a_verdict_of_praise_before_an_account_of_something_bad(analyzer):
    check(
        analyzer,
        [
            ("정말 멋진 회사였죠. 퇴사 당일에 인수인계를 전부 저한테 떠넘기더라고요.", "negative"),
            ("정말 좋은 팀이었어요. 다들 주말에도 서로 도와주면서 끝까지 함께했어요.", "positive"),
            ("What a great week. The build broke every night and nobody knew why.", "negative"),
            ("Great team. We shipped the whole redesign together in a month.", "positive"),
        ],
    )


def test_praise_reacting_to_what_was_just_said(analyzer):
    """ "~다니, 참 훌륭한 ~였죠", "~더니, 참 ~": praise commenting on the bad cause before it."""
    check(
        analyzer,
        [
            ("배포 전날 밤에 스펙을 다 뒤집으시다니, 참 훌륭한 계획이었죠.", "negative"),
            ("연봉 동결을 발표하던데, 참 감동적인 소식이었네요.", "negative"),
            ("합격 소식을 듣다니, 정말 기뻤어요.", "positive"),
            ("We lost the whole weekend to the migration, which was just lovely.", "negative"),
        ],
    )


def test_what_the_speaker_believed_and_found_untrue(analyzer):
    check(
        analyzer,
        [
            ("쉬운 과제인 줄 알았는데 막상 해 보니 정말 막막했어요.", "negative"),
            ("좋은 회사인 줄 알았어요.", "negative"),
            ("좋은 기회라고 생각했는데, 막상 가 보니 제가 할 일이 거의 없었어요.", "negative"),
            ("개발이 이렇게 재미있는 줄 몰랐어요.", "positive"),
            ("I thought it would be easy, but it turned out to be a nightmare.", "negative"),
        ],
    )


def test_english_negation_frames(analyzer):
    check(
        analyzer,
        [
            ("I can't say enough good things about that team.", "positive"),
            ("The design wasn't good enough for the client.", "negative"),
            ("I wouldn't say it was great or terrible, just an average sprint.", "neutral"),
            ("그 스프린트는 좋지도 나쁘지도 않았어요.", "neutral"),
        ],
    )


def test_the_speaker_failing_is_a_feeling_a_system_failing_is_not(analyzer):
    check(
        analyzer,
        [
            ("I panicked during the live coding test and failed it.", "negative"),
            ("The job fails when the queue is full, and we retry it.", "neutral"),
            ("I killed the stuck process and restarted the service.", "neutral"),
            ("코딩 테스트에서 너무 긴장해서 결국 떨어졌어요.", "negative"),
        ],
    )


def test_feigned_enjoyment_and_rhetorical_questions(analyzer):
    check(
        analyzer,
        [
            ("I just loved spending my birthday fixing someone else's outage.", "negative"),
            ("I really love debugging tricky production issues with my team.", "positive"),
            ("Who doesn't love a pager going off at 4 a.m. on a holiday?", "negative"),
            ("Who wouldn't want to work on a product this useful?", "positive"),
            (
                "Nothing motivates a team like cancelling their bonuses right before the holidays.",
                "negative",
            ),
            ("The vendor missed the deadline a third time. Very professional.", "negative"),
            ("We won the hackathon. Really proud.", "positive"),
        ],
    )


def test_a_good_thing_lost_and_learning_a_fact(analyzer):
    check(
        analyzer,
        [
            ("그 일을 하면서 건강을 잃었어요.", "negative"),
            ("석 달째 야근하다 보니 의욕이 사라졌어요.", "negative"),
            ("스트레스가 이만저만이 아니었어요.", "negative"),
            ("After that review I lost all my confidence.", "negative"),
            ("We learned that most users never open the settings page.", "neutral"),
            ("I learned so much from that project.", "positive"),
        ],
    )


def test_emotions_of_the_new_frames(analyzer):
    assert analyzer.analyze("I never got a straight answer about my transfer.").emotion == "angry"
    assert analyzer.analyze("그 회사에서 정말 배신감이 들었어요.").emotion == "angry"
    assert analyzer.analyze("결국 그 팀에서는 제 자리를 찾지 못했어요.").emotion == "sad"
