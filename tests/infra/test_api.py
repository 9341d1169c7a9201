"""API Gateway: every route of the core's catalog reaches its own function, with CORS,
throttling and access logs per stage."""

from __future__ import annotations

import re

from interview_core.function_catalog import HTTP_FUNCTIONS

from infra_cdk.constants import FUNCTIONS_DIR
from tests.infra.conftest import SynthesizedStage, render


def _resource_paths(stage: SynthesizedStage) -> dict[str, str]:
    """Logical id of each API Gateway resource -> its full path."""
    resources = stage.of_type("AWS::ApiGateway::Resource")
    paths: dict[str, str] = {}

    def path_of(logical_id: str) -> str:
        if logical_id not in paths:
            props = resources[logical_id]["Properties"]
            parent = props["ParentId"]
            prefix = path_of(parent["Ref"]) if "Ref" in parent else ""
            paths[logical_id] = f"{prefix}/{props['PathPart']}"
        return paths[logical_id]

    for logical_id in resources:
        path_of(logical_id)
    return paths


def _routes(stage: SynthesizedStage) -> dict[tuple[str, str], str]:
    """(method, path) -> logical id of the function its integration invokes."""
    paths = _resource_paths(stage)
    routes = {}
    for method in stage.of_type("AWS::ApiGateway::Method").values():
        props = method["Properties"]
        if props["HttpMethod"] == "OPTIONS":
            continue
        resource = props["ResourceId"]
        path = paths[resource["Ref"]] if "Ref" in resource else "/"
        integration = props["Integration"]
        assert integration["Type"] == "AWS_PROXY"
        function_ids = re.findall(r"\$\{(\w+)\.Arn\}", render(integration["Uri"]))
        assert len(function_ids) == 1, render(integration["Uri"])
        routes[(props["HttpMethod"], path)] = function_ids[0]
    return routes


def test_every_route_reaches_a_distinct_function_holding_its_handler(stage: SynthesizedStage):
    # Given the synthesized stage, when its API methods are read back
    routes = _routes(stage)
    # Then exactly the catalog's routes exist
    assert set(routes) == {(f.method, f.path) for f in HTTP_FUNCTIONS}
    # And each goes to its own function
    assert len(set(routes.values())) == len(routes)
    functions = stage.of_type("AWS::Lambda::Function")
    for entry in HTTP_FUNCTIONS:
        logical_id = routes[(entry.method, entry.path)]
        assert logical_id == stage.logical_id(stage.stack.functions[entry.name].function)
        props = functions[logical_id]["Properties"]
        assert (props["Handler"], props["Runtime"], props["Architectures"]) == (
            "handler.handler",
            "python3.12",
            ["x86_64"],
        )
        # whose code asset is functions/<name>/ and nothing else
        asset = stage.assembly_dir / f"asset.{props['Code']['S3Key'].removesuffix('.zip')}"
        shipped = sorted(p.name for p in asset.iterdir())
        assert shipped == ["handler.py"], (entry.name, shipped)
        assert (asset / "handler.py").read_text() == (
            FUNCTIONS_DIR / entry.name / "handler.py"
        ).read_text()


def test_api_gateway_may_invoke_each_function_for_its_own_route_only(stage: SynthesizedStage):
    permissions = [
        p["Properties"]
        for p in stage.of_type("AWS::Lambda::Permission").values()
        if p["Properties"]["Principal"] == "apigateway.amazonaws.com"
    ]
    by_function: dict[str, list[str]] = {}
    for permission in permissions:
        function_id = render(permission["FunctionName"]).removeprefix("${").split(".")[0]
        by_function.setdefault(function_id, []).append(render(permission["SourceArn"]))
    api_stage = stage.logical_id(stage.stack.api.rest_api.deployment_stage)
    for entry in HTTP_FUNCTIONS:
        function_id = stage.logical_id(stage.stack.functions[entry.name].function)
        (source_arn,) = by_function[function_id]  # no test-invoke permission either
        route = re.sub(r"\{[^}]+\}", "*", entry.path)
        assert source_arn.endswith(f"/${{Ref:{api_stage}}}/{entry.method}{route}"), source_arn


def _cors_origins(stage: SynthesizedStage) -> set[str]:
    origins: set[str] = set()
    for method in stage.of_type("AWS::ApiGateway::Method").values():
        props = method["Properties"]
        if props["HttpMethod"] != "OPTIONS":
            continue
        response = props["Integration"]["IntegrationResponses"][0]
        origins.add(
            render(
                response["ResponseParameters"]["method.response.header.Access-Control-Allow-Origin"]
            ).strip("'")
        )
        template = render(response.get("ResponseTemplates", {}).get("application/json", ""))
        origins.update(re.findall(r'#if\(\$origin == "([^"]+)"\)', template))
    return origins


CLOUDFRONT = "https://${WebCdn4CC4DD0A.DomainName}"
EXPECTED_ORIGINS = {
    "local": {"http://localhost:5173", "http://localhost:8000"},
    "dev": {"http://localhost:5173", CLOUDFRONT},
    "prod": {CLOUDFRONT},
}


def test_cors_allows_exactly_the_stage_origins_and_never_a_wildcard(stage: SynthesizedStage):
    expected = (
        {
            o.replace("WebCdn4CC4DD0A", stage.logical_id(stage.stack.frontend.distribution))
            for o in EXPECTED_ORIGINS[stage.name]
        }
        if stage.stack.frontend
        else EXPECTED_ORIGINS[stage.name]
    )
    # Preflight answers
    assert _cors_origins(stage) == expected
    # The functions' own CORS middleware (ALLOWED_ORIGINS) agrees
    for function in stage.stack.api.functions.values():
        env = stage.resources[stage.logical_id(function.function)]["Properties"]["Environment"][
            "Variables"
        ]
        assert set(render(env["ALLOWED_ORIGINS"]).split(",")) == expected
    assert not any("*" in origin for origin in expected)


def test_stage_is_throttled_logged_and_password_endpoints_throttled_harder(stage: SynthesizedStage):
    (api_stage,) = stage.of_type("AWS::ApiGateway::Stage").values()
    props = api_stage["Properties"]
    config = stage.stack.stage
    assert props["StageName"] == stage.name
    settings = {(s["ResourcePath"], s["HttpMethod"]): s for s in props["MethodSettings"]}
    everything = settings[("/*", "*")]
    assert (everything["ThrottlingRateLimit"], everything["ThrottlingBurstLimit"]) == (
        config.api_rate_limit,
        config.api_burst_limit,
    )
    for path in ("/~1token", "/~1register"):
        method = settings[(path, "POST")]
        assert method["ThrottlingRateLimit"] == config.auth_rate_limit < config.api_rate_limit
        assert method["DataTraceEnabled"] is False
    assert "$context.requestId" in props["AccessLogSetting"]["Format"]
    assert render(props["AccessLogSetting"]["DestinationArn"]).endswith(
        f"${{Ref:{stage.logical_id(stage.stack.api.node.find_child('AccessLogs'))}}}"
    )
