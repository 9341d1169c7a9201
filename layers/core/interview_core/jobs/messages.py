"""The bodies of queued jobs."""

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

JobKind = Literal["sentiment", "report"]


class Job(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: ClassVar[JobKind]


class SentimentJob(Job):
    """Score the sentiment of one User transcript."""

    kind: ClassVar[JobKind] = "sentiment"
    transcript_id: int = Field(ge=1)


class ReportJob(Job):
    """Write the final evaluation report of one completed interview."""

    kind: ClassVar[JobKind] = "report"
    interview_id: int = Field(ge=1)
