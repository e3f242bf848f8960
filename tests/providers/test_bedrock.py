"""boto3 bedrock-runtime `invoke_model` for image models, over a real socket to a loopback Bedrock."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.client
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from otel_aiaudit.errors import PolicyViolation
from otel_aiaudit.loopback.server import LoopbackServer, Reply
from otel_aiaudit.policy.config import PolicyConfig
from tests.attrs import pop_audit_defaults, pop_generation_request
from tests.servers import serving
from tests.servers.bedrock_server import model_of, start_bedrock_server

ENFORCE = {"mode": "enforce", "pii": {"action": "redact"}, "content_filter": {"action": "block"}}


@pytest.fixture(scope="module")
def bedrock_server() -> Iterator[LoopbackServer]:
    yield from serving(start_bedrock_server)


@pytest.fixture
def brt(bedrock_server: LoopbackServer) -> LoopbackServer:
    bedrock_server.reset()
    return bedrock_server


@pytest.fixture(scope="module")
def client(bedrock_server: LoopbackServer) -> Any:
    return boto3.client(
        "bedrock-runtime",
        region_name="us-east-1",
        endpoint_url=bedrock_server.url,
        aws_access_key_id="test",
        aws_secret_access_key="test-secret",
        config=Config(retries={"total_max_attempts": 1}),  # a fresh dict: Config rewrites it
    )


def _invoke(client: Any, model: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.invoke_model(modelId=model, body=json.dumps(body), contentType="application/json")
    return json.loads(response["body"].read())


def _nova(prompt: str, **config: Any) -> dict[str, Any]:
    return {
        "taskType": "TEXT_IMAGE",
        "textToImageParams": {"text": prompt},
        "imageGenerationConfig": {"numberOfImages": 1, "width": 1024, "height": 1024, **config},
    }


def test_nova_canvas_span_pops_every_attribute(instrument_no_content, telemetry, client, brt) -> None:
    body = _nova("a lighthouse at dusk", numberOfImages=2, quality="premium", width=2048, height=1024, seed=7)
    reply = _invoke(client, "us.amazon.nova-canvas-v1:0", body)
    assert len(reply["images"]) == 2  # the user still reads the body we read before them

    (span,) = telemetry.finished_spans()
    assert span.name == "generate_content amazon.nova-canvas-v1:0"
    assert span.kind.name == "CLIENT"
    attrs = dict(span.attributes)
    pop_generation_request(attrs, provider="aws.bedrock", model="amazon.nova-canvas-v1:0")
    assert attrs.pop("server.address") == "127.0.0.1"
    assert attrs.pop("server.port") == brt.port
    pop_audit_defaults(attrs)
    assert attrs.pop("gen_ai.request.choice.count") == 2
    assert attrs.pop("gen_ai.request.seed") == 7
    assert attrs.pop("aiaudit.request.size") == "2048x1024"
    assert attrs.pop("aiaudit.request.quality") == "premium"
    assert attrs.pop("aiaudit.prompt.hash").startswith("sha256:")
    assert attrs.pop("aiaudit.prompt.length") == len("a lighthouse at dusk")
    assert attrs.pop("gen_ai.response.id") == "req-0001"
    # 2048x1024 is in the <= 2048x2048 tier; premium there is $0.08 per image.
    assert attrs.pop("aiaudit.cost.estimated_usd") == pytest.approx(2 * 0.08)
    assert attrs.pop("aiaudit.cost.usd") == pytest.approx(2 * 0.08)
    assert attrs.pop("aiaudit.cost.source") == "price_table"
    assert attrs.pop("aiaudit.response.image_count") == 2
    hashes = attrs.pop("aiaudit.image.hashes")
    assert len(hashes) == 2 and all(h.startswith("sha256:") for h in hashes) and hashes[0] != hashes[1]
    assert attrs == {}, f"unexpected attributes left: {attrs}"

    (req,) = brt.requests
    assert req.route == "/model/us.amazon.nova-canvas-v1%3A0/invoke"
    assert req.json() == body
    assert telemetry.metric_sum("aiaudit.images", **{"gen_ai.provider.name": "aws.bedrock"}) == 2
    cost = telemetry.metric_sum("aiaudit.cost", **{"gen_ai.request.model": "amazon.nova-canvas-v1:0"})
    assert cost == pytest.approx(0.16)
    assert telemetry.metric_sum("aiaudit.requests", **{"aiaudit.status": "success"}) == 1
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["provider"] == "aws.bedrock"
    assert log_rec.body["parameters"]["model_id"] == "us.amazon.nova-canvas-v1:0"
    assert log_rec.body["cost"] == {"usd": pytest.approx(0.16), "estimated_usd": pytest.approx(0.16),
                                    "source": "price_table", "pricing_version": log_rec.body["cost"]["pricing_version"]}
    (image_rec,) = telemetry.records("image")
    assert [i["mime_type"] for i in image_rec.body["images"]] == ["image/png", "image/png"]
    assert image_rec.body["images"][0]["width"] == 16


def test_titan_arn_and_tiers(instrument_no_content, telemetry, client, brt) -> None:
    arn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-image-generator-v2:0"
    _invoke(client, arn, _nova("small boat", width=512, height=512))
    _invoke(client, "amazon.titan-image-generator-v1", _nova("big boat", quality="premium"))
    small, big = telemetry.finished_spans()
    assert small.attributes["gen_ai.request.model"] == "amazon.titan-image-generator-v2:0"
    assert small.attributes["aiaudit.cost.usd"] == pytest.approx(0.008)  # <= 512x512 standard
    assert big.attributes["aiaudit.cost.usd"] == pytest.approx(0.012)  # larger, premium
    assert model_of(brt.requests[0]) == arn  # the ARN travels fully encoded, as the caller gave it


def test_stability_models_and_file_like_body(instrument_no_content, telemetry, client, brt) -> None:
    body = {"prompt": "a red fox", "mode": "text-to-image", "aspect_ratio": "16:9", "output_format": "jpeg", "seed": 3}
    response = client.invoke_model(modelId="stability.sd3-5-large-v1:0", body=io.BytesIO(json.dumps(body).encode()))
    assert json.loads(response["body"].read())["seeds"] == [42]
    _invoke(client, "us.stability.stable-image-ultra-v1:1", {"prompt": "ultra fox"})
    _invoke(client, "stability.stable-image-core-v1:1", {"prompt": "core fox"})
    sd35, ultra, core = telemetry.finished_spans()
    assert sd35.attributes["aiaudit.request.aspect_ratio"] == "16:9"
    assert sd35.attributes["gen_ai.request.seed"] == 3
    assert [s.attributes["aiaudit.cost.usd"] for s in (sd35, ultra, core)] == [
        pytest.approx(0.08), pytest.approx(0.14), pytest.approx(0.04)]
    assert brt.requests[0].json() == body  # the file-like body was read once and sent intact


def test_legacy_sdxl_weighted_prompts(instrument_no_content, telemetry, client, brt) -> None:
    body = {"text_prompts": [{"text": "a castle", "weight": 1.0}, {"text": "blurry", "weight": -1.0}],
            "cfg_scale": 7, "steps": 60, "seed": 5, "width": 1024, "height": 1024, "samples": 2}
    reply = _invoke(client, "stability.stable-diffusion-xl-v1", body)
    assert len(reply["artifacts"]) == 2
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.prompt.length"] == len("a castle")
    assert span.attributes["aiaudit.response.image_count"] == 2
    assert span.attributes["aiaudit.cost.usd"] == pytest.approx(2 * 0.08)  # more than 50 steps


def test_text_models_and_other_services_pass_through(instrument_no_content, telemetry, client, brt) -> None:
    _invoke(client, "amazon.titan-text-express-v1", {"inputText": "hi"})
    assert telemetry.finished_spans() == [] and telemetry.records() == []
    assert len(brt.requests) == 1


def test_filtered_and_error_bodies_are_recorded(instrument_no_content, telemetry, client, brt) -> None:
    brt.override = lambda rec: Reply.of_json(
        {"seeds": [1], "finish_reasons": ["Filter reason: prompt"], "images": [base64.b64encode(b"x").decode()]})
    reply = _invoke(client, "stability.sd3-5-large-v1:0", {"prompt": "something"})
    assert reply["finish_reasons"] == ["Filter reason: prompt"]
    brt.override = lambda rec: Reply.of_json({"images": [], "error": "blocked by content filters"})
    _invoke(client, "amazon.nova-canvas-v1:0", _nova("x"))
    brt.override = lambda rec: Reply.of_json({"message": "bad width"}, 400, {"x-amzn-ErrorType": "ValidationException"})
    with pytest.raises(ClientError):
        _invoke(client, "amazon.nova-canvas-v1:0", _nova("y"))
    brt.override = lambda rec: Reply.of_json(
        {"message": "This request has been blocked by our content filters."}, 400,
        {"x-amzn-ErrorType": "ValidationException"})
    with pytest.raises(ClientError):
        _invoke(client, "amazon.nova-canvas-v1:0", _nova("z"))
    filtered, errored, invalid, refused = telemetry.finished_spans()
    assert filtered.attributes["aiaudit.status"] == "provider_refused"
    assert filtered.attributes["aiaudit.provider.refusal_reason"] == "content_filtered: Filter reason: prompt"
    assert errored.attributes["error.type"] == "bedrock.error"
    assert invalid.attributes["error.type"] == "ValidationException"
    assert refused.attributes["aiaudit.status"] == "provider_refused"
    assert "blocked by our content filters" in refused.attributes["aiaudit.provider.refusal_reason"]
    for span in (errored, invalid):
        assert span.attributes["aiaudit.status"] == "error"
    for span in (filtered, errored, invalid, refused):
        assert span.attributes["aiaudit.cost.usd"] == 0.0
        assert span.status.status_code.name == "ERROR"
    logs = telemetry.records("log")
    assert logs[0].body["parameters"]["finish_reasons"] == "Filter reason: prompt"
    assert logs[1].body["parameters"]["bedrock_error"] == "blocked by content filters"


def test_policy_block_sends_nothing(instrument, telemetry, client, brt) -> None:
    instrument(policy=PolicyConfig.model_validate(ENFORCE))
    with pytest.raises(PolicyViolation):
        _invoke(client, "amazon.nova-canvas-v1:0", _nova("a bloody massacre with gore"))
    assert brt.requests == []
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "blocked"
    assert span.attributes["aiaudit.policy.decision"] == "block"
    assert telemetry.metric_sum("aiaudit.requests", **{"aiaudit.status": "blocked"}) == 1


@pytest.mark.parametrize(
    ("model", "body", "sent"),
    [
        ("amazon.nova-canvas-v1:0", _nova("a cat, mail jane.doe@example.com"),
         lambda b: b["textToImageParams"]["text"]),
        ("stability.stable-image-core-v1:1", {"prompt": "a cat, mail jane.doe@example.com"}, lambda b: b["prompt"]),
        ("stability.stable-diffusion-xl-v1", {"text_prompts": [{"text": "a cat, mail jane.doe@example.com"}]},
         lambda b: b["text_prompts"][0]["text"]),
    ],
)
def test_redaction_rewrites_the_body(instrument, telemetry, client, brt, model, body, sent) -> None:
    instrument(policy=PolicyConfig.model_validate(ENFORCE))
    _invoke(client, model, body)
    (req,) = brt.requests
    assert sent(req.json()) == "a cat, mail [EMAIL]"
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.policy.decision"] == "modify"
    assert span.attributes["aiaudit.status"] == "success"


def test_c2pa_signed_bytes_are_written_back_into_the_body(instrument, telemetry, client, brt, tmp_path) -> None:
    from otel_aiaudit.provenance.certs import make_dev_certificates

    certs = make_dev_certificates(tmp_path / "c2pa", organisation="Acme Audit")
    instrument(c2pa=True, c2pa_cert=str(certs.chain), c2pa_key=str(certs.key))
    reply = _invoke(client, "amazon.nova-canvas-v1:0", _nova("sign me"))
    returned = base64.b64decode(reply["images"][0])
    sent = json.loads(brt.requests[0].body)  # the request; the server's image is derived from its prompt
    assert sent["textToImageParams"]["text"] == "sign me"
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.provenance"] == "c2pa"
    assert returned.startswith(b"\x89PNG") and b"c2pa" in returned  # the manifest travels in the body
    assert span.attributes["aiaudit.image.hashes"][0].startswith("sha256:")


def test_uninstrument_restores(telemetry, client, brt) -> None:
    from otel_aiaudit.instrumentor import AIAuditInstrumentor

    original = botocore.client.BaseClient.__dict__["_make_api_call"]
    inst = AIAuditInstrumentor()
    inst.instrument(tracer_provider=telemetry.tracer_provider)
    assert "botocore.client.BaseClient._make_api_call" in inst.patched
    assert botocore.client.BaseClient.__dict__["_make_api_call"] is not original
    inst.uninstrument()
    assert botocore.client.BaseClient.__dict__["_make_api_call"] is original
    _invoke(client, "amazon.nova-canvas-v1:0", _nova("after"))
    assert telemetry.finished_spans() == []


@pytest.mark.parametrize("payload", [b"not json at all", b'{"images": "not-a-list", "error": 7}', b"[]"])
def test_malformed_response_reaches_the_user_untouched(instrument_no_content, telemetry, client, brt, payload) -> None:
    from otel_aiaudit.loopback.server import Reply

    brt.override = lambda rec: Reply(200, payload, "application/json")
    response = client.invoke_model(
        modelId="amazon.nova-canvas-v1:0", body=json.dumps(_nova("a harbour")), contentType="application/json"
    )
    assert response["body"].read() == payload  # exactly what the service sent
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] in ("success", "error")
    assert len(telemetry.records()) == 1  # audited all the same
