"""LocalStack without Docker: install it, start it, deploy the `local` stage, stop it by PID.

    .venv/bin/python localstack/stack.py up      # all of it, prints the API URL, Ctrl-C stops
    .venv/bin/python localstack/stack.py setup   # only the installs (cached in .localstack/)
    .venv/bin/python localstack/stack.py stop    # stop a LocalStack a killed `up` left running

Run with the project's venv (Python 3.12 + aws-cdk-lib: the CDK app runs in it). What it makes,
all git-ignored:

    .localstack/venv          Python 3.13: localstack-core (pinned) + the host executor plugin
    .localstack/lambda-venv   Python 3.12 + boto3: the Lambda runtime; the layers bring the rest
    .localstack/runs/<port>/  one run: LocalStack's TMPDIR and volume, its log, the functions' logs
    .localstack/mail/         `up`: the mail the stage's mail worker sent (SMTP, one .eml a message)
    localstack/node_modules   the CDK CLI and cdklocal, from package-lock.json

tests/localstack uses the same functions (`ensure_installed`, `LocalStack`, `deploy_local_stage`).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import glob
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "localstack"
WORK = ROOT / ".localstack"
LOCALSTACK_VENV = WORK / "venv"
LAMBDA_VENV = WORK / "lambda-venv"
RUNS = WORK / "runs"
CDK_OUT = WORK / "cdk.out"
NODE_BIN = HERE / "node_modules" / ".bin"
EXECUTOR_DIR = HERE / "executor"
PROJECT_BIN = ROOT / ".venv" / "bin"

# Verified on this machine (../shared/design/LOCALSTACK.md): newer cryptography/pyopenssl/joserfc
# or cbor2 break localstack-core 2026.3.0's imports.
LOCALSTACK_REQUIREMENTS = (
    "localstack-core[runtime]==2026.3.0",
    "cbor2<6",
    "cryptography==44.0.3",
    "pyopenssl==24.3.0",
    "service_identity",
    "joserfc<1.1",
)
# What the Lambda runtime itself provides; the layers must bring everything else.
LAMBDA_REQUIREMENTS = ("boto3==1.42.72",)

ACCOUNT = "000000000000"
REGION = "us-east-1"
STAGE = "local"
STACK = "Interview-local"
DEFAULT_PORT = 4566

Log = Callable[[str], None]


def say(message: str) -> None:
    print(f"[localstack] {message}", file=sys.stderr, flush=True)


@contextlib.contextmanager
def timed(label: str, log: Log, timings: dict[str, float] | None = None) -> Iterator[None]:
    started = time.monotonic()
    yield
    elapsed = time.monotonic() - started
    if timings is not None:
        timings[label] = elapsed
    log(f"{label}: {elapsed:.1f} s")


# --- installs -------------------------------------------------------------------------------
def real_python(version: str) -> str:
    """A real interpreter (never a pyenv shim: a shim crashed the runner in the recipe)."""
    override = os.environ.get(f"LOCALSTACK_PYTHON{version.replace('.', '_')}")
    candidates = [override] if override else []
    candidates += sorted(
        glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}")),
        reverse=True,
    )
    candidates += [shutil.which(f"python{version}") or ""]
    for candidate in candidates:
        if not candidate or "/shims/" in candidate:
            continue
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            check=False,
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    raise SystemExit(
        f"no real Python {version} found (set LOCALSTACK_PYTHON{version.replace('.', '_')})"
    )


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def _tree_digest(folder: Path) -> str:
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".egg-info" not in str(p)
    )
    return _digest(*(f"{p.relative_to(folder)}" for p in files), *(p.read_bytes() for p in files))


def _pip(python: Path, *args: str) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *args],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"pip install {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


def ensure_venv(venv: Path, python: str, requirements: tuple[str, ...], log: Log) -> bool:
    """Create or refresh a venv; False when it was already up to date."""
    stamp = venv / ".requirements-stamp"
    wanted = _digest(python, *requirements)
    if stamp.exists() and stamp.read_text() == wanted and (venv / "bin" / "python").exists():
        return False
    if venv.exists():
        shutil.rmtree(venv)
    log(f"creating {venv.relative_to(ROOT)} ({python})")
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    _pip(venv / "bin" / "python", *requirements)
    stamp.write_text(wanted)
    return True


def ensure_executor_plugin(log: Log) -> bool:
    stamp = LOCALSTACK_VENV / ".executor-stamp"
    wanted = _tree_digest(EXECUTOR_DIR)
    if stamp.exists() and stamp.read_text() == wanted:
        return False
    log("installing the host executor plugin")
    # A build directory outside the source tree keeps localstack/executor clean.
    with contextlib.ExitStack() as stack:
        build = WORK / "executor-build"
        if build.exists():
            shutil.rmtree(build)
        shutil.copytree(
            EXECUTOR_DIR, build, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
        )
        stack.callback(shutil.rmtree, build, ignore_errors=True)
        _pip(LOCALSTACK_VENV / "bin" / "python", "--no-deps", "--force-reinstall", str(build))
    stamp.write_text(wanted)
    return True


def ensure_node_modules(log: Log) -> bool:
    lock = HERE / "package-lock.json"
    stamp = HERE / "node_modules" / ".installed-lock"
    wanted = _digest(lock.read_bytes(), (HERE / "package.json").read_bytes())
    if stamp.exists() and stamp.read_text() == wanted and (NODE_BIN / "cdklocal").exists():
        return False
    log("npm ci (aws-cdk, aws-cdk-local)")
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=HERE,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stamp.write_text(wanted)
    return True


def ensure_installed(log: Log = say, timings: dict[str, float] | None = None) -> None:
    WORK.mkdir(exist_ok=True)
    with _lock(WORK / ".install.lock"):
        with timed("install: LocalStack venv (Python 3.13)", log, timings):
            ensure_venv(LOCALSTACK_VENV, real_python("3.13"), LOCALSTACK_REQUIREMENTS, log)
            ensure_executor_plugin(log)
        with timed("install: Lambda runtime venv (Python 3.12 + boto3)", log, timings):
            ensure_venv(LAMBDA_VENV, real_python("3.12"), LAMBDA_REQUIREMENTS, log)
        with timed("install: CDK CLI + cdklocal (npm)", log, timings):
            ensure_node_modules(log)


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- LocalStack -----------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_localstack(pid: int) -> bool:
    try:
        return b"localstack.runtime.main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def stop_process_group(pid: int, *, grace_s: float = 3) -> None:
    """SIGTERM to LocalStack (`pid`, the leader of its process group), then SIGKILL to the group:
    LocalStack and any Lambda runner left. Its state is in memory only, so a slow graceful
    shutdown (it can take 15 s and more) buys nothing."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                break
        if not _alive(pid):
            break
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _pids(pid_file: Path) -> tuple[int, int]:
    """(LocalStack, owner) from a pid file; zeros when there is none."""
    try:
        numbers = [int(word) for word in pid_file.read_text().split()]
    except (OSError, ValueError):
        return 0, 0
    return (numbers + [0, 0])[0], (numbers + [0, 0])[1]


def stop_orphans(log: Log = say) -> None:
    """Stop each LocalStack of .localstack/runs whose owner is gone (a killed test run)."""
    for pid_file in RUNS.glob("*/localstack.pid"):
        pid, owner = _pids(pid_file)
        if owner and not _alive(owner) and pid and _alive(pid) and _is_localstack(pid):
            log(f"stopping LocalStack pid {pid}: the run that started it is gone")
            stop_process_group(pid)
            pid_file.unlink(missing_ok=True)


def prune_runs(keep: int = 5) -> None:
    """Keep the logs of the last few runs; a folder with a live LocalStack is never removed."""
    runs = sorted(RUNS.glob("*/"), key=lambda p: p.stat().st_mtime, reverse=True)
    for folder in runs[keep:]:
        pid = _pids(folder / "localstack.pid")[0]
        if not (pid and _alive(pid) and _is_localstack(pid)):
            shutil.rmtree(folder, ignore_errors=True)


@dataclass
class LocalStack:
    """LocalStack in-process (python -m localstack.runtime.main), one run per port."""

    port: int = DEFAULT_PORT
    log: Log = say
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def state(self) -> Path:
        return RUNS / str(self.port)

    @property
    def pid_file(self) -> Path:
        return self.state / "localstack.pid"

    @property
    def log_file(self) -> Path:
        return self.state / "localstack.log"

    @property
    def lambda_logs(self) -> Path:
        return self.state / "lambda-logs"

    @property
    def endpoint(self) -> str:
        return f"http://localhost:{self.port}"

    def environment(self) -> dict[str, str]:
        keep = ("PATH", "HOME", "LANG", "LC_ALL", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
        env = {key: os.environ[key] for key in keep if key in os.environ}
        env.update(
            {
                "TMPDIR": str(self.state / "tmp"),
                "LOCALSTACK_VOLUME_DIR": str(self.state / "volume"),
                "DNS_ADDRESS": "0",  # no DNS server: keeps it off port 53
                "GATEWAY_LISTEN": f"127.0.0.1:{self.port}",
                "SKIP_SSL_CERT_DOWNLOAD": "1",
                "DISABLE_EVENTS": "1",
                "LAMBDA_RUNTIME_EXECUTOR": "host",
                "LOCALSTACK_HOST_EXECUTOR_PYTHON": str(LAMBDA_VENV / "bin" / "python"),
                "LOCALSTACK_HOST_EXECUTOR_LOG_DIR": str(self.lambda_logs),
                # Init is imports (FastAPI, psycopg, Powertools): give a busy 2-core box time.
                "LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT": "60",
                # An idle queue is polled at least every second (default: backs off to 10 s),
                # as close as polling gets to SQS long polling in AWS.
                "LAMBDA_EVENT_SOURCE_MAPPING_MAX_BACKOFF_ON_EMPTY_POLL_SEC": "1",
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def stop_stale(self) -> None:
        pid = _pids(self.pid_file)[0]
        if pid and _alive(pid) and _is_localstack(pid):
            self.log(f"stopping a LocalStack left running on port {self.port} (pid {pid})")
            stop_process_group(pid)
        self.pid_file.unlink(missing_ok=True)

    def start(self, *, timeout_s: float = 90) -> None:
        stop_orphans(self.log)
        self.stop_stale()
        prune_runs()
        if self.state.exists():
            shutil.rmtree(self.state)
        for folder in ("tmp", "volume", "lambda-logs"):
            (self.state / folder).mkdir(parents=True)
        with open(self.log_file, "wb") as out:
            self.process = subprocess.Popen(
                [str(LOCALSTACK_VENV / "bin" / "python"), "-m", "localstack.runtime.main"],
                cwd=self.state,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() ends the runners too
            )
        # "<LocalStack pid> <owner pid>": a later start stops this one if its owner died.
        self.pid_file.write_text(f"{self.process.pid} {os.getpid()}")
        deadline = time.monotonic() + timeout_s
        while not self.healthy():
            if self.process.poll() is not None or time.monotonic() > deadline:
                tail = self.log_tail()
                self.stop()
                raise RuntimeError(f"LocalStack did not start on port {self.port}:\n{tail}")
            time.sleep(0.2)

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}/_localstack/health", timeout=2
            ) as r:
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        if self.process is not None:
            stop_process_group(self.process.pid)
            self.process = None
        else:
            self.stop_stale()
        self.pid_file.unlink(missing_ok=True)
        # The unzipped code and layers are big; the logs stay for a look after the run.
        for folder in ("tmp", "volume"):
            shutil.rmtree(self.state / folder, ignore_errors=True)

    def log_tail(self, chars: int = 6000) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-chars:]
        except FileNotFoundError:
            return ""

    def lambda_log_tail(self, chars: int = 3000) -> str:
        parts = []
        for path in sorted(self.lambda_logs.glob("*.log")):
            text = path.read_text(errors="replace")
            if text.strip():
                parts.append(f"--- {path.name}\n{text[-chars:]}")
        return "\n".join(parts)


# --- CDK ------------------------------------------------------------------------------------
def cdk_environment(localstack: LocalStack) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CDK_"))}
    env.update(
        {
            "PATH": os.pathsep.join([str(PROJECT_BIN), str(NODE_BIN), os.environ.get("PATH", "")]),
            "AWS_ENDPOINT_URL": localstack.endpoint,
            "AWS_ENDPOINT_URL_S3": localstack.endpoint,  # cdklocal refuses the first without it
            "AWS_S3_FORCE_PATH_STYLE": "1",  # else asset uploads go to <bucket>.localhost (DNS)
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "CDK_HOME": str(WORK / "cdk-home"),
            "CDK_DISABLE_VERSION_CHECK": "true",
            "CDK_DISABLE_CLI_TELEMETRY": "true",
        }
    )
    return env


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str], log_file: Path) -> None:
    with open(log_file, "ab") as out:
        out.write(f"\n$ {' '.join(cmd)}\n".encode())
        out.flush()
        result = subprocess.run(
            cmd, check=False, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    if result.returncode != 0:
        tail = log_file.read_text(errors="replace")[-6000:]
        raise RuntimeError(f"{' '.join(cmd[:2])} failed (exit {result.returncode}):\n{tail}")


@dataclass
class Deployment:
    api_url: str  # http://localhost:<port>/_aws/execute-api/<id>/local/
    outputs: dict[str, str]
    rest_api_id: str


def api_url_for(localstack: LocalStack, stack_api_url: str) -> tuple[str, str]:
    """The stack's `https://<id>.execute-api.localhost.localstack.cloud:<port>/<stage>/` does not
    resolve offline; LocalStack serves the same API under /_aws/execute-api/<id>/<stage>/."""
    host = stack_api_url.split("://", 1)[1].split("/", 1)[0]
    rest_api_id = host.split(".", 1)[0]
    return f"{localstack.endpoint}/_aws/execute-api/{rest_api_id}/{STAGE}/", rest_api_id


def deploy_local_stage(
    localstack: LocalStack,
    database_url: str,
    *,
    app_database_url: str | None = None,
    smtp: tuple[str, int] | None = None,
    log: Log = say,
    timings: dict[str, float] | None = None,
) -> Deployment:
    """Bootstrap and deploy the local stage. `database_url` is the owner's login (the stage's
    master secret); `app_database_url` the application role's, which every function then uses
    (as in AWS; None: one login for all); `smtp` where the mail worker sends (LocalStack
    community has no SES v2, see infra_cdk/mail.py)."""
    env = cdk_environment(localstack)
    extra_context: list[str] = []
    if app_database_url is not None:
        extra_context += ["-c", f"local_app_database_url={app_database_url}"]
    if smtp is not None:
        extra_context += ["-c", f"local_smtp={smtp[0]}:{smtp[1]}"]
    cdk_log = localstack.state / "cdk.log"
    cdklocal = str(NODE_BIN / "cdklocal")
    with timed("cdklocal bootstrap", log, timings):
        _run(
            [cdklocal, "bootstrap", f"aws://{ACCOUNT}/{REGION}", "--no-notices"],
            cwd=localstack.state,
            env=env,
            log_file=cdk_log,
        )
    outputs_file = localstack.state / "outputs.json"
    # One synth output folder for every run: unchanged assets (the 70 MB dependency layer) are
    # not staged again. The lock keeps two runs from writing it at once.
    with (
        _lock(WORK / ".cdk-out.lock"),
        timed("cdklocal deploy (synth + assets + stack)", log, timings),
    ):
        _run(
            [
                cdklocal,
                "deploy",
                STACK,
                "--require-approval",
                "never",
                "--no-notices",
                "--output",
                str(CDK_OUT),
                "--outputs-file",
                str(outputs_file),
                "-c",
                f"stage={STAGE}",
                "-c",
                "nag=false",  # tests/infra runs the cdk-nag checks; a local deploy needn't
                "-c",
                f"local_database_url={database_url}",
                *extra_context,
            ],
            cwd=ROOT / "infra_cdk",
            env=env,
            log_file=cdk_log,
        )
        prune_cdk_out()
    outputs = json.loads(outputs_file.read_text())[STACK]
    api_url, rest_api_id = api_url_for(localstack, outputs["ApiUrl"])
    return Deployment(api_url=api_url, outputs=outputs, rest_api_id=rest_api_id)


def prune_cdk_out() -> None:
    """Drop staged assets the current template no longer uses (each code change stages anew)."""
    manifest = json.loads((CDK_OUT / f"{STACK}.assets.json").read_text())
    keep = {entry["source"]["path"] for entry in manifest.get("files", {}).values()}
    hashes = {name.removeprefix("asset.") for name in keep}
    for path in CDK_OUT.glob("asset.*"):
        if path.name not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for path in (CDK_OUT / ".cache").glob("*.zip"):
        if path.stem not in hashes:
            path.unlink()


# --- the embedded database and the mail server for `up` ---------------------------------------
APP_ROLE = "interview_app"  # = infra_cdk.constants.DATABASE_APP_USER


def app_role_url(database_url: str, *, log: Log = say) -> str:
    """Create or update the application's login role on `database_url` (whose user owns the
    schema), as the migrate function does in AWS, with a fresh password; its login URL."""
    import secrets

    import psycopg
    from interview_core.db.app_role import ensure_app_role
    from psycopg.conninfo import conninfo_to_dict

    password = secrets.token_urlsafe(24)
    with psycopg.connect(database_url) as conn:
        result = ensure_app_role(conn, username=APP_ROLE, password=password)
    log(
        f"application role {result.role} ({'created' if result.created else 'updated'}): "
        f"no UPDATE or DELETE on {', '.join(result.append_only)}"
    )
    # The stage takes a URL (infra_cdk.stages.ExternalDatabase.from_url), as DATABASE_URL is one.
    parts = conninfo_to_dict(database_url)
    host = str(parts.get("host") or "")
    query = f"?host={urllib.parse.quote(host, safe='/')}" if host.startswith("/") else ""
    netloc = "" if query else f"{host}:{parts.get('port', 5432)}"
    return (
        f"postgresql://{APP_ROLE}:{urllib.parse.quote(password, safe='')}@{netloc}/"
        f"{urllib.parse.quote(str(parts.get('dbname', 'postgres')), safe='')}{query}"
    )


@contextlib.contextmanager
def embedded_database(log: Log) -> Iterator[tuple[str, str]]:
    """(owner's URL, application role's URL) of .localstack/pgdata, migrated and seeded."""
    sys.path.insert(0, str(ROOT / "layers" / "core"))
    from interview_core.local.platform import prepare_database
    from interview_core.local.postgres import EmbeddedPostgres

    server = EmbeddedPostgres(WORK / "pgdata", stop_on_exit=True)
    try:
        url = server.ensure_database()
        log(f"database: {prepare_database(url, pgmq_queues=None)}")
        yield url, app_role_url(url, log=log)
    finally:
        server.stop()


@contextlib.contextmanager
def mail_server(folder: Path, log: Log) -> Iterator[tuple[str, int]]:
    """A real SMTP server on a free port keeping each message in `folder` (as `interview dev`)."""
    sys.path.insert(0, str(ROOT / "layers" / "core"))
    from interview_core.local.mailbox import LocalMailServer

    with LocalMailServer(folder) as server:
        log(f"mail: SMTP on {server.host}:{server.port}, messages kept in {folder}")
        yield server.host, server.port


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def up(port: int, database_url: str | None) -> None:
    timings: dict[str, float] = {}
    started = time.monotonic()
    ensure_installed(say, timings)
    localstack = LocalStack(port=port)
    with contextlib.ExitStack() as stack:
        app_database_url = None  # a database you name: one login for every function
        if database_url is None:
            database_url, app_database_url = stack.enter_context(embedded_database(say))
        smtp = stack.enter_context(mail_server(WORK / "mail", say))
        with timed("LocalStack start", say, timings):
            localstack.start()
        stack.callback(localstack.stop)
        deployment = deploy_local_stage(
            localstack,
            database_url,
            app_database_url=app_database_url,
            smtp=smtp,
            timings=timings,
        )
        say(f"ready in {time.monotonic() - started:.1f} s")
        print(deployment.api_url, flush=True)
        say(f"try: curl {deployment.api_url}health   (Ctrl-C stops LocalStack and the database)")
        signal.signal(signal.SIGTERM, _interrupt)  # `kill <pid>` stops it as Ctrl-C does
        with contextlib.suppress(KeyboardInterrupt):
            while localstack.process is not None and localstack.process.poll() is None:
                time.sleep(1)
        say("stopping")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["up", "setup", "stop"], nargs="?", default="up")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("LOCALSTACK_PORT", DEFAULT_PORT))
    )
    parser.add_argument(
        "--database-url", help="default: an embedded PostgreSQL in .localstack/pgdata"
    )
    args = parser.parse_args(argv)
    if args.command == "setup":
        ensure_installed()
    elif args.command == "stop":
        stop_orphans()
        LocalStack(port=args.port).stop()
    else:
        up(args.port, args.database_url)


if __name__ == "__main__":
    main()
