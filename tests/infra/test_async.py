"""The async path: queues with dead-letter queues, consumers with partial batch responses."""

from __future__ import annotations

import pytest
from interview_core.function_catalog import QUEUE_FUNCTIONS, SCHEDULED_FUNCTIONS

from infra_cdk.constants import CONSUMER_SIZING, VISIBILITY_TIMEOUT_FACTOR
from tests.infra.conftest import SynthesizedStage, render


def test_each_consumer_reports_batch_item_failures_with_bounded_concurrency(
    stage: SynthesizedStage,
):
    mappings = {
        render(m["Properties"]["FunctionName"]): m["Properties"]
        for m in stage.of_type("AWS::Lambda::EventSourceMapping").values()
    }
    assert len(mappings) == len(QUEUE_FUNCTIONS)
    for consumer in QUEUE_FUNCTIONS:
        function_id = stage.logical_id(stage.stack.functions[consumer.name].function)
        mapping = mappings[f"${{Ref:{function_id}}}"]
        queue_id = stage.logical_id(stage.stack.queues.queues[consumer.job_kind])
        assert render(mapping["EventSourceArn"]) == f"${{{queue_id}.Arn}}"
        assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
        assert (
            2
            <= mapping["ScalingConfig"]["MaximumConcurrency"]
            == stage.stack.stage.consumer_max_concurrency.of(consumer.job_kind)
        )
        assert mapping["BatchSize"] == CONSUMER_SIZING[consumer.job_kind].batch_size


def test_each_queue_redrives_to_its_dead_letter_queue_after_a_few_receives(stage: SynthesizedStage):
    queues = stage.of_type("AWS::SQS::Queue")
    functions = stage.of_type("AWS::Lambda::Function")
    for consumer in QUEUE_FUNCTIONS:
        kind = consumer.job_kind
        queue = queues[stage.logical_id(stage.stack.queues.queues[kind])]["Properties"]
        dlq_id = stage.logical_id(stage.stack.queues.dead_letter_queues[kind])
        redrive = queue["RedrivePolicy"]
        assert render(redrive["deadLetterTargetArn"]) == f"${{{dlq_id}.Arn}}"
        assert 2 <= redrive["maxReceiveCount"] <= 5
        # Visibility timeout at least six times the consumer's timeout
        timeout = functions[stage.logical_id(stage.stack.functions[consumer.name].function)][
            "Properties"
        ]["Timeout"]
        assert queue["VisibilityTimeout"] >= VISIBILITY_TIMEOUT_FACTOR * timeout
        # The dead letters are kept long enough to be looked at and redriven, encrypted
        dlq = queues[dlq_id]["Properties"]
        assert dlq["MessageRetentionPeriod"] == 14 * 24 * 3600
        assert queue["SqsManagedSseEnabled"] and dlq["SqsManagedSseEnabled"]
        assert "RedrivePolicy" not in dlq


def test_queues_refuse_unencrypted_transport(stage: SynthesizedStage):
    policies = stage.of_type("AWS::SQS::QueuePolicy").values()
    denied = set()
    for policy in policies:
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            if statement["Effect"] == "Deny" and statement["Condition"] == {
                "Bool": {"aws:SecureTransport": "false"}
            }:
                denied.update(render(q) for q in policy["Properties"]["Queues"])
    all_queues = {f"${{Ref:{q}}}" for q in stage.of_type("AWS::SQS::Queue")}
    assert denied == all_queues


@pytest.mark.parametrize(
    ("name", "expression"),
    [("recover_jobs", "rate(10 minutes)"), ("relay_outbox", "rate(1 minute)")],
)
def test_lost_jobs_are_recovered_and_the_outbox_relayed_on_a_schedule(
    stage: SynthesizedStage, name, expression
):
    """In AWS nobody can run `interview jobs requeue` (the database is private): EventBridge rules
    run `recover_jobs` every 10 minutes and the outbox relay every minute, each once, without
    retries (the next run is the retry)."""
    rules = stage.of_type("AWS::Events::Rule")
    assert len(rules) == len(SCHEDULED_FUNCTIONS) == 2
    function = stage.stack.functions[name]
    arn = f"${{{stage.logical_id(function.function)}.Arn}}"
    (rule,) = [r for r in rules.values() if render(r["Properties"]["Targets"][0]["Arn"]) == arn]
    assert rule["Properties"]["ScheduleExpression"] == expression
    assert rule["Properties"]["State"] == "ENABLED"
    ((target,),) = [rule["Properties"]["Targets"]]
    assert target["RetryPolicy"]["MaximumRetryAttempts"] == 0
    permissions = [
        p["Properties"]
        for p in stage.of_type("AWS::Lambda::Permission").values()
        if p["Properties"]["Principal"] == "events.amazonaws.com"
    ]
    assert arn in [render(p["FunctionName"]) for p in permissions]
    env = stage.resources[stage.logical_id(function.function)]["Properties"]["Environment"]
    assert env["Variables"]["QUEUE_BACKEND"] == "sqs"


def test_the_report_function_outlasts_every_llm_attempt():
    """A slow LLM endpoint must end in the offline fallback report, not in a killed function."""
    from interview_core.ai.evaluation.llm_settings import LLMSettings

    total = LLMSettings.model_fields["llm_total_timeout_seconds"].default
    assert total + 20 <= CONSUMER_SIZING["report"].timeout_s
