"""Amazon Comprehend through the real boto3 client, against a local fake endpoint.

`FakeComprehend` is a real HTTP server on 127.0.0.1 speaking Comprehend's JSON 1.1 protocol: POST /
with `X-Amz-Target: Comprehend_20171127.DetectSentiment` or `.BatchDetectSentiment`, a SigV4
`Authorization` header, `application/x-amz-json-1.1` bodies, and the service's response and error
shapes (`{"__type": ..., "Message": ...}` with status 400/500). It enforces the service's limits:
5,000 UTF-8 bytes a document, 25 documents a batch, the supported languages. Nothing in boto3 or
botocore is mocked: the client signs, serialises, retries and parses as it does against AWS.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import boto3
import pytest
from botocore.config import Config
from interview_core.ai.sentiment import provider as sentiment_provider
from interview_core.ai.sentiment import settings as sentiment_settings
from interview_core.ai.sentiment.comprehend import (
    MAX_BATCH_SIZE,
    MAX_DOCUMENT_BYTES,
    ComprehendSentimentAnalyzer,
    score_of,
    truncate_utf8,
)
from interview_core.ai.sentiment.offline import NEUTRAL_BAND, LexiconSentimentAnalyzer
from interview_core.ai.sentiment.provider import get_sentiment_analyzer
from interview_core.ai.sentiment.settings import SentimentSettings

from tests.fakes import serving

TARGET_PREFIX = "Comprehend_20171127."
LANGUAGES = {"en", "es", "fr", "de", "it", "pt", "ar", "hi", "ja", "ko", "zh", "zh-TW"}


# --------------------------------------------------------------------------- the fake endpoint


def scores(positive: float = 0.0, negative: float = 0.0, mixed: float = 0.0) -> dict[str, float]:
    return {
        "Positive": positive,
        "Negative": negative,
        "Neutral": round(1 - positive - negative - mixed, 6),
        "Mixed": mixed,
    }


def label_of(score: dict[str, float]) -> str:
    return max(("Positive", "Negative", "Neutral", "Mixed"), key=lambda k: score[k]).upper()


POSITIVE_WORDS = ("great", "happy", "excited", "enjoyed", "좋", "기뻤", "즐거", "뿌듯")
NEGATIVE_WORDS = (
    "nervous",
    "terrible",
    "angry",
    "frustrat",
    "sure",
    "불안",
    "화가",
    "실패",
    "모르",
)


def keyword_scorer(text: str, language: str) -> dict[str, float]:
    """A deterministic stand-in for the model: keyword counts to probabilities."""
    lowered = text.lower()
    pos = sum(lowered.count(w) for w in POSITIVE_WORDS)
    neg = sum(lowered.count(w) for w in NEGATIVE_WORDS)
    if pos and neg:
        return scores(0.3, 0.3, 0.3)
    if pos:
        return scores(0.9, 0.02)
    if neg:
        return scores(0.03, 0.87)
    return scores(0.05, 0.03)


@dataclass
class Call:
    target: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeComprehend:
    scorer: Callable[[str, str], dict[str, float]] = keyword_scorer
    # Errors to answer before scoring anything, in order: (status, exception name).
    failures: list[tuple[int, str]] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._clients: dict[int, Any] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def targets(self) -> list[str]:
        return [c.target for c in self.calls]

    def client(self, *, max_attempts: int = 1) -> Any:
        """A real boto3 client for this endpoint, with test credentials (one per setting: making
        a boto3 client takes a while)."""
        if max_attempts not in self._clients:
            self._clients[max_attempts] = boto3.session.Session(
                aws_access_key_id="AKIDTEST",
                aws_secret_access_key="test-secret",
                region_name="ap-northeast-2",
            ).client(
                "comprehend",
                endpoint_url=self.url,
                config=Config(retries={"total_max_attempts": max_attempts, "mode": "standard"}),
            )
        return self._clients[max_attempts]

    def reset(self) -> None:
        self.scorer, self.failures, self.calls = keyword_scorer, [], []

    def analyzer(self, **options: Any) -> ComprehendSentimentAnalyzer:
        return ComprehendSentimentAnalyzer(client=self.client(**options))

    # -------------------------------------------------------------- protocol

    def _answer(self, target: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            failure = self.failures.pop(0) if self.failures else None
        if failure is not None:
            status, name = failure
            return status, {
                "__type": f"com.amazonaws.comprehend#{name}",
                "Message": f"scripted {name}",
            }
        language = body.get("LanguageCode")
        if language not in LANGUAGES:
            return 400, {
                "__type": "UnsupportedLanguageException",
                "Message": f"language {language!r}",
            }
        if target == "DetectSentiment":
            text = body.get("Text", "")
            if not text:
                return 400, {"__type": "InvalidRequestException", "Message": "Text is empty"}
            if len(text.encode("utf-8")) > MAX_DOCUMENT_BYTES:
                return 400, {
                    "__type": "TextSizeLimitExceededException",
                    "Message": (
                        "Input text size exceeds limit. Max length of request text allowed is "
                        "5000 bytes while in this request the text size is "
                        f"{len(text.encode('utf-8'))} bytes"
                    ),
                }
            score = self.scorer(text, language)
            return 200, {"Sentiment": label_of(score), "SentimentScore": score}
        if target == "BatchDetectSentiment":
            texts = body.get("TextList", [])
            if len(texts) > MAX_BATCH_SIZE:
                return 400, {
                    "__type": "BatchSizeLimitExceededException",
                    "Message": f"{len(texts)} documents; the limit is {MAX_BATCH_SIZE}",
                }
            results, errors = [], []
            for index, text in enumerate(texts):
                if len(text.encode("utf-8")) > MAX_DOCUMENT_BYTES:
                    return 400, {
                        "__type": "TextSizeLimitExceededException",
                        "Message": f"document {index}",
                    }
                if "#service-error" in text:  # a per-document failure, as the service reports them
                    errors.append(
                        {
                            "Index": index,
                            "ErrorCode": "INTERNAL_SERVER_ERROR",
                            "ErrorMessage": "Internal server error",
                        }
                    )
                    continue
                score = self.scorer(text, language)
                results.append(
                    {"Index": index, "Sentiment": label_of(score), "SentimentScore": score}
                )
            return 200, {"ResultList": results, "ErrorList": errors}
        return 400, {"__type": "UnknownOperationException", "Message": target}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            wbufsize = 1 << 16  # headers and body in one write: no delayed-ACK stall per call

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                target = headers.get("x-amz-target", "")
                if (
                    self.path != "/"
                    or not target.startswith(TARGET_PREFIX)
                    or headers.get("content-type") != "application/x-amz-json-1.1"
                    or not headers.get("authorization", "").startswith("AWS4-HMAC-SHA256 ")
                ):
                    # Not the JSON 1.1 protocol (a botocore that switched protocol would land here).
                    status, body = (
                        400,
                        {
                            "__type": "UnknownOperationException",
                            "Message": f"{self.path} {headers.get('content-type')} {target}",
                        },
                    )
                    operation = target
                else:
                    operation = target[len(TARGET_PREFIX) :]
                    request = json.loads(raw or b"{}")
                    with fake._lock:
                        fake.calls.append(Call(operation, headers, request))
                    status, body = fake._answer(operation, request)
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("content-type", "application/x-amz-json-1.1")
                self.send_header("x-amzn-requestid", "00000000-0000-0000-0000-000000000000")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    @contextmanager
    def running(self) -> Iterator[FakeComprehend]:
        with serving(self._server):
            yield self


@pytest.fixture(scope="module")
def server() -> Iterator[FakeComprehend]:
    with FakeComprehend().running() as running:
        yield running


@pytest.fixture
def fake(server: FakeComprehend) -> FakeComprehend:
    server.reset()
    return server


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]


@pytest.fixture
def logs() -> Iterator[Captured]:
    """Warnings of the platform's logger (Powertools logs through the stdlib logger of its
    service)."""
    handler = Captured()
    platform = logging.getLogger("interview-platform")
    platform.addHandler(handler)
    try:
        yield handler
    finally:
        platform.removeHandler(handler)


# --------------------------------------------------------------------------- mapping


def test_score_is_positive_minus_negative():
    assert score_of(scores(0.9, 0.02)) == 0.88
    assert score_of(scores(0.03, 0.87)) == -0.84
    assert score_of(scores(0.3, 0.3, 0.3)) == 0.0
    assert score_of({"Positive": 1.0, "Negative": 0.0, "Neutral": 0.0, "Mixed": 0.0}) == 1.0


@pytest.mark.parametrize(
    ("text", "language", "score", "emotion"),
    [
        (
            "I'm excited to join a team that ships this often, it was great to meet you.",
            "en",
            0.88,
            "happy",
        ),
        ("We store sessions in Redis with a thirty-minute expiry.", "en", 0.02, "neutral"),
        ("I was really nervous before the demo.", "en", -0.84, "anxious"),
        (
            "I was so frustrated that the requirements kept changing; it was terrible.",
            "en",
            -0.84,
            "angry",
        ),
        ("I'm not sure I can answer that.", "en", -0.84, "anxious"),
        ("The project was a terrible mistake and we lost the customer.", "en", -0.84, "sad"),
        ("팀원들과 함께 해결해서 정말 뿌듯했습니다.", "ko", 0.88, "happy"),
        ("면접이 너무 긴장되고 불안합니다.", "ko", -0.84, "anxious"),
        ("그때는 정말 화가 났습니다.", "ko", -0.84, "angry"),
        ("프로젝트가 실패해서 슬펐습니다.", "ko", -0.84, "sad"),
        ("그 부분은 잘 모르겠습니다.", "ko", -0.84, "anxious"),
        ("좋은 점도 있었지만 불안한 점도 있었습니다.", "ko", 0.0, "neutral"),  # MIXED
    ],
)
def test_detect_sentiment_maps_scores_and_emotions(fake, text, language, score, emotion):
    result = fake.analyzer().analyze(text)
    assert (result.score, result.emotion, result.language) == (score, emotion, language)
    [call] = fake.calls
    assert call.target == "DetectSentiment"
    assert call.body == {"Text": text, "LanguageCode": language}
    assert call.headers["x-amz-target"] == "Comprehend_20171127.DetectSentiment"


def test_emotion_always_agrees_with_the_sign_of_the_score(fake):
    """Comprehend's score with a lexicon cue of the other sign: the score decides the polarity."""
    fake.scorer = lambda text, language: scores(0.05, 0.9)
    result = fake.analyzer().analyze("I was happy with it.")  # the model reads it as negative
    assert result.score == -0.85 and result.emotion == "sad"
    fake.scorer = lambda text, language: scores(0.9, 0.05)
    result = fake.analyzer().analyze("I was nervous but it went fine.")
    assert result.score == 0.85 and result.emotion == "happy"


def test_korean_goes_as_korean_even_with_english_terms(fake):
    text = "FastAPI와 PostgreSQL로 결제 API를 만들었고 결과가 좋았습니다."
    result = fake.analyzer().analyze(text)
    assert result.language == "ko" and result.score > NEUTRAL_BAND
    assert fake.calls[0].body["LanguageCode"] == "ko"


def test_empty_text_is_neutral_without_a_call(fake):
    analyzer = fake.analyzer()
    assert analyzer.analyze("   ").score == 0.0 and analyzer.analyze("").emotion == "neutral"
    assert analyzer.analyze_many(["", "  "])[1].emotion == "neutral"
    assert fake.calls == []


# --------------------------------------------------------------------------- batching


def test_batches_of_at_most_25_per_language_in_order(fake):
    english = [
        f"Answer {i}: I was happy with the result." if i % 3 == 0 else f"Answer {i}: we used Redis."
        for i in range(31)
    ]
    korean = [
        f"{i}번째 답변: 결과가 좋았습니다." if i % 2 else f"{i}번째 답변: Redis를 썼습니다."
        for i in range(27)
    ]
    texts = [t for pair in zip(english, korean, strict=False) for t in pair] + english[27:] + [""]
    analyzer = fake.analyzer()
    results = analyzer.analyze_many(texts)

    assert len(results) == len(texts)
    batches = [c for c in fake.calls if c.target == "BatchDetectSentiment"]
    assert fake.targets == ["BatchDetectSentiment"] * 4
    sizes = sorted((c.body["LanguageCode"], len(c.body["TextList"])) for c in batches)
    assert sizes == [("en", 6), ("en", 25), ("ko", 2), ("ko", 25)]
    # Each result is the one the same text gets on its own, in the order given.
    single = fake.analyzer()
    for text, result in zip(texts, results, strict=True):
        assert result == single.analyze(text), text
    assert analyzer.fallbacks == 0


def test_analyze_many_uses_batches_for_either_analyzer(fake):
    texts = ["I enjoyed it.", "결과가 좋았습니다."]
    assert [r.language for r in fake.analyzer().analyze_many(texts)] == ["en", "ko"]
    assert fake.targets == ["BatchDetectSentiment", "BatchDetectSentiment"]
    offline = LexiconSentimentAnalyzer()
    assert offline.analyze_many(texts) == [offline.analyze(t) for t in texts]


# --------------------------------------------------------------------------- the byte limit


def test_truncate_utf8_cuts_at_a_character_boundary():
    korean = "가" * 2000  # 3 bytes a syllable: 6,000 bytes
    cut, was_cut = truncate_utf8(korean)
    assert was_cut and cut == "가" * 1666 and len(cut.encode("utf-8")) == 4998
    emoji = "a" + "😀" * 1500  # 4 bytes each
    cut, was_cut = truncate_utf8(emoji)
    assert was_cut and len(cut.encode("utf-8")) <= MAX_DOCUMENT_BYTES and emoji.startswith(cut)
    assert truncate_utf8("짧은 답변") == ("짧은 답변", False)
    exact = "a" * MAX_DOCUMENT_BYTES
    assert truncate_utf8(exact) == (exact, False)


def test_a_long_korean_answer_is_cut_to_5000_bytes_and_logged(fake, logs):
    answer = "처음에는 어려웠지만 결국 해결해서 정말 뿌듯했습니다. " * 200  # ~16,000 bytes
    analyzer = fake.analyzer()
    result = analyzer.analyze(answer)
    sent = fake.calls[0].body["Text"]
    assert len(sent.encode("utf-8")) <= MAX_DOCUMENT_BYTES
    assert len(sent.encode("utf-8")) > MAX_DOCUMENT_BYTES - 4  # nothing more than a character lost
    assert answer.startswith(sent)
    assert result.score > NEUTRAL_BAND and analyzer.truncations == 1 and analyzer.fallbacks == 0
    assert any("5,000-byte limit" in m for m in logs.messages())

    results = analyzer.analyze_many([answer, "짧은 답변입니다."])
    batch = fake.calls[-1].body["TextList"]
    assert all(len(t.encode("utf-8")) <= MAX_DOCUMENT_BYTES for t in batch)
    assert results[0] == result and analyzer.truncations == 2


def test_the_fake_refuses_what_comprehend_refuses(fake):
    """The limits are the service's: without truncation the call fails (and falls back)."""
    client = fake.client()
    with pytest.raises(client.exceptions.TextSizeLimitExceededException):
        client.detect_sentiment(Text="가" * 2000, LanguageCode="ko")
    with pytest.raises(client.exceptions.BatchSizeLimitExceededException):
        client.batch_detect_sentiment(TextList=["a"] * 26, LanguageCode="en")


# --------------------------------------------------------------------------- falling back


def test_a_service_error_falls_back_to_offline_and_says_why(fake, logs):
    fake.failures = [(400, "UnsupportedLanguageException")]
    analyzer = fake.analyzer()
    text = "I was really nervous and worried about the deadline."
    result = analyzer.analyze(text)
    assert result == LexiconSentimentAnalyzer().analyze(text)
    assert result.emotion == "anxious" and analyzer.fallbacks == 1
    [record] = [r for r in logs.records if "offline analyser scores instead" in r.getMessage()]
    assert "UnsupportedLanguageException" in str(record.__dict__.get("reason"))


def test_a_batch_error_falls_back_for_the_whole_batch(fake, logs):
    fake.failures = [(500, "InternalServerException")]
    texts = ["I enjoyed it.", "It was terrible."]
    analyzer = fake.analyzer()
    assert analyzer.analyze_many(texts) == [LexiconSentimentAnalyzer().analyze(t) for t in texts]
    assert analyzer.fallbacks == 2
    assert any("InternalServerException" in str(r.__dict__.get("reason")) for r in logs.records)


def test_a_document_error_in_a_batch_falls_back_for_that_document_only(fake, logs):
    texts = ["I enjoyed it.", "I was nervous #service-error", "It was great."]
    analyzer = fake.analyzer()
    results = analyzer.analyze_many(texts)
    assert results[1] == LexiconSentimentAnalyzer().analyze(texts[1])
    assert results[0].score == results[2].score == 0.88  # from the fake model
    assert analyzer.fallbacks == 1
    assert any("INTERNAL_SERVER_ERROR" in str(r.__dict__.get("reason")) for r in logs.records)


def test_throttling_is_retried_by_botocore_then_succeeds(fake):
    fake.failures = [(400, "ThrottlingException")]
    analyzer = fake.analyzer(max_attempts=2)
    assert analyzer.analyze("I enjoyed it.").score == 0.88
    assert analyzer.fallbacks == 0 and fake.targets == [
        "DetectSentiment",
        "DetectSentiment",
    ]  # throttled, retried


def test_an_unreachable_endpoint_falls_back(logs):
    with FakeComprehend().running() as gone:
        url = gone.url
    analyzer = ComprehendSentimentAnalyzer(
        client=boto3.session.Session(
            aws_access_key_id="AKIDTEST",
            aws_secret_access_key="test-secret",
            region_name="ap-northeast-2",
        ).client(
            "comprehend",
            endpoint_url=url,
            config=Config(retries={"total_max_attempts": 1}, connect_timeout=1, read_timeout=1),
        )
    )
    result = analyzer.analyze("결과가 좋았습니다.")
    assert result == LexiconSentimentAnalyzer().analyze("결과가 좋았습니다.")
    assert analyzer.analyze_many(["결과가 좋았습니다.", "It was bad."])[1].score < 0
    assert analyzer.fallbacks == 3
    assert any("EndpointConnectionError" in str(r.__dict__.get("reason")) for r in logs.records)


def test_no_credentials_falls_back(fake, monkeypatch, tmp_path, logs):
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    analyzer = ComprehendSentimentAnalyzer(region_name="ap-northeast-2", endpoint_url=fake.url)
    assert analyzer.analyze("I enjoyed it.") == LexiconSentimentAnalyzer().analyze("I enjoyed it.")
    assert fake.calls == [] and analyzer.fallbacks == 1
    assert any("NoCredentialsError" in str(r.__dict__.get("reason")) for r in logs.records)


def test_own_client_from_region_and_endpoint(fake, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    analyzer = ComprehendSentimentAnalyzer(region_name="ap-northeast-2", endpoint_url=fake.url)
    assert analyzer.analyze("I enjoyed it.").score == 0.88
    assert "ap-northeast-2/comprehend/aws4_request" in fake.calls[0].headers["authorization"]


# --------------------------------------------------------------------------- the setting


@pytest.fixture
def fresh_provider(monkeypatch):
    for name in (
        "SENTIMENT_PROVIDER",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "COMPREHEND_ENDPOINT_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    sentiment_settings.get_sentiment_settings.cache_clear()
    sentiment_provider.get_sentiment_analyzer.cache_clear()
    yield
    sentiment_settings.get_sentiment_settings.cache_clear()
    sentiment_provider.get_sentiment_analyzer.cache_clear()


def test_offline_by_default(fresh_provider):
    assert SentimentSettings().sentiment_provider == "offline"
    assert isinstance(get_sentiment_analyzer(), LexiconSentimentAnalyzer)


def test_comprehend_when_set(fresh_provider, monkeypatch, fake):
    monkeypatch.setenv("SENTIMENT_PROVIDER", "Comprehend")
    monkeypatch.setenv("AWS_REGION", "ap-northeast-2")
    monkeypatch.setenv("COMPREHEND_ENDPOINT_URL", fake.url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    analyzer = get_sentiment_analyzer()
    assert isinstance(analyzer, ComprehendSentimentAnalyzer) and analyzer.name == "aws-comprehend"
    assert analyzer.analyze("I enjoyed it.").score == 0.88
    assert fake.targets == ["DetectSentiment"]


def test_region_falls_back_to_aws_default_region(fresh_provider, monkeypatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    assert SentimentSettings().aws_region == "us-east-1"
    monkeypatch.setenv("AWS_REGION", "ap-northeast-2")
    assert SentimentSettings().aws_region == "ap-northeast-2"


@pytest.mark.parametrize(
    ("name", "value"),
    [("SENTIMENT_PROVIDER", "vader"), ("COMPREHEND_ENDPOINT_URL", "localhost:4566")],
)
def test_invalid_settings_are_refused(fresh_provider, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError):
        SentimentSettings()
