"""Invitations by e-mail and the application's database role, as the stages deploy them:

- the mail queue with its dead-letter queue and a small consumer; MAIL_QUEUE for everyone;
- the mail worker alone sends: through SES on dev and prod (MAIL_BACKEND=ses, the stage's sender,
  its identity and configuration set, ses:SendEmail on exactly those), by SMTP on local
  (LocalStack has no SES v2), with WEB_BASE_URL the web app (CloudFront, or the stage's URL);
- two database logins: the RDS Proxy takes both secrets; migrate logs in as the master user and
  reads the application role's secret to make that role; every other function logs in as it.
"""

from __future__ import annotations

import json

import pytest
from interview_core.function_catalog import HTTP_FUNCTIONS, QUEUE_FUNCTIONS, SCHEDULED_FUNCTIONS

from infra_cdk.constants import CONSUMER_SIZING, DATABASE_APP_USER, DATABASE_USER
from infra_cdk.mail import MAIL_SENDERS
from infra_cdk.stages import LOCAL_WEB_BASE_URL, PLACEHOLDER_MAIL_DOMAIN, load_stage
from tests.infra.conftest import SynthesizedStage, render


def _env(stage: SynthesizedStage, name: str) -> dict:
    function = stage.stack.functions[name]
    return stage.resources[stage.logical_id(function.function)]["Properties"]["Environment"][
        "Variables"
    ]


def _ref(stage: SynthesizedStage, construct) -> str:
    return f"${{Ref:{stage.logical_id(construct)}}}"


# --- the mail queue and its consumer -------------------------------------------------------
def test_the_mail_worker_is_the_one_sender_and_consumes_the_mail_queue():
    assert MAIL_SENDERS == {"mail_worker"}
    assert ("mail_worker", "mail") in {(f.name, f.job_kind) for f in QUEUE_FUNCTIONS}
    publishers = {f.name for f in HTTP_FUNCTIONS if "mail" in f.publishes}
    assert publishers == {"invite_members", "invite_candidates", "resend_invitation"}
    assert "mail" in SCHEDULED_FUNCTIONS[0].publishes  # recover_jobs


def test_the_mail_queue_its_dead_letter_queue_and_a_small_consumer(stage: SynthesizedStage):
    queues = stage.stack.queues
    queue = stage.resources[stage.logical_id(queues.queues["mail"])]["Properties"]
    dlq_id = stage.logical_id(queues.dead_letter_queues["mail"])
    assert render(queue["RedrivePolicy"]["deadLetterTargetArn"]) == f"${{{dlq_id}.Arn}}"
    assert stage.resources[dlq_id]["Type"] == "AWS::SQS::Queue"
    assert (
        stage.template["Outputs"]["MailQueueUrl"]
        and stage.template["Outputs"]["MailDeadLetterQueueUrl"]
    )
    sizing = CONSUMER_SIZING["mail"]
    props = stage.resources[stage.logical_id(stage.stack.functions["mail_worker"].function)][
        "Properties"
    ]
    # One SES or SMTP call a job: little memory, a short timeout, a few jobs a batch
    assert (props["MemorySize"], props["Timeout"]) == (sizing.memory_mb, sizing.timeout_s)
    assert sizing.memory_mb <= 256 and sizing.timeout_s <= 60 and 1 < sizing.batch_size <= 10
    assert queue["VisibilityTimeout"] >= 6 * sizing.timeout_s
    # Its dead letters are alarmed like the others'
    alarms = [a["Properties"] for a in stage.of_type("AWS::CloudWatch::Alarm").values()]
    assert any(
        a.get("MetricName") == "ApproximateNumberOfMessagesVisible"
        and render(a["Dimensions"][0]["Value"]) == f"${{{dlq_id}.QueueName}}"
        for a in alarms
    )


def test_every_platform_function_knows_every_queue_by_its_url(stage: SynthesizedStage):
    for name in stage.stack.functions:
        if name == "migrate":
            continue
        env = _env(stage, name)
        for kind, queue in stage.stack.queues.queues.items():
            assert render(env[f"{kind.upper()}_QUEUE"]) == _ref(stage, queue), (name, kind)


def test_only_the_publishers_of_mail_jobs_may_send_to_the_mail_queue(stage: SynthesizedStage):
    queue_arn = f"${{{stage.logical_id(stage.stack.queues.queues['mail'])}.Arn}}"
    senders = set()
    for policy in stage.of_type("AWS::IAM::Policy").values():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = (
                statement["Action"]
                if isinstance(statement["Action"], list)
                else [statement["Action"]]
            )
            resources = (
                statement["Resource"]
                if isinstance(statement["Resource"], list)
                else [statement["Resource"]]
            )
            if "sqs:SendMessage" in actions and queue_arn in {render(r) for r in resources}:
                senders.update(render(role) for role in policy["Properties"]["Roles"])
    expected = {
        name
        for name in stage.stack.functions
        if name in {f.name for f in HTTP_FUNCTIONS if "mail" in f.publishes}
        or name in {f.name for f in SCHEDULED_FUNCTIONS if "mail" in f.publishes}
    }
    assert senders == {_ref(stage, stage.stack.functions[name].role) for name in expected}


# --- how the mail is sent ------------------------------------------------------------------
def test_on_aws_stages_the_mail_worker_sends_through_ses_from_the_stage_sender(
    aws_stage: SynthesizedStage,
):
    mail = aws_stage.stack.mail
    config = aws_stage.stack.stage
    env = _env(aws_stage, "mail_worker")
    assert env["MAIL_BACKEND"] == "ses"
    assert env["MAIL_FROM"] == config.mail_from
    assert config.mail_from.endswith(f"@{config.mail_domain}>")
    assert render(env["SES_CONFIGURATION_SET"]) == _ref(aws_stage, mail.configuration_set)
    assert "AWS_REGION" not in env and not {"SMTP_HOST", "SMTP_PORT", "SES_ENDPOINT_URL"} & set(env)
    # The identity of the sender's domain, with the configuration set as its default
    (identity,) = aws_stage.of_type("AWS::SES::EmailIdentity").values()
    assert identity["Properties"]["EmailIdentity"] == config.mail_domain
    assert render(
        identity["Properties"]["ConfigurationSetAttributes"]["ConfigurationSetName"]
    ) == _ref(aws_stage, mail.configuration_set)
    (configuration_set,) = aws_stage.of_type("AWS::SES::ConfigurationSet").values()
    props = configuration_set["Properties"]
    assert props["DeliveryOptions"]["TlsPolicy"] == "REQUIRE"
    assert set(props["SuppressionOptions"]["SuppressedReasons"]) == {"BOUNCE", "COMPLAINT"}
    # Easy DKIM: the records to publish are outputs
    dkim = [k for k in aws_stage.template["Outputs"] if k.startswith("MailDkimRecord")]
    assert len(dkim) == 3
    if aws_stage.name == "prod":
        assert identity["DeletionPolicy"] == configuration_set["DeletionPolicy"] == "Retain"


def test_only_the_mail_worker_may_send_mail_and_only_from_the_stage_identity(
    aws_stage: SynthesizedStage,
):
    stack = aws_stage.stack
    identity_arn = (
        f"arn:aws:ses:{stack.stage.region}:{stack.stage.account}:identity/{stack.stage.mail_domain}"
    )
    configuration_set_arn = (
        f"arn:aws:ses:{stack.stage.region}:{stack.stage.account}:configuration-set/"
        f"{_ref(aws_stage, stack.mail.configuration_set)}"
    )
    ses_statements = {}
    for policy in aws_stage.of_type("AWS::IAM::Policy").values():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = (
                statement["Action"]
                if isinstance(statement["Action"], list)
                else [statement["Action"]]
            )
            if any(a.startswith("ses:") for a in actions):
                for role in policy["Properties"]["Roles"]:
                    ses_statements.setdefault(render(role), []).append(statement)
    mail_role = _ref(aws_stage, stack.functions["mail_worker"].role)
    assert set(ses_statements) == {mail_role}
    (statement,) = ses_statements[mail_role]
    assert statement["Effect"] == "Allow" and statement["Action"] == "ses:SendEmail"
    assert "Condition" not in statement
    assert sorted(render(r) for r in statement["Resource"]) == sorted(
        [identity_arn, configuration_set_arn]
    )


def test_links_in_mail_open_the_web_app(stage: SynthesizedStage):
    env = _env(stage, "mail_worker")
    if stage.stack.frontend is not None:
        distribution = stage.logical_id(stage.stack.frontend.distribution)
        assert render(env["WEB_BASE_URL"]) == f"https://${{{distribution}.DomainName}}"
    else:
        assert env["WEB_BASE_URL"] == LOCAL_WEB_BASE_URL
    # Only the senders render links
    for name in stage.stack.functions:
        if name not in MAIL_SENDERS:
            assert "WEB_BASE_URL" not in _env(stage, name) and "MAIL_BACKEND" not in _env(
                stage, name
            ), name


def test_on_local_the_mail_worker_sends_by_smtp_and_nothing_is_granted_ses(synthesis):
    local = synthesis.stages["local"]
    env = _env(local, "mail_worker")
    assert env["MAIL_BACKEND"] == "smtp"
    assert (env["SMTP_HOST"], env["SMTP_PORT"]) == ("127.0.0.1", "1025")
    assert env["MAIL_FROM"] == "AI Interview <no-reply@interview.localhost>"
    assert not local.of_type("AWS::SES::EmailIdentity") and not local.of_type(
        "AWS::SES::ConfigurationSet"
    )
    assert "ses:" not in json.dumps(local.of_type("AWS::IAM::Policy"))


# --- the two database logins ---------------------------------------------------------------
def _secret_username(stage: SynthesizedStage, secret) -> str:
    props = stage.resources[stage.logical_id(secret)]["Properties"]
    return json.loads(props["GenerateSecretString"]["SecretStringTemplate"])["username"]


def test_the_proxy_takes_both_logins_and_both_secrets_carry_the_instance(
    aws_stage: SynthesizedStage,
):
    database = aws_stage.stack.database
    assert _secret_username(aws_stage, database.secret) == DATABASE_USER
    assert _secret_username(aws_stage, database.app_secret) == DATABASE_APP_USER != DATABASE_USER
    (proxy,) = aws_stage.of_type("AWS::RDS::DBProxy").values()
    auth = proxy["Properties"]["Auth"]
    assert sorted(render(a["SecretArn"]) for a in auth) == sorted(
        [_ref(aws_stage, database.secret), _ref(aws_stage, database.app_secret)]
    )
    assert all(a["AuthScheme"] == "SECRETS" and a["IAMAuth"] == "DISABLED" for a in auth)
    attached = {
        render(a["Properties"]["SecretId"])
        for a in aws_stage.of_type("AWS::SecretsManager::SecretTargetAttachment").values()
        if render(a["Properties"]["TargetId"]) == _ref(aws_stage, aws_stage.stack.data.instance)
    }
    assert attached == {_ref(aws_stage, database.secret), _ref(aws_stage, database.app_secret)}
    # The proxy may read both, and each function reads the one it logs in with
    proxy_role = render(proxy["Properties"]["RoleArn"]).removeprefix("${").split(".")[0]
    readable = set()
    for policy in aws_stage.of_type("AWS::IAM::Policy").values():
        if f"${{Ref:{proxy_role}}}" in {render(r) for r in policy["Properties"]["Roles"]}:
            for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
                resources = (
                    statement["Resource"]
                    if isinstance(statement["Resource"], list)
                    else [statement["Resource"]]
                )
                readable.update(render(r) for r in resources)
    assert {_ref(aws_stage, database.secret), _ref(aws_stage, database.app_secret)} <= readable
    assert aws_stage.template["Outputs"]["AppDatabaseSecretArn"]["Value"] == {
        "Ref": aws_stage.logical_id(database.app_secret)
    }


def test_migrate_logs_in_as_the_master_and_everyone_else_as_the_application_role(
    aws_stage: SynthesizedStage,
):
    database = aws_stage.stack.database
    for name in aws_stage.stack.functions:
        env = _env(aws_stage, name)
        if name == "migrate":
            assert render(env["DATABASE_SECRET_ARN"]) == _ref(aws_stage, database.secret)
            assert render(env["APP_DATABASE_SECRET_ARN"]) == _ref(aws_stage, database.app_secret)
        else:
            assert render(env["DATABASE_SECRET_ARN"]) == _ref(aws_stage, database.app_secret), name
            assert "APP_DATABASE_SECRET_ARN" not in env, name


def test_local_keeps_one_login_unless_the_run_gives_the_application_role(synthesis):
    local = synthesis.stages["local"]
    database = local.stack.database
    assert database.app_secret is database.secret
    assert len(local.of_type("AWS::SecretsManager::Secret")) == 1 + 1 + 2  # db, key, API keys
    assert "AppDatabaseSecretArn" not in local.template["Outputs"]


# --- the same with the context a deployer gives ----------------------------------------------
@pytest.fixture(scope="module")
def overridden(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SynthesizedStage]:
    """local as the LocalStack run deploys it, dev with its own domain verified elsewhere."""
    from infra_cdk.app import build_app

    stand_in = tmp_path_factory.mktemp("deps-layer")
    (stand_in / "python").mkdir()
    outdir = tmp_path_factory.mktemp("cdk.out-overridden")
    app, stacks = build_app(
        ["local", "dev"],
        outdir=str(outdir),
        context={
            "local_database_url": "postgresql://postgres:@/interview?host=/tmp/pg",
            "local_app_database_url": "postgresql://interview_app:s3cret@/interview?host=/tmp/pg",
            "local_smtp": "127.0.0.1:2525",
            "mail_domain": "mail.acme.test",
            "mail_identity": "false",
            "web_base_url": "https://interview.acme.test/",
        },
        deps_layer_dir=stand_in,
        embeddings_layer_dir=stand_in,
        nag=True,
    )
    assembly = app.synth()  # cdk-nag: the local stage's second secret is acknowledged too
    return {
        name: SynthesizedStage(
            name=name,
            stack=stack,
            template=json.loads(
                (outdir / assembly.get_stack_by_name(stack.stack_name).template_file).read_text()
            ),
            assembly_dir=outdir,
        )
        for name, stack in stacks.items()
    }


def test_local_with_the_application_role_gives_it_to_every_function(overridden):
    local = overridden["local"]
    database = local.stack.database
    assert database.app_secret is not database.secret
    secrets = local.of_type("AWS::SecretsManager::Secret")
    value = json.loads(secrets[local.logical_id(database.app_secret)]["Properties"]["SecretString"])
    assert (value["username"], value["host"], value["dbname"]) == (
        "interview_app",
        "%2Ftmp%2Fpg",
        "interview",
    )
    for name in local.stack.functions:
        assert render(_env(local, name)["DATABASE_SECRET_ARN"]) == _ref(
            local, database.app_secret
        ), name
    env = _env(local, "mail_worker")
    assert (env["SMTP_HOST"], env["SMTP_PORT"]) == ("127.0.0.1", "2525")
    assert env["WEB_BASE_URL"] == "https://interview.acme.test"


def test_dev_with_its_own_domain_verified_elsewhere(overridden):
    dev = overridden["dev"]
    env = _env(dev, "mail_worker")
    assert env["MAIL_FROM"] == "AI Interview Dev <no-reply@mail.acme.test>"
    assert env["WEB_BASE_URL"] == "https://interview.acme.test"  # over the CloudFront URL
    assert not dev.of_type("AWS::SES::EmailIdentity")  # verified outside the stack
    assert "identity/mail.acme.test" in json.dumps(dev.of_type("AWS::IAM::Policy"))


def test_mail_settings_of_the_stages_and_their_checks():
    nothing: dict[str, str] = {}
    assert load_stage("local", nothing.get).mail_domain is None
    dev, prod = load_stage("dev", nothing.get), load_stage("prod", nothing.get)
    assert (
        dev.mail_domain == f"dev.{PLACEHOLDER_MAIL_DOMAIN}"
        and prod.mail_domain == PLACEHOLDER_MAIL_DOMAIN
    )
    assert dev.mail_identity and prod.mail_identity
    # A sender in a subdomain of the identity, or the identity's own address, is covered
    sub = load_stage(
        "prod", {"mail_domain": "acme.test", "mail_from": "Acme <hr@jobs.acme.test>"}.get
    )
    assert sub.mail_from == "Acme <hr@jobs.acme.test>"
    address = load_stage("dev", {"mail_domain": "me@acme.test"}.get)
    assert address.mail_from == "AI Interview Dev <me@acme.test>"
    with pytest.raises(ValueError, match="not covered by the SES identity"):
        load_stage("prod", {"mail_domain": "acme.test", "mail_from": "x@other.test"}.get)
    with pytest.raises(ValueError, match="mail_from must be one e-mail address"):
        load_stage("dev", {"mail_from": "not an address"}.get)
    with pytest.raises(ValueError, match="web_base_url must be an http"):
        load_stage("dev", {"web_base_url": "interview.acme.test"}.get)
    with pytest.raises(ValueError, match="local_smtp must be host:port"):
        load_stage("local", {"local_smtp": "localhost"}.get)
