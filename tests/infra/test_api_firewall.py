"""In AWS a WAF web ACL on the API's stage answers 429 to an address that calls POST /token or
POST /register too often; LocalStack (the local stage) has no WAFv2 and gets none."""

from __future__ import annotations

import json

from infra_cdk.firewall import EVALUATION_WINDOW_S, PASSWORD_ENDPOINT_LIMIT
from tests.infra.conftest import SynthesizedStage, render


def _byte_matches(statement: dict) -> list[dict]:
    if "ByteMatchStatement" in statement:
        return [statement["ByteMatchStatement"]]
    found = []
    for inner in statement.get("OrStatement", {}).get("Statements", []):
        found += _byte_matches(inner)
    return found


def test_a_rate_based_rule_limits_each_address_on_token_and_register(aws_stage: SynthesizedStage):
    # Given an AWS stage's template
    acls = aws_stage.of_type("AWS::WAFv2::WebACL")
    # Then it has one regional web ACL that lets everything else through
    assert len(acls) == 1
    ((acl_id, acl),) = acls.items()
    props = acl["Properties"]
    assert props["Scope"] == "REGIONAL"
    assert props["DefaultAction"] == {"Allow": {}}
    # And its rule counts requests per client address to exactly the two password endpoints
    (rule,) = props["Rules"]
    rate = rule["Statement"]["RateBasedStatement"]
    assert rate["AggregateKeyType"] == "IP"
    assert rate["Limit"] == PASSWORD_ENDPOINT_LIMIT
    assert rate["EvaluationWindowSec"] == EVALUATION_WINDOW_S
    matches = _byte_matches(rate["ScopeDownStatement"])
    assert {m["SearchString"] for m in matches} == {
        f"/{aws_stage.name}/token",
        f"/{aws_stage.name}/register",
    }
    assert all(m["FieldToMatch"] == {"UriPath": {}} for m in matches)
    # And past the limit it blocks with a 429, a JSON detail and Retry-After
    custom = rule["Action"]["Block"]["CustomResponse"]
    assert custom["ResponseCode"] == 429
    assert {"Name": "Retry-After", "Value": str(EVALUATION_WINDOW_S)} in custom["ResponseHeaders"]
    body = props["CustomResponseBodies"][custom["CustomResponseBodyKey"]]
    assert body["ContentType"] == "APPLICATION_JSON" and "detail" in json.loads(body["Content"])
    assert rule["VisibilityConfig"]["CloudWatchMetricsEnabled"] is True

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
