"""What the cloud gets of the local platform's AI: question embeddings computed by the two
functions with the embeddings layer (migrate on deploy, the embed worker for what is written
since), and Comprehend sentiment on the AWS stages."""

from __future__ import annotations

import pytest
from interview_core.function_catalog import QUEUE_FUNCTIONS

from infra_cdk.constants import COMPREHEND_JOB_KINDS, EMBEDDING_FUNCTIONS
from infra_cdk.migrations import MIGRATE_MEMORY_MB, MIGRATE_TIMEOUT_S
from infra_cdk.stages import load_stage
from tests.infra.conftest import SynthesizedStage, render

SENTIMENT_SCORERS = {f.name for f in QUEUE_FUNCTIONS if f.job_kind in COMPREHEND_JOB_KINDS}


def _props(stage: SynthesizedStage, function) -> dict:
    return stage.resources[stage.logical_id(function.function)]["Properties"]


def _env(stage: SynthesizedStage, function) -> dict:
    return _props(stage, function)["Environment"]["Variables"]


def _layer_refs(stage: SynthesizedStage, function) -> set[str]:
    # (The CDK orders them its own way; no file is in two layers, so order does not matter.)
    return {render(layer) for layer in _props(stage, function)["Layers"]}


def test_sentiment_scorers_are_the_sentiment_and_report_workers():
    assert SENTIMENT_SCORERS == {"sentiment_worker", "report_worker"}


def test_only_the_embedding_functions_get_the_embeddings_layer(stage: SynthesizedStage):
    layers = stage.stack.layers

    def ref(layer) -> str:
        return f"${{Ref:{stage.logical_id(layer)}}}"

    shared = {ref(layers.deps), ref(layers.core)}
    assert EMBEDDING_FUNCTIONS == ("migrate", "embed_worker", "question_draft_worker")
    for name, function in stage.stack.functions.items():
        if name in EMBEDDING_FUNCTIONS and layers.embeddings is not None:
            assert _layer_refs(stage, function) == shared | {ref(layers.embeddings)}
        else:
            assert _layer_refs(stage, function) == shared, name
    # (the frontend deployment's AWS CLI layer is the CDK's own)
    ours = {k for k in stage.of_type("AWS::Lambda::LayerVersion") if k.startswith("Layers")}
    if stage.stack.migrations is None:  # local: `interview db migrate` embeds its database
        assert "embed_worker" in stage.stack.functions  # there with QUESTION_EMBEDDINGS=off
        assert layers.embeddings is None
        assert ours == {stage.logical_id(layers.deps), stage.logical_id(layers.core)}
    else:
        assert len(ours) == 3
        layer_versions = stage.of_type("AWS::Lambda::LayerVersion")
        embeddings = layer_versions[stage.logical_id(layers.embeddings)]["Properties"]
        assert embeddings["CompatibleRuntimes"] == ["python3.12"]
        assert embeddings["CompatibleArchitectures"] == ["x86_64"]


def test_only_the_embedding_functions_load_a_model_the_others_compare_stored_vectors(
    stage: SynthesizedStage,
):
    with_model = EMBEDDING_FUNCTIONS if stage.stack.layers.embeddings is not None else ()
    for name, function in stage.stack.functions.items():
        expected = "e5" if name in with_model else "off"
        assert _env(stage, function)["QUESTION_EMBEDDINGS"] == expected, (stage.name, name)


def test_the_embed_worker_has_memory_and_time_for_the_model(aws_stage: SynthesizedStage):
    props = _props(aws_stage, aws_stage.stack.functions["embed_worker"])
    assert props["MemorySize"] >= 1024 and props["Timeout"] >= 60


def test_migrate_has_memory_and_time_to_embed_the_bank(aws_stage: SynthesizedStage):
    props = _props(aws_stage, aws_stage.stack.migrations.function)
    assert props["MemorySize"] == MIGRATE_MEMORY_MB >= 1024
    assert props["Timeout"] == MIGRATE_TIMEOUT_S >= 120
    ((_, trigger),) = aws_stage.of_type("Custom::Trigger").items()
    assert int(trigger["Properties"]["Timeout"]) > MIGRATE_TIMEOUT_S * 1000  # milliseconds


def test_sentiment_workers_use_comprehend_on_aws_stages_only(stage: SynthesizedStage):
    for name, function in stage.stack.functions.items():
        provider = _env(stage, function).get("SENTIMENT_PROVIDER")
        if stage.name in ("dev", "prod") and name in SENTIMENT_SCORERS:
            assert provider == "comprehend", name
        else:
            # local (LocalStack has no Comprehend) and every other function: the core's default,
            # the offline analyser
            assert provider is None, (stage.name, name)


def test_stage_sentiment_provider_defaults_and_overrides():
    no_context: dict[str, str] = {}
    assert load_stage("local", no_context.get).sentiment_provider == "offline"
    assert load_stage("dev", no_context.get).sentiment_provider == "comprehend"
    assert load_stage("prod", no_context.get).sentiment_provider == "comprehend"
    offline = {"sentiment_provider": "Offline"}
    assert load_stage("dev", offline.get).sentiment_provider == "offline"
    with pytest.raises(ValueError, match="LocalStack has no Comprehend"):
        load_stage("local", {"sentiment_provider": "comprehend"}.get)
    with pytest.raises(ValueError, match="sentiment_provider must be one of"):
        load_stage("prod", {"sentiment_provider": "huggingface"}.get)
