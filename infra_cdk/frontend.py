"""Frontend hosting: a private S3 bucket behind CloudFront (origin access control), the built
web app (frontend/dist, when it exists) and a runtime config.json naming the API URL, so one
build serves every stage."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from infra_cdk.constants import FRONTEND_DIST
from infra_cdk.stages import StageConfig

RUNTIME_CONFIG = "config.json"


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
        self.distribution = cloudfront.Distribution(
            self,
            "Cdn",
            comment=f"interview {stage.name} web app",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=site,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
                compress=True,
            ),
            additional_behaviors={
                # Read at start-up by the app: never cached, so a new API URL shows at once.
                f"/{RUNTIME_CONFIG}": cloudfront.BehaviorOptions(
                    origin=site,
                    viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                    cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
                    response_headers_policy=cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
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
