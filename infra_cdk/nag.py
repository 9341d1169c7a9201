"""cdk-nag AwsSolutions checks, with a written reason for every acknowledged finding.

A finding is acknowledged on the narrowest construct it concerns, so the same rule still fires
anywhere else. Anything not acknowledged here fails the synth.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from aws_cdk import Acknowledgment, App, CfnElement, Stack, Validations
from constructs import IConstruct

if TYPE_CHECKING:
    from infra_cdk.stack import InterviewStack

PACK = "AwsSolutions::AwsSolutions"


@dataclass(frozen=True)
class Acknowledged:
    path: str
    rule: str
    reason: str


def apply_nag(app: App, stacks: list[InterviewStack]) -> bool:
    """Check the app with cdk-nag's AwsSolutions pack; False when cdk-nag is not installed."""
    try:
        from cdk_nag import AwsSolutionsChecks
    except ImportError:  # the `aws` extra without cdk-nag: synth still works
        return False
    Validations.of(app).add_plugins(AwsSolutionsChecks(app, verbose=False))
    for stack in stacks:
        stack.nag_acknowledgments = acknowledge_findings(stack)
    return True


def acknowledge_findings(stack: InterviewStack) -> list[Acknowledged]:
    stage = stack.stage
    acknowledged: list[Acknowledged] = []

    def _ack(scope: IConstruct, rule: str, reason: str) -> None:
        Validations.of(scope).acknowledge(Acknowledgment(id=f"{PACK}-{rule}", reason=reason))
        acknowledged.append(Acknowledged(scope.node.path, rule, reason))

    # --- Functions -------------------------------------------------------------------------
    for function in stack.functions.values():
        _ack(
            function.function,
            "L1",
            "Python 3.12 on purpose: the dependency layer is built for cp312 (layers/build.py) "
            "and the core is tested on 3.12; runtime and layer move to a newer Python together.",
        )
        _ack(
            function.role,
            "IAM5[Resource::*]",
            "Only actions that take no resource ARN: X-Ray PutTraceSegments/PutTelemetryRecords "
            "(Powertools Tracer) and, in a VPC, the EC2 network-interface actions Lambda needs to "
            "attach the function. Every data grant (secrets, queues) names its resource.",
        )

    # --- API -------------------------------------------------------------------------------
    api = stack.api.rest_api
    _ack(
        api,
        "APIG2",
        "Each Lambda validates its request with pydantic (FastAPI) and answers 422 with details; "
        "an API Gateway model would duplicate that schema and drift from it.",
    )
    _ack(
        api,
        "APIG4",
        "Authorization is a JWT (HS256, 30 min) checked by the function on every protected route; "
        "/health, /register and /token are public by design.",
    )
    _ack(
        api,
        "COG4",
        "Users and tokens are the platform's own (argon2 + JWT, see ARCHITECTURE.md section 6), "
        "not Cognito.",
    )
    if stack.firewall is None:
        _ack(
            api.deployment_stage,
            "APIG3",
            "The local stage runs on LocalStack, which has no WAFv2; dev and prod associate a web "
            "ACL (infra_cdk/firewall.py) with their stage.",
        )
    if stage.is_aws:
        _ack(
            api,
            "IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
            "The account-level role API Gateway uses to write execution and access logs; AWS "
            "maintains its policy for exactly that.",
        )
    else:
        _ack(
            api.deployment_stage,
            "APIG6",
            "The local stage runs on LocalStack, which has no execution logging; dev and prod "
            "log every method's errors.",
        )

    # --- Secrets ---------------------------------------------------------------------------
    if stage.is_aws:
        _ack(
            stack.database.secret,
            "SMG4",
            "Not rotated yet: a function reads the credentials once per execution environment, so "
            "a rotation needs the core to re-read the secret on an authentication failure first "
            "(follow-up in docs/infra.md). The database is reachable only from the VPC.",
        )
    else:
        _ack(
            stack.database.secret,
            "SMG4",
            "The local stage's secret names the developer's embedded PostgreSQL on LocalStack: "
            "no real credential to rotate.",
        )
    if stack.database.app_secret is not stack.database.secret:
        if stage.is_aws:
            reason = (
                "The application role's login: not rotated yet, for the master's reason "
                "(functions read it once per execution environment); the migrate function sets "
                "the role's password from it on every deploy, so a new value takes then."
            )
        else:
            reason = (
                "The local stage's application role on the developer's embedded PostgreSQL, "
                "made by the LocalStack run: no real credential to rotate."
            )
        _ack(stack.database.app_secret, "SMG4", reason)
    _ack(
        stack.secrets.secret_key,
        "SMG4",
        "Rotating the JWT signing key signs everyone out; it is rotated by hand "
        "(docs/infra.md) until the core verifies with a previous key as well.",
    )
    for secret in stack.secrets.optional.values():
        _ack(
            secret,
            "SMG4",
            "A third-party API key: the vendor issues it, so it is rotated by hand with "
            "put-secret-value (docs/infra.md).",
        )

    # --- Network and database (AWS stages) -------------------------------------------------
    if stack.data is not None:
        _ack(
            stack.data.instance,
            "RDS11",
            "A non-default port adds no protection here: the instance is in isolated subnets and "
            "its security group admits only the proxy and the migration function.",
        )
        if stage.protect_data:
            _ack(
                stack.data.instance,
                "IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]",
                "The role RDS enhanced monitoring assumes; AWS maintains its policy for that "
                "purpose alone.",
            )
        if not stage.db_multi_az:
            _ack(
                stack.data.instance,
                "RDS3",
                f"The {stage.name} stage runs a single-AZ instance to keep its idle cost low; "
                "prod is multi-AZ.",
            )
        if not stage.protect_data:
            _ack(
                stack.data.instance,
                "RDS10",
                f"The {stage.name} stage is disposable (destroyed with its stack); prod has "
                "deletion protection and a snapshot on delete.",
            )
        if stage.nat == "instance":
            for rule, reason in (
                (
                    "EC26",
                    "The NAT instance's root volume holds only the AMI: no data passes to disk.",
                ),
                (
                    "EC28",
                    "Basic monitoring is enough for a dev NAT instance; detailed costs extra.",
                ),
                (
                    "EC29",
                    (
                        "A dev NAT instance is replaced by the stack, not protected from it; prod "
                        "uses NAT gateways."
                    ),
                ),
            ):
                for instance in _nat_instances(stack.data.vpc):
                    _ack(instance, rule, reason)

    # --- Frontend --------------------------------------------------------------------------
    if stack.frontend is not None:
        web = stack.frontend
        _ack(
            web.bucket,
            "S1",
            "Only CloudFront reads this bucket (origin access control) and only the deployment "
            "writes it; S3 access logs would record nothing else.",
        )
        _ack(
            web.distribution, "CFR1", "Candidates may interview from anywhere: no geo restriction."
        )
        _ack(
            web.distribution,
            "CFR2",
            "Static files only; the API is throttled at API Gateway. WAF is a prod follow-up.",
        )
        _ack(
            web.distribution,
            "CFR3",
            "Static files only; CloudFront's standard metrics suffice until a custom domain and "
            "a log bucket are added (follow-up in docs/infra.md).",
        )
        _ack(
            web.distribution,
            "CFR4",
            "The default *.cloudfront.net certificate: CloudFront fixes its TLS policy. A custom "
            "domain with an ACM certificate would allow TLSv1.2_2021.",
        )
        deployment = _bucket_deployment_handler(stack)
        if deployment is not None:
            bucket_id = stack.get_logical_id(cast(CfnElement, web.bucket.node.default_child))
            reason = (
                "CDK's BucketDeployment handler (a singleton Lambda that copies the built app "
                "into the site bucket): its role and runtime are CDK's, scoped to the CDK "
                "asset bucket and the site bucket."
            )
            for rule in (
                "L1",
                "IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
                "IAM5[Resource::*]",
                "IAM5[Action::s3:GetBucket*]",
                "IAM5[Action::s3:GetObject*]",
                "IAM5[Action::s3:List*]",
                "IAM5[Action::s3:Abort*]",
                "IAM5[Action::s3:DeleteObject*]",
                f"IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-{stage.account}-{stage.region}/*]",
                f"IAM5[Resource::<{bucket_id}.Arn>/*]",
            ):
                _ack(deployment, rule, reason)
    return acknowledged


def _nat_instances(vpc: IConstruct) -> list[IConstruct]:
    return [c for c in vpc.node.find_all() if c.node.id == "NatInstance"]


def _bucket_deployment_handler(stack: Stack) -> IConstruct | None:
    for child in stack.node.children:
        if child.node.id.startswith("Custom::CDKBucketDeployment"):
            return child
    return None
