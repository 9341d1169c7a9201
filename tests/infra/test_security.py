"""No secret value in any function's environment; each function has only the grants it uses."""

from __future__ import annotations

import re
from importlib import import_module
from inspect import getsource

import pytest
from interview_core.function_catalog import HTTP_FUNCTIONS, QUEUE_FUNCTIONS, SCHEDULED_FUNCTIONS

from infra_cdk.async_jobs import COMPREHEND_ACTIONS, COMPREHEND_JOB_KINDS
from infra_cdk.constants import OPTIONAL_SECRET_READERS
from infra_cdk.mail import MAIL_SENDERS, SES_SEND_ACTIONS
from infra_cdk.service_function import VPC_ENI_ACTIONS
from tests.infra.conftest import SynthesizedStage, render

# Settings that hold secrets: none of them may appear as a function's environment variable.
SECRET_SETTINGS = {
    "DATABASE_URL",
    "SECRET_KEY",
    "DEEPGRAM_API_KEY",
    "LLM_API_KEY",
    "HUGGINGFACE_API_KEY",
    "HUGGINGFACE_HUB_TOKEN",
    "OPENAI_API_KEY",
    "DATABASE_PASSWORD",
    "PGPASSWORD",
}


def test_no_secret_value_in_any_function_environment(stage: SynthesizedStage):
    secrets = set(stage.of_type("AWS::SecretsManager::Secret"))
    for logical_id, function in stage.of_type("AWS::Lambda::Function").items():
        env = function["Properties"].get("Environment", {}).get("Variables", {})
        assert not SECRET_SETTINGS & {k.upper() for k in env}, logical_id
        for key, value in env.items():
            text = render(value)
            assert "resolve:secretsmanager" not in text and "SecretString" not in text, (
                logical_id,
                key,
            )
            if key.endswith("_SECRET_ARN"):
                # an ARN (a Ref to a secret of this stack), never a value
                assert value.keys() == {"Ref"} and value["Ref"] in secrets, (logical_id, key)


def test_platform_functions_get_secret_arns_for_what_they_read(stage: SynthesizedStage):
    secrets = stage.stack.secrets
    database = stage.stack.database
    for name, function in stage.stack.functions.items():
        env = stage.resources[stage.logical_id(function.function)]["Properties"]["Environment"][
            "Variables"
        ]
        arn_vars = {k for k in env if k.endswith("_SECRET_ARN")}
        expected = {"DATABASE_SECRET_ARN"}
        # Only migrate logs in as the master user, and reads the application role's secret to
        # set its password; every other function logs in as the application's role.
        login = database.secret if name == "migrate" else database.app_secret
        assert render(env["DATABASE_SECRET_ARN"]) == f"${{Ref:{stage.logical_id(login)}}}", name
        if name == "migrate":
            expected.add("APP_DATABASE_SECRET_ARN")
            assert (
                render(env["APP_DATABASE_SECRET_ARN"])
                == f"${{Ref:{stage.logical_id(database.app_secret)}}}"
            )
        else:
            expected.add("SECRET_KEY_SECRET_ARN")
            assert (
                render(env["SECRET_KEY_SECRET_ARN"])
                == f"${{Ref:{stage.logical_id(secrets.secret_key)}}}"
            )
        expected |= {
            f"{s}_SECRET_ARN" for s, readers in OPTIONAL_SECRET_READERS.items() if name in readers
        }
        assert arn_vars == expected, name


def _statements_by_role(stage: SynthesizedStage) -> dict[str, list[dict]]:
    by_role: dict[str, list[dict]] = {}
    for policy in stage.of_type("AWS::IAM::Policy").values():
        for role in policy["Properties"].get("Roles", []):
            by_role.setdefault(role["Ref"], []).extend(
                policy["Properties"]["PolicyDocument"]["Statement"]
            )
    return by_role


def _grants(statements: list[dict]) -> set[tuple[str, str]]:
    pairs = set()
    for statement in statements:
        assert statement["Effect"] == "Allow"
        actions = (
            statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        )
        resources = (
            statement["Resource"]
            if isinstance(statement["Resource"], list)
            else [statement["Resource"]]
        )
        pairs.update((action, render(resource)) for action in actions for resource in resources)
    return pairs


def test_each_function_has_only_the_grants_it_uses(stage: SynthesizedStage):
    by_role = _statements_by_role(stage)
    s = stage.stack
    queue_arn = {kind: f"${{{stage.logical_id(q)}.Arn}}" for kind, q in s.queues.queues.items()}
    secret_ref = lambda secret: f"${{Ref:{stage.logical_id(secret)}}}"
    consumers = {f.name: f.job_kind for f in QUEUE_FUNCTIONS}
    http = {f.name: f for f in HTTP_FUNCTIONS}
    scheduled = {f.name: f.publishes for f in SCHEDULED_FUNCTIONS}
    for name, function in s.functions.items():
        role_id = stage.logical_id(function.role)
        role = stage.resources[role_id]["Properties"]
        assert not role.get("ManagedPolicyArns"), (
            f"{name}: managed policies grant more than it uses"
        )
        grants = _grants(by_role[role_id])
        actions = {action for action, _ in grants}
        assert not any(a == "*" or a.endswith(":*") for a in actions), name

        # Resource "*" only for actions that take no resource
        wildcard_ok = set(VPC_ENI_ACTIONS) | {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}
        wildcard_ok |= set(COMPREHEND_ACTIONS)
        assert {a for a, r in grants if r == "*"} <= wildcard_ok, name

        # Comprehend: only the sentiment-scoring consumers, only when they are set to use it
        env = stage.resources[stage.logical_id(function.function)]["Properties"]["Environment"][
            "Variables"
        ]
        uses_comprehend = (
            consumers.get(name) in COMPREHEND_JOB_KINDS
            and env.get("SENTIMENT_PROVIDER") == "comprehend"
        )
        assert {(a, r) for a, r in grants if a.startswith("comprehend:")} == (
            {(a, "*") for a in COMPREHEND_ACTIONS} if uses_comprehend else set()
        ), name
        assert any(a.startswith("ec2:") for a in actions) == (s.database.vpc is not None), name

        # Logs: its own log group only
        log_group = f"${{{stage.logical_id(function.log_group)}.Arn}}"
        assert {r for a, r in grants if a.startswith("logs:")} == {log_group}, name

        # Secrets: the application role's login for everyone but the migration, which has the
        # master's and the application role's (to set its password); SECRET_KEY for all but the
        # migration; API keys only for their readers
        if name == "migrate":
            expected_secrets = {secret_ref(s.database.secret), secret_ref(s.database.app_secret)}
        else:
            expected_secrets = {secret_ref(s.database.app_secret), secret_ref(s.secrets.secret_key)}
        expected_secrets |= {
            secret_ref(s.secrets.optional[key])
            for key, readers in OPTIONAL_SECRET_READERS.items()
            if name in readers
        }
        assert {r for a, r in grants if a == "secretsmanager:GetSecretValue"} == expected_secrets, (
            name
        )

        # Queues: only publishers send (to their own queue); only consumers receive and delete
        sends = {r for a, r in grants if a == "sqs:SendMessage"}
        publishes = http[name].publishes if name in http else scheduled.get(name, ())
        expected_sends = {queue_arn[kind] for kind in publishes}
        assert sends == expected_sends, name
        for consuming_action in (
            "sqs:ReceiveMessage",
            "sqs:DeleteMessage",
            "sqs:ChangeMessageVisibility",
        ):
            received = {r for a, r in grants if a == consuming_action}
            assert received == ({queue_arn[consumers[name]]} if name in consumers else set()), (
                name,
                consuming_action,
            )
        # SES: the mail senders on the AWS stages, on the stage's identity and configuration set
        ses_grants = {(a, r) for a, r in grants if a.startswith("ses:")}
        if name in MAIL_SENDERS and stage.stack.stage.sends_with_ses:
            expected_ses = {
                (action, resource)
                for action in SES_SEND_ACTIONS
                for resource in (
                    render(stage.stack.resolve(s.mail.identity_arn)),
                    render(stage.stack.resolve(s.mail.configuration_set_arn)),
                )
            }
            assert ses_grants == expected_ses, name
        else:
            assert ses_grants == set(), name
        assert {a.split(":")[0] for a in actions} <= {
            "logs",
            "xray",
            "ec2",
            "secretsmanager",
            "sqs",
            "comprehend",
            "ses",
        }, name


def test_comprehend_grant_goes_to_the_sentiment_consumers_on_aws_stages_only(synthesis):
    """dev and prod score sentiment with Comprehend (SENTIMENT_PROVIDER=comprehend), so their
    sentiment and report consumers, and only those, may call it; local (LocalStack) may not."""
    scorers = {f.name for f in QUEUE_FUNCTIONS if f.job_kind in COMPREHEND_JOB_KINDS}
    assert scorers == {"sentiment_worker", "report_worker"}
    for name, stage in synthesis.stages.items():
        by_role = _statements_by_role(stage)
        granted = {
            function_name
            for function_name, function in stage.stack.functions.items()
            if {(a, "*") for a in COMPREHEND_ACTIONS}
            <= _grants(by_role[stage.logical_id(function.role)])
        }
        assert granted == (scorers if name in ("dev", "prod") else set()), name


def test_every_queue_has_exactly_one_consumer_and_a_publisher(synthesis):
    kinds = {f.job_kind for f in QUEUE_FUNCTIONS}
    assert len(kinds) == len(QUEUE_FUNCTIONS)
    published = {kind for f in HTTP_FUNCTIONS for kind in f.publishes}
    assert published == kinds


@pytest.mark.parametrize("entry", HTTP_FUNCTIONS, ids=lambda f: f.name)
def test_publishing_table_matches_the_routes_that_use_the_publisher(entry):
    """The catalog's `publishes` is written by hand: a route that starts (or stops) publishing
    jobs without an update would fail to send (or keep a grant it does not use)."""
    route_source = getsource(import_module(f"interview_core.api.routes.{entry.name}"))
    uses_publisher = re.search(r"\bPublisherDep\b", route_source) is not None
    assert uses_publisher == bool(entry.publishes), entry.name
