"""Network and data: RDS private and encrypted, reached through a TLS-only proxy."""

from __future__ import annotations

from tests.infra.conftest import SynthesizedStage, render


def test_rds_is_postgres_16_private_encrypted_and_backed_up(aws_stage: SynthesizedStage):
    (instance,) = aws_stage.of_type("AWS::RDS::DBInstance").values()
    props = instance["Properties"]
    assert props["Engine"] == "postgres" and str(props["EngineVersion"]).split(".")[0] == "16"
    assert props["PubliclyAccessible"] is False
    assert props["StorageEncrypted"] is True
    assert props["BackupRetentionPeriod"] >= 1
    # Credentials come from the secret, never from the template
    assert "{{resolve:secretsmanager:" in render(props["MasterUserPassword"])
    if aws_stage.name == "prod":
        assert props["DeletionProtection"] is True and props["MultiAZ"] is True
        assert instance["DeletionPolicy"] == "Snapshot"
        assert aws_stage.stack.termination_protection
    # In the isolated subnets: no route to or from the internet
    (subnet_group,) = aws_stage.of_type("AWS::RDS::DBSubnetGroup").values()
    for subnet in subnet_group["Properties"]["SubnetIds"]:
        assert "dataSubnet" in subnet["Ref"]


def test_only_the_proxy_and_the_migration_function_reach_the_database(aws_stage: SynthesizedStage):
    data = aws_stage.stack.data
    db_sg = aws_stage.logical_id(data.instance.connections.security_groups[0])
    ingress = [
        r["Properties"]
        for r in aws_stage.of_type("AWS::EC2::SecurityGroupIngress").values()
        if render(r["Properties"]["GroupId"]) == f"${{{db_sg}.GroupId}}"
    ]
    sources = {render(rule["SourceSecurityGroupId"]) for rule in ingress}
    proxy_sg = aws_stage.logical_id(data.proxy.connections.security_groups[0])
    migration_sg = aws_stage.logical_id(data.migration_clients)
    assert sources == {f"${{{proxy_sg}.GroupId}}", f"${{{migration_sg}.GroupId}}"}
    instance_port = f"${{{aws_stage.logical_id(data.instance)}.Endpoint.Port}}"
    assert all(
        render(rule["FromPort"]) == render(rule["ToPort"]) in ("5432", instance_port)
        for rule in ingress
    )
    (db_sg_resource,) = [
        v for k, v in aws_stage.of_type("AWS::EC2::SecurityGroup").items() if k == db_sg
    ]
    assert "SecurityGroupIngress" not in db_sg_resource["Properties"]


def test_functions_use_the_tls_only_proxy(aws_stage: SynthesizedStage):
    (proxy,) = aws_stage.of_type("AWS::RDS::DBProxy").values()
    assert proxy["Properties"]["RequireTLS"] is True
    proxy_id = aws_stage.logical_id(aws_stage.stack.data.proxy)
    for name, function in aws_stage.stack.functions.items():
        env = aws_stage.resources[aws_stage.logical_id(function.function)]["Properties"][
            "Environment"
        ]["Variables"]
        if name == "migrate":
            instance_id = aws_stage.logical_id(aws_stage.stack.data.instance)
            assert render(env["DATABASE_HOST"]) == f"${{{instance_id}.Endpoint.Address}}"
        else:
            assert render(env["DATABASE_HOST"]) == f"${{{proxy_id}.Endpoint}}"
            assert env["DATABASE_PREPARE_STATEMENTS"] == "false"


def test_local_stage_has_no_rds_and_points_at_an_external_database(synthesis):
    local = synthesis.stages["local"]
    assert not local.of_type("AWS::RDS::DBInstance")
    assert not local.of_type("AWS::EC2::VPC")
    for function in local.stack.functions.values():
        props = local.resources[local.logical_id(function.function)]["Properties"]
        assert "VpcConfig" not in props
        assert "DATABASE_HOST" not in props["Environment"]["Variables"]  # the secret's host
