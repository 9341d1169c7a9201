"""Frontend hosting: a private S3 bucket behind CloudFront (origin access control), the built
web app (frontend/dist, when it exists) and a runtime config.json naming the API URL, so one
build serves every stage."""

from __future__ import annotations

import jsii
from aws_cdk import Duration, IStableStringProducer, Lazy, RemovalPolicy, Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct
from interview_core.ai.speech.deepgram import PRODUCTION_BASE_URL, live_url
from interview_core.web_app_headers import content_security_policy, url_origin

from infra_cdk.constants import FRONTEND_DIST
from infra_cdk.stages import StageConfig

RUNTIME_CONFIG = "config.json"
# The API's session routes (the httpOnly cookie), served on the web app's own origin.
SESSION_PATHS = "/auth/*"
# Where the browser streams audio in AWS: Deepgram's live API.
SPEECH_ORIGIN = url_origin(live_url(PRODUCTION_BASE_URL))
HSTS_MAX_AGE = Duration.days(365)


@jsii.implements(IStableStringProducer)
class _ContentSecurityPolicy:
    """The web app's CSP, produced at synthesis: it names the API, made after the distribution."""

    def __init__(self) -> None:
        self.api_origin: str | None = None

    def produce(self) -> str | None:
        if self.api_origin is None:
            raise ValueError("the web app's CSP names the API: call FrontendHosting.connect_to")
        return content_security_policy([self.api_origin, SPEECH_ORIGIN])


class FrontendHosting(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: StageConfig) -> None:
        super().__init__(scope, construct_id)
        self._stage = stage
        self.bucket = s3.Bucket(
            self,
            "Site",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            removal_policy=RemovalPolicy.RETAIN if stage.protect_data else RemovalPolicy.DESTROY,
            auto_delete_objects=not stage.protect_data,
        )
        site = origins.S3BucketOrigin.with_origin_access_control(self.bucket)
        self._csp = _ContentSecurityPolicy()
        # The headers of interview_core.web_app_headers, as the local web server sends them.
        self.security_headers = cloudfront.ResponseHeadersPolicy(
            self,
            "SecurityHeaders",
            comment=f"interview {stage.name} web app: CSP and security headers",
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=Lazy.string(self._csp), override=True
                ),
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True
                ),
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True
                ),
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=HSTS_MAX_AGE, include_subdomains=True, override=True
                ),
            ),
        )
        self.distribution = cloudfront.Distribution(
            self,
            "Cdn",
            comment=f"interview {stage.name} web app",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=site,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=self.security_headers,
                compress=True,
            ),
            additional_behaviors={
                # Read at start-up by the app: never cached, so a new API URL shows at once.
                f"/{RUNTIME_CONFIG}": cloudfront.BehaviorOptions(
                    origin=site,
                    viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                    cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
                    response_headers_policy=self.security_headers,
                ),
            },
            # Client-side routes (/interviews/12) are served the app; S3 answers 403 for them.
            error_responses=[
                cloudfront.ErrorResponse(
                    http_status=status,
                    response_http_status=200,
                    response_page_path="/index.html",
                    ttl=Duration.seconds(0),
                )
                for status in (403, 404)
            ],
            # North America, Europe, Asia (Korea included): cheaper than all edge locations.
            price_class=cloudfront.PriceClass.PRICE_CLASS_200,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
        )

    @property
    def url(self) -> str:
        return f"https://{self.distribution.distribution_domain_name}"

    def connect_to(self, rest_api: apigw.IRestApi) -> None:
        """Lets the app call the API (the CSP's connect-src): its execute-api origin. Not the
        API's URL, whose stage would make a cycle (the API names this distribution in CORS).
        And serves the API's session routes (/auth/*) on the app's own origin, where the
        session cookie is first-party (SameSite=Strict): the stage is the origin's path, by
        name, for the same reason."""
        stack = Stack.of(rest_api)
        host = f"{rest_api.rest_api_id}.execute-api.{stack.region}.{stack.url_suffix}"
        self._csp.api_origin = f"https://{host}"
        api = origins.HttpOrigin(
            host,
            origin_path=f"/{self._stage.name}",
            protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            origin_ssl_protocols=[cloudfront.OriginSslPolicy.TLS_V1_2],
        )
        self.distribution.add_behavior(
            SESSION_PATHS,
            api,
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
            allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
            # Never cached; the cookie and every header but Host (API Gateway needs its own) go on.
            cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
            origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            response_headers_policy=self.security_headers,
            compress=False,
        )

    def deploy(self, *, api_url: str) -> s3deploy.BucketDeployment:
        """The built app (frontend/dist, built before the deploy) and, last so that it wins over
        any config.json of the build, the stage's runtime config."""
        config = s3deploy.Source.json_data(
            RUNTIME_CONFIG, {"apiUrl": api_url, "stage": self._stage.name}
        )
        has_build = FRONTEND_DIST.is_dir()
        sources = [s3deploy.Source.asset(str(FRONTEND_DIST)), config] if has_build else [config]
        return s3deploy.BucketDeployment(
            self,
            "Deploy",
            sources=sources,
            destination_bucket=self.bucket,
            distribution=self.distribution,
            distribution_paths=["/*"],
            # Old hashed assets go only when a new build replaces them: a deploy from a
            # checkout without frontend/dist updates config.json and leaves the site alone.
            prune=has_build,
            memory_limit=256,
        )
