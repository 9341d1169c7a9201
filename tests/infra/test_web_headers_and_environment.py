"""CloudFront serves the web app with the same CSP and security headers as the local server, and
every platform function is told its ENVIRONMENT (no function falls back to a default)."""

from __future__ import annotations

from interview_core.web_app_headers import content_security_policy, security_headers

from infra_cdk.constants import HANDLER
from tests.infra.conftest import SynthesizedStage, render


def _policy(aws_stage: SynthesizedStage) -> tuple[str, dict]:
    web = aws_stage.stack.frontend
    policy_id = aws_stage.logical_id(web.security_headers)
    return policy_id, aws_stage.resources[policy_id]["Properties"]["ResponseHeadersPolicyConfig"]


def test_every_path_of_the_web_app_gets_the_apps_own_headers_policy(aws_stage: SynthesizedStage):
    policy_id, _ = _policy(aws_stage)
    distribution = aws_stage.resources[aws_stage.logical_id(aws_stage.stack.frontend.distribution)]
    config = distribution["Properties"]["DistributionConfig"]
    behaviors = [config["DefaultCacheBehavior"], *config.get("CacheBehaviors", [])]

    assert len(behaviors) == 3  # the app, config.json, and the API's /auth/* routes
    for behavior in behaviors:
        where = behavior.get("PathPattern", "default")
        assert behavior["ResponseHeadersPolicyId"] == {"Ref": policy_id}, where


def test_the_csp_lets_the_app_reach_only_its_api_and_deepgram(aws_stage: SynthesizedStage):
    _, config = _policy(aws_stage)
    headers = config["SecurityHeadersConfig"]
    rest_api = aws_stage.logical_id(aws_stage.stack.api.rest_api)
    region = aws_stage.stack.stage.region
    api_origin = f"https://${{Ref:{rest_api}}}.execute-api.{region}.${{Ref:AWS::URLSuffix}}"

    csp = render(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"])

    assert csp == content_security_policy([api_origin, "wss://api.deepgram.com"])
    directives = dict(part.split(" ", 1) for part in csp.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == f"'self' {api_origin} wss://api.deepgram.com"
    assert directives["frame-ancestors"] == "'none'"
    assert headers["ContentSecurityPolicy"]["Override"] is True


def test_cloudfront_sends_the_same_headers_as_the_local_server(aws_stage: SynthesizedStage):
    _, config = _policy(aws_stage)
    headers = config["SecurityHeadersConfig"]
    local = security_headers([])

    assert headers["ContentTypeOptions"] == {"Override": True}
    assert local["X-Content-Type-Options"] == "nosniff"  # what ContentTypeOptions sends
    assert headers["FrameOptions"] == {"FrameOption": local["X-Frame-Options"], "Override": True}
    referrer = local["Referrer-Policy"]
    assert headers["ReferrerPolicy"] == {"ReferrerPolicy": referrer, "Override": True}
    # HTTPS only there: the browser remembers it for a year.
    assert headers["StrictTransportSecurity"]["AccessControlMaxAgeSec"] == 365 * 24 * 3600


def test_every_platform_function_is_told_its_environment(stage: SynthesizedStage):
    ours = {
        logical_id: function
        for logical_id, function in stage.of_type("AWS::Lambda::Function").items()
        if function["Properties"].get("Handler") == HANDLER
    }
    assert len(ours) == len(stage.stack.functions) > 0
    for logical_id, function in ours.items():
        env = function["Properties"]["Environment"]["Variables"]
        assert env.get("ENVIRONMENT") == stage.name, logical_id
