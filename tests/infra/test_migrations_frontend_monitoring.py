"""Migrations on deploy, frontend hosting and alarms."""

from __future__ import annotations

import json

from interview_core.function_catalog import QUEUE_FUNCTIONS

from tests.infra.conftest import SynthesizedStage, render


def test_migration_trigger_runs_the_migrate_function_before_the_other_functions(
    aws_stage: SynthesizedStage,
):
    migrations = aws_stage.stack.migrations
    ((trigger_id, trigger),) = aws_stage.of_type("Custom::Trigger").items()
    assert (
        trigger["Properties"]["InvocationType"] == "RequestResponse"
    )  # a failure fails the deploy
    version_id = render(trigger["Properties"]["HandlerArn"]).removeprefix("${Ref:").rstrip("}")
    version = aws_stage.resources[version_id]
    assert version["Type"] == "AWS::Lambda::Version"
    assert (
        render(version["Properties"]["FunctionName"])
        == f"${{Ref:{aws_stage.logical_id(migrations.function.function)}}}"
    )
    # Every API and consumer function waits for it; it waits for the database and its rules
    for name, function in aws_stage.stack.functions.items():
        if name != "migrate":
            assert (
                trigger_id
                in aws_stage.resources[aws_stage.logical_id(function.function)]["DependsOn"]
            ), name
    depends = set(trigger.get("DependsOn", []))
    assert aws_stage.logical_id(aws_stage.stack.data.instance) in depends
    assert {k for k in aws_stage.of_type("AWS::EC2::SecurityGroupIngress")} <= depends
    env = aws_stage.resources[aws_stage.logical_id(migrations.function.function)]["Properties"][
        "Environment"
    ]["Variables"]
    assert len(env["MIGRATIONS_DIGEST"]) == 16


def test_migrate_handler_exists_and_local_stage_leaves_migrations_to_the_local_runner(synthesis):
    assert synthesis.stages["local"].stack.migrations is None
    assert not synthesis.stages["local"].of_type("Custom::Trigger")


def test_frontend_bucket_is_private_and_read_by_cloudfront_only(aws_stage: SynthesizedStage):
    web = aws_stage.stack.frontend
    bucket_id = aws_stage.logical_id(web.bucket)
    bucket = aws_stage.resources[bucket_id]["Properties"]
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    distribution_id = aws_stage.logical_id(web.distribution)
    (oac,) = aws_stage.of_type("AWS::CloudFront::OriginAccessControl").values()
    assert oac["Properties"]["OriginAccessControlConfig"]["SigningBehavior"] == "always"
    origins = aws_stage.resources[distribution_id]["Properties"]["DistributionConfig"]["Origins"]
    # Every S3 origin goes through the access control (the other origin is the API's /auth/*).
    site_origins = [origin for origin in origins if "S3OriginConfig" in origin]
    assert site_origins and all("OriginAccessControlId" in origin for origin in site_origins)
    (policy,) = [
        p
        for p in aws_stage.of_type("AWS::S3::BucketPolicy").values()
        if render(p["Properties"]["Bucket"]) == f"${{Ref:{bucket_id}}}"
    ]
    allows = [
        s for s in policy["Properties"]["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"
    ]
    for statement in allows:
        if statement.get("Principal") == {"Service": "cloudfront.amazonaws.com"}:
            assert distribution_id in render(
                statement["Condition"]["StringEquals"]["AWS:SourceArn"]
            )
        else:  # the CDK's auto-delete-objects handler (dev only)
            assert aws_stage.name == "dev" and "s3:DeleteObject*" in statement["Action"]


def test_frontend_deploys_a_runtime_config_naming_the_api_url(aws_stage: SynthesizedStage):
    (deployment,) = aws_stage.of_type("Custom::CDKBucketDeployment").values()
    props = deployment["Properties"]
    # config.json is the last source, so it replaces any config.json of the built app
    *_, config_key = props["SourceObjectKeys"]
    *_, markers = props["SourceMarkers"]
    config_dir = aws_stage.assembly_dir / f"asset.{config_key.removesuffix('.zip')}"
    (marker,) = markers
    assert json.loads((config_dir / "config.json").read_text().replace(marker, '"API"')) == {
        "apiUrl": "API",
        "stage": aws_stage.name,
    }
    api_url = render(markers[marker])
    assert api_url.startswith(
        '"https://${Ref:' + aws_stage.logical_id(aws_stage.stack.api.rest_api)
    )
    # without a build, a deploy must not prune (delete) the site that is there
    assert props["Prune"] == (len(props["SourceObjectKeys"]) == 2)
    if len(props["SourceObjectKeys"]) == 2:  # frontend/dist exists: the built app goes first
        dist_dir = (
            aws_stage.assembly_dir / f"asset.{props['SourceObjectKeys'][0].removesuffix('.zip')}"
        )
        assert (dist_dir / "index.html").is_file()


def test_alarms_cover_dead_letters_api_5xx_and_every_function(stage: SynthesizedStage):
    alarms = [a["Properties"] for a in stage.of_type("AWS::CloudWatch::Alarm").values()]
    topic = f"${{Ref:{stage.logical_id(stage.stack.monitoring.topic)}}}"
    assert all([render(x) for x in a["AlarmActions"]] == [topic] for a in alarms)

    def watched(alarm: dict) -> list[dict]:
        """The metrics an alarm reads: its own, or those of its math expression."""
        if "MetricName" in alarm:
            return [alarm]
        return [m["MetricStat"]["Metric"] for m in alarm.get("Metrics", []) if "MetricStat" in m]

    def alarmed(metric: str, dimension: str, logical_id: str, attr: str | None = None) -> bool:
        target = f"${{{logical_id}.{attr}}}" if attr else f"${{Ref:{logical_id}}}"
        return any(
            m["MetricName"] == metric
            and any(
                d["Name"] == dimension and render(d["Value"]) == target for d in m["Dimensions"]
            )
            for a in alarms
            for m in watched(a)
        )

    for consumer in QUEUE_FUNCTIONS:
        dlq = stage.logical_id(stage.stack.queues.dead_letter_queues[consumer.job_kind])
        assert alarmed("ApproximateNumberOfMessagesVisible", "QueueName", dlq, "QueueName")
    assert any(a.get("MetricName") == "5XXError" for a in alarms)
    for name, function in stage.stack.functions.items():
        assert alarmed("Errors", "FunctionName", stage.logical_id(function.function)), name
