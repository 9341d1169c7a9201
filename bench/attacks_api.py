"""The attack table of the scores issue, measured through the HTTP API of a running platform
(`make dev`), with answers built only from what a candidate sees: the questions.

Run:  .venv/bin/python -m bench.attacks_api [--base http://127.0.0.1:8000]

For each language and each answer style, a new candidate takes a practice Backend Developer
interview, answers every question in that style, completes it, and the report's overall score is
printed. Uses only the standard library.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable

VAGUE = {
    "ko": "파이썬과 데이터베이스로 일해 봤습니다. 문제가 생기면 로그를 보고 팀과 이야기합니다.",
    "en": "I worked with Python and databases; I look at logs and talk to the team.",
}


def _terms(question: str) -> list[str]:
    return [w.strip("?,.()") for w in question.split() if len(w.strip("?,.()")) > 3][:4]


STYLES: dict[str, Callable[[str, str], str]] = {
    "vague but honest": lambda q, lang: VAGUE[lang],
    "the question read back inside Situation / Task / Action / Result": lambda q, lang: (
        f"상황: {q} 과제: {q} 행동: {q} 결과: {q}"
        if lang == "ko"
        else f"Situation: {q} Task: {q} Action: {q} Result: {q}"
    ),
    "the question once, then one empty sentence repeated": lambda q, lang: (
        q
        + " "
        + " ".join(
            [
                "저는 항상 최선을 다해 노력합니다."
                if lang == "ko"
                else "I always do my best on this."
            ]
            * 10
        )
    ),
    "the question's own words as a comma list": lambda q, lang: ", ".join(
        w.strip("?,.") for w in q.split()
    ),
    "\"I don't know X, Y, Z\" naming the question's terms": lambda q, lang: (
        " ".join(f"{t}은(는) 잘 모르겠습니다." for t in _terms(q))
        if lang == "ko"
        else " ".join(f"I don't know {t}." for t in _terms(q))
    ),
}


def _call(
    base: str, method: str, path: str, body: dict | None = None, token: str | None = None
) -> tuple[int, dict]:
    request = urllib.request.Request(
        base + path, method=method, data=json.dumps(body).encode() if body else None
    )
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def take_interview(base: str, language: str, style: Callable[[str, str], str]) -> float | None:
    name = f"attack{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(12)
    _call(
        base,
        "POST",
        "/register",
        {
            "email": f"{name}@example.com",
            "username": name,
            "password": password,
            "full_name": name,
            "role": "candidate",
        },
    )
    _, token = _call(base, "POST", "/token", {"username": name, "password": password})
    access = token["access_token"]
    _, interview = _call(
        base, "POST", "/interviews", {"position": "Backend Developer", "language": language}, access
    )
    _, questions = _call(base, "GET", f"/interviews/{interview['id']}/questions", token=access)
    for question in questions:
        _call(
            base,
            "POST",
            "/transcripts",
            {
                "interview_id": interview["id"],
                "speaker": "User",
                "text": style(question["content"], language),
                "question_id": question["id"],
            },
            access,
        )
    _call(base, "POST", f"/interviews/{interview['id']}/complete", token=access)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status, report = _call(base, "GET", f"/interviews/{interview['id']}/report", token=access)
        if status == 200:
            return report.get("overall_score")
        time.sleep(0.5)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    args = parser.parse_args(argv)
    print("| answer, built only from what a candidate sees | Korean | English |")
    print("|---|---|---|")
    for label, style in STYLES.items():
        ko, en = (take_interview(args.base, language, style) for language in ("ko", "en"))
        print(f"| {label} | {ko if ko is not None else '-'} | {en if en is not None else '-'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
