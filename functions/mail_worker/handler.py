"""Lambda: e-mail the link of each invitation in an SQS batch (SES in AWS, SMTP locally)."""

from interview_core.db.connection import get_database
from interview_core.jobs.consumer import sqs_job_handler
from interview_core.jobs.messages import MailJob
from interview_core.mail.sender import get_mail_sender
from interview_core.services.invitation_mail import send_invitation
from interview_core.settings import get_settings


def run(job: MailJob) -> None:
    send_invitation(
        get_database(),
        get_mail_sender(),
        get_settings(),
        invitation_id=job.invitation_id,
        token_nonce=job.token_nonce,
    )


handler = sqs_job_handler(MailJob, run)
