"""The rules offline-lexicon-v5 and offline-lexicon-v6 added to the offline sentiment analyser,
in both languages.

Every sentence here was written for these tests (none is copied from a bench set). Each rule has
a case it must read and, where the rule could overreach, a sincere, plain or technical case it
must leave alone. The module docstring of interview_core.ai.sentiment.offline lists the rules."""

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


# --------------------------------------------------------------------------- offline-lexicon-v6


def test_understatement_of_a_large_count_is_ironic(analyzer):
    """A large count of occurrences said to be few ("only", "just", "~밖에") or played down
    ("slightly", "뭐 ~편이었죠") is a burden; praise around it is ironic. A plain or proud count,
    and a small measure ("only thirty minutes"), are not."""
    check(
        analyzer,
        [
            (
                "Honestly, I'm very calm, I just reread the job ad twenty times on the bus.",
                "negative",
            ),
            ("The release week was slightly hectic, just fifty alerts before lunch.", "negative"),
            ("배포 첫날 고객 전화가 쉰 통밖에 안 와서 나름 평화로웠죠.", "negative"),
            ("It only took thirty minutes to fix, which was great.", "positive"),
            ("We handled forty tickets a day and I loved the pace.", "positive"),
            ("The test suite runs about fifty times a day in CI.", "neutral"),
            ("스무 번 넘게 리허설을 해서 발표가 정말 자신 있었어요.", "positive"),
            ("하루에 평균 서른 건의 문의를 처리했습니다.", "neutral"),
        ],
    )
    # Ironic calm means the feeling it denies.
    text = "Honestly, I'm very calm, I just reread the job ad twenty times on the bus."
    assert analyzer.analyze(text).emotion == "anxious"


def test_mock_emphasis_of_a_small_amount_is_ironic(analyzer):
    """ "무려" / "a whopping" before one of something (or a few percent) is mock emphasis; before
    a large amount, or a period that may be long ("한 달 휴가"), it is sincere."""
    check(
        analyzer,
        [
            ("회사가 올해 교육비를 무려 1퍼센트 늘려 줬어요. 정말 통이 크죠.", "negative"),
            ("석 달 동안 만든 기능에 대한 피드백이 무려 한 줄이었죠.", "negative"),
            ("They gave us a whopping two days' notice, very generous.", "negative"),
            ("무려 삼천 명이 가입해서 정말 기뻤어요.", "positive"),
            ("팀장님이 무려 한 달 휴가를 주셔서 정말 감사했어요.", "positive"),
            ("성과급이 무려 두 달 치라서 정말 감동했어요.", "positive"),
        ],
    )


def test_an_afterthought_exception_or_condition_takes_the_praise_back(analyzer):
    """An exception or condition said after the praise, at the end ("~것만 빼면요", ", if the
    point was ...", ", as long as nobody ...", ", unless you count ...") takes it back. An
    exception said first is a sincere reservation, and a condition on the speaker's own wish or
    with nothing bad in it is sincere."""
    check(
        analyzer,
        [
            ("전혀 걱정 안 돼요. 어젯밤에 악몽을 세 번 꾼 것만 빼면요.", "negative"),
            ("The plan was flawless, if the point was to miss the deadline.", "negative"),
            ("The hours were great, as long as nobody wanted a weekend.", "negative"),
            ("The launch was smooth, unless you count the three rollbacks.", "negative"),
            ("야근만 빼면 다 좋았어요.", "positive"),
            ("I'm happy to relocate as long as the team is good.", "positive"),
            (
                "I'd be glad to lead it, as long as nobody minds me asking lots of questions.",
                "positive",
            ),
            ("The cache works great as long as the keys are small.", "neutral"),
        ],
    )
    assert (
        analyzer.analyze("전혀 걱정 안 돼요. 어젯밤에 악몽을 세 번 꾼 것만 빼면요.").emotion
        == "anxious"
    )


def test_praise_of_thoroughness_with_how_little_there_was(analyzer):
    """Praise of thoroughness, care or generosity next to a statement of how little there was is
    ironic; not praise of ease, a minimal count of something bad, or a generous amount."""
    check(
        analyzer,
        [
            ("그 회사 복지는 정말 후했어요, 명절 선물로 양말 한 켤레가 전부였거든요.", "negative"),
            ("Such a thorough review: a single comment, and it was about a typo.", "negative"),
            ("The code review was thorough and they found only one bug.", "positive"),
            ("팀장님이 정말 꼼꼼하셔서 버그 한 개뿐이었어요.", "positive"),
            ("클릭 한 번이면 끝나서 정말 편했어요.", "positive"),
            ("코드 리뷰가 정말 꼼꼼했어요, 한 줄 한 줄 다 봐 주셨거든요.", "positive"),
            ("The onboarding was generous: two weeks of paid training.", "positive"),
        ],
    )


def test_a_korean_comma_after_a_final_ending_ends_the_statement(analyzer):
    """ "참 멋진 회사였죠, 퇴사 날까지 ..." is a verdict and then an account, as two sentences
    would be; an addition with no word of its own ("그것도 두 번이나요") continues the account."""
    check(
        analyzer,
        [
            ("참 멋진 회사였죠, 퇴사 날까지 야근을 시키더라고요.", "negative"),
            (
                "주말에도 배포 알림이 왔어요, 그것도 두 번이나요. 아주 알찬 주말이었습니다.",
                "negative",
            ),
            ("네, 맞아요, 그때 팀 분위기가 정말 좋았어요.", "positive"),
            ("좋은 질문이네요, 제가 실제로 겪었던 일로 답해 보겠습니다.", "positive"),
            ("네, 그 부분은 제가 맡았어요, 다른 분들은 프론트엔드를 했고요.", "neutral"),
            ("정말 즐거웠어요, 매일 새로운 걸 배웠거든요.", "positive"),
        ],
    )


def test_oh_sentences_mock_admiration_and_mock_gratitude(analyzer):
    check(
        analyzer,
        [
            ("Oh, the launch was flawless; we only rolled back twice.", "negative"),
            ("Oh, I loved that team, we still meet every month.", "positive"),
            ("Oh, it was a great project, and the client renewed the contract.", "positive"),
            (
                "You have to love a VP who announces a hiring freeze on the day of the team party.",
                "negative",
            ),
            ("You have to admire a team that stays calm during an outage.", "positive"),
            ("You've got to love how quickly that team ships.", "positive"),
            ("본부장님 덕분에 올해 설 연휴는 새벽까지 회의실에서 정말 뜻깊게 보냈죠.", "negative"),
            ("멘토님 덕분에 주말에도 공부하면서 정말 많이 배웠죠.", "positive"),
            ("동료들 덕분에 야근도 즐겁게 했어요.", "positive"),
            ("선배님 덕분에 새벽 장애도 침착하게 해결할 수 있었어요.", "positive"),
        ],
    )


def test_english_negation_reaches_further(analyzer):
    """ "at all" does not use up the negation window; "too X to feel Y" denies Y; a bad thing
    that is the subject of a denied bad feeling ("Long hours have never scared me") is not said
    of the speaker's situation as well; a denied "problem" is fine."""
    check(
        analyzer,
        [
            ("I'm not at all worried about the system design round.", "positive"),
            ("My first manager was not at all happy with my estimates.", "negative"),
            (
                "Going into that panel, I was not at all prepared for the questions on billing.",
                "negative",
            ),
            ("I was too tired to feel proud of it.", "negative"),
            ("Long hours have never scared me.", "positive"),
            ("Criticism doesn't bother me; it helps me improve.", "positive"),
            ("I was exhausted and never felt rested.", "negative"),
            ("The outage didn't affect our customers.", "neutral"),
            ("Moving to a new city was never an issue for me.", "positive"),
            ("The problem was a missing index on the orders table.", "neutral"),
            ("There was no problem with the cache after the fix.", "neutral"),
            ("I felt completely prepared for the final round.", "neutral"),
            ("I prepared the slides the night before.", "neutral"),
        ],
    )


def test_fairness_and_contentment(analyzer):
    check(
        analyzer,
        [
            ("The review process felt fair and transparent.", "positive"),
            ("The bonus scheme was never fair to the support team.", "negative"),
            ("To be fair, the deadline was set by the client.", "neutral"),
            ("I met my current manager at a career fair.", "neutral"),
            ("If I could go back, I wouldn't change anything.", "positive"),
            ("I wouldn't trade those two years for anything.", "positive"),
            ("We wouldn't change anything without a review.", "neutral"),
            ("We didn't change anything in the config.", "neutral"),
        ],
    )


def test_korean_verbs_of_enduring(analyzer):
    """Able to bear something is willingness, unable is distress, whether one can is doubt; and
    what one can bear is no complaint."""
    check(
        analyzer,
        [
            ("주말 근무가 가끔 있더라도 충분히 감수할 수 있습니다.", "positive"),
            ("이 정도 압박은 얼마든지 견딜 수 있어요.", "positive"),
            ("혼자서는 그 업무량을 도저히 감당할 수 없었어요.", "negative"),
            ("제가 그 압박을 버틸 수 있을지 솔직히 모르겠어요.", "negative"),
            ("검토 인력이 하루에 감당할 수 있는 건수를 기준으로 잡았습니다.", "neutral"),
        ],
    )


def test_korean_idioms_with_a_negator_inside_and_finding_out(analyzer):
    check(
        analyzer,
        [
            ("발표 전날 밤에 잠이 안 와서 계속 뒤척였어요.", "negative"),
            ("결과 발표를 기다리느라 한숨도 못 잤습니다.", "negative"),
            ("그날은 푹 자고 가서 컨디션이 좋았어요.", "positive"),
            ("한 번 실수한 게 아직도 마음에 걸려요.", "negative"),
            ("이렇게 좋은 분들과 일하게 될 줄은 몰랐어요.", "positive"),
            ("원격 근무가 이렇게 자유로운 줄은 미처 몰랐습니다. 정말 멋지네요!", "positive"),
            ("그 질문은 잘 모르겠습니다.", "negative"),
        ],
    )
    assert analyzer.analyze("결과 발표를 기다리느라 한숨도 못 잤습니다.").emotion == "anxious"


def test_v6_vocabulary(analyzer):
    check(
        analyzer,
        [
            ("팀에 보탬이 되도록 최선을 다해 기여하겠습니다.", "positive"),
            ("그 경험이 저한테는 큰 자산이에요.", "positive"),
            ("동료들의 피드백이 큰 동기부여가 됐어요.", "positive"),
            ("희망 직무는 백엔드 개발입니다.", "neutral"),
            ("자산 테이블에 인덱스를 추가했습니다.", "neutral"),
            ("발표 직전에 노트북이 또 꺼지다니, 운도 참 기가 막히네요.", "negative"),
            ("이번 분기는 일정에 여유가 있어서 리팩터링을 했어요.", "positive"),
            ("마감이 코앞이라 여유가 전혀 없었어요.", "negative"),
            ("원인은 테스트 간 비결정성인 경우가 많습니다.", "neutral"),  # not "정성"
        ],
    )
