"""What a user of the API does again and again: sign up, log in, take part in interviews."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

_numbers = itertools.count(1)


@dataclass
class Account:
    id: int
    username: str
    role: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def sign_up(client: TestClient, role: str = "candidate", name: str | None = None) -> Account:
    username = name or f"{role}{next(_numbers)}"
    response = client.post(
        "/register",
        json={"email": f"{username}@example.com", "username": username, "password": "password123",
              "full_name": username.title(), "role": role},
    )
    assert response.status_code == 201, response.text
    user = response.json()
    token = client.post("/token", json={"username": username, "password": "password123"}).json()["access_token"]
    return Account(id=user["id"], username=username, role=role, token=token)


def create_interview(client: TestClient, who: Account, **body: Any) -> dict[str, Any]:
    body = body or {"position": "Backend Developer"}
    response = client.post("/interviews", json=body, headers=who.auth)
    assert response.status_code == 201, response.text
    return response.json()


def answer(client: TestClient, who: Account, interview_id: int, text: str, question_id: int | None = None):
    return client.post(
        "/transcripts",
        json={"interview_id": interview_id, "speaker": "User", "text": text, "question_id": question_id},
        headers=who.auth,
    )
