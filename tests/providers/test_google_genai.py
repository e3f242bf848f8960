"""google-genai through the real client over a real socket (loopback Gemini API / Vertex AI server)."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterator
from typing import Any

import google.oauth2.credentials as google_credentials
import pytest
from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from otel_aiaudit.errors import ContentBlocked
from otel_aiaudit.loopback.images import solid_png
from otel_aiaudit.loopback.server import LoopbackServer, Reply
from otel_aiaudit.provenance.certs import make_dev_certificates
from otel_aiaudit.provenance.verify import verify_bytes
from tests.attrs import pop_audit_defaults, pop_generation_request
from tests.providers.shared import VIOLENT, enforce, usd
from tests.servers import serving
from tests.servers.google_server import TEXT_OUT_TOKENS, start_google_server

pytestmark = pytest.mark.filterwarnings("ignore::google.genai._common.ExperimentalWarning")

IMAGE_CONFIG = types.GenerateContentConfig(response_modalities=["TEXT", "IMAGE"])


@pytest.fixture(scope="module")
def google_server() -> Iterator[LoopbackServer]:
    yield from serving(start_google_server)


@pytest.fixture
def gsrv(google_server: LoopbackServer) -> LoopbackServer:
    google_server.reset()
    return google_server


@pytest.fixture
def gemini(gsrv: LoopbackServer) -> genai.Client:
    return genai.Client(api_key="gemini-secret", http_options={"base_url": gsrv.url})


@pytest.fixture
def vertex(gsrv: LoopbackServer) -> genai.Client:
    return genai.Client(
        vertexai=True,
        project="p",
        location="us-central1",
        credentials=google_credentials.Credentials(token="vertex-token"),
        http_options=types.HttpOptions(base_url=gsrv.url, api_version="v1"),
    )


def _pop_common(attrs: dict[str, Any], *, provider: str, model: str, operation: str = "generate") -> None:
    pop_generation_request(attrs, provider=provider, model=model, operation=operation)
    assert attrs.pop("server.address") == "127.0.0.1"
    assert isinstance(attrs.pop("server.port"), int)
    pop_audit_defaults(attrs, status=None)


# ---------------------------------------------------------------------------- Gemini image output
def test_generate_content_span_pops_every_attribute(instrument_no_content, telemetry, gemini, gsrv) -> None:
    prompt = "a lighthouse at dusk"
    config = types.GenerateContentConfig(
        response_modalities=["TEXT", "IMAGE"], seed=7, image_config=types.ImageConfig(aspect_ratio="16:9")
    )
    response = gemini.models.generate_content(model="gemini-2.5-flash-image", contents=prompt, config=config)
    assert len([p for p in response.parts if p.inline_data]) == 1

    (span,) = telemetry.finished_spans()
    assert span.name == "generate_content gemini-2.5-flash-image"
    assert span.kind.name == "CLIENT"
    attrs = dict(span.attributes)
    _pop_common(attrs, provider="gcp.gemini", model="gemini-2.5-flash-image")
    assert attrs.pop("gen_ai.request.seed") == 7
    assert attrs.pop("aiaudit.request.aspect_ratio") == "16:9"
    assert attrs.pop("aiaudit.prompt.hash").startswith("sha256:")
    assert attrs.pop("aiaudit.prompt.length") == len(prompt)
    assert attrs.pop("aiaudit.status") == "success"
    assert attrs.pop("gen_ai.response.model") == "gemini-2.5-flash-image-001"
    assert attrs.pop("gen_ai.response.id") == "resp-gemini-1"
    text_in = math.ceil(len(prompt) / 4)
    assert attrs.pop("gen_ai.usage.input_tokens") == text_in
    assert attrs.pop("gen_ai.usage.output_tokens") == 1290 + TEXT_OUT_TOKENS
    # Per modality, as the server's usage metadata splits them.
    assert attrs.pop("gen_ai.usage.text.input_tokens") == text_in
    assert attrs.pop("gen_ai.usage.image.input_tokens") == 0
    assert attrs.pop("gen_ai.usage.text.output_tokens") == TEXT_OUT_TOKENS
    assert attrs.pop("gen_ai.usage.image.output_tokens") == 1290
    assert attrs.pop("aiaudit.cost.source") == "price_table"
    # Tokens: prompt at $0.30/1M, 1,290 image tokens at $30/1M, 12 text tokens at $2.50/1M.
    assert attrs.pop("aiaudit.cost.usd") == usd((text_in * 0.30 + 1290 * 30.0 + TEXT_OUT_TOKENS * 2.5) / 1e6)
    # Before the call: one 1K image at $0.039 plus the prompt's text tokens.
    assert attrs.pop("aiaudit.cost.estimated_usd") == usd(0.039 + text_in * 0.30 / 1e6)
    assert attrs.pop("aiaudit.response.image_count") == 1
    (image_hash,) = attrs.pop("aiaudit.image.hashes")
    assert image_hash.startswith("sha256:")
    assert attrs == {}, f"unexpected attributes left: {attrs}"

    (req,) = gsrv.routes("/v1/models/gemini-2.5-flash-image:generateContent")
    body = req.json()
    assert body["contents"][0]["parts"] == [{"text": prompt}]
    assert req.headers["x-goog-api-key"] == "gemini-secret"

    # Records and metrics.
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["provider"] == "gcp.gemini" and log_rec.body["status"] == "success"
    assert log_rec.body["parameters"]["response_modalities"] == "TEXT,IMAGE"
    assert log_rec.body["parameters"]["finish_reasons"] == "STOP"
    (image_rec,) = telemetry.records("image")
    (img,) = image_rec.body["images"]
    assert img["mime_type"] == "image/png" and img["width"] == 8 and img["hash"] == image_hash
    assert telemetry.records("prompt")[0].body["prompt_hash"].startswith("sha256:")
    assert telemetry.metric_sum("aiaudit.images", **{"gen_ai.provider.name": "gcp.gemini"}) == 1
    assert telemetry.metric_sum("aiaudit.cost") == usd(span.attributes["aiaudit.cost.usd"])
    kinds = {p.attributes["gen_ai.token.type"]: p.sum for p in telemetry.metric_points("gen_ai.client.token.usage")}
    assert kinds == {"input": text_in, "output": 1290 + TEXT_OUT_TOKENS}


def test_text_only_calls_pass_through_untouched(instrument_no_content, telemetry, gemini, gsrv) -> None:
    gemini.models.generate_content(model="gemini-2.5-flash", contents="name a flower shop")
    gemini.models.generate_content(
        model="gemini-2.5-flash-image", contents="just describe it", config={"response_modalities": ["TEXT"]}
    )
    assert telemetry.finished_spans() == [] and telemetry.records() == []
    assert len(gsrv.requests) == 2


def test_model_id_implies_image_and_multi_candidate_cost(instrument_no_content, telemetry, gemini) -> None:
    # No modalities given: an "-image" model id is an image call. 3 Pro Image 2K = 1,120 tokens per image.
    config = {"candidate_count": 2, "image_config": {"image_size": "2K"}}
    gemini.models.generate_content(model="models/gemini-3-pro-image-preview", contents="two cats", config=config)
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.request.model"] == "gemini-3-pro-image-preview"
    assert span.attributes["gen_ai.request.choice.count"] == 2
    assert span.attributes["aiaudit.request.size"] == "2K"
    assert span.attributes["aiaudit.response.image_count"] == 2
    text_in = math.ceil(len("two cats") / 4)
    expected = (text_in * 2.0 + 2 * 1120 * 120.0 + 2 * TEXT_OUT_TOKENS * 12.0) / 1e6
    assert span.attributes["aiaudit.cost.usd"] == usd(expected)
    assert span.attributes["aiaudit.cost.estimated_usd"] == usd(2 * 0.134 + text_in * 2.0 / 1e6)


def test_edit_with_input_image_counts_image_tokens(instrument_no_content, telemetry, gemini, gsrv) -> None:
    photo = types.Part.from_bytes(data=solid_png(4, 4), mime_type="image/png")
    gemini.models.generate_content(
        model="gemini-3.1-flash-image-preview", contents=[photo, "add a red hat"], config=IMAGE_CONFIG
    )
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.image.operation"] == "edit"
    text_in = math.ceil(len("add a red hat") / 4)
    assert span.attributes["gen_ai.usage.input_tokens"] == text_in + 258
    expected = ((text_in + 258) * 0.50 + 1120 * 60.0 + TEXT_OUT_TOKENS * 3.0) / 1e6
    assert span.attributes["aiaudit.cost.usd"] == usd(expected)
    (req,) = gsrv.requests
    parts = req.json()["contents"][0]["parts"]
    assert parts[1] == {"text": "add a red hat"} and "inlineData" in parts[0] or "inline_data" in parts[0]


async def test_vertex_async_generate_content(instrument_no_content, telemetry, vertex, gsrv) -> None:
    await vertex.aio.models.generate_content(model="gemini-2.5-flash-image", contents="async fox", config=IMAGE_CONFIG)
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.provider.name"] == "gcp.vertex_ai"
    assert span.attributes["aiaudit.status"] == "success"
    assert span.attributes["aiaudit.response.image_count"] == 1
    assert span.attributes["aiaudit.cost.source"] == "price_table"
    (req,) = gsrv.requests
    assert (
        req.route
        == "/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-flash-image:generateContent"
    )
    assert req.headers["authorization"] == "Bearer vertex-token"


def test_chat_send_message_is_audited_once_with_the_new_turn(instrument_no_content, telemetry, gemini) -> None:
    chat = gemini.chats.create(model="gemini-2.5-flash-image", config=IMAGE_CONFIG)
    chat.send_message("first picture")
    chat.send_message("second picture")
    spans = telemetry.finished_spans()
    assert len(spans) == 2
    # The prompt is the user's current turn, not the whole history.
    assert [s.attributes["aiaudit.prompt.length"] for s in spans] == [len("first picture"), len("second picture")]


# ---------------------------------------------------------------------------- streaming
def test_stream_sync(instrument_no_content, telemetry, gemini, gsrv) -> None:
    chunks = list(gemini.models.generate_content_stream(model="gemini-2.5-flash-image", contents="stream a cat"))
    assert len(chunks) == 3
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "success"
    assert span.attributes["aiaudit.response.image_count"] == 1
    assert span.attributes["gen_ai.usage.output_tokens"] == 1290 + TEXT_OUT_TOKENS
    assert span.attributes["gen_ai.response.id"] == "resp-stream-1"
    assert gsrv.requests[0].path.endswith(":streamGenerateContent?alt=sse")


async def test_stream_async(instrument_no_content, telemetry, vertex) -> None:
    stream = await vertex.aio.models.generate_content_stream(
        model="gemini-3-pro-image-preview", contents="stream a dog", config=IMAGE_CONFIG
    )
    chunks = [chunk async for chunk in stream]
    assert len(chunks) == 3
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.provider.name"] == "gcp.vertex_ai"
    assert span.attributes["aiaudit.response.image_count"] == 1
    assert span.attributes["aiaudit.cost.usd"] > 0


def test_stream_closed_early_charges_the_estimate(instrument_no_content, telemetry, gemini) -> None:
    stream = gemini.models.generate_content_stream(model="gemini-2.5-flash-image", contents="x", config=IMAGE_CONFIG)
    next(stream)
    stream.close()
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "error"
    assert span.attributes["error.type"] == "stream_incomplete"
    assert span.attributes["aiaudit.cost.usd"] == span.attributes["aiaudit.cost.estimated_usd"]


# ---------------------------------------------------------------------------- Imagen (Vertex)
def test_generate_images_span_pops_every_attribute(instrument_with_content, telemetry, vertex, gsrv) -> None:
    config = types.GenerateImagesConfig(
        number_of_images=2, aspect_ratio="1:1", negative_prompt="blur", enhance_prompt=True, guidance_scale=5.0
    )
    response = vertex.models.generate_images(model="imagen-4.0-generate-001", prompt="a red fox", config=config)
    assert len(response.generated_images) == 2

    (span,) = telemetry.finished_spans()
    attrs = dict(span.attributes)
    _pop_common(attrs, provider="gcp.vertex_ai", model="imagen-4.0-generate-001")
    assert attrs.pop("gen_ai.request.choice.count") == 2
    assert attrs.pop("aiaudit.request.aspect_ratio") == "1:1"
    assert attrs.pop("aiaudit.prompt") == "a red fox"
    assert attrs.pop("aiaudit.prompt.hash").startswith("sha256:")
    assert attrs.pop("aiaudit.prompt.length") == len("a red fox")
    assert attrs.pop("aiaudit.status") == "success"
    assert attrs.pop("aiaudit.response.revised_prompt") == "An enhanced rendering of: a red fox"
    assert attrs.pop("aiaudit.cost.source") == "price_table"
    assert attrs.pop("aiaudit.cost.usd") == usd(2 * 0.04)
    assert attrs.pop("aiaudit.cost.estimated_usd") == usd(2 * 0.04)
    assert attrs.pop("aiaudit.response.image_count") == 2
    assert len(attrs.pop("aiaudit.image.hashes")) == 2
    assert attrs == {}, f"unexpected attributes left: {attrs}"

    (req,) = gsrv.requests
    assert req.route.endswith("/publishers/google/models/imagen-4.0-generate-001:predict")
    body = req.json()
    assert body["instances"] == [{"prompt": "a red fox"}]
    assert body["parameters"]["sampleCount"] == 2 and body["parameters"]["negativePrompt"] == "blur"
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["parameters"]["guidance_scale"] == 5.0
    assert log_rec.body["parameters"]["enhance_prompt"] is True


async def test_edit_and_upscale_async(instrument_no_content, telemetry, vertex, gsrv) -> None:
    source = types.Image(image_bytes=solid_png(8, 8), mime_type="image/png")
    reference = types.RawReferenceImage(reference_id=1, reference_image=source)
    await vertex.aio.models.edit_image(
        model="imagen-3.0-capability-001",
        prompt="make it night",
        reference_images=[reference],
        config=types.EditImageConfig(edit_mode="EDIT_MODE_DEFAULT", number_of_images=1),
    )
    upscaled = await vertex.aio.models.upscale_image(
        model="imagen-4.0-upscale-preview", image=source, upscale_factor="x2"
    )
    assert upscaled.generated_images[0].image.image_bytes
    edit, upscale = telemetry.finished_spans()
    assert edit.attributes["aiaudit.image.operation"] == "edit"
    assert edit.attributes["aiaudit.cost.usd"] == usd(0.04)
    assert upscale.attributes["aiaudit.image.operation"] == "upscale"
    assert "aiaudit.prompt.hash" not in upscale.attributes  # an upscale has no prompt
    # No public price for the upscaler: explicit, never 0.
    assert upscale.attributes["aiaudit.cost.source"] == "unpriced"
    assert "aiaudit.cost.usd" not in upscale.attributes
    (image_rec,) = [
        r for r in telemetry.records("image") if r.body["generation_id"] == upscale.attributes["aiaudit.generation.id"]
    ]
    assert image_rec.body["images"][0]["width"] == 16
    params = [r.body["parameters"] for r in telemetry.records("log")]
    assert params[0]["edit_mode"] == "EDIT_MODE_DEFAULT" and params[0]["reference_images"] == 1
    assert params[1]["upscale_factor"] == "x2"
    assert gsrv.requests[1].json()["parameters"]["upscaleConfig"] == {"upscaleFactor": "x2"}


def test_imagen_in_gemini_api_mode_is_an_error_without_a_request(
    instrument_no_content, telemetry, gemini, gsrv
) -> None:
    with pytest.raises(ValueError):
        gemini.models.generate_images(model="imagen-4.0-generate-001", prompt="x")
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "error" and span.attributes["error.type"] == "ValueError"
    assert span.attributes["aiaudit.cost.usd"] == 0.0
    assert gsrv.requests == []


def test_api_error_is_recorded(instrument_no_content, telemetry, gemini, gsrv) -> None:
    gsrv.override = lambda rec: Reply.of_json(
        {"error": {"code": 400, "message": "bad", "status": "INVALID_ARGUMENT"}}, 400
    )
    with pytest.raises(genai_errors.ClientError):
        gemini.models.generate_content(model="gemini-2.5-flash-image", contents="x", config=IMAGE_CONFIG)
    (span,) = telemetry.finished_spans()
    assert span.attributes["error.type"] == "ClientError"
    assert span.attributes["aiaudit.status"] == "error" and span.attributes["aiaudit.cost.usd"] == 0.0


# ---------------------------------------------------------------------------- policy
def test_blocked_prompt_sends_nothing_sync_and_async(instrument, telemetry, gemini, vertex, gsrv) -> None:
    enforce(instrument)
    with pytest.raises(ContentBlocked):
        gemini.models.generate_content(model="gemini-2.5-flash-image", contents=VIOLENT, config=IMAGE_CONFIG)
    with pytest.raises(ContentBlocked):
        vertex.models.generate_images(model="imagen-4.0-generate-001", prompt=VIOLENT)
    with pytest.raises(ContentBlocked):
        asyncio.run(vertex.aio.models.generate_content(model="gemini-2.5-flash-image", contents=[VIOLENT]))
    with pytest.raises(ContentBlocked):
        gemini.models.generate_content_stream(model="gemini-2.5-flash-image", contents=VIOLENT)
    assert gsrv.requests == []
    spans = telemetry.finished_spans()
    assert [s.attributes["aiaudit.status"] for s in spans] == ["blocked"] * 4
    assert all(s.attributes["aiaudit.policy.flags"] == ("content:violence",) for s in spans)
    assert telemetry.metric_sum("aiaudit.requests", **{"aiaudit.status": "blocked"}) == 4


def test_redaction_rewrites_what_is_sent(instrument, telemetry, gemini, vertex, gsrv) -> None:
    enforce(instrument)
    # A history: only the last user turn is the prompt; two text parts around an image part.
    photo = types.Part.from_bytes(data=solid_png(4, 4), mime_type="image/png")
    contents = [
        types.Content(role="user", parts=[types.Part.from_text(text="earlier turn")]),
        types.Content(role="model", parts=[types.Part.from_text(text="ok")]),
        types.Content(
            role="user",
            parts=[
                types.Part.from_text(text="mail jane.doe@example.com"),
                photo,
                types.Part.from_text(text="as a poster"),
            ],
        ),
    ]
    gemini.models.generate_content(model="gemini-2.5-flash-image", contents=contents, config=IMAGE_CONFIG)
    vertex.models.generate_images(model="imagen-4.0-fast-generate-001", prompt="badge for bob@example.org")
    asyncio.run(vertex.aio.models.generate_content(model="gemini-2.5-flash-image", contents="to jane.doe@example.com"))

    gemini_req, imagen_req, async_req = gsrv.requests
    sent = gemini_req.json()["contents"]
    assert sent[0]["parts"] == [{"text": "earlier turn"}]
    assert sent[2]["parts"][0] == {"text": "mail [EMAIL]"}
    assert sent[2]["parts"][2] == {"text": "as a poster"}
    assert imagen_req.json()["instances"][0]["prompt"] == "badge for [EMAIL]"
    assert async_req.json()["contents"][0]["parts"] == [{"text": "to [EMAIL]"}]
    assert b"example.com" not in gemini_req.body + async_req.body and b"example.org" not in imagen_req.body
    # The user's own objects are untouched.
    assert contents[2].parts[0].text == "mail jane.doe@example.com"
    spans = telemetry.finished_spans()
    assert [s.attributes["aiaudit.policy.decision"] for s in spans] == ["modify"] * 3
    assert spans[0].attributes["aiaudit.prompt.sent_length"] == len("mail [EMAIL]\nas a poster")


# ---------------------------------------------------------------------------- provenance, uninstrument
def test_c2pa_signs_inline_parts_and_imagen_bytes(instrument, telemetry, gemini, vertex, tmp_path, monkeypatch) -> None:
    certs = make_dev_certificates(tmp_path / "c2pa", organisation="Acme Audit")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA", "on")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_CERT", str(certs.chain))
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_KEY", str(certs.key))
    instrument()
    response = gemini.models.generate_content(
        model="gemini-2.5-flash-image", contents="signed cat", config=IMAGE_CONFIG
    )
    imagen = vertex.models.generate_images(model="imagen-4.0-generate-001", prompt="signed fox")
    spans = telemetry.finished_spans()
    assert [s.attributes["aiaudit.provenance"] for s in spans] == ["c2pa", "c2pa"]
    trust = certs.root.read_text()
    inline = next(p.inline_data.data for p in response.parts if p.inline_data)
    for data, span in ((inline, spans[0]), (imagen.generated_images[0].image.image_bytes, spans[1])):
        check = verify_bytes(data, "image/png", trust)
        assert check.state == "trusted"
        assert check.generation_id == span.attributes["aiaudit.generation.id"]


def test_uninstrument_restores_every_method(instrument, telemetry, gemini) -> None:
    from google.genai import models as models_mod

    methods = ("generate_content", "generate_content_stream", "generate_images", "edit_image", "upscale_image")
    before = {(c, m): models_mod.__dict__[c].__dict__[m] for c in ("Models", "AsyncModels") for m in methods}
    inst = instrument()
    assert all(f"google.genai.{c}.{m}" in inst.patched for c, m in before)
    assert all(models_mod.__dict__[c].__dict__[m] is not f for (c, m), f in before.items())
    inst.uninstrument()
    assert all(models_mod.__dict__[c].__dict__[m] is f for (c, m), f in before.items())
    gemini.models.generate_content(model="gemini-2.5-flash-image", contents="after", config=IMAGE_CONFIG)
    assert telemetry.finished_spans() == []
