"""The CDK app: `cdk synth|deploy` runs this (infra_cdk/cdk.json); `python -m infra_cdk.synth`
synthesizes every stage offline. Context `stage` picks one stage (default: all three). Either way
a template over infra_cdk.template_limits.RESOURCE_LIMIT is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aws_cdk import App

import infra_cdk  # noqa: F401  (quiet jsii before aws_cdk starts it)
from infra_cdk.nag import apply_nag
from infra_cdk.stack import InterviewStack
from infra_cdk.stages import STAGE_NAMES, load_stage
from infra_cdk.template_limits import check_templates

CDK_JSON = Path(__file__).with_name("cdk.json")


def cdk_json_context() -> dict[str, Any]:
    """The feature flags of cdk.json: the CLI passes them to the app; so must an offline synth."""
    return json.loads(CDK_JSON.read_text())["context"]


def selected_stages(app: App) -> list[str]:
    chosen = app.node.try_get_context("stage")
    if not chosen:
        return list(STAGE_NAMES)
    return [name.strip() for name in str(chosen).split(",") if name.strip()]


def add_stacks(
    app: App,
    stages: list[str],
    *,
    deps_layer_dir: Path | None = None,
    embeddings_layer_dir: Path | None = None,
    nag: bool = True,
) -> dict[str, InterviewStack]:
    deps_layer_dir = deps_layer_dir or _context_path(app, "deps_layer_dir")
    embeddings_layer_dir = embeddings_layer_dir or _context_path(app, "embeddings_layer_dir")
    stacks = {
        name: InterviewStack(
            app,
            stage=load_stage(name, app.node.try_get_context),  # type: ignore[arg-type]
            deps_layer_dir=deps_layer_dir,
            embeddings_layer_dir=embeddings_layer_dir,
        )
        for name in stages
    }
    if nag and str(app.node.try_get_context("nag") or "true").lower() != "false":
        apply_nag(app, list(stacks.values()))
    return stacks


def build_app(
    stages: list[str] | None = None,
    *,
    outdir: str | None = None,
    context: dict[str, Any] | None = None,
    deps_layer_dir: Path | None = None,
    embeddings_layer_dir: Path | None = None,
    nag: bool = True,
) -> tuple[App, dict[str, InterviewStack]]:
    """An app outside the CDK CLI (tests, synth.py), with cdk.json's feature flags."""
    app = App(outdir=outdir, context={**cdk_json_context(), **(context or {})})
    return app, add_stacks(
        app,
        stages or selected_stages(app),
        deps_layer_dir=deps_layer_dir,
        embeddings_layer_dir=embeddings_layer_dir,
        nag=nag,
    )


def _context_path(app: App, key: str) -> Path | None:
    value = app.node.try_get_context(key)
    return Path(value) if value else None


def main() -> None:
    app = App()
    stacks = add_stacks(app, selected_stages(app))
    app.synth()
    check_templates(list(stacks.values()), Path(app.outdir))


if __name__ == "__main__":
    main()
