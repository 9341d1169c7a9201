"""The capacity model behind docs/capacity.md: what N concurrent interviews ask of each limit in
AWS and of the services the platform calls, from the per-request costs `make bench` measured
and the assumptions stated here. Arithmetic only (no AWS, no CDK):

    python -m infra_cdk.capacity            # the doc's tables
    python -m infra_cdk.capacity --write    # put them in docs/capacity.md between its markers

tests/infra/test_capacity.py fails when the doc's tables are not what this module prints, so the
figures in the doc are those of the stage configuration (infra_cdk/stages.py) they cite.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from interview_core.domain.report_wait import poll_delay_ms

from infra_cdk.constants import CONSUMER_SIZING, REPO_ROOT
from infra_cdk.runtime_config import LAMBDA_POOL_SIZE
from infra_cdk.stages import StageConfig, load_stage

DOC = REPO_ROOT / "docs" / "capacity.md"
SCALES = (1_000, 10_000)

# --- the interview (assumptions) ------------------------------------------------------------
INTERVIEW_S = 30 * 60
ANSWERS = 20  # one every 90 s: the middle of 60-120 s
ANSWER_INTERVAL_S = INTERVIEW_S / ANSWERS
PEAK_ANSWER_INTERVAL_S = 60  # the fast end, for the limits that answers/s bind
VOICE_SHARE = 1.0  # every candidate answers by voice: the worst case for Deepgram
SPEAKING_S = 60  # of each 90 s, the live stream is open while the candidate speaks
# An answer's sentiment is stored ~1.5 s after it is posted in AWS (the sentiment queue's 1 s
# batching window, then ~0.1 s of work): the web app reads the transcripts once after posting
# and polls them every second until the score is there.
SENTIMENT_WAIT_S = 1.5
TRANSCRIPT_POLL_S = 1.0
# The report: one LLM call (a prompt of ~12k tokens, Korean at up to one token a character, and
# ~3k written); the offline evaluator takes 96 ms (p50, measured) where no key is set.
LLM_CALL_S = 30.0
LLM_TOKENS_IN = 12_000
LLM_TOKENS_OUT = 3_000
REPORT_OVERHEAD_S = 0.5  # SQS delivery, reading the interview, writing the report
# Sign-ins of a cohort that starts together (an exam-style session): all within this window.
COHORT_LOGIN_WINDOW_S = 5 * 60

# --- measured (make bench, 2-core machine) and what they become in Lambda --------------------
# POST /transcripts: 99/s at concurrency 8 is at most 2 cores / 99 = 20 ms of the machine's CPU
# an answer (API, database and client together); the raw INSERT + queue send reach 1278/s, at
# most 1.6 ms of CPU for both ends. A 512 MB function has 512/1769 of a vCPU.
DB_CPU_MS_PER_REQUEST = 1.0
LAMBDA_VCPU_PER_MB = 1 / 1769
COLD_START_S = 1.0  # API function, measured (CPU of import + first event), being reduced
SENTIMENT_JOB_S = 0.10  # one DetectSentiment (~50-80 ms in-region) and two statements
SENTIMENT_BATCH = CONSUMER_SIZING["sentiment"].batch_size

# --- documented limits (defaults; most adjustable; check the account's) ----------------------
LAMBDA_ACCOUNT_CONCURRENCY = 1_000  # per region; Lambda keeps 100 unreserved
LAMBDA_UNRESERVED_MINIMUM = 100
LAMBDA_SCALING_PER_10S = 1_000  # new execution environments per function every 10 s
API_GATEWAY_ACCOUNT_RPS = 10_000  # REST, per region
COMPREHEND_DETECT_SENTIMENT_TPS = 20
COMPREHEND_BATCH_DOCS_PER_S = 250  # BatchDetectSentiment: 10 TPS x 25 documents
DEEPGRAM_STREAMS = 50  # Nova-3 live streams at once, per project (pay as you go, Growth)
DEEPGRAM_PRERECORDED = 100
RDS_T4G_MEDIUM_BASELINE_VCPU = 0.4  # 2 vCPU at a 20 % baseline each
# The memory of the instance classes the stages use: RDS's default max_connections is
# LEAST(DBInstanceClassMemory / 9531392, 5000), where DBInstanceClassMemory is somewhat under it.
INSTANCE_MEMORY_GIB = {"t4g.micro": 1, "t4g.small": 2, "t4g.medium": 4, "m7g.large": 8}


def rds_default_max_connections(instance_type: str) -> int:
    """The default's upper bound for `instance_type` (the class's whole memory)."""
    return min(INSTANCE_MEMORY_GIB[instance_type] * 1024**3 // 9531392, 5000)


@dataclass(frozen=True)
class Endpoint:
    route: str
    function: str  # its Lambda (interview_core.function_catalog)
    per_interview: float
    duration_ms: float  # warm, in Lambda (estimated from the measured costs)
    db_ms: float  # time inside a transaction, holding a database connection
    basis: str


def report_polls(ready_s: float) -> int:
    """GET /report calls the web app makes for a report stored `ready_s` after completion: the
    first at once, then after each 202's retry_after_ms (the core's schedule, clamped by the web
    app to 0.1-10 s), the last one the 200."""
    t, polls = 0.0, 1
    while t < ready_s:
        t += min(10_000, max(100, poll_delay_ms(t))) / 1000
        polls += 1
    return polls


def transcript_reads_per_answer() -> int:
    return 1 + math.ceil(SENTIMENT_WAIT_S / TRANSCRIPT_POLL_S)


REPORT_READY_S = LLM_CALL_S + REPORT_OVERHEAD_S

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("POST /token", "token", 1, 120, 5, "argon2 65-95 ms at 1024 MB (bench: 40-55 ms CPU)"),
    Endpoint("POST /auth/session, /auth/refresh", "session", 2, 60, 5, "a signed cookie, a row"),
    Endpoint("GET /me", "me", 1, 40, 3, "one indexed read"),
    Endpoint("POST /interviews", "create_interview", 1, 150, 20, "question choice, one query"),
    Endpoint("GET /interviews/{id}", "get_interview", 2, 40, 3, "the room and the report page"),
    Endpoint("GET /interviews/{id}/questions", "get_interview_questions", 1, 40, 3, "once"),
    Endpoint("POST /interviews/{id}/start", "start_interview", 1, 80, 8, "one update"),
    Endpoint(
        "POST /stt/token",
        "create_stt_token",
        ANSWERS * VOICE_SHARE,
        300,
        3,
        "a Deepgram grant (60 s token) per recording",
    ),
    Endpoint(
        "POST /transcripts",
        "create_transcript",
        ANSWERS,
        100,
        10,
        "20 ms CPU at 0.29 vCPU + the SQS send",
    ),
    Endpoint(
        "GET /interviews/{id}/transcripts",
        "list_interview_transcripts",
        1 + ANSWERS * transcript_reads_per_answer(),
        40,
        3,
        "after each answer, then every 1 s until scored",
    ),
    Endpoint("POST /interviews/{id}/complete", "complete_interview", 1, 80, 8, "+ the SQS send"),
    Endpoint(
        "GET /interviews/{id}/report",
        "get_interview_report",
        report_polls(REPORT_READY_S),
        40,
        3,
        f"the 202 schedule while the report ({REPORT_READY_S:g} s) is written",
    ),
)


@dataclass(frozen=True)
class Load:
    """What `interviews` concurrent interviews ask for."""

    interviews: int

    def rps(self, endpoint: Endpoint) -> float:
        return self.interviews * endpoint.per_interview / INTERVIEW_S

    @property
    def api_rps(self) -> float:
        return sum(self.rps(e) for e in ENDPOINTS)

    def concurrency(self, endpoint: Endpoint) -> float:
        return self.rps(endpoint) * endpoint.duration_ms / 1000

    @property
    def api_concurrency(self) -> float:
        return sum(self.concurrency(e) for e in ENDPOINTS)

    @property
    def answers_per_s(self) -> float:
        return self.interviews / ANSWER_INTERVAL_S

    @property
    def peak_answers_per_s(self) -> float:
        return self.interviews / PEAK_ANSWER_INTERVAL_S

    @property
    def completions_per_s(self) -> float:
        return self.interviews / INTERVIEW_S

    @property
    def sentiment_concurrency(self) -> float:
        return self.answers_per_s * SENTIMENT_JOB_S

    @property
    def report_concurrency(self) -> float:
        return self.completions_per_s * (LLM_CALL_S + REPORT_OVERHEAD_S)

    @property
    def lambda_concurrency(self) -> float:
        return self.api_concurrency + self.sentiment_concurrency + self.report_concurrency

    @property
    def transactions_in_flight(self) -> float:
        """Database connections in use through the proxy: each request's time in a transaction,
        and the sentiment worker's whole job (its Comprehend call is inside the transaction)."""
        api = sum(self.rps(e) * e.db_ms / 1000 for e in ENDPOINTS)
        return api + self.sentiment_concurrency

    @property
    def db_vcpu(self) -> float:
        return (self.api_rps + self.answers_per_s) * DB_CPU_MS_PER_REQUEST / 1000

    @property
    def llm_calls_per_min(self) -> float:
        return self.completions_per_s * 60

    @property
    def llm_tokens_per_min(self) -> float:
        return self.llm_calls_per_min * (LLM_TOKENS_IN + LLM_TOKENS_OUT)

    @property
    def deepgram_streams(self) -> float:
        return self.interviews * VOICE_SHARE * SPEAKING_S / ANSWER_INTERVAL_S

    @property
    def cohort_logins_per_s(self) -> float:
        return self.interviews / COHORT_LOGIN_WINDOW_S


# Prod is sized for this many concurrent interviews (twice the 1,000 the platform plans for),
# with this much room above the model's need.
DESIGN_INTERVIEWS = 2_000
HEADROOM = 1.2


@dataclass(frozen=True)
class Sizing:
    """The settings and quotas `interviews` concurrent interviews need, with HEADROOM."""

    interviews: int

    @property
    def load(self) -> Load:
        return Load(self.interviews)

    def _room(self, value: float) -> int:
        return math.ceil(value * HEADROOM)

    @property
    def sentiment_concurrency(self) -> int:
        return max(2, self._room(self.load.peak_answers_per_s * SENTIMENT_JOB_S))

    @property
    def report_concurrency(self) -> int:
        return max(2, self._room(self.load.report_concurrency))

    @property
    def api_rate_limit(self) -> int:
        return self._room(self.load.api_rps)

    @property
    def auth_rate_limit(self) -> int:
        return self._room(self.load.cohort_logins_per_s)

    @property
    def comprehend_tps(self) -> int:
        return self._room(self.load.peak_answers_per_s)

    @property
    def lambda_concurrency(self) -> int:
        return self._room(self.load.lambda_concurrency)

    @property
    def deepgram_streams(self) -> int:
        return self._room(self.load.deepgram_streams)

    @property
    def llm_calls_per_min(self) -> int:
        return self._room(self.load.llm_calls_per_min)

    @property
    def llm_tokens_per_min(self) -> int:
        return self._room(self.load.llm_tokens_per_min)

    @property
    def db_vcpu(self) -> float:
        return self.load.db_vcpu * HEADROOM


def consumer_throughput(stage: StageConfig, kind: str) -> float:
    """Jobs a second the consumer of `kind` finishes at its maximum concurrency."""
    limit = stage.consumer_max_concurrency.of(kind)
    if kind == "sentiment":
        return limit / SENTIMENT_JOB_S
    if kind == "report":
        return limit / (LLM_CALL_S + REPORT_OVERHEAD_S)
    raise ValueError(f"no throughput model for {kind} jobs")


def consumer_connections(stage: StageConfig) -> int:
    """The most database connections the consumers can hold at once: each execution
    environment's pool at its size, every consumer at its maximum."""
    return stage.consumer_max_concurrency.total * int(LAMBDA_POOL_SIZE)


# --- the doc's tables ------------------------------------------------------------------------


def _n(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.0f}"
    if value >= 1:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _about(value: float) -> str:
    """A scale in interviews: whole under a thousand, else to the nearest hundred."""
    if value < 1000:
        return f"~{value:.0f}"
    return f"~{int(value / 100 + 0.5) * 100:,}"


def _millions(value: float) -> str:
    return f"{value / 1e6:.2g} M"


def _breaks_at(limit: float, need_at_one: float) -> str:
    return _about(limit / need_at_one) if need_at_one > 0 else "never"


def endpoints_table() -> str:
    loads = [Load(n) for n in SCALES]
    rows = []
    for e in ENDPOINTS:
        rows.append(
            [
                f"`{e.route}`",
                _n(e.per_interview),
                f"{e.duration_ms:g} ms",
                *[f"{_n(load.rps(e))} / {_n(load.concurrency(e))}" for load in loads],
                e.basis,
            ]
        )
    rows.append(
        [
            "**all API**",
            _n(sum(e.per_interview for e in ENDPOINTS)),
            "",
            *[f"**{_n(load.api_rps)} / {_n(load.api_concurrency)}**" for load in loads],
            "",
        ]
    )
    header = ["endpoint", "per interview", "warm in Lambda"]
    header += [f"{n:,}: rps / concurrency" for n in SCALES]
    return _table([*header, "basis"], rows)


def needs_table() -> str:
    loads = [Load(n) for n in SCALES]
    measures: list[tuple[str, Callable[[Load], float]]] = [
        ("API requests/s", lambda x: x.api_rps),
        ("Lambda concurrency, API (rps x duration)", lambda x: x.api_concurrency),
        ("answers/s = sentiment jobs/s (one every 90 s)", lambda x: x.answers_per_s),
        ("answers/s at one every 60 s", lambda x: x.peak_answers_per_s),
        ("Lambda concurrency, sentiment worker", lambda x: x.sentiment_concurrency),
        ("reports/s (completions)", lambda x: x.completions_per_s),
        ("Lambda concurrency, report worker (30.5 s a report)", lambda x: x.report_concurrency),
        ("Lambda concurrency, all", lambda x: x.lambda_concurrency),
        ("database connections in use through the proxy", lambda x: x.transactions_in_flight),
        ("database CPU (vCPU, ~1 ms a request)", lambda x: x.db_vcpu),
        ("Comprehend DetectSentiment calls/s", lambda x: x.answers_per_s),
        ("LLM calls/min at report time", lambda x: x.llm_calls_per_min),
        (
            "LLM tokens/min, millions (12k in + 3k out a report)",
            lambda x: x.llm_tokens_per_min / 1e6,
        ),
        ("Deepgram live streams open at once", lambda x: x.deepgram_streams),
        ("POST /token/s when a cohort signs in within 5 min", lambda x: x.cohort_logins_per_s),
    ]
    rows = [[name, *[_n(measure(load)) for load in loads]] for name, measure in measures]
    return _table(["what", *[f"{n:,} interviews" for n in SCALES]], rows)


def limits_table(prod: StageConfig) -> str:
    one = Load(1)
    c = prod.consumer_max_concurrency
    sentiment_cap = consumer_throughput(prod, "sentiment")
    report_cap = consumer_throughput(prod, "report")
    reserved = c.total if prod.reserve_consumer_concurrency else 0
    # What the proxy keeps for the API when every consumer holds its connections.
    http_budget = prod.proxy_connections - consumer_connections(prod)
    rows = [
        [
            "Deepgram live streams",
            (
                f"{DEEPGRAM_STREAMS} at once (Nova-3, pay as you go and Growth; Enterprise: by "
                "contract)"
            ),
            _breaks_at(DEEPGRAM_STREAMS, one.deepgram_streams),
            "none: the browser streams to Deepgram itself (see below)",
        ],
        [
            "Comprehend DetectSentiment",
            f"{COMPREHEND_DETECT_SENTIMENT_TPS}/s (adjustable)",
            (
                f"{_breaks_at(COMPREHEND_DETECT_SENTIMENT_TPS, one.answers_per_s)} "
                f"({_breaks_at(COMPREHEND_DETECT_SENTIMENT_TPS, one.peak_answers_per_s)} at one "
                "answer a minute)"
            ),
            (
                "a quota increase (Service Quotas) before it; the consumer sends at most "
                f"{_n(sentiment_cap)} calls/s (`consumer_max_concurrency.sentiment` = "
                f"{c.sentiment})"
            ),
        ],
        [
            "sentiment consumer",
            f"{c.sentiment} x {SENTIMENT_BATCH}-message batches = {_n(sentiment_cap)} jobs/s",
            _breaks_at(sentiment_cap, one.answers_per_s),
            f"`consumer_max_concurrency.sentiment` = {c.sentiment}",
        ],
        [
            "report consumer = LLM calls at once",
            f"{c.report} at once = {_n(report_cap * 60)} reports/min",
            _breaks_at(report_cap, one.completions_per_s),
            f"`consumer_max_concurrency.report` = {c.report}",
        ],
        [
            "LLM provider",
            "the account's tier (RPM, TPM)",
            (
                f"sent at most {_n(report_cap * 60)} calls/min, "
                f"{_millions(report_cap * 60 * (LLM_TOKENS_IN + LLM_TOKENS_OUT))} tokens/min"
            ),
            f"`consumer_max_concurrency.report` = {c.report}",
        ],
        [
            "API Gateway stage throttle",
            (
                f"{prod.api_rate_limit:g} rps, burst {prod.api_burst_limit} "
                f"(account: {API_GATEWAY_ACCOUNT_RPS:,})"
            ),
            _breaks_at(prod.api_rate_limit, one.api_rps),
            (
                f"`api_rate_limit` = {prod.api_rate_limit:g}, `api_burst_limit` = "
                f"{prod.api_burst_limit}"
            ),
        ],
        [
            "POST /token and /register throttle",
            f"{prod.auth_rate_limit:g} rps, burst {prod.auth_burst_limit}",
            (
                f"a cohort of ~{_n(prod.auth_rate_limit * COHORT_LOGIN_WINDOW_S)} signing in "
                "within 5 min"
            ),
            f"`auth_rate_limit` = {prod.auth_rate_limit:g}",
        ],
        [
            "database CPU (db.t4g.medium)",
            f"{RDS_T4G_MEDIUM_BASELINE_VCPU} vCPU baseline (2 vCPU bursting)",
            _breaks_at(RDS_T4G_MEDIUM_BASELINE_VCPU, one.db_vcpu),
            f"`db_instance_type` = {prod.db_instance_type}",
        ],
        [
            "RDS Proxy database connections",
            (
                f"{prod.proxy_connections} ({prod.proxy_max_connections_percent} % of "
                f"max_connections {prod.db_max_connections})"
            ),
            (
                f"not by the steady load ({_n(Load(10_000).transactions_in_flight)} in use at "
                f"10,000); at 10,000 once transactions average "
                f"{http_budget / Load(10_000).api_rps:.2f} s (a slow or locked database)"
            ),
            (
                f"`db_max_connections` = {prod.db_max_connections}, "
                f"`proxy_max_connections_percent` = {prod.proxy_max_connections_percent}, "
                f"`proxy_borrow_timeout_s` = {prod.proxy_borrow_timeout_s}; consumers at most "
                f"{consumer_connections(prod)}"
            ),
        ],
        [
            "Lambda concurrency, account",
            (
                f"{LAMBDA_ACCOUNT_CONCURRENCY:,} per region ({LAMBDA_UNRESERVED_MINIMUM} kept "
                "unreserved)"
            ),
            _breaks_at(LAMBDA_ACCOUNT_CONCURRENCY, one.lambda_concurrency),
            f"`reserve_consumer_concurrency`: {reserved} reserved for the consumers",
        ],
        [
            "Lambda scaling rate",
            f"{LAMBDA_SCALING_PER_10S:,} new environments per function every 10 s",
            "never at these scales",
            "none needed",
        ],
    ]
    return _table(["limit", "value", "breaks at (concurrent interviews)", "kept safe by"], rows)


def stages_table(stages: list[StageConfig]) -> str:
    def row(name: str, value: Callable[[StageConfig], str]) -> list[str]:
        return [name, *[value(s) for s in stages]]

    rows = [
        [
            f"`consumer_max_concurrency.{kind}`",
            *[str(s.consumer_max_concurrency.of(kind)) for s in stages],
        ]
        for kind in vars(stages[0].consumer_max_concurrency)
    ]
    rows += [
        row(
            "`reserve_consumer_concurrency`",
            lambda s: (
                f"yes ({s.consumer_max_concurrency.total})"
                if s.reserve_consumer_concurrency
                else "no"
            ),
        ),
        row(
            "consumers' database connections at most",
            lambda s: str(consumer_connections(s)),
        ),
        row(
            "`db_instance_type`",
            lambda s: f"db.{s.db_instance_type}" if s.is_aws else "external",
        ),
        row(
            "`db_max_connections`",
            lambda s: str(s.db_max_connections) if s.is_aws else "external",
        ),
        row(
            "`proxy_max_connections_percent` (connections)",
            lambda s: (
                f"{s.proxy_max_connections_percent} ({s.proxy_connections})"
                if s.is_aws
                else "no proxy"
            ),
        ),
        row(
            "`proxy_borrow_timeout_s`",
            lambda s: f"{s.proxy_borrow_timeout_s} s" if s.is_aws else "no proxy",
        ),
        row(
            "`api_rate_limit` / `api_burst_limit`",
            lambda s: f"{s.api_rate_limit:g} / {s.api_burst_limit}",
        ),
        row(
            "`auth_rate_limit` / `auth_burst_limit`",
            lambda s: f"{s.auth_rate_limit:g} / {s.auth_burst_limit}",
        ),
    ]
    return _table(["setting (infra_cdk/stages.py)", *[s.name for s in stages]], rows)


def instance_for(vcpu: float) -> str:
    """The smallest class the stages use that keeps `vcpu` busy without running on credits."""
    if vcpu <= RDS_T4G_MEDIUM_BASELINE_VCPU:
        return f"{vcpu:.2f}: t4g.medium"
    return f"{vcpu:.2f}: m7g.large (2 vCPU, no credits)"


def sizing_table(prod: StageConfig) -> str:
    design, large = Sizing(DESIGN_INTERVIEWS), Sizing(10_000)
    c = prod.consumer_max_concurrency

    def quota(value: int) -> str:
        return f"{value:,}"

    rows = [
        [
            "`consumer_max_concurrency.sentiment`",
            str(c.sentiment),
            str(design.sentiment_concurrency),
            str(large.sentiment_concurrency),
        ],
        [
            "`consumer_max_concurrency.report`",
            str(c.report),
            str(design.report_concurrency),
            str(large.report_concurrency),
        ],
        [
            "`api_rate_limit`",
            f"{prod.api_rate_limit:g}",
            quota(design.api_rate_limit),
            quota(large.api_rate_limit),
        ],
        [
            "`auth_rate_limit` (a cohort signing in within 5 min)",
            f"{prod.auth_rate_limit:g}",
            quota(design.auth_rate_limit),
            quota(large.auth_rate_limit),
        ],
        [
            "`db_instance_type` (database vCPU busy)",
            prod.db_instance_type,
            instance_for(design.db_vcpu),
            instance_for(large.db_vcpu),
        ],
        [
            "Comprehend DetectSentiment TPS (quota)",
            str(COMPREHEND_DETECT_SENTIMENT_TPS),
            quota(design.comprehend_tps),
            quota(large.comprehend_tps),
        ],
        [
            "Lambda concurrent executions (quota)",
            f"{LAMBDA_ACCOUNT_CONCURRENCY:,}",
            quota(design.lambda_concurrency),
            quota(large.lambda_concurrency),
        ],
        [
            "Deepgram live streams (plan)",
            str(DEEPGRAM_STREAMS),
            quota(design.deepgram_streams),
            quota(large.deepgram_streams),
        ],
        [
            "LLM requests/min (tier)",
            "-",
            quota(design.llm_calls_per_min),
            quota(large.llm_calls_per_min),
        ],
        [
            "LLM tokens/min (tier)",
            "-",
            _millions(design.llm_tokens_per_min),
            _millions(large.llm_tokens_per_min),
        ],
    ]
    header = [
        "setting or quota",
        "prod / default today",
        f"needed for {DESIGN_INTERVIEWS:,}",
        "needed for 10,000",
    ]
    return _table(header, rows)


def stage_configs() -> list[StageConfig]:
    return [load_stage(name, lambda _key: None) for name in ("local", "dev", "prod")]


def tables() -> dict[str, str]:
    """Each generated table of docs/capacity.md, by the name of its marker."""
    stages = stage_configs()
    prod = stages[-1]
    return {
        "endpoints": endpoints_table(),
        "needs": needs_table(),
        "limits": limits_table(prod),
        "stages": stages_table(stages),
        "sizing": sizing_table(prod),
    }


# A block: its opening marker on a line, the table (or nothing yet), the closing marker. The
# content may not hold another marker, so an empty block never swallows the next one.
_BLOCK = re.compile(
    r"^(<!-- capacity:(\w+) -->\n)((?:(?!<!-- /?capacity).*\n)*?)(<!-- /capacity -->)$",
    re.MULTILINE,
)


def doc_tables(text: str) -> dict[str, str]:
    return {m.group(2): m.group(3).rstrip("\n") for m in _BLOCK.finditer(text)}


def with_tables(text: str, generated: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        return match.group(1) + generated[match.group(2)] + "\n" + match.group(4)

    return _BLOCK.sub(fill, text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help=f"update {DOC.name}'s tables")
    args = parser.parse_args(argv)
    generated = tables()
    if args.write:
        DOC.write_text(with_tables(DOC.read_text(), generated))
        print(f"updated {len(doc_tables(DOC.read_text()))} tables of {DOC}")
        return
    for name, table in generated.items():
        print(f"<!-- capacity:{name} -->\n{table}\n<!-- /capacity -->\n")


if __name__ == "__main__":
    main()


__all__ = ["ENDPOINTS", "Load", "consumer_connections", "consumer_throughput", "tables"]
