"""REST services without an SDK: the shipped mappings over real httpx, httpx2 and requests clients.

Every client talks to one loopback server used as a plain HTTP proxy, so requests carry the real
service host names (api.stability.ai, api.bfl.ai, ...) and the shipped mappings match unchanged.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import httpx
import httpx2
import pytest
import requests

from otel_aiaudit.errors import PolicyViolation
from otel_aiaudit.loopback.server import LoopbackServer, Reply
from otel_aiaudit.policy.config import PolicyConfig
from otel_aiaudit.providers.rest_mappings import MappingError, load_mappings
from tests.attrs import pop_audit_defaults, pop_generation_request
from tests.servers import serving
from tests.servers.rest_server import fields_of, host_of, png_for, start_rest_server

ENFORCE = {"mode": "enforce", "pii": {"action": "redact"}, "content_filter": {"action": "block"}}
EMAIL_PROMPT = "a cat, mail jane.doe@example.com"
REDACTED = "a cat, mail [EMAIL]"
STABILITY_ULTRA = "http://api.stability.ai/v2beta/stable-image/generate/ultra"
LIBS = ["httpx", "httpx2", "requests"]
INPUT_PNG = png_for("input image")
FILES = {"image": ("in.png", INPUT_PNG, "image/png")}


@pytest.fixture(scope="module")
def rest_server() -> Iterator[LoopbackServer]:
    yield from serving(start_rest_server)


@pytest.fixture
def srv(rest_server: LoopbackServer) -> LoopbackServer:
    rest_server.reset()
    return rest_server


class Caller:
    """The same logical call made through one of the three libraries."""

    def __init__(self, lib: str, proxy: str) -> None:
        self.lib = lib
        if lib == "requests":
            self.session = requests.Session()
            self.session.trust_env = False
            self.session.proxies = {"http": proxy}
        else:
            module = httpx if lib == "httpx" else httpx2
            self.client = module.Client(proxy=proxy, trust_env=False)

    def post(self, url: str, *, json_body: Any = None, form: dict[str, str] | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        # An input image makes the body multipart/form-data in every library (and must travel intact).
        files = {"image": ("in.png", INPUT_PNG, "image/png")} if form is not None else None
        if self.lib == "requests":
            r = self.session.post(url, json=json_body, data=form, files=files, headers=headers)
            return r.status_code, dict(r.headers), r.content
        r = self.client.post(url, json=json_body, data=form, files=files, headers=headers)
        return r.status_code, dict(r.headers), r.content

    def get(self, url: str) -> bytes:
        return (self.session if self.lib == "requests" else self.client).get(url).content


@pytest.fixture(params=LIBS)
def caller(request: pytest.FixtureRequest, rest_server: LoopbackServer) -> Caller:
    return Caller(request.param, rest_server.url)


def _stability(caller: Caller, prompt: str, accept: str = "image/*", url: str = STABILITY_ULTRA,
               **fields: str) -> tuple[int, dict[str, str], bytes]:
    return caller.post(url, form={"prompt": prompt, **fields}, headers={"accept": accept})


# ---------------------------------------------------------------------------- Stability
def test_stability_image_body_span_pops_every_attribute(instrument_no_content, telemetry, srv) -> None:
    status, headers, body = _stability(Caller("httpx", srv.url), "a lighthouse at dusk", aspect_ratio="16:9",
                                       seed="5", output_format="png")
    assert status == 200 and body == png_for("a lighthouse at dusk")  # the user gets the image untouched

    (span,) = telemetry.finished_spans()
    assert span.name == "generate_content stable-image-ultra"
    assert span.kind.name == "CLIENT"
    attrs = dict(span.attributes)
    pop_generation_request(attrs, provider="stability", model="stable-image-ultra")
    assert attrs.pop("server.address") == "api.stability.ai"
    assert attrs.pop("server.port") == 80
    pop_audit_defaults(attrs)
    assert attrs.pop("gen_ai.request.seed") == 5
    assert attrs.pop("aiaudit.request.aspect_ratio") == "16:9"
    assert attrs.pop("aiaudit.prompt.hash").startswith("sha256:")
    assert attrs.pop("aiaudit.prompt.length") == len("a lighthouse at dusk")
    assert attrs.pop("aiaudit.cost.estimated_usd") == pytest.approx(0.08)  # 8 credits
    assert attrs.pop("aiaudit.cost.usd") == pytest.approx(0.08)
    assert attrs.pop("aiaudit.cost.source") == "price_table"
    assert attrs.pop("aiaudit.response.image_count") == 1
    (image_hash,) = attrs.pop("aiaudit.image.hashes")
    assert image_hash.startswith("sha256:")
    assert attrs == {}, f"unexpected attributes left: {attrs}"

    (req,) = srv.requests
    assert host_of(req) == "api.stability.ai" and req.route == "/v2beta/stable-image/generate/ultra"
    assert fields_of(req)["prompt"] == "a lighthouse at dusk"
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["parameters"]["rest_mapping"] == "stability.generate"
    assert log_rec.body["parameters"]["output_format"] == "png"
    (image_rec,) = telemetry.records("image")
    assert image_rec.body["images"][0]["mime_type"] == "image/png"
    assert image_rec.body["images"][0]["width"] == 12
    assert telemetry.metric_sum("aiaudit.images", **{"gen_ai.provider.name": "stability"}) == 1
    assert telemetry.metric_sum("aiaudit.cost", **{"gen_ai.request.model": "stable-image-ultra"}) == pytest.approx(0.08)


def test_stability_each_library(instrument_no_content, telemetry, srv, caller) -> None:
    _stability(caller, "core cat", url="http://api.stability.ai/v2beta/stable-image/generate/core")
    _, _, body = _stability(caller, "sd3 cat", accept="application/json",
                            url="http://api.stability.ai/v2beta/stable-image/generate/sd3", model="sd3.5-medium")
    assert json.loads(body)["finish_reason"] == "SUCCESS"
    _stability(caller, "upscale", url="http://api.stability.ai/v2beta/stable-image/upscale/creative")
    core, sd3, creative = telemetry.finished_spans()
    assert core.attributes["aiaudit.cost.usd"] == pytest.approx(0.03)
    assert sd3.attributes["gen_ai.request.model"] == "sd3.5-medium"  # the model named in the form wins
    assert sd3.attributes["aiaudit.cost.usd"] == pytest.approx(0.035)
    assert sd3.attributes["aiaudit.response.image_count"] == 1  # the base64 image of the JSON reply
    assert creative.attributes["aiaudit.image.operation"] == "upscale"
    assert creative.attributes["gen_ai.response.id"] == "gen-async-1"
    assert creative.attributes["aiaudit.cost.usd"] == pytest.approx(0.60)
    assert creative.attributes["aiaudit.response.image_count"] == 0  # the result comes with the poll


def test_stability_filtered_and_http_errors(instrument_no_content, telemetry, srv) -> None:
    caller = Caller("requests", srv.url)
    _stability(caller, "FILTERME please")
    _stability(caller, "FILTERME again", accept="application/json")
    srv.override = lambda rec: Reply.of_json({"name": "payment_required", "errors": ["no credits"]}, 402)
    status, _, _ = _stability(caller, "no credits left")
    assert status == 402
    header_filtered, json_filtered, unpaid = telemetry.finished_spans()
    for filtered in (header_filtered, json_filtered):  # the service's own refusal: evidence
        assert filtered.attributes["aiaudit.status"] == "provider_refused"
        assert filtered.attributes["error.type"] == "provider_refused"
        assert filtered.attributes["aiaudit.provider.refusal_reason"].startswith("content_filtered")
    assert unpaid.attributes["error.type"] == "http.402"
    assert unpaid.attributes["aiaudit.status"] == "error"
    for span in (header_filtered, json_filtered, unpaid):
        assert span.attributes["aiaudit.cost.usd"] == 0.0
    assert telemetry.metric_sum("aiaudit.requests", **{"aiaudit.status": "provider_refused"}) == 2
    refused = {"aiaudit.policy.rule": "provider", "aiaudit.policy.category": "refused"}
    assert telemetry.metric_sum("aiaudit.policy.violations", **refused) == 2


# ---------------------------------------------------------------------------- BFL
def test_bfl_submit_is_the_generation_and_poll_is_not(instrument_no_content, telemetry, srv, caller) -> None:
    _, _, body = caller.post("http://api.bfl.ai/v1/flux-pro-1.1", json_body={"prompt": "a fox", "width": 1024,
                                                                             "height": 768, "seed": 1})
    job = json.loads(body)
    assert json.loads(caller.get(job["polling_url"]))["status"] == "Ready"
    caller.post("http://api.bfl.ai/v1/flux-2-klein-4b", json_body={"prompt": "big fox", "width": 2048, "height": 1024})
    flux11, klein = telemetry.finished_spans()  # the poll made no span
    assert flux11.attributes["gen_ai.provider.name"] == "bfl"
    assert flux11.attributes["gen_ai.response.id"] == job["id"]
    assert flux11.attributes["aiaudit.request.size"] == "1024x768"
    assert flux11.attributes["aiaudit.cost.usd"] == pytest.approx(0.04)
    # FLUX.2: base $0.014 + $0.001 for each further started megapixel (2.1 MP -> 2 more).
    assert klein.attributes["aiaudit.cost.usd"] == pytest.approx(0.014 + 2 * 0.001)
    assert len(srv.requests) == 3


# ---------------------------------------------------------------------------- Ideogram
def test_ideogram_v3_multipart_and_legacy_json(instrument_no_content, telemetry, srv, caller) -> None:
    caller.post("http://api.ideogram.ai/v1/ideogram-v3/generate",
                form={"prompt": "a poster", "rendering_speed": "TURBO", "num_images": "2", "aspect_ratio": "1x1"})
    caller.post("http://api.ideogram.ai/generate",
                json_body={"image_request": {"prompt": "old poster", "model": "V_2_TURBO", "num_images": 1}})
    v3, legacy = telemetry.finished_spans()
    assert v3.attributes["gen_ai.request.model"] == "ideogram-v3"
    assert v3.attributes["aiaudit.request.quality"] == "TURBO"
    assert v3.attributes["gen_ai.request.choice.count"] == 2
    assert v3.attributes["aiaudit.response.image_count"] == 2
    assert v3.attributes["aiaudit.cost.usd"] == pytest.approx(2 * 0.03)
    assert legacy.attributes["gen_ai.request.model"] == "V_2_TURBO"
    assert legacy.attributes["aiaudit.cost.usd"] == pytest.approx(0.05)
    (_, image_rec) = telemetry.records("image")
    assert image_rec.body["images"][0]["url"] == "http://ideogram.test/ephemeral/0.png"


# ---------------------------------------------------------------------------- Firefly
def test_firefly_is_unpriced_and_reads_the_model_header(instrument_no_content, telemetry, srv, caller) -> None:
    body = {"prompt": "a mountain", "numVariations": 2, "size": {"width": 2048, "height": 2048},
            "contentClass": "photo"}
    caller.post("http://firefly-api.adobe.io/v3/images/generate", json_body=body,
                headers={"x-model-version": "image4_standard", "x-api-key": "ff-secret"})
    caller.post("http://firefly-api.adobe.io/v3/images/generate-async", json_body={"prompt": "later"})
    sync_span, async_span = telemetry.finished_spans()
    assert sync_span.attributes["gen_ai.provider.name"] == "adobe.firefly"
    assert sync_span.attributes["gen_ai.request.model"] == "firefly-image4_standard"
    assert sync_span.attributes["aiaudit.request.size"] == "2048x2048"
    assert sync_span.attributes["aiaudit.response.image_count"] == 2
    assert sync_span.attributes["aiaudit.cost.source"] == "unpriced"
    assert "aiaudit.cost.usd" not in sync_span.attributes
    assert async_span.attributes["gen_ai.request.model"] == "firefly-image3"
    assert async_span.attributes["gen_ai.response.id"] == "ff-job-1"
    dump = repr([dict(s.attributes) for s in telemetry.finished_spans()]) + repr([r.body for r in telemetry.records()])
    assert "ff-secret" not in dump


# ---------------------------------------------------------------------------- Midjourney relays
def test_midjourney_relays_priced_per_job(instrument_no_content, telemetry, srv, caller) -> None:
    caller.post("http://api.apimart.ai/v1/midjourney/generations", json_body={"prompt": "a castle", "speed": "fast"})
    caller.post("http://api.useapi.net/v2/jobs/imagine", json_body={"prompt": "a castle --ar 16:9"})
    caller.post("http://api.useapi.net/v2/jobs/imagine", json_body={"prompt": "a castle --relax"})
    apimart, fast, relax = telemetry.finished_spans()
    assert apimart.attributes["gen_ai.provider.name"] == "midjourney"
    assert apimart.attributes["gen_ai.response.id"] == "task_01MJ"
    assert apimart.attributes["aiaudit.request.quality"] == "fast"
    assert apimart.attributes["aiaudit.cost.usd"] == pytest.approx(0.045)
    assert fast.attributes["gen_ai.request.model"] == "midjourney-subscription-fast"
    assert fast.attributes["aiaudit.request.aspect_ratio"] == "16:9"
    assert fast.attributes["gen_ai.response.id"] == "j-1"
    assert fast.attributes["aiaudit.cost.usd"] == pytest.approx(1 / 60 * 2.00, abs=1e-6)  # 1 GPU minute at $2/h
    assert relax.attributes["gen_ai.request.model"] == "midjourney-subscription-relax"
    assert relax.attributes["aiaudit.cost.usd"] == 0.0


# ---------------------------------------------------------------------------- async clients
@pytest.mark.parametrize("lib", ["httpx", "httpx2"])
async def test_async_clients(instrument_no_content, telemetry, srv, lib) -> None:
    module = httpx if lib == "httpx" else httpx2
    async with module.AsyncClient(proxy=srv.url, trust_env=False) as client:
        r = await client.post(STABILITY_ULTRA, data={"prompt": "async cat"}, files=FILES, headers={"accept": "image/*"})
        assert r.content == png_for("async cat")
        await client.post("http://api.bfl.ai/v1/flux-kontext-pro", json={"prompt": "async fox"})
    ultra, kontext = telemetry.finished_spans()
    assert ultra.attributes["aiaudit.response.image_count"] == 1
    assert ultra.attributes["aiaudit.cost.usd"] == pytest.approx(0.08)
    assert kontext.attributes["aiaudit.cost.usd"] == pytest.approx(0.04)


@pytest.mark.parametrize("lib", ["httpx", "httpx2"])
async def test_async_block_and_redaction(instrument, telemetry, srv, lib) -> None:
    instrument(policy=PolicyConfig.model_validate(ENFORCE))
    module = httpx if lib == "httpx" else httpx2
    async with module.AsyncClient(proxy=srv.url, trust_env=False) as client:
        with pytest.raises(PolicyViolation):
            await client.post("http://api.bfl.ai/v1/flux-pro-1.1", json={"prompt": "a bloody massacre with gore"})
        assert srv.requests == []
        await client.post(STABILITY_ULTRA, data={"prompt": EMAIL_PROMPT}, files=FILES)
    (req,) = srv.requests
    assert fields_of(req)["prompt"] == REDACTED


# ---------------------------------------------------------------------------- policy, each library
def test_policy_block_sends_nothing(instrument, telemetry, srv, caller) -> None:
    instrument(policy=PolicyConfig.model_validate(ENFORCE))
    with pytest.raises(PolicyViolation):
        _stability(caller, "a bloody massacre with gore")
    with pytest.raises(PolicyViolation):
        caller.post("http://api.bfl.ai/v1/flux-pro-1.1", json_body={"prompt": "a bloody massacre with gore"})
    assert srv.requests == []
    spans = telemetry.finished_spans()
    assert [s.attributes["aiaudit.status"] for s in spans] == ["blocked", "blocked"]
    assert telemetry.metric_sum("aiaudit.requests", **{"aiaudit.status": "blocked"}) == 2


def test_redaction_rewrites_multipart_and_json(instrument, telemetry, srv, caller) -> None:
    instrument(policy=PolicyConfig.model_validate(ENFORCE))
    _stability(caller, EMAIL_PROMPT, aspect_ratio="1:1")
    caller.post("http://api.bfl.ai/v1/flux-pro-1.1", json_body={"prompt": EMAIL_PROMPT, "width": 512, "height": 512})
    caller.post("http://api.ideogram.ai/generate", json_body={"image_request": {"prompt": EMAIL_PROMPT}})
    stability, bfl, ideogram = srv.requests
    assert fields_of(stability) == {"prompt": REDACTED, "aspect_ratio": "1:1"}
    assert INPUT_PNG in stability.body  # the file part travels byte for byte
    assert int(stability.headers["content-length"]) == len(stability.body)
    assert bfl.json() == {"prompt": REDACTED, "width": 512, "height": 512}
    assert ideogram.json() == {"image_request": {"prompt": REDACTED}}
    assert [s.attributes["aiaudit.policy.decision"] for s in telemetry.finished_spans()] == ["modify"] * 3


# ---------------------------------------------------------------------------- what is not ours
def test_unmatched_requests_pass_through(instrument_no_content, telemetry, srv, caller) -> None:
    caller.post("http://api.stability.ai/v2beta/user/balance", json_body={})
    caller.get("http://api.apimart.ai/v1/tasks/task_01MJ")
    assert telemetry.finished_spans() == [] and telemetry.records() == []
    assert len(srv.requests) == 2


def test_sdk_calls_over_httpx2_are_audited_once(instrument_no_content, telemetry, openai_client) -> None:
    openai_client.images.generate(model="gpt-image-2", prompt="one span only")
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.provider.name"] == "openai"


USER_MAPPING = {
    "name": "acme.render",
    "provider": "acme",
    "match": {"method": "POST", "host": r"stream\.example\.test", "path": "/render/(?P<model>[a-z0-9-]+)"},
    "model": "{model}",
    "request": {"prompt": "input.text", "count": "input.n"},
    "response": {"images_b64": "images[]"},
}


def test_user_mapping_from_policy_and_sse_is_never_buffered(instrument, telemetry, srv) -> None:
    instrument(policy=PolicyConfig.model_validate({"mode": "observe", "rest_mappings": [USER_MAPPING]}))
    with httpx.Client(proxy=srv.url, trust_env=False) as client:
        payload = {"input": {"text": "hi", "n": 3}}
        with client.stream("POST", "http://stream.example.test/render/acme-1", json=payload) as r:
            lines = [line for line in r.iter_lines() if line]
        r = client.post("http://stream.example.test/render/acme-2", json={"input": {"text": "again"}})
        assert r.headers["content-type"] == "text/event-stream"
    assert lines == ['data: {"progress": 0.5}', 'data: {"progress": 1.0}']
    streamed, buffered = telemetry.finished_spans()
    assert streamed.attributes["gen_ai.provider.name"] == "acme"
    assert streamed.attributes["gen_ai.request.model"] == "acme-1"
    assert streamed.attributes["gen_ai.request.choice.count"] == 3
    assert streamed.attributes["aiaudit.status"] == "success"
    assert streamed.attributes["aiaudit.cost.source"] == "unpriced"
    (log_rec, _) = telemetry.records("log")
    assert log_rec.body["parameters"]["response_read"] is False
    assert buffered.attributes["aiaudit.response.image_count"] == 0  # an event stream is never parsed


def test_user_mapping_file_and_clear_validation_errors(tmp_path, monkeypatch, instrument, telemetry, srv) -> None:
    path = tmp_path / "mappings.yaml"
    path.write_text(json.dumps({"mappings": [USER_MAPPING]}))
    monkeypatch.setenv("OTEL_AIAUDIT_MAPPINGS_FILE", str(path))
    instrument()
    with httpx.Client(proxy=srv.url, trust_env=False) as client:
        images = [base64.b64encode(png_for("x")).decode()]
        srv.override = lambda rec: Reply.of_json({"images": images})
        client.post("http://stream.example.test/render/acme-3", json={"input": {"text": "from file"}})
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.request.model"] == "acme-3"
    assert span.attributes["aiaudit.response.image_count"] == 1

    bad = {**USER_MAPPING, "model": "{nope}", "match": {"host": "(", "path": "/x"}, "colour": "red"}
    with pytest.raises(MappingError) as err:
        load_mappings([bad])
    text = str(err.value)
    assert "policy rest_mappings: mapping acme.render" in text
    assert "match.host" in text and "bad regex" in text
    assert "colour" in text and "Extra inputs are not permitted" in text
    path.write_text("mappings:\n  - name: broken\n    provider: x\n    match: {host: a, path: /b}\n    model: m\n"
                    "    request: {prompt: 'bad[path'}\n")
    with pytest.raises(MappingError, match=r"mappings\.yaml: mapping broken: request.*not a body path"):
        load_mappings((), path)


def test_c2pa_signed_bytes_reach_the_caller(instrument, telemetry, srv, tmp_path) -> None:
    from otel_aiaudit.provenance.certs import make_dev_certificates

    certs = make_dev_certificates(tmp_path / "c2pa", organisation="Acme Audit")
    instrument(c2pa=True, c2pa_cert=str(certs.chain), c2pa_key=str(certs.key))
    _, headers, raw = _stability(Caller("requests", srv.url), "signed cat")
    _, _, body = _stability(Caller("httpx", srv.url), "signed json", accept="application/json")
    signed_json = base64.b64decode(json.loads(body)["image"])
    for data in (raw, signed_json):
        assert data.startswith(b"\x89PNG") and b"c2pa" in data
    assert raw != png_for("signed cat")
    assert int(headers["Content-Length"]) == len(raw)
    assert [s.attributes["aiaudit.provenance"] for s in telemetry.finished_spans()] == ["c2pa", "c2pa"]


def test_uninstrument_restores_every_send(telemetry, srv) -> None:
    from otel_aiaudit.instrumentor import AIAuditInstrumentor

    owners = [httpx.Client, httpx.AsyncClient, httpx2.Client, httpx2.AsyncClient, requests.Session]
    originals = [owner.__dict__["send"] for owner in owners]
    inst = AIAuditInstrumentor()
    inst.instrument(tracer_provider=telemetry.tracer_provider)
    assert {"httpx.Client.send", "httpx.AsyncClient.send", "httpx2.Client.send", "httpx2.AsyncClient.send",
            "requests.Session.send"} <= set(inst.patched)
    assert all(owner.__dict__["send"] is not orig for owner, orig in zip(owners, originals, strict=True))
    inst.uninstrument()
    assert all(owner.__dict__["send"] is orig for owner, orig in zip(owners, originals, strict=True))
    _stability(Caller("httpx", srv.url), "after")
    assert telemetry.finished_spans() == []


def test_httpx2_alias_httpx_is_patched_once() -> None:
    # alias_httpx() changes the process for good, so it runs in a process of its own.
    code = textwrap.dedent("""
        import httpx2
        httpx2.alias_httpx()
        import httpx
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
        from otel_aiaudit.instrumentor import AIAuditInstrumentor
        from tests.servers.rest_server import start_rest_server

        spans = InMemorySpanExporter()
        tp = TracerProvider()
        tp.add_span_processor(SimpleSpanProcessor(spans))
        inst = AIAuditInstrumentor()
        inst.instrument(tracer_provider=tp)
        sends = sorted(p for p in inst.patched if p.endswith(".send") and "requests" not in p)
        assert sends == ["httpx.AsyncClient.send", "httpx.Client.send"], sends
        srv = start_rest_server()
        with httpx.Client(proxy=srv.url, trust_env=False) as client:
            client.post("http://api.bfl.ai/v1/flux-pro-1.1", json={"prompt": "aliased"})
        tp.force_flush()  # drains the telemetry thread first, where the span ends
        assert len(spans.get_finished_spans()) == 1
        inst.uninstrument()
        assert type(httpx2.Client.__dict__["send"]).__name__ == "function"
        print("ok")
    """)
    env = {**os.environ, "OTEL_AIAUDIT_STORE": "memory://", "OTEL_AIAUDIT_LEDGER": "off"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


@pytest.mark.parametrize(
    ("content_type", "payload"),
    [
        ("application/json", b"{not json"),
        ("application/json", b'{"id": null, "images": 5}'),
        ("image/png", b"\x00\x01"),
    ],
)
def test_malformed_response_reaches_the_caller_untouched(
    instrument_no_content, telemetry, srv, caller, content_type, payload
) -> None:
    from otel_aiaudit.loopback.server import Reply

    srv.override = lambda rec: Reply(200, payload, content_type)
    status, _, body = caller.post("http://api.bfl.ai/v1/flux-pro-1.1", json_body={"prompt": "a fox"})
    assert status == 200 and body == payload  # exactly what the service sent
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.provider.name"] == "bfl"
    assert len(telemetry.records()) == 1
