"""A WAF web ACL on the API's stage (AWS stages; LocalStack community has no WAFv2): one client
address may call POST /token and POST /register a bounded number of times per five minutes, and
is answered 429 for a while past that, before any Lambda runs.

It comes on top of the functions' own limits (failed log-ins per account and per address, in
PostgreSQL) and API Gateway's throttling of the whole stage: those count failures or requests
of everyone together, this counts every call of one address (sign-up floods included)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from infra_cdk.stages import StageConfig

# Requests per client address (IPv4, or IPv6) to the two endpoints, per evaluation window. A
# person signs up once and logs in a few times; an office behind one address stays far below.
PASSWORD_ENDPOINT_LIMIT = 100
EVALUATION_WINDOW_S = 300
PASSWORD_ENDPOINT_PATHS = ("/token", "/register")
TOO_MANY_BODY_KEY = "too-many-requests"
# Added by the rate rule to the requests past the limit; the rules after it block those.
RATE_LIMITED_LABEL = "password-endpoints-rate-limited"
TOO_MANY_MESSAGE = (
    "Too many log-in or sign-up requests from this address; try again in a few minutes"
)


class ApiFirewall(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: StageConfig,
        rest_api: apigw.RestApi,
        allowed_origins: Sequence[str] = (),
    ) -> None:
        super().__init__(scope, construct_id)
        # The execute-api URL's path starts with the stage's name (the Api deploys it so).
        guarded_paths = [f"/{stage.name}{path}" for path in PASSWORD_ENDPOINT_PATHS]
        # The rate rule only counts and labels; the blocks after it answer the 429. A browser
        # reads a cross-origin answer only with CORS headers, and WAF's are fixed strings: one
        # block per allowed origin (matched on the Origin header) names that origin, and the
        # last one, for everyone else, names none. One counter for all of them.
        blocks = [
            wafv2.CfnWebACL.RuleProperty(
                name=f"TooManyFromOrigin{number}",
                priority=number,
                statement=wafv2.CfnWebACL.StatementProperty(
                    and_statement=wafv2.CfnWebACL.AndStatementProperty(
                        statements=[_rate_limited(), _origin_is(origin)]
                    )
                ),
                action=_too_many(
                    [
                        ("Access-Control-Allow-Origin", origin),
                        ("Access-Control-Expose-Headers", "Retry-After"),
                    ]
                ),
                visibility_config=_visibility(f"interview-{stage.name}-too-many-{number}"),
            )
            for number, origin in enumerate(allowed_origins, 1)
        ]
        blocks.append(
            wafv2.CfnWebACL.RuleProperty(
                name="TooManyFromElsewhere",
                priority=len(blocks) + 1,
                statement=_rate_limited(),
                action=_too_many([]),
                visibility_config=_visibility(f"interview-{stage.name}-too-many"),
            )
        )
        self.web_acl = wafv2.CfnWebACL(
            self,
            "WebAcl",
            name=f"interview-{stage.name}-api",
            description=f"interview {stage.name}: per-address rate limit on /token and /register",
            scope="REGIONAL",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=_visibility(f"interview-{stage.name}-api"),
            custom_response_bodies={
                TOO_MANY_BODY_KEY: wafv2.CfnWebACL.CustomResponseBodyProperty(
                    content_type="APPLICATION_JSON",
                    content=json.dumps({"detail": TOO_MANY_MESSAGE}),
                )
            },
            rules=[
                wafv2.CfnWebACL.RuleProperty(
                    name="PasswordEndpointsPerAddress",
                    priority=0,
                    statement=wafv2.CfnWebACL.StatementProperty(
                        rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                            aggregate_key_type="IP",
                            limit=PASSWORD_ENDPOINT_LIMIT,
                            evaluation_window_sec=EVALUATION_WINDOW_S,
                            scope_down_statement=_any_path_of(guarded_paths),
                        )
                    ),
                    # Count: a rate-based rule labels the requests it is limiting.
                    action=wafv2.CfnWebACL.RuleActionProperty(count={}),
                    rule_labels=[wafv2.CfnWebACL.LabelProperty(name=RATE_LIMITED_LABEL)],
                    visibility_config=_visibility(f"interview-{stage.name}-password-endpoints"),
                ),
                *blocks,
            ],
        )
        self.association = wafv2.CfnWebACLAssociation(
            self,
            "StageAssociation",
            resource_arn=rest_api.deployment_stage.stage_arn,
            web_acl_arn=self.web_acl.attr_arn,
        )
        self.association.node.add_dependency(rest_api.deployment_stage)


def _visibility(metric_name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=metric_name, sampled_requests_enabled=True
    )


def _rate_limited() -> wafv2.CfnWebACL.StatementProperty:
    # A key without a namespace matches the label as this web ACL's own rules add it.
    return wafv2.CfnWebACL.StatementProperty(
        label_match_statement=wafv2.CfnWebACL.LabelMatchStatementProperty(
            scope="LABEL", key=RATE_LIMITED_LABEL
        )
    )


def _origin_is(origin: str) -> wafv2.CfnWebACL.StatementProperty:
    return wafv2.CfnWebACL.StatementProperty(
        byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
            field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(single_header={"Name": "origin"}),
            positional_constraint="EXACTLY",
            search_string=origin,
            text_transformations=[
                wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")
            ],
        )
    )


def _too_many(headers: list[tuple[str, str]]) -> wafv2.CfnWebACL.RuleActionProperty:
    return wafv2.CfnWebACL.RuleActionProperty(
        block=wafv2.CfnWebACL.BlockActionProperty(
            custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                response_code=429,
                custom_response_body_key=TOO_MANY_BODY_KEY,
                response_headers=[
                    wafv2.CfnWebACL.CustomHTTPHeaderProperty(name=name, value=value)
                    for name, value in [
                        ("Retry-After", str(EVALUATION_WINDOW_S)),
                        ("Vary", "Origin"),
                        *headers,
                    ]
                ],
            )
        )
    )


def _any_path_of(paths: list[str]) -> wafv2.CfnWebACL.StatementProperty:
    # STARTS_WITH: the path with a trailing slash reaches the same method.
    matches = [
        wafv2.CfnWebACL.StatementProperty(
            byte_match_statement=wafv2.CfnWebACL.ByteMatchStatementProperty(
                field_to_match=wafv2.CfnWebACL.FieldToMatchProperty(uri_path={}),
                positional_constraint="STARTS_WITH",
                search_string=path,
                text_transformations=[
                    wafv2.CfnWebACL.TextTransformationProperty(priority=0, type="NONE")
                ],
            )
        )
        for path in paths
    ]
    if len(matches) == 1:
        return matches[0]
    return wafv2.CfnWebACL.StatementProperty(
        or_statement=wafv2.CfnWebACL.OrStatementProperty(statements=matches)
    )
