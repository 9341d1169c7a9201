"""Lambda: score the sentiment of each User answer in an SQS batch."""

from interview_core.ai.sentiment.provider import get_sentiment_analyzer
from interview_core.db.connection import get_database
from interview_core.jobs.consumer import sqs_job_handler
from interview_core.jobs.messages import SentimentJob
from interview_core.services.sentiment import score_transcript_sentiment


def run(job: SentimentJob) -> None:
    score_transcript_sentiment(get_database(), get_sentiment_analyzer(), job.transcript_id)


handler = sqs_job_handler(SentimentJob, run)
