"""Capacity limits set in CDK (docs/capacity.md): each consumer's maximum concurrency and, on
prod, its reserved concurrency; the database's max_connections, the proxy's share of it and its
borrow timeout; the connection budget they add up to; and the doc's tables, which must be what
infra_cdk.capacity computes from the stage configuration."""

from __future__ import annotations

import pytest
from interview_core.function_catalog import HTTP_FUNCTIONS, QUEUE_FUNCTIONS

from infra_cdk.capacity import (
    ANSWER_INTERVAL_S,
    DESIGN_INTERVIEWS,
    DOC,
    HEADROOM,
    LAMBDA_ACCOUNT_CONCURRENCY,
    LAMBDA_UNRESERVED_MINIMUM,
    SPEAKING_S,
    Load,
    Sizing,
    consumer_connections,
    consumer_throughput,
    doc_tables,
    rds_default_max_connections,
    report_polls,
    stage_configs,
    tables,
    with_tables,
)
from infra_cdk.stages import load_stage
from tests.infra.conftest import SynthesizedStage, render

# API Gateway ends an integration after 29 s.
API_GATEWAY_TIMEOUT_S = 29


def _context(**values):
    return lambda key: values.get(key)


def test_the_docs_tables_are_the_model_of_the_stage_configuration():
    found, expected = doc_tables(DOC.read_text()), tables()
    assert set(found) == set(expected)
    for name, table in expected.items():
        assert found[name] == table, (
            f"docs/capacity.md's {name} table is not the model's: "
            "run python -m infra_cdk.capacity --write"
        )


def test_filling_the_tables_changes_nothing_else_and_an_empty_block_takes_only_its_own():
    text = "intro\n<!-- capacity:a -->\n<!-- /capacity -->\nmiddle\n<!-- capacity:b -->\nold\n"
    text += "<!-- /capacity -->\nend\n"
    filled = with_tables(text, {"a": "| A |", "b": "| B |"})
    assert filled == (
        "intro\n<!-- capacity:a -->\n| A |\n<!-- /capacity -->\nmiddle\n"
        "<!-- capacity:b -->\n| B |\n<!-- /capacity -->\nend\n"
    )
    assert doc_tables(filled) == {"a": "| A |", "b": "| B |"}


def test_each_consumer_has_its_stages_maximum_and_only_prod_reserves_it(stage: SynthesizedStage):
    config = stage.stack.stage
    mappings = {
        render(m["Properties"]["FunctionName"]): m["Properties"]
        for m in stage.of_type("AWS::Lambda::EventSourceMapping").values()
    }
    consumer_ids = set()
    for consumer in QUEUE_FUNCTIONS:
        function_id = stage.logical_id(stage.stack.functions[consumer.name].function)
        consumer_ids.add(function_id)
        limit = config.consumer_max_concurrency.of(consumer.job_kind)
        assert mappings[f"${{Ref:{function_id}}}"]["ScalingConfig"]["MaximumConcurrency"] == limit
        if config.reserve_consumer_concurrency:
            props = stage.resources[function_id]["Properties"]
            assert props["ReservedConcurrentExecutions"] == limit, consumer.name
    reserved = {
        logical_id
        for logical_id, function in stage.of_type("AWS::Lambda::Function").items()
        if "ReservedConcurrentExecutions" in function["Properties"]
    }
    assert reserved == (consumer_ids if config.reserve_consumer_concurrency else set())
    assert config.reserve_consumer_concurrency == (stage.name == "prod")


def test_the_reservations_leave_the_api_the_rest_of_a_default_account():
    for config in stage_configs():
        reserved = (
            config.consumer_max_concurrency.total if config.reserve_consumer_concurrency else 0
        )
        api = Load(DESIGN_INTERVIEWS).api_concurrency * HEADROOM
        assert reserved + api <= LAMBDA_ACCOUNT_CONCURRENCY - LAMBDA_UNRESERVED_MINIMUM, config.name


def test_max_connections_and_the_proxys_pool_follow_the_stage(aws_stage: SynthesizedStage):
    config = aws_stage.stack.stage
    (group,) = aws_stage.of_type("AWS::RDS::DBParameterGroup").values()
    assert group["Properties"]["Parameters"]["max_connections"] == str(config.db_max_connections)
    # Under RDS's default for the class, which the class's whole memory bounds from above
    assert config.db_max_connections <= 0.9 * rds_default_max_connections(config.db_instance_type)
    (target_group,) = aws_stage.of_type("AWS::RDS::DBProxyTargetGroup").values()
    pool = target_group["Properties"]["ConnectionPoolConfigurationInfo"]
    assert pool["MaxConnectionsPercent"] == config.proxy_max_connections_percent < 100
    assert pool["ConnectionBorrowTimeout"] == config.proxy_borrow_timeout_s


def test_a_request_waiting_for_a_connection_gives_up_before_its_function(
    aws_stage: SynthesizedStage,
):
    borrow = aws_stage.stack.stage.proxy_borrow_timeout_s
    for function in HTTP_FUNCTIONS:
        construct = aws_stage.stack.functions[function.name].function
        timeout = aws_stage.resources[aws_stage.logical_id(construct)]["Properties"]["Timeout"]
        assert 0 < borrow < timeout <= API_GATEWAY_TIMEOUT_S, function.name


def test_the_consumers_hold_at_most_half_the_proxys_connections():
    for config in stage_configs():
        if config.is_aws:
            assert 2 * consumer_connections(config) <= config.proxy_connections, config.name


def test_prod_is_sized_for_its_design_point():
    prod = load_stage("prod", _context())
    need, load = Sizing(DESIGN_INTERVIEWS), Load(DESIGN_INTERVIEWS)
    assert prod.consumer_max_concurrency.sentiment >= need.sentiment_concurrency
    assert prod.consumer_max_concurrency.report >= need.report_concurrency
    assert prod.api_rate_limit >= need.api_rate_limit
    assert prod.auth_rate_limit >= need.auth_rate_limit
    # A consumer that falls behind turns into polling: each keeps up at the design point
    assert consumer_throughput(prod, "sentiment") >= load.peak_answers_per_s
    assert consumer_throughput(prod, "report") >= load.completions_per_s
    # Dev keeps every consumer at the floor AWS allows
    dev = load_stage("dev", _context()).consumer_max_concurrency
    assert set(vars(dev).values()) == {2}


def test_consumer_limits_can_be_raised_at_deploy_time_within_what_aws_takes():
    raised = load_stage("prod", _context(consumer_max_concurrency="sentiment:20, report:204"))
    limits = raised.consumer_max_concurrency
    assert (limits.sentiment, limits.report, limits.embed, limits.mail) == (20, 204, 2, 2)
    for wrong in ("report:1", "report:1001", "reports:5", "report:many", "report"):
        with pytest.raises(ValueError, match="consumer|concurrency"):
            load_stage("prod", _context(consumer_max_concurrency=wrong))


def test_an_alarm_watches_the_connections_the_proxy_may_open(aws_stage: SynthesizedStage):
    config = aws_stage.stack.stage
    (alarm,) = [
        a["Properties"]
        for a in aws_stage.of_type("AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("MetricName") == "DatabaseConnections"
    ]
    assert alarm["Threshold"] == int(0.8 * config.proxy_connections)
    assert alarm["Namespace"] == "AWS/RDS"


def test_the_models_report_polls_follow_the_cores_schedule():
    assert report_polls(0) == 1
    # domain/report_wait.py: after the first read, 11 polls 100 ms apart (the last at the
    # first second's edge), 8 more 250 ms apart by 3 s, 12 a second apart by 15 s
    assert report_polls(1.0) == 1 + 11
    assert report_polls(3.0) == 1 + 11 + 8
    assert report_polls(15.0) == 1 + 11 + 8 + 12
    assert report_polls(17.0) == 1 + 11 + 8 + 12 + 1


def test_the_model_counts_an_open_stream_per_speaking_candidate():
    assert Load(900).deepgram_streams == pytest.approx(900 * SPEAKING_S / ANSWER_INTERVAL_S)
    assert Load(10_000).api_rps == pytest.approx(10 * Load(1_000).api_rps)
