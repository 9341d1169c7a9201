"""Synthesize every stage offline into cdk.out/<stage>: no AWS account, no Docker, no CDK CLI.

    python -m infra_cdk.synth                 # local, dev and prod
    python -m infra_cdk.synth --stage dev     # one stage
    python -m infra_cdk.synth --no-nag        # skip the cdk-nag checks

It prints each template of a stage (its stack and the nested stacks of its functions) with its
resources and the headroom below RESOURCE_LIMIT (450; CloudFormation's limit is 500), and exits
non-zero when a template is over it (infra_cdk/template_limits.py).

Account and region are placeholders unless given (-c account=... / region=...), so the output is
a faithful template but not deployable as is: deploy with the CDK CLI (docs/infra.md).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import infra_cdk  # noqa: F401  (quiet jsii before aws_cdk starts it)
from infra_cdk.app import build_app
from infra_cdk.constants import REPO_ROOT
from infra_cdk.stages import STAGE_NAMES
from infra_cdk.template_limits import count_templates, over_limits


def _context(pairs: list[str]) -> dict[str, str]:
    context = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        context[key] = value
    return context


def _violations(report: Path) -> list[str]:
    if not report.exists():
        return []
    lines = []
    for plugin in json.loads(report.read_text()).get("pluginReports", []):
        for violation in plugin.get("violations", []):
            for construct in violation.get("violatingConstructs", []):
                lines.append(
                    f"{violation.get('severity')}: {violation['ruleName']}"
                    f" at {construct['constructPath']}"
                )
    return lines


def synth_stage(stage: str, outdir: Path, *, nag: bool, context: dict[str, str]) -> list[str]:
    if outdir.exists():
        shutil.rmtree(outdir)
    app, stacks = build_app([stage], outdir=str(outdir), context=context, nag=nag)
    try:
        assembly = app.synth()
    except RuntimeError as error:
        problems = _violations(outdir / "validation-report.json") or [str(error)]
        raise SystemExit(f"{stage}: synthesis failed\n  " + "\n  ".join(problems)) from None
    lines, problems = [], []
    for stack in stacks.values():
        artifact = assembly.get_stack_by_name(stack.stack_name)
        lines.append(f"{stack.stack_name} -> {outdir / artifact.template_file}")
        counts = count_templates(stack, outdir)
        lines.extend(f"  {count.describe()}" for count in counts)
        problems.extend(over_limits(counts))
    for line in lines:
        print(line, flush=True)
    if problems:
        raise SystemExit(f"{stage}: templates over a limit\n  " + "\n  ".join(problems))
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--stage", action="append", choices=STAGE_NAMES, help="repeatable; default: all"
    )
    parser.add_argument("--outdir", type=Path, default=REPO_ROOT / "cdk.out")
    parser.add_argument("--no-nag", action="store_true")
    parser.add_argument("-c", "--context", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    started = time.monotonic()
    for stage in args.stage or STAGE_NAMES:
        synth_stage(stage, args.outdir / stage, nag=not args.no_nag, context=_context(args.context))
    print(f"synthesized in {time.monotonic() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
