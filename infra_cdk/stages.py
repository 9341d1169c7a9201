"""The three stages and what differs between them. Context (`cdk -c key=value`) overrides:

stage             which stage(s) app.py synthesizes: local, dev, prod (default: all three)
account, region   where it goes (default: CDK_DEFAULT_ACCOUNT/REGION, else placeholders,
                  so `make synth` works offline with no AWS account)
allowed_origins   comma-separated extra CORS origins (the CloudFront URL is always allowed)
alarm_email       subscribe this address to the stage's alarm topic
deploy_id         anything that changes per deploy (CI passes the commit SHA): re-runs the
                  migration Lambda even when neither its code nor the core layer changed
local_database_url  the external PostgreSQL the `local` stage's functions use
run_migrations    true/false: overrides the stage's migration Trigger
sentiment_provider  offline | comprehend: how the sentiment and report workers score answers
                  (default: comprehend on dev and prod; local has only offline, LocalStack has
                  no Comprehend)
mail_domain       the SES identity the mail is sent from: the sender's domain (or a parent of
                  it), or the sender's address itself (AWS stages; default: a placeholder that
                  must be replaced to send: dev.interview.example.com, interview.example.com)
mail_from         the sender, `Name <address>` (default: `AI Interview <no-reply@<mail_domain>>`;
                  local: `AI Interview <no-reply@interview.localhost>`)
mail_identity     true/false: the stack creates the SES identity of mail_domain (default true on
                  the AWS stages; false when it is verified outside this stack)
web_base_url      the web app's URL, the base of the links in e-mails (default: the CloudFront
                  URL on stages that host the frontend; local: http://localhost:5173)
local_app_database_url  `local` only: the application role's login (see docs/infra.md); when
                  given, every function but migrations uses it instead of local_database_url
local_smtp        `local` only: host:port of the SMTP server the mail worker sends to
                  (LocalStack has no SES v2; default 127.0.0.1:1025)
consumer_max_concurrency  comma-separated kind:n pairs (`report:170,sentiment:12`): the
                  MaximumConcurrency of those consumers, 2..1000 (docs/capacity.md says when)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email.utils import parseaddr
from typing import Any, Literal
from urllib.parse import parse_qs, quote, unquote, urlsplit

StageName = Literal["local", "dev", "prod"]
STAGE_NAMES: tuple[StageName, ...] = ("local", "dev", "prod")
SentimentProvider = Literal["offline", "comprehend"]
SENTIMENT_PROVIDERS: tuple[SentimentProvider, ...] = ("offline", "comprehend")

PLACEHOLDER_ACCOUNT = "000000000000"
DEFAULT_REGION = "ap-northeast-2"  # Seoul: the candidates and recruiters are in Korea
LOCAL_DATABASE_URL = "postgresql://postgres:@127.0.0.1:5432/postgres"
LOCAL_WEB_BASE_URL = "http://localhost:5173"  # the Vite dev server
LOCAL_MAIL_FROM = "AI Interview <no-reply@interview.localhost>"  # the core's default
LOCAL_SMTP = ("127.0.0.1", 1025)  # the core's default
# A placeholder, like PLACEHOLDER_ACCOUNT: synthesis works with it, mail is sent only once a
# domain you own is given (-c mail_domain=...) and verified in SES.
PLACEHOLDER_MAIL_DOMAIN = "interview.example.com"


@dataclass(frozen=True)
class ExternalDatabase:
    """The PostgreSQL the `local` stage points at (RDS is not in LocalStack community)."""

    host: str
    port: int
    username: str
    password: str
    dbname: str

    @classmethod
    def from_url(cls, url: str) -> ExternalDatabase:
        """A TCP URL, or a Unix-socket one (`postgresql://user:@/db?host=/dir`, as the embedded
        PostgreSQL gives): the socket folder becomes a percent-encoded host, which libpq reads
        back as a folder in the URL `interview_core.aws_runtime` builds from the secret."""
        parts = urlsplit(url)
        socket_dir = parse_qs(parts.query).get("host", [""])[0]
        return cls(
            host=quote(socket_dir, safe="") if socket_dir else parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            username=unquote(parts.username or "postgres"),
            password=unquote(parts.password or ""),
            dbname=(parts.path or "/postgres").lstrip("/") or "postgres",
        )


# The event source mapping's MaximumConcurrency takes 2..1000 (AWS).
MIN_CONSUMER_CONCURRENCY = 2
MAX_CONSUMER_CONCURRENCY = 1000


@dataclass(frozen=True)
class ConsumerConcurrency:
    """The most concurrent invocations of each queue's consumer, by job kind: the event source
    mapping's MaximumConcurrency (and, where the stage reserves it, the function's reserved
    concurrency). What it protects, and how the values were chosen: docs/capacity.md."""

    sentiment: int
    report: int
    embed: int
    mail: int
    follow_up: int
    question_drafts: int

    def of(self, kind: str) -> int:
        value: int = getattr(self, kind)
        return value

    @property
    def total(self) -> int:
        return (
            self.sentiment
            + self.report
            + self.embed
            + self.mail
            + self.follow_up
            + self.question_drafts
        )

    def check(self) -> None:
        for kind, value in vars(self).items():
            if not MIN_CONSUMER_CONCURRENCY <= value <= MAX_CONSUMER_CONCURRENCY:
                raise ValueError(
                    f"the {kind} consumer's maximum concurrency must be within "
                    f"{MIN_CONSUMER_CONCURRENCY}..{MAX_CONSUMER_CONCURRENCY}, not {value}"
                )


@dataclass(frozen=True)
class StageConfig:
    name: StageName
    account: str
    region: str
    # False for `local`: LocalStack, no VPC, no RDS, no CloudFront, no account-level settings.
    is_aws: bool
    allowed_origins: tuple[str, ...]
    # API Gateway: requests per second and burst for the whole stage, and for the two endpoints
    # that hash passwords (a brute-force target, and the most expensive calls).
    api_rate_limit: float
    api_burst_limit: int
    auth_rate_limit: float
    auth_burst_limit: int
    # At most this many concurrent invocations of each consumer: protects the database's
    # connections and the services each calls (Comprehend, the LLM, SES).
    consumer_max_concurrency: ConsumerConcurrency
    log_retention_days: int
    # Each consumer's reserved concurrency set to its maximum: the API cannot take the workers'
    # share of the account's concurrency. Not on dev: a new account may have a quota under 100,
    # and Lambda refuses a reservation that leaves fewer than 100 unreserved.
    reserve_consumer_concurrency: bool = False
    db_instance_type: str = "t4g.micro"
    # max_connections in the parameter group (RDS's default follows the memory), and the share
    # of it the RDS Proxy may open; the rest is the migration function's and an operator's.
    db_max_connections: int = 80
    proxy_max_connections_percent: int = 90
    # How long a query waits in the proxy for a database connection when all are busy: under
    # every HTTP function's timeout, so the request ends in an error the API answers, not in a
    # killed function (AWS's default is 120 s).
    proxy_borrow_timeout_s: int = 5
    db_multi_az: bool = False
    db_allocated_storage_gb: int = 20
    db_max_allocated_storage_gb: int = 100
    db_backup_retention_days: int = 1
    # Production data outlives its stack: deletion protection, snapshot on delete, termination
    # protection on the data stack.
    protect_data: bool = False
    nat: Literal["instance", "gateway"] = "instance"
    nat_count: int = 1
    max_azs: int = 2
    run_migrations: bool = True
    # SENTIMENT_PROVIDER of the consumers that score sentiment (infra_cdk.runtime_config).
    sentiment_provider: SentimentProvider = "comprehend"
    frontend_hosting: bool = True
    tracing: bool = True
    alarm_email: str | None = None
    deploy_id: str = ""
    external_database: ExternalDatabase | None = None
    # `local`: the application role's login on the external database; None: one user for all.
    external_app_database: ExternalDatabase | None = None
    # Mail (infra_cdk.mail). AWS stages: MAIL_BACKEND=ses from MAIL_FROM, an address of
    # mail_domain (the SES identity, created by the stack when mail_identity). local: SMTP.
    mail_from: str = LOCAL_MAIL_FROM
    mail_domain: str | None = None
    mail_identity: bool = False
    local_smtp: tuple[str, int] = LOCAL_SMTP
    # The base of the links in e-mails; None: the stage's CloudFront URL (frontend_hosting).
    web_base_url: str | None = None
    tags: dict[str, str] = field(default_factory=dict)

    @property
    def availability_zones(self) -> list[str]:
        # Named, not looked up: synthesis needs no AWS account.
        return [f"{self.region}{suffix}" for suffix in "abc"[: self.max_azs]]

    @property
    def title(self) -> str:
        return self.name.capitalize()

    @property
    def sends_with_ses(self) -> bool:
        return self.is_aws

    @property
    def proxy_connections(self) -> int:
        """The database connections the RDS Proxy may open (max_connections x its percent)."""
        return self.db_max_connections * self.proxy_max_connections_percent // 100


def mail_address(mail_from: str) -> tuple[str, str]:
    """(display name, address) of `Name <address>` or a bare address; ValueError otherwise."""
    name, address = parseaddr(mail_from)
    if (
        not address
        or "@" not in address
        or address.count("@") != 1
        or any(c in mail_from for c in "\r\n")
    ):
        raise ValueError(
            f"mail_from must be one e-mail address, optionally `Name <address>`: {mail_from!r}"
        )
    local_part, domain = address.rsplit("@", 1)
    if not local_part or "." not in domain:
        raise ValueError(
            f"mail_from must be one e-mail address, optionally `Name <address>`: {mail_from!r}"
        )
    return name, address.lower()


def _check_mail(stage: StageConfig) -> None:
    _name, address = mail_address(stage.mail_from)
    if not stage.sends_with_ses:
        return
    if not stage.mail_domain:
        raise ValueError(f"stage {stage.name}: mail_domain (the SES identity) is required")
    identity = stage.mail_domain.lower()
    domain = address.rsplit("@", 1)[1]
    covered = (
        address == identity
        if "@" in identity
        else domain == identity or domain.endswith("." + identity)
    )
    if not covered:
        raise ValueError(
            f"stage {stage.name}: mail_from {address} is not covered by the SES identity "
            f"{identity} "
            "(the address itself, its domain or a parent domain)"
        )


def _web_base_url(value: str) -> str:
    url = value.strip().rstrip("/")
    if not url.startswith(("https://", "http://")) or not urlsplit(url).netloc:
        raise ValueError(f"web_base_url must be an http(s) URL, not {value!r}")
    return url


def _consumer_concurrency(base: ConsumerConcurrency, pairs: str) -> ConsumerConcurrency:
    """`base` with the `kind:n` pairs of `pairs` applied (range-checked by its `check`)."""
    changes: dict[str, int] = {}
    for pair in (p.strip() for p in pairs.split(",") if p.strip()):
        kind, _, value = pair.partition(":")
        kind = kind.strip()
        if kind not in vars(base) or not value.strip().isdigit():
            raise ValueError(
                f"consumer_max_concurrency takes kind:n pairs of {', '.join(vars(base))}, "
                f"not {pair!r}"
            )
        changes[kind] = int(value)
    return replace(base, **changes)


def _defaults(name: StageName) -> StageConfig:
    account = os.environ.get("CDK_DEFAULT_ACCOUNT") or PLACEHOLDER_ACCOUNT
    region = os.environ.get("CDK_DEFAULT_REGION") or DEFAULT_REGION
    if name == "local":
        return StageConfig(
            name="local",
            account=PLACEHOLDER_ACCOUNT,
            region="us-east-1",
            is_aws=False,
            # The Vite dev server and the local runner: even locally, no '*'.
            allowed_origins=("http://localhost:5173", "http://localhost:8000"),
            api_rate_limit=100,
            api_burst_limit=200,
            auth_rate_limit=20,
            auth_burst_limit=40,
            consumer_max_concurrency=ConsumerConcurrency(
                sentiment=2, report=2, embed=2, mail=2, follow_up=2, question_drafts=2
            ),
            log_retention_days=3,
            # The external database is migrated by `interview db migrate` / the local runner.
            run_migrations=False,
            # LocalStack has no Comprehend: the offline lexicon analyser.
            sentiment_provider="offline",
            frontend_hosting=False,
            tracing=False,
            external_database=ExternalDatabase.from_url(LOCAL_DATABASE_URL),
            # No CloudFront here: links in mail open the Vite dev server. (And no SES v2 in
            # LocalStack community: the mail worker sends by SMTP to local_smtp.)
            web_base_url=LOCAL_WEB_BASE_URL,
        )
    if name == "dev":
        return StageConfig(
            name="dev",
            account=account,
            region=region,
            is_aws=True,
            # Developers run the web app on Vite against the dev API.
            allowed_origins=("http://localhost:5173",),
            api_rate_limit=50,
            api_burst_limit=100,
            auth_rate_limit=5,
            auth_burst_limit=10,
            # The smallest MaximumConcurrency AWS takes: dev is for trying things.
            consumer_max_concurrency=ConsumerConcurrency(
                sentiment=2, report=2, embed=2, mail=2, follow_up=2, question_drafts=2
            ),
            log_retention_days=14,
            mail_from=f"AI Interview Dev <no-reply@dev.{PLACEHOLDER_MAIL_DOMAIN}>",
            mail_domain=f"dev.{PLACEHOLDER_MAIL_DOMAIN}",
            mail_identity=True,
        )
    return StageConfig(
        name="prod",
        account=account,
        region=region,
        is_aws=True,
        allowed_origins=(),
        api_rate_limit=500,
        api_burst_limit=1000,
        auth_rate_limit=20,
        auth_burst_limit=50,
        # Sized for 2,000 concurrent interviews (docs/capacity.md): sentiment for one answer a
        # minute each at ~0.1 s an answer, reports for a 30 s LLM call each, embeddings and
        # invitations at the floor (SES's sending rate is the mail worker's limit).
        consumer_max_concurrency=ConsumerConcurrency(
            sentiment=5, report=45, embed=2, mail=2, follow_up=30, question_drafts=2
        ),
        reserve_consumer_concurrency=True,
        log_retention_days=90,
        db_instance_type="t4g.medium",
        db_max_connections=400,
        db_multi_az=True,
        db_allocated_storage_gb=50,
        db_max_allocated_storage_gb=500,
        db_backup_retention_days=14,
        protect_data=True,
        nat="gateway",
        nat_count=2,
        mail_from=f"AI Interview <no-reply@{PLACEHOLDER_MAIL_DOMAIN}>",
        mail_domain=PLACEHOLDER_MAIL_DOMAIN,
        mail_identity=True,
    )


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def load_stage(name: StageName, context: Callable[[str], Any]) -> StageConfig:
    """The stage's defaults with the context overrides applied."""
    if name not in STAGE_NAMES:
        raise ValueError(f"unknown stage {name!r}; expected one of {', '.join(STAGE_NAMES)}")
    stage = _defaults(name)
    changes: dict[str, Any] = {}
    if stage.is_aws:
        if account := context("account"):
            changes["account"] = str(account)
        if region := context("region"):
            changes["region"] = str(region)
    if origins := context("allowed_origins"):
        extra = tuple(o.strip() for o in str(origins).split(",") if o.strip())
        changes["allowed_origins"] = tuple(dict.fromkeys(stage.allowed_origins + extra))
    if email := context("alarm_email"):
        changes["alarm_email"] = str(email)
    if deploy_id := context("deploy_id"):
        changes["deploy_id"] = str(deploy_id)
    if (run := context("run_migrations")) is not None:
        changes["run_migrations"] = _truthy(run)
    if provider := context("sentiment_provider"):
        provider = str(provider).strip().lower()
        if provider not in SENTIMENT_PROVIDERS:
            raise ValueError(
                f"sentiment_provider must be one of {', '.join(SENTIMENT_PROVIDERS)}, not "
                f"{provider!r}"
            )
        changes["sentiment_provider"] = provider
    if name == "local" and (url := context("local_database_url")):
        changes["external_database"] = ExternalDatabase.from_url(str(url))
    if name == "local" and (url := context("local_app_database_url")):
        changes["external_app_database"] = ExternalDatabase.from_url(str(url))
    if name == "local" and (smtp := context("local_smtp")):
        host, _, port = str(smtp).strip().rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError(f"local_smtp must be host:port, not {smtp!r}")
        changes["local_smtp"] = (host, int(port))
    if stage.is_aws and (domain := context("mail_domain")):
        domain = str(domain).strip().lower()
        changes["mail_domain"] = domain
        # The sender follows the domain unless named too.
        address = domain if "@" in domain else f"no-reply@{domain}"
        changes["mail_from"] = f"{mail_address(stage.mail_from)[0]} <{address}>".strip()
    if mail_from := context("mail_from"):
        changes["mail_from"] = str(mail_from).strip()
    if stage.is_aws and (create := context("mail_identity")) is not None:
        changes["mail_identity"] = _truthy(create)
    if web_base_url := context("web_base_url"):
        changes["web_base_url"] = _web_base_url(str(web_base_url))
    if limits := context("consumer_max_concurrency"):
        changes["consumer_max_concurrency"] = _consumer_concurrency(
            stage.consumer_max_concurrency, str(limits)
        )
    stage = replace(stage, **changes)
    stage.consumer_max_concurrency.check()
    if stage.is_aws and "*" in stage.allowed_origins:
        raise ValueError(f"stage {name}: ALLOWED_ORIGINS may be '*' only in local development")
    if not stage.is_aws and stage.sentiment_provider == "comprehend":
        raise ValueError(f"stage {name}: LocalStack has no Comprehend; sentiment_provider=offline")
    _check_mail(stage)
    if stage.web_base_url is None and not stage.frontend_hosting:
        raise ValueError(f"stage {name}: web_base_url is required when the stage hosts no frontend")
    return stage
