"""The web app's session cookie is first-party: CloudFront serves the API's /auth/* routes on the
web app's own origin, uncached, with the cookie and the headers the routes read."""

from __future__ import annotations

from typing import Any

from interview_core.function_catalog import HTTP_FUNCTIONS

from tests.infra.conftest import SynthesizedStage, render

# AWS's managed policies (their ids are fixed).
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"


def _distribution(aws_stage: SynthesizedStage) -> dict[str, Any]:
    distribution = aws_stage.resources[aws_stage.logical_id(aws_stage.stack.frontend.distribution)]
    return distribution["Properties"]["DistributionConfig"]


def test_cloudfront_sends_auth_paths_to_the_api_uncached(aws_stage: SynthesizedStage):
    config = _distribution(aws_stage)

    (behavior,) = [b for b in config["CacheBehaviors"] if b["PathPattern"] == "/auth/*"]

    assert behavior["CachePolicyId"] == CACHING_DISABLED
    assert behavior["OriginRequestPolicyId"] == ALL_VIEWER_EXCEPT_HOST_HEADER
    assert behavior["ViewerProtocolPolicy"] == "https-only"  # a redirected POST loses its body
    assert set(behavior["AllowedMethods"]) == {
        "GET",
        "HEAD",
        "OPTIONS",
        "PUT",
        "PATCH",
        "POST",
        "DELETE",
    }
    (origin,) = [o for o in config["Origins"] if o["Id"] == behavior["TargetOriginId"]]
    rest_api = aws_stage.logical_id(aws_stage.stack.api.rest_api)
    region = aws_stage.stack.stage.region
    assert render(origin["DomainName"]) == (
        f"${{Ref:{rest_api}}}.execute-api.{region}.${{Ref:AWS::URLSuffix}}"
    )
    assert origin["OriginPath"] == f"/{aws_stage.name}"  # the API's stage, by name
    custom = origin["CustomOriginConfig"]
    assert custom["OriginProtocolPolicy"] == "https-only"
    assert custom["OriginSSLProtocols"] == ["TLSv1.2"]


def test_the_default_behaviour_stays_the_app_and_config_json_stays_uncached(
    aws_stage: SynthesizedStage,
):
    config = _distribution(aws_stage)
    patterns = {b["PathPattern"]: b for b in config["CacheBehaviors"]}

    assert set(patterns) == {"/config.json", "/auth/*"}
    assert patterns["/config.json"]["CachePolicyId"] == CACHING_DISABLED
    assert config["DefaultCacheBehavior"]["TargetOriginId"] != patterns["/auth/*"]["TargetOriginId"]


def test_the_session_routes_are_one_lambda_of_the_api_without_a_preflight(
    aws_stage: SynthesizedStage,
):
    (catalogued,) = [f for f in HTTP_FUNCTIONS if f.path.startswith("/auth/")]
    assert (catalogued.method, catalogued.path) == ("POST", "/auth/{action}")
    assert catalogued.name in aws_stage.stack.api.functions
    resources = aws_stage.of_type("AWS::ApiGateway::Resource")
    (action,) = [
        key for key, r in resources.items() if render(r["Properties"]["PathPart"]) == "{action}"
    ]
    methods = [
        m["Properties"]["HttpMethod"]
        for m in aws_stage.of_type("AWS::ApiGateway::Method").values()
        if render(m["Properties"]["ResourceId"]) == f"${{Ref:{action}}}"
    ]
    assert methods == ["POST"]  # same origin as the web app: no CORS preflight


def test_every_cross_origin_route_keeps_its_preflight(aws_stage: SynthesizedStage):
    by_resource: dict[str, set[str]] = {}
    for method in aws_stage.of_type("AWS::ApiGateway::Method").values():
        properties = method["Properties"]
        by_resource.setdefault(render(properties["ResourceId"]), set()).add(
            properties["HttpMethod"]
        )
    with_methods = [verbs for verbs in by_resource.values() if verbs - {"OPTIONS"}]

    assert len(with_methods) == len({f.path for f in HTTP_FUNCTIONS})
    assert sum("OPTIONS" in verbs for verbs in with_methods) == len(with_methods) - 1
    # Resources without a method of their own (/stt) have none either: no request goes there.
    assert all(verbs - {"OPTIONS"} for verbs in by_resource.values())


def test_the_api_lets_the_web_app_ask_for_a_session_grant(aws_stage: SynthesizedStage):
    """POST /token is cross-origin (the API's own domain): its preflight allows X-Session."""
    allowed = []
    for method in aws_stage.of_type("AWS::ApiGateway::Method").values():
        properties = method["Properties"]
        if properties["HttpMethod"] != "OPTIONS":
            continue
        for response in properties["Integration"].get("IntegrationResponses", []):
            header = response.get("ResponseParameters", {}).get(
                "method.response.header.Access-Control-Allow-Headers"
            )
            if header:
                allowed.append(header)
    assert allowed
    assert all("X-Session" in header for header in allowed)
