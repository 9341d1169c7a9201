"""The room's rules: the AI notice a candidate reads and consents to, when a scheduled interview
opens, and the per-question time guide.

Before the first question the candidate is told that an AI interviews them, what is assessed, how
the answers are used and that people review the result (the EU AI Act's transparency duty, and
the notice Illinois and New York require of hiring tools). A real interview (on a posting) takes
no answer before the candidate consents to the notice in force; practice shows the notice too,
but the seed's API flow, which never consents, keeps working. A posting may write its own notice;
each change of it is a new version, and a consent keeps the exact text and version it accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from interview_core.domain.models import Interview, InterviewKind, InterviewStatus

DEFAULT_ANSWER_SECONDS = 180
# A scheduled interview opens this long before its time (a candidate may come early).
OPENS_BEFORE = timedelta(minutes=15)
# Bumped whenever the default texts below change: consents keep the version they accepted.
DEFAULT_NOTICE_REVISION = 1

_DEFAULT_NOTICE = {
    "ko": (
        "이 면접은 AI 면접관이 진행합니다.\n\n"
        "{who}AI가 질문을 하고, 답변을 텍스트로 기록하며(음성으로 답하면 받아쓰기로 "
        "변환), 필요하면 답변에 대한 후속 질문을 드립니다. 평가는 {position} 직무와 "
        "관련된 역량(기술, 의사소통, 조직 적합성)을 질문별 평가 기준에 따라 봅니다. "
        "표정이나 목소리로 감정을 판단하지 않습니다.\n\n"
        "답변과 AI의 평가는 {use}. AI의 평가는 참고 자료이며, 채용에 관한 결정은 사람이 "
        "검토해서 내립니다. 검토자는 AI의 점수를 바꿀 수 있고, 바꾼 이유는 기록됩니다.\n\n"
        "동의하시면 면접을 시작합니다. 동의하지 않으시면 이 화면을 닫고 {contact}"
    ),
    "en": (
        "This interview is conducted by an AI interviewer.\n\n"
        "{who}The AI asks the questions, records your answers as text (spoken answers are "
        "transcribed) and may ask a follow-up question about an answer. It assesses skills "
        "related to the {position} role (technical, communication, culture fit) against each "
        "question's criteria. It does not judge emotions from your face or voice.\n\n"
        "Your answers and the AI's assessment {use}. The AI's assessment is an aid: decisions "
        "about hiring are made by people who review it, and they may change the AI's scores, "
        "with the reason recorded.\n\n"
        "If you agree, the interview begins. If you do not, close this page and {contact}"
    ),
}
_PRACTICE = {
    "ko": {
        "who": "연습 면접입니다. 어느 회사에도 공유되지 않습니다. ",
        "use": "본인만 볼 수 있으며, 연습 결과를 확인하는 데에만 쓰입니다",
        "contact": "연습을 그만두시면 됩니다.",
    },
    "en": {
        "who": "This is a practice interview: no company sees it. ",
        "use": "are yours alone and are used only to show you how the practice went",
        "contact": "simply stop the practice.",
    },
}
_REAL = {
    "ko": {
        "who": "{organization}의 채용 면접입니다. ",
        "use": "{organization}의 채용 담당자가 이 지원의 검토에만 사용합니다",
        "contact": "{organization}에 다른 방법의 면접을 요청하실 수 있습니다.",
    },
    "en": {
        "who": "This is a hiring interview for {organization}. ",
        "use": "are used by {organization}'s hiring team to review this application only",
        "contact": "you may ask {organization} for another way to interview.",
    },
}


@dataclass(frozen=True)
class Notice:
    version: str
    language: str
    text: str


def notice_version(interview: Interview) -> str:
    """The version of the notice in force: the posting's own (each change a new one), else the
    platform's default for the interview's kind and language."""
    if interview.ai_notice_version is not None:
        return f"posting-{interview.job_posting_id}-v{interview.ai_notice_version}"
    kind = "real" if interview.kind == InterviewKind.REAL else "practice"
    return f"default-{kind}-{interview.language}-v{DEFAULT_NOTICE_REVISION}"


def notice_for(
    interview: Interview, *, posting_notice: str | None, organization: str | None
) -> Notice:
    """The notice in force for an interview: the posting's own, else the platform's default in
    the interview's language, filled in with the organization and the position."""
    language = str(interview.language)
    if posting_notice is not None and interview.ai_notice_version is not None:
        return Notice(version=notice_version(interview), language=language, text=posting_notice)
    parts = _REAL if interview.kind == InterviewKind.REAL else _PRACTICE
    name = organization or ("the organization" if language == "en" else "해당 회사")
    filled = {key: value.format(organization=name) for key, value in parts[language].items()}
    text = _DEFAULT_NOTICE[language].format(position=interview.position, **filled)
    return Notice(version=notice_version(interview), language=language, text=text)


def consent_required(interview: Interview) -> bool:
    """A real interview takes no answer before the candidate consents; practice never requires
    it (the seed's API flow answers without consenting)."""
    return interview.kind == InterviewKind.REAL and interview.consented_at is None


def opens_at(interview: Interview) -> datetime | None:
    """When a scheduled interview can be started or answered (None: now)."""
    if interview.status != InterviewStatus.SCHEDULED or interview.scheduled_time is None:
        return None
    return interview.scheduled_time - OPENS_BEFORE


def is_open(interview: Interview, now: datetime) -> bool:
    moment = opens_at(interview)
    return moment is None or now >= moment
