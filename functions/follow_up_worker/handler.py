"""Lambda: decide the follow-up question of each User answer in an SQS batch."""

from interview_core.db.connection import get_database
from interview_core.jobs.consumer import sqs_job_handler
from interview_core.jobs.messages import FollowUpJob
from interview_core.services.follow_ups import follow_up_answer


def run(job: FollowUpJob) -> None:
    follow_up_answer(get_database(), job.answer_id)


handler = sqs_job_handler(FollowUpJob, run)
