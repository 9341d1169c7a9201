"""Finding jobs that were lost (an SQS send that failed after its row committed, a message that
went to the dead-letter queue) from the database, and queueing them again."""

from __future__ import annotations

from pydantic import BaseModel

from interview_core.db import interviews, transcripts
from interview_core.db.connection import Database
from interview_core.jobs.messages import ReportJob, SentimentJob
from interview_core.jobs.publisher import JobPublisher


class Requeued(BaseModel):
    report_jobs: list[int]
    sentiment_jobs: list[int]


def requeue_lost_jobs(db: Database, publisher: JobPublisher, *, older_than_seconds: int = 120) -> Requeued:
    with db.unit_of_work() as uow:
        interview_ids = interviews.completed_without_report(uow.conn, older_than_seconds=older_than_seconds)
        transcript_ids = transcripts.unscored_user_transcripts(uow.conn, older_than_seconds=older_than_seconds)
        for interview_id in interview_ids:
            publisher.publish(uow, ReportJob(interview_id=interview_id))
        for transcript_id in transcript_ids:
            publisher.publish(uow, SentimentJob(transcript_id=transcript_id))
    return Requeued(report_jobs=interview_ids, sentiment_jobs=transcript_ids)
