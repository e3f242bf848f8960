"""diffusers pipelines run locally: a tiny Stable Diffusion pipeline with random weights, built here,
on CPU torch, offline (no download)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import pytest

from otel_aiaudit.errors import PolicyViolation
from otel_aiaudit.policy.config import PolicyConfig
from tests.attrs import pop_audit_defaults, pop_generation_request

ENFORCE = {"mode": "enforce", "pii": {"action": "redact"}, "content_filter": {"action": "block"}}
IMG2IMG = "diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion_img2img"


@pytest.fixture(scope="session")
def sd_components() -> dict[str, Any]:
    """The parts of a tiny random Stable Diffusion pipeline (imports torch + diffusers once: ~4 s)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    import torch
    from diffusers import AutoencoderKL, DDIMScheduler, UNet2DConditionModel
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

    torch.manual_seed(0)
    torch.set_num_threads(1)
    chars = sorted(ByteLevel.alphabet())
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1, **{c: i + 2 for i, c in enumerate(chars)},
             **{c + "</w>": i + 2 + len(chars) for i, c in enumerate(chars)}}
    tokenizer = CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)
    unet = UNet2DConditionModel(
        block_out_channels=(32, 64), layers_per_block=1, sample_size=16, in_channels=4, out_channels=4,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"), up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
        cross_attention_dim=32, norm_num_groups=32)
    vae = AutoencoderKL(block_out_channels=[32, 64], in_channels=3, out_channels=3, latent_channels=4,
                        norm_num_groups=32, down_block_types=["DownEncoderBlock2D"] * 2,
                        up_block_types=["UpDecoderBlock2D"] * 2)
    text_encoder = CLIPTextModel(CLIPTextConfig(
        bos_token_id=0, eos_token_id=1, pad_token_id=1, hidden_size=32, intermediate_size=37,
        num_attention_heads=4, num_hidden_layers=2, vocab_size=len(tokenizer), max_position_embeddings=77))
    scheduler = DDIMScheduler(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", clip_sample=False,
                              set_alpha_to_one=False, steps_offset=1)
    return {"vae": vae, "text_encoder": text_encoder, "tokenizer": tokenizer, "unet": unet, "scheduler": scheduler,
            "safety_checker": None, "feature_extractor": None, "requires_safety_checker": False}


@pytest.fixture(scope="session")
def sd_pipe(sd_components: dict[str, Any]) -> Any:
    from diffusers import StableDiffusionPipeline

    pipe = StableDiffusionPipeline(**sd_components)
    pipe.set_progress_bar_config(disable=True)
    return pipe


def _gen(seed: int = 0) -> Any:
    import torch

    return torch.Generator().manual_seed(seed)


def _run(pipe: Any, *args: Any, **kwargs: Any) -> Any:
    kwargs = {"num_inference_steps": 2, "height": 32, "width": 32, "generator": _gen(), **kwargs}
    return pipe(*args, **kwargs)


def test_pipeline_span_pops_every_attribute(instrument, telemetry, sd_pipe, monkeypatch) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_GPU_HOUR_USD", "3.60")  # $0.001 per second
    instrument()
    out = _run(sd_pipe, "a lighthouse at dusk", num_images_per_prompt=2, generator=_gen(7))
    assert len(out.images) == 2 and out.images[0].size == (32, 32)

    (span,) = telemetry.finished_spans()
    assert span.name == "generate_content StableDiffusionPipeline"
    assert span.kind.name == "INTERNAL"
    attrs = dict(span.attributes)
    pop_generation_request(attrs, provider="diffusers", model="StableDiffusionPipeline")
    pop_audit_defaults(attrs)
    assert attrs.pop("gen_ai.request.choice.count") == 2
    assert attrs.pop("gen_ai.request.seed") == 7
    assert attrs.pop("aiaudit.request.size") == "32x32"
    assert attrs.pop("aiaudit.prompt.hash").startswith("sha256:")
    assert attrs.pop("aiaudit.prompt.length") == len("a lighthouse at dusk")
    duration = (span.end_time - span.start_time) / 1e9
    cost = attrs.pop("aiaudit.cost.usd")
    assert 0 < cost <= duration * 0.001 + 1e-6  # wall time of the call x $3.60 per GPU hour
    assert attrs.pop("aiaudit.cost.source") == "price_table"
    assert attrs.pop("aiaudit.response.image_count") == 2
    hashes = attrs.pop("aiaudit.image.hashes")
    assert len(hashes) == 2 and all(h.startswith("sha256:") for h in hashes)
    assert attrs == {}, f"unexpected attributes left: {attrs}"

    # The hash is of the PNG encoding of each returned PIL image.
    import io

    from otel_aiaudit.hashing import Hasher

    buf = io.BytesIO()
    out.images[0].save(buf, format="PNG")
    assert hashes[0] == Hasher(None).digest(buf.getvalue())
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["parameters"]["num_inference_steps"] == 2
    assert log_rec.body["parameters"]["gpu_hour_usd"] == 3.60
    assert log_rec.body["parameters"]["device"] == "cpu"
    (image_rec,) = telemetry.records("image")
    assert image_rec.body["images"][0]["mime_type"] == "image/png" and image_rec.body["images"][0]["width"] == 32
    assert telemetry.metric_sum("aiaudit.images", **{"gen_ai.provider.name": "diffusers"}) == 2
    assert telemetry.metric_sum("aiaudit.cost", **{"gen_ai.provider.name": "diffusers"}) == pytest.approx(cost)


def test_unpriced_without_gpu_rate_and_np_output(instrument_no_content, telemetry, sd_pipe) -> None:
    out = _run(sd_pipe, prompt=["a cat", "a dog"], output_type="np")
    assert out.images.shape == (2, 32, 32, 3)
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.cost.source"] == "unpriced"
    assert "aiaudit.cost.usd" not in span.attributes
    assert span.attributes["gen_ai.request.choice.count"] == 2
    assert span.attributes["aiaudit.prompt.length"] == len("a cat\na dog")
    from otel_aiaudit.hashing import Hasher

    assert list(span.attributes["aiaudit.image.hashes"]) == [Hasher(None).digest(a.tobytes()) for a in out.images]


def test_prompt_embeds_only_has_no_prompt_text(instrument_no_content, telemetry, sd_pipe) -> None:
    embeds, negative = sd_pipe.encode_prompt("a hidden prompt", "cpu", 1, True)
    _run(sd_pipe, prompt_embeds=embeds, negative_prompt_embeds=negative, return_dict=False)
    (span,) = telemetry.finished_spans()
    assert "aiaudit.prompt.hash" not in span.attributes and "aiaudit.prompt.length" not in span.attributes
    assert span.attributes["aiaudit.response.image_count"] == 1  # read from the (images, nsfw) tuple
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["parameters"]["prompt_source"] == "prompt_embeds"


def test_name_or_path_is_the_model(instrument_no_content, telemetry, sd_pipe, tmp_path) -> None:
    from diffusers import StableDiffusionPipeline

    sd_pipe.save_pretrained(tmp_path / "tiny-sd")
    loaded = StableDiffusionPipeline.from_pretrained(tmp_path / "tiny-sd")
    loaded.set_progress_bar_config(disable=True)
    _run(loaded, "from disk")
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.request.model"] == str(tmp_path / "tiny-sd")


def test_policy_block_never_runs_the_pipeline(instrument, telemetry, sd_pipe) -> None:
    instrument(policy=PolicyConfig.model_validate(ENFORCE))
    calls: list[int] = []
    hook = sd_pipe.unet.register_forward_pre_hook(lambda module, args: calls.append(1))
    try:
        with pytest.raises(PolicyViolation):
            _run(sd_pipe, "a bloody massacre with gore")
    finally:
        hook.remove()
    assert calls == []  # the unet never ran
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "blocked"


@pytest.mark.parametrize("positional", [True, False])
def test_redaction_rewrites_the_prompt_the_pipeline_gets(instrument, telemetry, sd_pipe, positional) -> None:
    instrument(policy=PolicyConfig.model_validate(ENFORCE))
    seen: list[str] = []
    original_encode = sd_pipe.encode_prompt

    def spy(prompt: Any, *args: Any, **kwargs: Any) -> Any:  # what the pipeline itself was given
        seen.append(prompt)
        return original_encode(prompt, *args, **kwargs)

    sd_pipe.encode_prompt = spy
    try:
        prompt = "a cat, mail jane.doe@example.com"
        _run(sd_pipe, prompt) if positional else _run(sd_pipe, prompt=[prompt, "a dog"])
    finally:
        del sd_pipe.encode_prompt
    assert seen == (["a cat, mail [EMAIL]"] if positional else [["a cat, mail [EMAIL]", "a dog"]])
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.policy.decision"] == "modify"


def test_import_hook_patches_pipelines_loaded_later(instrument_no_content, telemetry, sd_components) -> None:
    old = sys.modules.pop(IMG2IMG, None)
    try:
        module = importlib.import_module(IMG2IMG)  # executed now, after instrument: the hook patches it
        cls = module.StableDiffusionImg2ImgPipeline
        assert type(cls.__dict__["__call__"]).__name__ == "FunctionWrapper"
        pipe = cls(**sd_components)
        pipe.set_progress_bar_config(disable=True)
        import torch

        image = torch.zeros(1, 3, 32, 32)
        pipe("make it blue", image=image, num_inference_steps=2, strength=0.5, generator=_gen())
    finally:
        if old is not None:
            sys.modules[IMG2IMG] = old
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.request.model"] == "StableDiffusionImg2ImgPipeline"
    assert span.attributes["aiaudit.image.operation"] == "edit"


def test_uninstrument_restores_every_call_and_removes_the_hook(telemetry, sd_pipe) -> None:
    from diffusers import FluxPipeline, StableDiffusion3Pipeline, StableDiffusionPipeline, StableDiffusionXLPipeline

    from otel_aiaudit.instrumentor import AIAuditInstrumentor
    from otel_aiaudit.providers.diffusers import HOOK

    classes = [StableDiffusionPipeline, StableDiffusionXLPipeline, StableDiffusion3Pipeline, FluxPipeline]
    originals = [cls.__dict__["__call__"] for cls in classes]
    inst = AIAuditInstrumentor()
    inst.instrument(tracer_provider=telemetry.tracer_provider)
    assert {f"diffusers.{c.__name__}.__call__" for c in classes} <= set(inst.patched)
    assert HOOK.finder in sys.meta_path
    inst.uninstrument()
    assert [cls.__dict__["__call__"] for cls in classes] == originals
    assert HOOK.finder not in sys.meta_path
    _run(sd_pipe, "after")
    assert telemetry.finished_spans() == []


def test_instrument_does_not_import_diffusers() -> None:
    code = textwrap.dedent("""
        import sys
        from otel_aiaudit.instrumentor import AIAuditInstrumentor
        inst = AIAuditInstrumentor()
        inst.instrument()
        assert "diffusers (import hook)" in inst.patched, inst.patched
        heavy = [m for m in ("diffusers", "torch", "transformers") if m in sys.modules]
        assert not heavy, heavy
        print("ok")
    """)
    env = {**os.environ, "OTEL_AIAUDIT_STORE": "memory://", "OTEL_AIAUDIT_LEDGER": "off"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    yield


def test_c2pa_signed_png_travels_with_each_pil_image(instrument, telemetry, sd_pipe, monkeypatch, tmp_path) -> None:
    """PIL images cannot hold a manifest: the signed PNG rides in image.info and reads back with c2pa."""
    from otel_aiaudit.provenance.certs import make_dev_certificates
    from otel_aiaudit.provenance.verify import verify_bytes

    certs = make_dev_certificates(tmp_path / "certs")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA", "on")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_CERT", str(certs.chain))
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_KEY", str(certs.key))
    instrument()
    out = sd_pipe("a lighthouse", num_inference_steps=2, height=32, width=32)
    (image,) = out.images
    signed = image.info["c2pa_png"]
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.provenance"] == "c2pa"
    # The image record hashes the signed bytes, so a saved file matches its audit record.
    (record,) = telemetry.records("image")
    assert record.body["images"][0]["hash"] == span.attributes["aiaudit.image.hashes"][0]
    result = verify_bytes(signed, "image/png", trust_pem=certs.root.read_text())
    assert result.state == "trusted", (result.failures, result.error, result.mime_type)
    assert result.assertion is not None
    assert result.assertion["generation_id"] == span.attributes["aiaudit.generation.id"]
    assert result.assertion["model"] == span.attributes["gen_ai.request.model"]
