"""The mail path: what the consumers of MAIL_JOB_KINDS (the mail worker) send invitations with.

AWS stages: Amazon SES v2 (`interview_core.mail.ses`). The stage's sender `mail_from` belongs to
the SES identity `mail_domain` (a domain with Easy DKIM, or one address), created here unless
`mail_identity=false` says it is verified elsewhere; a configuration set (TLS required, bounces and
complaints suppressed, reputation metrics) is the identity's default and named in every send. The
mail worker, and no other function, may call ses:SendEmail, on that identity and that
configuration set only.

local (LocalStack): LocalStack community emulates SES v1 only (a v2 call answers "not included
in your license plan or not yet emulated"), and the core sends with v2, so the worker sends by
SMTP to `local_smtp` (the LocalStack run starts a real SMTP server there and reads the mail).
"""

from __future__ import annotations

from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_ses as ses
from constructs import Construct
from interview_core.function_catalog import QUEUE_FUNCTIONS

from infra_cdk.constants import MAIL_JOB_KINDS
from infra_cdk.stages import StageConfig

# The functions that send mail.
MAIL_SENDERS = frozenset(f.name for f in QUEUE_FUNCTIONS if f.job_kind in MAIL_JOB_KINDS)
# SES v2 SendEmail with Simple content: the one action the senders need.
SES_SEND_ACTIONS = ("ses:SendEmail",)


class Mail(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: StageConfig) -> None:
        super().__init__(scope, construct_id)
        self._stage = stage
        self.identity: ses.EmailIdentity | None = None
        self.configuration_set: ses.ConfigurationSet | None = None
        if not stage.sends_with_ses:
            return
        assert stage.mail_domain is not None  # load_stage checks it
        removal = RemovalPolicy.RETAIN if stage.protect_data else RemovalPolicy.DESTROY
        self.configuration_set = ses.ConfigurationSet(
            self,
            "ConfigurationSet",
            sending_enabled=True,
            reputation_metrics=True,
            # Never send again to an address that bounced or complained (the account's list).
            suppression_reasons=ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
            tls_policy=ses.ConfigurationSetTlsPolicy.REQUIRE,
        )
        self.configuration_set.apply_removal_policy(removal)
        if stage.mail_identity:
            name = stage.mail_domain
            self.identity = ses.EmailIdentity(
                self,
                "Identity",
                identity=ses.Identity.email(name) if "@" in name else ses.Identity.domain(name),
                configuration_set=self.configuration_set,
            )
            self.identity.apply_removal_policy(removal)

    @property
    def identity_arn(self) -> str:
        assert self._stage.mail_domain is not None
        return Stack.of(self).format_arn(
            service="ses", resource="identity", resource_name=self._stage.mail_domain
        )

    @property
    def configuration_set_arn(self) -> str:
        assert self.configuration_set is not None
        return Stack.of(self).format_arn(
            service="ses",
            resource="configuration-set",
            resource_name=self.configuration_set.configuration_set_name,
        )

    def environment(self) -> dict[str, str]:
        """The mail settings of a sender (interview_core.mail.settings)."""
        stage = self._stage
        if stage.sends_with_ses:
            assert self.configuration_set is not None
            # (AWS_REGION, SES's region, is set by Lambda itself.)
            return {
                "MAIL_BACKEND": "ses",
                "MAIL_FROM": stage.mail_from,
                "SES_CONFIGURATION_SET": self.configuration_set.configuration_set_name,
            }
        host, port = stage.local_smtp
        return {
            "MAIL_BACKEND": "smtp",
            "MAIL_FROM": stage.mail_from,
            "SMTP_HOST": host,
            "SMTP_PORT": str(port),
        }

    def grant_send(self, role: iam.IRole) -> None:
        """ses:SendEmail from the stage's identity with its configuration set (AWS stages)."""
        if not self._stage.sends_with_ses:
            return
        role.add_to_principal_policy(
            iam.PolicyStatement(
                actions=list(SES_SEND_ACTIONS),
                resources=[self.identity_arn, self.configuration_set_arn],
            )
        )
