"""The GitHub workflows are pinned and least-privileged: zizmor (offline: no audit that needs the
network) finds nothing at medium severity or above, and each rule it checks is held here too, so
a failure names the line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.contract.conftest import SUMMARY

WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"
SERIOUS = {"medium", "high"}

_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<target>\S+)(?P<comment>\s+#.*)?$")
_PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
_TAG_COMMENT = re.compile(r"^\s+# v\d+(\.\d+)*\b")


def _workflow_files() -> list[Path]:
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert files, f"no workflows in {WORKFLOWS}"
    return files


def _zizmor() -> str:
    beside_python = Path(sys.executable).parent / "zizmor"
    found = str(beside_python) if beside_python.exists() else shutil.which("zizmor")
    if found is None:
        pytest.fail("zizmor is not installed: it is in the test extra (pip install -e '.[test]')")
    return found


def test_zizmor_finds_nothing_at_medium_severity_or_above():
    zizmor = _zizmor()
    version = subprocess.run(
        [zizmor, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()

    result = subprocess.run(
        [zizmor, "--offline", "--format", "json", str(WORKFLOWS)],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )

    # 1x: findings, by the worst severity
    assert result.returncode in (0, 10, 11, 12, 13, 14), result.stderr
    findings = json.loads(result.stdout)
    severities = Counter(finding["determinations"]["severity"].lower() for finding in findings)
    levels = ("informational", "low", "medium", "high")
    counts = ", ".join(f"{severities[level]} {level}" for level in levels)
    SUMMARY.append(
        f"{version} --offline on {len(_workflow_files())} workflows: {len(findings)} findings "
        f"({counts})"
    )
    serious = [
        f"{finding['ident']} ({finding['determinations']['severity']}): {finding['desc']}"
        for finding in findings
        if finding["determinations"]["severity"].lower() in SERIOUS
    ]
    assert serious == []


@pytest.mark.parametrize("workflow", _workflow_files(), ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it(workflow: Path):
    for number, line in enumerate(workflow.read_text().splitlines(), start=1):
        used = _USES.match(line)
        if used is None or used["target"].startswith("./"):  # ./: a workflow of this repository
            continue
        where = f"{workflow.name}:{number}: {line.strip()}"
        assert _PINNED.match(used["target"]), f"not pinned to a full commit SHA: {where}"
        assert used["comment"] and _TAG_COMMENT.match(used["comment"]), (
            f"no '# vX.Y.Z' tag comment: {where}"
        )


@pytest.mark.parametrize("workflow", _workflow_files(), ids=lambda path: path.name)
def test_checkout_keeps_no_credentials_and_permissions_are_explicit(workflow: Path):
    lines = workflow.read_text().splitlines()

    assert any(re.match(r"^permissions:", line) for line in lines), (
        f"{workflow.name}: no top-level permissions"
    )
    for number, line in enumerate(lines):
        used = _USES.match(line)
        if used is None or not used["target"].startswith("actions/checkout@"):
            continue
        indent = len(line) - len(line.lstrip(" -"))
        step = []
        for following in lines[number + 1 :]:
            if (
                following.strip()
                and len(following) - len(following.lstrip(" ")) < indent
                or following.lstrip().startswith("- ")
            ):
                break
            step.append(following)
        assert any(re.match(r"^\s+persist-credentials:\s*false\b", text) for text in step), (
            f"{workflow.name}:{number + 1}: checkout without persist-credentials: false"
        )
