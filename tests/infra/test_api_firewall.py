"""In AWS a WAF web ACL on the API's stage answers 429 to an address that calls POST /token or
POST /register too often; LocalStack (the local stage) has no WAFv2 and gets none."""

from __future__ import annotations

import json

from infra_cdk.firewall import (
    EVALUATION_WINDOW_S,
    PASSWORD_ENDPOINT_LIMIT,
    RATE_LIMITED_LABEL,
)
from tests.infra.conftest import SynthesizedStage, render


def _inner(statement: dict) -> list[dict]:
    for kind in ("OrStatement", "AndStatement"):
        if kind in statement:
            return statement[kind]["Statements"]
    return []


def _byte_matches(statement: dict) -> list[dict]:
    if "ByteMatchStatement" in statement:
        return [statement["ByteMatchStatement"]]
    return [match for inner in _inner(statement) for match in _byte_matches(inner)]


def _labels(statement: dict) -> list[str]:
    if "LabelMatchStatement" in statement:
        assert statement["LabelMatchStatement"]["Scope"] == "LABEL"
        return [statement["LabelMatchStatement"]["Key"]]
    return [label for inner in _inner(statement) for label in _labels(inner)]


def test_a_rate_based_rule_limits_each_address_on_token_and_register(aws_stage: SynthesizedStage):
    # Given an AWS stage's template
    acls = aws_stage.of_type("AWS::WAFv2::WebACL")
    # Then it has one regional web ACL that lets everything else through
    assert len(acls) == 1
    ((acl_id, acl),) = acls.items()
    props = acl["Properties"]
    assert props["Scope"] == "REGIONAL"
    assert props["DefaultAction"] == {"Allow": {}}
    # And its first rule counts requests per client address to exactly the two password
    # endpoints, and labels those past the limit
    rate_rule, *blocks = sorted(props["Rules"], key=lambda rule: rule["Priority"])
    rate = rate_rule["Statement"]["RateBasedStatement"]
    assert rate["AggregateKeyType"] == "IP"
    assert rate["Limit"] == PASSWORD_ENDPOINT_LIMIT
    assert rate["EvaluationWindowSec"] == EVALUATION_WINDOW_S
    matches = _byte_matches(rate["ScopeDownStatement"])
    assert {m["SearchString"] for m in matches} == {
        f"/{aws_stage.name}/token",
        f"/{aws_stage.name}/register",
    }
    assert all(m["FieldToMatch"] == {"UriPath": {}} for m in matches)
    assert rate_rule["Action"] == {"Count": {}}
    assert rate_rule["RuleLabels"] == [{"Name": RATE_LIMITED_LABEL}]
    assert rate_rule["VisibilityConfig"]["CloudWatchMetricsEnabled"] is True

    # And every labelled request is blocked with a 429, a JSON detail and Retry-After: the last
    # rule catches every origin, so nothing past the limit gets through
    assert blocks and _labels(blocks[-1]["Statement"]) == [RATE_LIMITED_LABEL]
    for block in blocks:
        assert RATE_LIMITED_LABEL in _labels(block["Statement"])
        custom = block["Action"]["Block"]["CustomResponse"]
        assert custom["ResponseCode"] == 429
        headers = {h["Name"]: render(h["Value"]) for h in custom["ResponseHeaders"]}
        assert headers["Retry-After"] == str(EVALUATION_WINDOW_S)
        assert headers["Vary"] == "Origin"
        body = props["CustomResponseBodies"][custom["CustomResponseBodyKey"]]
        assert body["ContentType"] == "APPLICATION_JSON" and "detail" in json.loads(body["Content"])

    # And a browser on an allowed origin can read that 429 (CORS), each origin only its own
    stack = aws_stage.stack
    allowed = sorted(render(stack.resolve(origin)) for origin in stack.allowed_origins)
    by_origin = {}
    for block in blocks[:-1]:
        (origin_match,) = _byte_matches(block["Statement"])
        assert origin_match["FieldToMatch"] == {"SingleHeader": {"Name": "origin"}}
        assert origin_match["PositionalConstraint"] == "EXACTLY"
        custom = block["Action"]["Block"]["CustomResponse"]
        headers = {h["Name"]: render(h["Value"]) for h in custom["ResponseHeaders"]}
        assert headers["Access-Control-Allow-Origin"] == render(origin_match["SearchString"])
        assert headers["Access-Control-Expose-Headers"] == "Retry-After"
        by_origin[render(origin_match["SearchString"])] = block
    assert sorted(by_origin) == allowed
    last_headers = blocks[-1]["Action"]["Block"]["CustomResponse"]["ResponseHeaders"]
    assert "Access-Control-Allow-Origin" not in {h["Name"] for h in last_headers}

    # And the web ACL is associated with the API's stage
    (association,) = aws_stage.of_type("AWS::WAFv2::WebACLAssociation").values()
    assert render(association["Properties"]["WebACLArn"]) == f"${{{acl_id}.Arn}}"
    stage_id = aws_stage.logical_id(aws_stage.stack.api.rest_api.deployment_stage)
    api_id = aws_stage.logical_id(aws_stage.stack.api.rest_api)
    assert render(association["Properties"]["ResourceArn"]).endswith(
        f"::/restapis/${{Ref:{api_id}}}/stages/${{Ref:{stage_id}}}"
    )
    assert stage_id in association.get("DependsOn", [])


def test_the_local_stage_has_no_web_acl(synthesis):
    local = synthesis.stages["local"]
    assert local.of_type("AWS::WAFv2::WebACL") == {}
    assert local.of_type("AWS::WAFv2::WebACLAssociation") == {}
