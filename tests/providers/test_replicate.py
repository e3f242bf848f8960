"""replicate through the real client over a real socket (loopback Replicate API server)."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterator

import pytest
import replicate
from replicate.exceptions import ModelError
from replicate.helpers import FileOutput

from otel_aiaudit.errors import ContentBlocked
from otel_aiaudit.loopback.server import LoopbackServer
from otel_aiaudit.provenance.certs import make_dev_certificates
from otel_aiaudit.provenance.verify import verify_bytes
from otel_aiaudit.providers import replicate as replicate_provider
from tests.attrs import pop_audit_defaults
from tests.providers.shared import VIOLENT, enforce, usd
from tests.servers import serving
from tests.servers.replicate_server import PREDICT_TIME, start_replicate_server

SDXL = "stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"


@pytest.fixture(scope="module")
def replicate_server() -> Iterator[LoopbackServer]:
    yield from serving(start_replicate_server)


@pytest.fixture
def rsrv(replicate_server: LoopbackServer) -> LoopbackServer:
    replicate_server.reset()
    return replicate_server


@pytest.fixture
def rc(rsrv: LoopbackServer) -> replicate.Client:
    client = replicate.Client(api_token="r8-secret-token", base_url=rsrv.url)
    client.poll_interval = 0.005
    return client


@pytest.fixture(autouse=True)
def _no_pending_leftovers() -> Iterator[None]:
    yield
    assert len(replicate_provider.PENDING) == 0, "a test left a prediction audit open"


def test_run_span_pops_every_attribute(instrument_no_content, telemetry, rc, rsrv) -> None:
    out = rc.run(
        "black-forest-labs/flux-schnell",
        input={
            "prompt": "a lighthouse at dusk",
            "num_outputs": 2,
            "aspect_ratio": "16:9",
            "seed": 3,
            "output_format": "png",
        },
    )
    assert [type(o) for o in out] == [FileOutput, FileOutput]
    assert out[0].read().startswith(b"\x89PNG")

    (span,) = telemetry.finished_spans()
    assert span.name == "generate_content black-forest-labs/flux-schnell"
    attrs = dict(span.attributes)
    assert attrs.pop("gen_ai.operation.name") == "generate_content"
    assert attrs.pop("gen_ai.output.type") == "image"
    assert attrs.pop("gen_ai.provider.name") == "replicate"
    assert attrs.pop("gen_ai.request.model") == "black-forest-labs/flux-schnell"
    assert attrs.pop("gen_ai.response.model") == "black-forest-labs/flux-schnell"
    assert attrs.pop("gen_ai.response.id").startswith("p")
    assert attrs.pop("aiaudit.image.operation") == "generate"
    assert attrs.pop("server.address") == "127.0.0.1"
    assert isinstance(attrs.pop("server.port"), int)
    assert attrs.pop("gen_ai.request.choice.count") == 2
    assert attrs.pop("gen_ai.request.seed") == 3
    assert attrs.pop("aiaudit.request.aspect_ratio") == "16:9"
    pop_audit_defaults(attrs)
    assert attrs.pop("aiaudit.prompt.hash").startswith("sha256:")
    assert attrs.pop("aiaudit.prompt.length") == len("a lighthouse at dusk")
    # Official model: $0.003 per output image, two images.
    assert attrs.pop("aiaudit.cost.source") == "price_table"
    assert attrs.pop("aiaudit.cost.usd") == usd(2 * 0.003)
    assert attrs.pop("aiaudit.cost.estimated_usd") == usd(2 * 0.003)
    assert attrs.pop("aiaudit.response.image_count") == 2
    assert len(attrs.pop("aiaudit.image.hashes")) == 2
    assert attrs == {}, f"unexpected attributes left: {attrs}"

    (req,) = rsrv.requests
    assert req.route == "/v1/models/black-forest-labs/flux-schnell/predictions"
    assert req.json()["input"]["prompt"] == "a lighthouse at dusk"
    assert req.headers["prefer"] == "wait"
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["provider"] == "replicate"
    assert log_rec.body["parameters"]["output_format"] == "png"
    assert log_rec.body["parameters"]["prediction_status"] == "succeeded"
    (image_rec,) = telemetry.records("image")
    assert [i["mime_type"] for i in image_rec.body["images"]] == ["image/png", "image/png"]
    assert telemetry.metric_sum("aiaudit.images", **{"gen_ai.provider.name": "replicate"}) == 2
    assert telemetry.metric_sum("aiaudit.cost") == usd(0.006)


def test_module_level_run_and_version_ref_priced_by_hardware_time(
    instrument_no_content, telemetry, rsrv, monkeypatch
) -> None:
    # replicate.run is bound to the default client at import; the patch underneath still sees it.
    monkeypatch.setattr(replicate.default_client, "_base_url", rsrv.url)
    monkeypatch.setattr(replicate.default_client, "poll_interval", 0.005)
    out = replicate.run(SDXL, input={"prompt": "a dog", "width": 768, "height": 768})
    assert isinstance(out, list) and len(out) == 1
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.request.model"] == SDXL
    assert span.attributes["gen_ai.response.model"] == "stability-ai/sdxl"
    assert span.attributes["aiaudit.request.size"] == "768x768"
    # Community model: predict_time x the L40S rate; nothing can be reserved before the call.
    assert span.attributes["aiaudit.cost.usd"] == usd(PREDICT_TIME * 0.000975)
    assert "aiaudit.cost.estimated_usd" not in span.attributes
    assert [r.route for r in rsrv.requests] == [
        "/v1/predictions",
        "/v1/models/stability-ai/sdxl/versions/" + SDXL.split(":")[1],
    ]


async def test_async_run(instrument_no_content, telemetry, rc, rsrv) -> None:
    out = await rc.async_run("black-forest-labs/flux-dev", input={"prompt": "async cat"})
    assert await out[0].aread()
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "success"
    assert span.attributes["aiaudit.cost.usd"] == usd(0.025)
    assert len(rsrv.requests) == 1


def test_create_then_wait_closes_when_finished(instrument_no_content, telemetry, rc, rsrv) -> None:
    prediction = rc.predictions.create(model="black-forest-labs/flux-dev", input={"prompt": "later", "num_outputs": 1})
    assert prediction.status == "starting"
    assert telemetry.finished_spans() == []  # the generation is in flight
    prediction.wait()
    assert prediction.status == "succeeded"
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "success"
    assert span.attributes["gen_ai.response.id"] == prediction.id
    assert span.attributes["aiaudit.response.image_count"] == 1
    assert span.attributes["aiaudit.cost.usd"] == usd(0.025)
    assert "prefer" not in rsrv.requests[0].headers
    assert [r.method for r in rsrv.requests] == ["POST", "GET", "GET"]
    # Further polls do not record anything again.
    prediction.reload()
    assert len(telemetry.finished_spans()) == 1


async def test_async_create_then_async_wait(instrument_no_content, telemetry, rc) -> None:
    prediction = await rc.predictions.async_create(model="black-forest-labs/flux-schnell", input={"prompt": "a"})
    await prediction.async_wait()
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.status"] == "success" and span.attributes["aiaudit.cost.usd"] == usd(0.003)


def test_create_polled_with_get_and_deployments(instrument_no_content, telemetry, rc, rsrv) -> None:
    created = rc.deployments.predictions.create("acme/flux-prod", input={"prompt": "deployed", "aspect_ratio": "1:1"})
    while rc.predictions.get(created.id).status != "succeeded":
        pass
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.request.model"] == "acme/flux-prod"
    assert span.attributes["aiaudit.status"] == "success"
    # A private deployment's hardware is unknown: explicit unpriced, never 0.
    assert span.attributes["aiaudit.cost.source"] == "unpriced"
    assert rsrv.requests[0].route == "/v1/deployments/acme/flux-prod/predictions"


def test_failed_and_canceled_predictions(instrument_no_content, telemetry, rc, rsrv) -> None:
    rsrv.state["fail"] = True
    with pytest.raises(ModelError):
        rc.run("black-forest-labs/flux-schnell", input={"prompt": "x"})
    prediction = rc.predictions.create(model="black-forest-labs/flux-dev", input={"prompt": "y"})
    prediction.wait()
    rsrv.state["fail"] = False
    to_cancel = rc.predictions.create(model="black-forest-labs/flux-dev", input={"prompt": "z"})
    to_cancel.cancel()
    run_span, wait_span, cancel_span = telemetry.finished_spans()
    assert run_span.attributes["error.type"] == "ModelError"
    assert wait_span.attributes["error.type"] == "ModelError"
    assert cancel_span.attributes["error.type"] == "canceled"
    assert all(s.attributes["aiaudit.cost.usd"] == 0.0 for s in (run_span, wait_span, cancel_span))
    assert all(s.attributes["aiaudit.status"] == "error" for s in (run_span, wait_span, cancel_span))


def test_https_outputs_are_url_only_and_never_fetched(instrument_no_content, telemetry, rc, rsrv) -> None:
    rsrv.state["https_outputs"] = True
    out = rc.run("black-forest-labs/flux-schnell", input={"prompt": "remote", "num_outputs": 2})
    assert [str(o) for o in out] == [f"https://replicate.delivery/xezq/out-{i}.webp" for i in range(2)]
    (image_rec,) = telemetry.records("image")
    assert [i["url"] for i in image_rec.body["images"]] == [str(o) for o in out]
    assert all(i.get("hash") is None for i in image_rec.body["images"])
    assert [i["mime_type"] for i in image_rec.body["images"]] == ["image/webp", "image/webp"]
    assert len(rsrv.requests) == 1  # nothing was downloaded


def test_non_image_models_pass_through(instrument_no_content, telemetry, rc, rsrv) -> None:
    rc.run("meta/meta-llama-3-8b-instruct", input={"prompt": "hello", "max_tokens": 20})
    rc.predictions.create(model="acme/talker", input={"prompt": "hi", "system_prompt": "be brief"})
    assert telemetry.finished_spans() == [] and telemetry.records() == []
    assert len(rsrv.requests) == 2


def test_blocked_prompt_sends_nothing(instrument, telemetry, rc, rsrv) -> None:
    enforce(instrument)
    with pytest.raises(ContentBlocked):
        rc.run("black-forest-labs/flux-schnell", input={"prompt": VIOLENT})
    with pytest.raises(ContentBlocked):
        rc.predictions.create(model="black-forest-labs/flux-dev", input={"prompt": VIOLENT})
    with pytest.raises(ContentBlocked):
        asyncio.run(rc.async_run("black-forest-labs/flux-dev", input={"prompt": VIOLENT}))
    assert rsrv.requests == []
    spans = telemetry.finished_spans()
    assert [s.attributes["aiaudit.status"] for s in spans] == ["blocked"] * 3
    assert telemetry.metric_sum("aiaudit.policy.violations") == 3


def test_redaction_rewrites_what_is_sent(instrument, telemetry, rc, rsrv) -> None:
    enforce(instrument)
    user_input = {"prompt": "card for jane.doe@example.com", "num_outputs": 1}
    rc.run("black-forest-labs/flux-schnell", input=user_input)
    # A bare version id names no model: an image-model input (num_outputs) makes it an image call.
    version = SDXL.split(":")[1]
    prediction = rc.predictions.create(version, {"prompt": "to bob@example.org", "num_outputs": 1})
    asyncio.run(rc.async_run("black-forest-labs/flux-dev", input={"prompt": "mail jane.doe@example.com"}))
    prediction.wait()
    sent = [r.json()["input"]["prompt"] for r in rsrv.requests if r.method == "POST"]
    assert sent == ["card for [EMAIL]", "to [EMAIL]", "mail [EMAIL]"]
    assert user_input["prompt"] == "card for jane.doe@example.com"  # the caller's dict is untouched
    spans = telemetry.finished_spans()
    assert sorted(s.attributes["aiaudit.policy.decision"] for s in spans) == ["modify"] * 3


def test_c2pa_rewrites_data_url_outputs(instrument, telemetry, rc, tmp_path, monkeypatch) -> None:
    certs = make_dev_certificates(tmp_path / "c2pa", organisation="Acme Audit")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA", "on")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_CERT", str(certs.chain))
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_KEY", str(certs.key))
    instrument()
    (out,) = rc.run("black-forest-labs/flux-schnell", input={"prompt": "signed"})
    raw = rc.run("black-forest-labs/flux-schnell", input={"prompt": "signed raw"}, use_file_output=False)
    prediction = rc.predictions.create(model="black-forest-labs/flux-dev", input={"prompt": "signed later"})
    prediction.wait()
    spans = telemetry.finished_spans()
    assert [s.attributes["aiaudit.provenance"] for s in spans] == ["c2pa"] * 3
    trust = certs.root.read_text()
    signed = [
        out.read(),
        base64.b64decode(raw[0].split(",", 1)[1]),
        base64.b64decode(prediction.output[0].split(",", 1)[1]),
    ]
    for data, span in zip(signed, spans, strict=True):
        check = verify_bytes(data, "image/png", trust)
        assert check.state == "trusted" and check.generation_id == span.attributes["aiaudit.generation.id"]


def test_uninstrument_restores_every_patched_name(instrument, telemetry, rc) -> None:
    from replicate import client as client_mod
    from replicate import deployment, model, prediction

    owners = {
        client_mod: ("run", "async_run"),
        prediction.Predictions: ("create", "async_create", "get", "async_get", "cancel", "async_cancel"),
        model.ModelsPredictions: ("create", "async_create"),
        deployment.DeploymentPredictions: ("create", "async_create"),
        deployment.DeploymentsPredictions: ("create", "async_create"),
    }
    before = {(owner, name): owner.__dict__[name] for owner, names in owners.items() for name in names}
    inst = instrument()
    assert all(owner.__dict__[name] is not original for (owner, name), original in before.items())
    inst.uninstrument()
    assert all(owner.__dict__[name] is original for (owner, name), original in before.items())
    rc.run("black-forest-labs/flux-schnell", input={"prompt": "after"})
    assert telemetry.finished_spans() == []


def test_unobserved_predictions_are_bounded(instrument_no_content, telemetry, rc, monkeypatch) -> None:
    monkeypatch.setattr(replicate_provider.PENDING, "limit", 1)
    forgotten = rc.predictions.create(model="black-forest-labs/flux-dev", input={"prompt": "never waited"})
    kept = rc.predictions.create(model="black-forest-labs/flux-dev", input={"prompt": "waited"})
    (evicted,) = telemetry.finished_spans()
    assert evicted.attributes["gen_ai.response.id"] == forgotten.id
    assert evicted.attributes["error.type"] == "result_not_observed"
    # The provider most likely ran it: the estimate is charged, never silently 0.
    assert evicted.attributes["aiaudit.cost.usd"] == usd(0.025)
    kept.wait()
    assert telemetry.finished_spans()[1].attributes["aiaudit.status"] == "success"
