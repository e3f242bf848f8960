"""OpenAI Images through the real `openai` client over a real socket, under instrumentation."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import openai
import pytest

from otel_aiaudit.loopback.openai import multipart_fields
from otel_aiaudit.loopback.server import Reply
from tests.attrs import pop_audit_defaults, pop_generation_request

SECRET = "sk-test-secret-key"


def _pop_common(attrs: dict[str, Any], *, model: str = "gpt-image-2", operation: str = "generate") -> None:
    pop_generation_request(attrs, provider="openai", model=model, operation=operation)
    assert attrs.pop("server.address") == "127.0.0.1"
    assert isinstance(attrs.pop("server.port"), int)
    pop_audit_defaults(attrs, status=None)
    assert attrs.pop("aiaudit.prompt.hash").startswith("sha256:")


def test_generate_span_pops_every_attribute(instrument_no_content, telemetry, openai_client, oai) -> None:
    result = openai_client.images.generate(model="gpt-image-2", prompt="a lighthouse at dusk", n=2, quality="medium")
    assert len(result.data) == 2

    (span,) = telemetry.finished_spans()
    assert span.name == "generate_content gpt-image-2"
    assert span.kind.name == "CLIENT"
    attrs = dict(span.attributes)
    _pop_common(attrs)
    assert attrs.pop("gen_ai.request.choice.count") == 2
    assert attrs.pop("aiaudit.request.quality") == "medium"
    assert attrs.pop("aiaudit.prompt.length") == len("a lighthouse at dusk")
    assert attrs.pop("aiaudit.status") == "success"
    assert attrs.pop("gen_ai.response.id")
    # Server usage: 5 text tokens in, 2 x 1056 image tokens out.
    assert attrs.pop("gen_ai.usage.input_tokens") == 5
    assert attrs.pop("gen_ai.usage.output_tokens") == 2112
    assert attrs.pop("aiaudit.cost.source") == "price_table"
    assert attrs.pop("aiaudit.cost.usd") == pytest.approx((5 * 5.00 + 2112 * 30.00) / 1e6)
    assert attrs.pop("gen_ai.usage.text.input_tokens") == 5
    assert attrs.pop("gen_ai.usage.image.input_tokens") == 0
    assert attrs.pop("gen_ai.usage.text.output_tokens") == 0
    assert attrs.pop("gen_ai.usage.image.output_tokens") == 2112
    # Estimate before the call: 2 x $0.053 (medium 1024x1024) + 5 text tokens.
    assert attrs.pop("aiaudit.cost.estimated_usd") == pytest.approx(2 * 0.053 + 5 * 5.00 / 1e6)
    assert attrs.pop("aiaudit.response.image_count") == 2
    hashes = attrs.pop("aiaudit.image.hashes")
    assert len(hashes) == 2 and all(h.startswith("sha256:") for h in hashes)
    assert attrs == {}, f"unexpected attributes left: {attrs}"
    assert span.status.status_code.name == "UNSET"
    # What the provider received.
    (req,) = oai.routes("/v1/images/generations")
    assert req.json()["prompt"] == "a lighthouse at dusk"


def test_content_on_puts_prompt_on_span(instrument_with_content, telemetry, openai_client) -> None:
    openai_client.images.generate(model="dall-e-3", prompt="a red fox", response_format="b64_json")
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.prompt"] == "a red fox"
    assert span.attributes["aiaudit.response.revised_prompt"] == "A detailed rendering: a red fox"
    # dall-e-3 standard 1024x1024 = $0.04 per image.
    assert span.attributes["aiaudit.cost.usd"] == pytest.approx(0.04)


def test_content_off_keeps_prompt_off_span(instrument_no_content, telemetry, openai_client) -> None:
    openai_client.images.generate(model="dall-e-3", prompt="a red fox", response_format="b64_json")
    (span,) = telemetry.finished_spans()
    assert "aiaudit.prompt" not in span.attributes
    assert "aiaudit.response.revised_prompt" not in span.attributes


@pytest.mark.fault(
    fault="a sampler that drops every span",
    app_sees="nothing",
    recorded="metrics and the audit record as usual",
)
def test_unsampled_still_records_metrics_and_audit_records(
    instrument_with_content_unsampled, unsampled, openai_client
) -> None:
    openai_client.images.generate(model="gpt-image-1-mini", prompt="a blue door", quality="low")
    assert unsampled.finished_spans() == []
    (record,) = unsampled.records()  # one record per generation, whatever the sampler decided
    assert sorted(record.body) == ["image", "log", "prompt"]  # its three retention classes
    assert record.attributes["aiaudit.record.id"] == record.attributes["aiaudit.generation.id"]
    assert record.event_name == "aiaudit.generation"
    assert record.trace_id != 0 and record.span_id != 0
    assert unsampled.metric_sum("aiaudit.requests", **{"aiaudit.status": "success"}) == 1
    assert unsampled.metric_sum("aiaudit.images") == 1
    assert unsampled.metric_sum("aiaudit.cost") > 0


def test_three_records_have_their_contents(instrument_no_content, telemetry, openai_client, monkeypatch) -> None:
    openai_client.images.generate(model="gpt-image-2", prompt="mail me at jane.doe@example.com", size="1536x1024")
    (log_rec,) = telemetry.records("log")
    (prompt_rec,) = telemetry.records("prompt")
    (image_rec,) = telemetry.records("image")
    body = log_rec.body
    assert body["provider"] == "openai" and body["model"] == "gpt-image-2"
    assert body["parameters"]["size"] == "1536x1024"
    assert body["status"] == "success" and body["user"] == "tester"
    assert body["cost"]["source"] == "price_table" and body["cost"]["usd"] > 0
    assert "prompt" not in body and "jane.doe" not in repr(body)
    # Default capture is `redacted`: e-mail masked, hash of the original kept.
    assert prompt_rec.body["capture"] == "redacted"
    assert "jane.doe@example.com" not in prompt_rec.body["prompt"]
    assert "[EMAIL]" in prompt_rec.body["prompt"]
    assert prompt_rec.body["prompt_hash"].startswith("sha256:")
    (img,) = image_rec.body["images"]
    assert img["mime_type"] == "image/png" and img["hash"].startswith("sha256:") and img["width"] == 8
    assert log_rec.trace_id == prompt_rec.trace_id == image_rec.trace_id
    assert log_rec.span_id == telemetry.finished_spans()[0].context.span_id


def test_edit_multipart_and_variation(instrument_no_content, telemetry, openai_client, oai) -> None:
    png = base64.b64decode(openai_client.images.generate(model="gpt-image-2", prompt="seed image").data[0].b64_json)
    openai_client.images.edit(
        model="gpt-image-2", image=("in.png", png, "image/png"), prompt="add a hat", quality="low"
    )
    with pytest.warns(DeprecationWarning):
        openai_client.images.create_variation(model="dall-e-2", image=("in.png", png, "image/png"), size="512x512", n=2)
    spans = telemetry.finished_spans()
    assert [s.attributes["aiaudit.image.operation"] for s in spans] == ["generate", "edit", "variation"]
    edit, variation = spans[1], spans[2]
    assert edit.attributes["gen_ai.usage.input_tokens"] == 3 + 323  # text + one input image
    assert variation.attributes["aiaudit.cost.usd"] == pytest.approx(2 * 0.018)  # dall-e-2 512x512 x n
    assert "aiaudit.prompt.hash" not in variation.attributes  # a variation has no prompt
    (edit_req,) = oai.routes("/v1/images/edits")
    assert multipart_fields(edit_req)["prompt"] == "add a hat"


async def test_async_generate_and_edit(instrument_no_content, telemetry, async_openai_client) -> None:
    r = await async_openai_client.images.generate(model="gpt-image-1.5", prompt="async cat", quality="high")
    png = base64.b64decode(r.data[0].b64_json)
    await async_openai_client.images.edit(model="gpt-image-1.5", image=("a.png", png, "image/png"), prompt="async hat")
    spans = telemetry.finished_spans()
    assert [s.attributes["aiaudit.image.operation"] for s in spans] == ["generate", "edit"]
    # gpt-image-1.5 reports image vs text output: 4160 image tokens at $32/1M + 3 text tokens at $5/1M.
    assert spans[0].attributes["aiaudit.cost.usd"] == pytest.approx((3 * 5.0 + 4160 * 32.0) / 1e6)


@pytest.mark.parametrize("is_async", [False, True])
def test_azure_openai(instrument_no_content, telemetry, oai, is_async: bool) -> None:
    kwargs = dict(azure_endpoint=oai.url, api_key="azure-secret", api_version="2025-04-01-preview", max_retries=0)
    if is_async:
        client = openai.AsyncAzureOpenAI(**kwargs)
        asyncio.run(client.images.generate(model="my-gpt-image", prompt="azure cat"))
    else:
        client = openai.AzureOpenAI(**kwargs)
        client.images.generate(model="my-gpt-image", prompt="azure cat")
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.provider.name"] == "azure.ai.openai"
    assert span.attributes["gen_ai.request.model"] == "my-gpt-image"
    # A deployment name is not a priced model unless the user maps it: explicit, never 0.
    assert span.attributes["aiaudit.cost.source"] == "unpriced"
    assert "aiaudit.cost.usd" not in span.attributes
    (req,) = oai.routes("/openai/deployments/my-gpt-image/images/generations")
    assert req.headers["api-key"] == "azure-secret"


def test_with_raw_response(instrument_no_content, telemetry, openai_client, oai) -> None:
    raw = openai_client.images.with_raw_response.generate(model="gpt-image-2", prompt="raw cat")
    parsed = raw.parse()
    assert len(parsed.data) == 1
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.response.image_count"] == 1
    assert span.attributes["gen_ai.usage.output_tokens"] == 4160


def test_streamed_generation(instrument_no_content, telemetry, openai_client) -> None:
    stream = openai_client.images.generate(model="gpt-image-2", prompt="stream cat", stream=True, partial_images=2)
    kinds = [event.type for event in stream]
    assert kinds == ["image_generation.partial_image"] * 2 + ["image_generation.completed"]
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "success"
    assert span.attributes["aiaudit.response.image_count"] == 1
    assert span.attributes["gen_ai.usage.output_tokens"] == 4160


async def test_streamed_generation_async(instrument_no_content, telemetry, async_openai_client) -> None:
    stream = await async_openai_client.images.generate(model="gpt-image-2", prompt="s", stream=True, partial_images=1)
    kinds = [event.type async for event in stream]
    assert kinds[-1] == "image_generation.completed"
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "success"


def test_stream_closed_early_is_recorded(instrument_no_content, telemetry, openai_client) -> None:
    with openai_client.images.generate(model="gpt-image-2", prompt="x", stream=True, partial_images=2) as stream:
        next(iter(stream))
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "error"
    assert span.attributes["error.type"] == "stream_incomplete"
    # The provider may bill a stream it started: the estimate is charged, never silently 0.
    assert span.attributes["aiaudit.cost.usd"] == span.attributes["aiaudit.cost.estimated_usd"]


def test_api_error_ends_span_with_error_type(instrument_no_content, telemetry, openai_client, oai) -> None:
    oai.override = lambda rec: Reply.of_json({"error": {"message": "bad size", "type": "invalid_request_error"}}, 400)
    with pytest.raises(openai.BadRequestError):
        openai_client.images.generate(model="gpt-image-2", prompt="x", size="7x7")
    (span,) = telemetry.finished_spans()
    assert span.attributes["error.type"] == "BadRequestError"
    assert span.attributes["aiaudit.status"] == "error"
    assert span.attributes["aiaudit.cost.usd"] == 0.0
    assert span.status.status_code.name == "ERROR"
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["status"] == "error" and log_rec.body["error_type"] == "BadRequestError"
    assert telemetry.metric_sum("aiaudit.requests", **{"aiaudit.status": "error"}) == 1
    (duration,) = telemetry.metric_points("gen_ai.client.operation.duration")
    assert duration.attributes["error.type"] == "BadRequestError"


def test_malformed_response_does_not_break_the_call(instrument_no_content, telemetry, openai_client, oai) -> None:
    # `data` is not a list of images: the SDK still hands back an object; our reader must not raise.
    oai.override = lambda rec: Reply.of_json({"created": 1, "data": "garbage", "usage": {"weird": True}})
    result = openai_client.images.generate(model="gpt-image-2", prompt="x")
    assert result.created == 1
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "success"
    assert len(telemetry.records()) == 1


def test_keys_never_reach_telemetry(instrument_with_content, telemetry, openai_client, oai) -> None:
    openai_client.images.generate(model="gpt-image-2", prompt="x")
    oai.override = lambda rec: Reply.of_json({"error": {"message": "no"}}, 401)
    with pytest.raises(openai.AuthenticationError):
        openai_client.images.generate(model="gpt-image-2", prompt="y")
    dump = repr([dict(s.attributes) for s in telemetry.finished_spans()])
    dump += repr([(r.body, dict(r.attributes)) for r in telemetry.records()])
    assert SECRET not in dump and "Bearer" not in dump and "authorization" not in dump.lower()


def test_metrics_for_success(instrument_no_content, telemetry, openai_client) -> None:
    openai_client.images.generate(model="gpt-image-2", prompt="m", n=3, quality="low")
    assert telemetry.metric_sum("aiaudit.images", **{"user.id": "tester"}) == 3
    (tokens_in,) = [
        p for p in telemetry.metric_points("gen_ai.client.token.usage") if p.attributes["gen_ai.token.type"] == "input"
    ]
    assert tokens_in.sum == 1
    (duration,) = telemetry.metric_points("gen_ai.client.operation.duration")
    assert duration.count == 1 and duration.explicit_bounds[-1] == 600
    assert telemetry.metric_sum("aiaudit.cost", **{"gen_ai.request.model": "gpt-image-2"}) == pytest.approx(
        (1 * 5.0 + 3 * 272 * 30.0) / 1e6
    )


def test_metrics_user_attribute_can_be_turned_off(instrument, telemetry, openai_client, monkeypatch) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_METRICS_USER", "false")
    instrument()
    openai_client.images.generate(model="gpt-image-2", prompt="m")
    (point,) = telemetry.metric_points("aiaudit.images")
    assert "user.id" not in point.attributes


def test_with_streaming_response(instrument_no_content, telemetry, openai_client) -> None:
    with openai_client.images.with_streaming_response.generate(model="gpt-image-2", prompt="lazy cat") as resp:
        parsed = resp.parse()
    assert len(parsed.data) == 1
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.response.image_count"] == 1
    assert span.attributes["aiaudit.status"] == "success"


def test_azure_deployment_from_the_client(instrument_no_content, telemetry, oai) -> None:
    client = openai.AzureOpenAI(
        azure_endpoint=oai.url,
        azure_deployment="img-prod",
        api_key="k",
        api_version="2025-04-01-preview",
        max_retries=0,
    )
    client.images.generate(model="gpt-image-2", prompt="x")
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.provider.name"] == "azure.ai.openai"
    (req,) = oai.routes("/openai/deployments/img-prod/images/generations")
    assert req.headers["api-key"] == "k"
