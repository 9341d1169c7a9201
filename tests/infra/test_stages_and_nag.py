"""Stage configuration, and the cdk-nag verdict on every stage."""

from __future__ import annotations

import pytest

from infra_cdk.stages import ExternalDatabase, load_stage


def _context(**values):
    return lambda key: values.get(key)


@pytest.mark.parametrize("name", ["dev", "prod"])
def test_a_wildcard_origin_is_refused_outside_local(name):
    with pytest.raises(ValueError, match="only in local"):
        load_stage(name, _context(allowed_origins="https://app.example.com,*"))


def test_context_overrides_the_stage_defaults():
    stage = load_stage(
        "prod",
        _context(
            account="123456789012",
            region="eu-west-1",
            allowed_origins="https://interview.example.com",
            alarm_email="ops@example.com",
            deploy_id="abc123",
        ),
    )
    assert (stage.account, stage.region) == ("123456789012", "eu-west-1")
    assert stage.availability_zones == ["eu-west-1a", "eu-west-1b"]
    assert stage.allowed_origins == ("https://interview.example.com",)
    assert (stage.alarm_email, stage.deploy_id) == ("ops@example.com", "abc123")
    assert stage.protect_data and stage.db_multi_az


def test_local_stage_takes_its_database_from_a_url():
    stage = load_stage(
        "local", _context(local_database_url="postgresql://app:p%40ss@127.0.0.1:5433/interview")
    )
    assert stage.external_database == ExternalDatabase(
        "127.0.0.1", 5433, "app", "p@ss", "interview"
    )
    assert not stage.is_aws and not stage.run_migrations and not stage.frontend_hosting


def test_every_stage_passes_cdk_nag_and_each_acknowledgment_gives_its_reason(synthesis):
    if not synthesis.nag_checked:
        pytest.skip("cdk-nag is not installed")
    # The session's synth ran AwsSolutionsChecks and would have raised on any finding left.
    for stage in synthesis.stages.values():
        acknowledged = stage.stack.nag_acknowledgments
        assert acknowledged
        for ack in acknowledged:
            assert len(ack.reason.split()) >= 8, ack
        # The broad acknowledgments sit on the one construct they concern, not on the stack
        assert all(ack.path.count("/") >= 1 for ack in acknowledged)
