"""Two other organizations in every API test's database, so that any leak of one organization's
data shows up in the test's own assertions: each has an owner, an open posting, a question of its
own (in both languages, for the bank's positions) and a candidate's real interview with an answer;
the candidate also has a practice interview. Written straight to the database (no password
hashing per test), through the same services for the interviews."""

from __future__ import annotations

from dataclasses import dataclass, field

from interview_core.db import interviews as interview_rows
from interview_core.db import job_postings, transcripts, users
from interview_core.db.connection import Database
from interview_core.domain.models import Language, Speaker
from interview_core.security import hash_password
from interview_core.settings import get_settings

PASSWORD = "neighbour-password"
_HASH: list[str] = []


@dataclass
class Neighbour:
    organization_id: int
    owner_id: int
    posting_id: int
    question_ids: list[int]
    interview_id: int


@dataclass
class Neighbours:
    candidate_id: int
    practice_interview_id: int
    organizations: list[Neighbour] = field(default_factory=list)

    @property
    def interview_ids(self) -> set[int]:
        return {n.interview_id for n in self.organizations} | {self.practice_interview_id}

    @property
    def question_ids(self) -> set[int]:
        return {q for n in self.organizations for q in n.question_ids}


def _password_hash() -> str:
    if not _HASH:
        _HASH.append(hash_password(PASSWORD))
    return _HASH[0]


def _user(conn, username: str, role: str) -> int:
    return conn.execute(
        (
            "INSERT INTO users (email, username, role, password_hash, full_name) VALUES (%s, %s, "
            "%s, %s, %s) RETURNING id"
        ),
        (f"{username}@neighbour.example", username, role, _password_hash(), username.title()),
    ).fetchone()["id"]


def populate(db: Database) -> Neighbours:
    from interview_core.services.interviews import _create, create_real_interview

    settings = get_settings()
    with db.unit_of_work() as uow:
        conn = uow.conn
        candidate_id = _user(conn, "neighbourcandidate", "candidate")
        candidate = users.get_user(conn, candidate_id)
        assert candidate is not None
        result = Neighbours(candidate_id=candidate_id, practice_interview_id=0)
        for name in ("Northwind", "Globex"):
            organization_id = conn.execute(
                (
                    "INSERT INTO organizations (name, status, approved_at) VALUES (%s, 'approved', "
                    "now()) RETURNING id"
                ),
                (name,),
            ).fetchone()["id"]
            owner_id = _user(conn, f"{name.lower()}owner", "recruiter")
            users.add_member(conn, user_id=owner_id, organization_id=organization_id, role="owner")
            posting = job_postings.insert_job_posting(
                conn,
                organization_id=organization_id,
                recruiter_id=owner_id,
                title=f"{name} backend",
                position="Backend Developer",
                description=None,
                language="ko",
            )
            question_ids = [
                conn.execute(
                    """INSERT INTO questions (organization_id, content, category, difficulty,
                                              position, language, rubric_json)
                       VALUES (%s, %s, 'technical', 'easy', 'Backend Developer', %s, %s)
                       RETURNING id""",
                    (
                        organization_id,
                        f"{name}: {text}",
                        language,
                        '{"criteria": [{"name": "secret_sauce", "weight": 1, "keywords": ["'
                        + name.lower()
                        + '"]}]}',
                    ),
                ).fetchone()["id"]
                for text, language in (
                    ("우리 팀의 배포 파이프라인을 설명해 주세요.", "ko"),
                    ("Walk us through our deployment pipeline.", "en"),
                )
            ]
            interview = create_real_interview(
                conn,
                settings,
                candidate=candidate,
                posting=posting,
                language=Language.KO,
                scheduled_time=None,
                deadline=None,
                retake=False,
            )
            first = interview_rows.interview_questions(conn, interview.id)[0]
            transcripts.append_transcript(
                conn,
                interview_id=interview.id,
                speaker=Speaker.USER,
                text=f"{name} 지원자의 답변입니다.",
                question_id=first.id,
            )
            result.organizations.append(
                Neighbour(organization_id, owner_id, posting.id, question_ids, interview.id)
            )
        practice, _ = _create(
            conn,
            candidate=candidate,
            posting=None,
            ranked_for=None,
            position="Backend Developer",
            language=Language.KO,
            scheduled_time=None,
            deadline=None,
            retake=False,
            count=settings.questions_per_interview,
        )
        result.practice_interview_id = practice.id
    return result
