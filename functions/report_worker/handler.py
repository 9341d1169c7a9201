"""Lambda: write the final evaluation report of each completed interview in an SQS batch."""

from interview_core.ai.evaluation.provider import get_evaluator
from interview_core.ai.sentiment.provider import get_sentiment_analyzer
from interview_core.db.connection import get_database
from interview_core.jobs.consumer import sqs_job_handler
from interview_core.jobs.messages import ReportJob
from interview_core.services.reports import generate_final_report


def run(job: ReportJob) -> None:
    generate_final_report(
        get_database(), get_evaluator(), get_sentiment_analyzer(), job.interview_id
    )


handler = sqs_job_handler(ReportJob, run)
