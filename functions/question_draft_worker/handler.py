"""Lambda: draft the questions a recruiter asked for from a posting's description (one request a
job). It has the embeddings layer: proposals too near a question of the bank are dropped."""

from interview_core.db.connection import get_database
from interview_core.jobs.consumer import sqs_job_handler
from interview_core.jobs.messages import QuestionDraftJob
from interview_core.services.question_generation import draft_requested_questions


def run(job: QuestionDraftJob) -> None:
    draft_requested_questions(get_database(), job.request_id)


handler = sqs_job_handler(QuestionDraftJob, run)
