"""fal-client through the real client over a real socket (loopback fal run + queue server)."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterator
from typing import Any

import fal_client
import fal_client.client as fal_module
import pytest

from otel_aiaudit.errors import ContentBlocked
from otel_aiaudit.loopback.server import LoopbackServer, Reply
from otel_aiaudit.provenance.certs import make_dev_certificates
from otel_aiaudit.provenance.verify import verify_bytes
from otel_aiaudit.providers import fal as fal_provider
from tests.attrs import pop_audit_defaults, pop_generation_request
from tests.providers.shared import VIOLENT, enforce, usd
from tests.servers import serving
from tests.servers.fal_server import start_fal_server

POLL = 0.005


@pytest.fixture(scope="module")
def fal_server() -> Iterator[LoopbackServer]:
    yield from serving(start_fal_server)


@pytest.fixture
def fsrv(fal_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> LoopbackServer:
    fal_server.reset()
    monkeypatch.setenv("FAL_KEY", "fal-secret-key")
    monkeypatch.setattr(fal_module, "RUN_URL_FORMAT", f"{fal_server.url}/run/")
    monkeypatch.setattr(fal_module, "QUEUE_URL_FORMAT", f"{fal_server.url}/queue/")
    monkeypatch.setattr(fal_module, "MAX_ATTEMPTS", 1)
    return fal_server


@pytest.fixture(autouse=True)
def _no_pending_leftovers() -> Iterator[None]:
    yield
    assert len(fal_provider.PENDING) == 0, "a test left a submitted request's audit open"


@pytest.fixture
def fresh_async_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """A throwaway default AsyncClient behind the module-level *_async functions: fal caches an httpx
    client bound to the event loop of first use, which must not leak into later tests. Request it
    before the instrument fixture so instrumenting re-binds to this client."""
    fresh = fal_module.AsyncClient()
    monkeypatch.setattr(fal_client, "async_client", fresh)
    for name in ("run", "subscribe", "submit"):
        monkeypatch.setattr(fal_client, f"{name}_async", getattr(fresh, name))


def test_run_span_pops_every_attribute(instrument_no_content, telemetry, fsrv) -> None:
    arguments = {"prompt": "a lighthouse at dusk", "image_size": "landscape_4_3", "num_images": 2, "seed": 5}
    result = fal_client.run("fal-ai/flux/dev", arguments=arguments)
    assert len(result["images"]) == 2

    (span,) = telemetry.finished_spans()
    assert span.name == "generate_content fal-ai/flux/dev"
    attrs = dict(span.attributes)
    pop_generation_request(attrs, provider="fal", model="fal-ai/flux/dev")
    assert attrs.pop("server.address") == "127.0.0.1"
    assert attrs.pop("server.port") == fsrv.port
    assert attrs.pop("gen_ai.request.choice.count") == 2
    assert attrs.pop("gen_ai.request.seed") == 5
    assert attrs.pop("aiaudit.request.size") == "1024x768"
    pop_audit_defaults(attrs)
    assert attrs.pop("aiaudit.prompt.hash").startswith("sha256:")
    assert attrs.pop("aiaudit.prompt.length") == len("a lighthouse at dusk")
    # $0.025 per megapixel: 2 images of 1024x768 = 2 x 0.786432 MP.
    assert attrs.pop("aiaudit.cost.source") == "price_table"
    assert attrs.pop("aiaudit.cost.usd") == usd(2 * 1024 * 768 / 1e6 * 0.025)
    assert attrs.pop("aiaudit.cost.estimated_usd") == usd(2 * 1024 * 768 / 1e6 * 0.025)
    assert attrs.pop("aiaudit.response.image_count") == 2
    assert attrs == {}, f"unexpected attributes left: {attrs}"  # URL-only images carry no hash

    (req,) = fsrv.requests
    assert req.route == "/run/fal-ai/flux/dev"
    assert req.json() == arguments
    assert req.headers["authorization"] == "Key fal-secret-key"
    (image_rec,) = telemetry.records("image")
    assert [(i["url"], i["width"], i["height"]) for i in image_rec.body["images"]] == [
        (f"https://v3.fal.media/files/rabbit/out-{i}.jpeg", 1024, 768) for i in range(2)
    ]
    (log_rec,) = telemetry.records("log")
    assert log_rec.body["parameters"]["image_size"] == "landscape_4_3"
    assert log_rec.body["parameters"]["response_seed"] == 5
    assert telemetry.metric_sum("aiaudit.images", **{"gen_ai.provider.name": "fal"}) == 2
    assert len(fsrv.requests) == 1  # the https images were not downloaded


def test_subscribe_is_audited_once(instrument_no_content, telemetry, fsrv) -> None:
    updates: list[Any] = []
    result = fal_client.subscribe(
        "fal-ai/flux/schnell",
        arguments={"prompt": "a dog", "image_size": {"width": 512, "height": 512}},
        interval=POLL,
        with_logs=True,
        on_queue_update=updates.append,
    )
    assert result["images"][0]["width"] == 512 and updates
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.request.size"] == "512x512"
    assert span.attributes["aiaudit.cost.usd"] == usd(512 * 512 / 1e6 * 0.003)
    assert [r.method for r in fsrv.requests][0] == "POST" and fsrv.requests[0].route == "/queue/fal-ai/flux/schnell"


def test_submit_then_get_closes_at_the_result(instrument_no_content, telemetry, fsrv) -> None:
    handle = fal_client.submit("fal-ai/flux-pro/v1.1", arguments={"prompt": "later", "num_images": 1})
    assert telemetry.finished_spans() == []  # in flight until the result is fetched
    assert isinstance(handle.status(), fal_client.InProgress)
    result = handle.get(interval=POLL)
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.response.id"] == handle.request_id
    assert span.attributes["aiaudit.response.image_count"] == len(result["images"]) == 1
    assert span.attributes["aiaudit.cost.usd"] == usd(0.04)
    # fal_client.result() on the same request later is not a second generation.
    fal_client.result("fal-ai/flux-pro/v1.1", handle.request_id)
    assert len(telemetry.finished_spans()) == 1


def test_result_by_request_id_and_cancel(instrument_no_content, telemetry, fsrv) -> None:
    first = fal_client.submit("fal-ai/flux/dev", arguments={"prompt": "by id"})
    fal_client.result("fal-ai/flux/dev", first.request_id)  # a handle rebuilt from the id
    second = fal_client.submit("fal-ai/flux/dev", arguments={"prompt": "never mind"})
    second.cancel()
    fetched, canceled = telemetry.finished_spans()
    assert fetched.attributes["aiaudit.status"] == "success"
    assert canceled.attributes["aiaudit.status"] == "error"
    assert canceled.attributes["error.type"] == "canceled" and canceled.attributes["aiaudit.cost.usd"] == 0.0


async def test_async_twins(fresh_async_default, instrument_no_content, telemetry, fsrv) -> None:
    await fal_client.run_async("fal-ai/nano-banana", arguments={"prompt": "a", "sync_mode": True})
    await fal_client.subscribe_async(
        "fal-ai/flux/dev", arguments={"prompt": "b", "image_size": "square_hd"}, interval=POLL
    )
    handle = await fal_client.submit_async("fal-ai/ideogram/v3", arguments={"prompt": "c", "num_images": 2})
    await handle.get(interval=POLL)
    client = fal_client.AsyncClient(key="another-key")
    await client.run("fal-ai/flux-pro/v1.1-ultra", arguments={"prompt": "d"})
    spans = telemetry.finished_spans()
    assert [s.attributes["gen_ai.request.model"] for s in spans] == [
        "fal-ai/nano-banana",
        "fal-ai/flux/dev",
        "fal-ai/ideogram/v3",
        "fal-ai/flux-pro/v1.1-ultra",
    ]
    assert [s.attributes["aiaudit.cost.usd"] for s in spans] == [
        usd(0.039),
        usd(1024 * 1024 / 1e6 * 0.025),
        usd(2 * 0.06),
        usd(0.06),
    ]
    # sync_mode returns data: URIs, which are hashed locally.
    assert len(spans[0].attributes["aiaudit.image.hashes"]) == 1
    assert fsrv.requests[-1].headers["authorization"] == "Key another-key"


def test_errors_are_recorded(instrument_no_content, telemetry, fsrv) -> None:
    fsrv.override = lambda rec: Reply.of_json({"detail": "bad image_size"}, 422)
    with pytest.raises(fal_client.FalClientHTTPError):
        fal_client.run("fal-ai/flux/dev", arguments={"prompt": "x"})
    (span,) = telemetry.finished_spans()
    assert span.attributes["error.type"] == "FalClientHTTPError"
    assert span.attributes["aiaudit.cost.usd"] == 0.0


def test_unpriced_endpoint_and_non_image_passthrough(instrument_no_content, telemetry, fsrv) -> None:
    fal_client.run("fal-ai/nano-banana-pro", arguments={"prompt": "pro", "num_images": 1})
    fal_client.run("fal-ai/any-llm", arguments={"prompt": "hello", "model": "some-llm"})
    fal_client.run("fal-ai/kling-video/v2/master/text-to-video", arguments={"prompt": "a", "aspect_ratio": "16:9"})
    (span,) = telemetry.finished_spans()
    assert span.attributes["gen_ai.request.model"] == "fal-ai/nano-banana-pro"
    assert span.attributes["aiaudit.cost.source"] == "unpriced" and "aiaudit.cost.usd" not in span.attributes
    assert len(fsrv.requests) == 3


def test_blocked_prompt_sends_nothing(instrument, telemetry, fsrv) -> None:
    enforce(instrument)
    for call in (fal_client.run, fal_client.subscribe, fal_client.submit):
        with pytest.raises(ContentBlocked):
            call("fal-ai/flux/dev", arguments={"prompt": VIOLENT})
    with pytest.raises(ContentBlocked):
        asyncio.run(fal_client.subscribe_async("fal-ai/flux/dev", arguments={"prompt": VIOLENT}))
    assert fsrv.requests == []
    assert [s.attributes["aiaudit.status"] for s in telemetry.finished_spans()] == ["blocked"] * 4


async def test_redaction_rewrites_what_is_sent(instrument, telemetry, fsrv) -> None:
    enforce(instrument)
    arguments = {"prompt": "poster for jane.doe@example.com", "num_images": 1}
    fal_client.run("fal-ai/flux/schnell", arguments)  # positional arguments
    fal_client.subscribe("fal-ai/flux/dev", arguments={"prompt": "to bob@example.org"}, interval=POLL)
    # A fresh async client: fal's clients cache an httpx client bound to the event loop of first use.
    handle = await fal_client.AsyncClient(key="k").submit(
        "fal-ai/flux/dev", arguments={"prompt": "mail jane.doe@example.com"}
    )
    await handle.get(interval=POLL)
    sent = [r.json()["prompt"] for r in fsrv.requests if r.method == "POST"]
    assert sent == ["poster for [EMAIL]", "to [EMAIL]", "mail [EMAIL]"]
    assert arguments["prompt"] == "poster for jane.doe@example.com"
    spans = telemetry.finished_spans()
    assert [s.attributes["aiaudit.policy.decision"] for s in spans] == ["modify"] * 3
    # The endpoint echoes the prompt it received; that is not a revised prompt.
    assert all("aiaudit.response.revised_prompt" not in s.attributes for s in spans)


def test_c2pa_rewrites_data_uri_images(instrument, telemetry, fsrv, tmp_path, monkeypatch) -> None:
    certs = make_dev_certificates(tmp_path / "c2pa", organisation="Acme Audit")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA", "on")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_CERT", str(certs.chain))
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_KEY", str(certs.key))
    instrument()
    result = fal_client.run("fal-ai/flux/schnell", arguments={"prompt": "signed", "sync_mode": True})
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.provenance"] == "c2pa"
    data = base64.b64decode(result["images"][0]["url"].split(",", 1)[1])
    check = verify_bytes(data, "image/png", certs.root.read_text())
    assert check.state == "trusted" and check.generation_id == span.attributes["aiaudit.generation.id"]


def test_uninstrument_restores_classes_and_module_functions(instrument, telemetry, fsrv) -> None:
    names = ("run", "subscribe", "submit", "run_async", "subscribe_async", "submit_async")
    module_before = {name: getattr(fal_client, name) for name in names}
    owners = {
        fal_module.SyncClient: ("run", "subscribe", "submit"),
        fal_module.AsyncClient: ("run", "subscribe", "submit"),
        fal_module.SyncRequestHandle: ("get", "cancel"),
        fal_module.AsyncRequestHandle: ("get", "cancel"),
    }
    class_before = {(o, n): o.__dict__[n] for o, ns in owners.items() for n in ns}
    inst = instrument()
    assert all(getattr(fal_client, n) is not f for n, f in module_before.items())
    inst.uninstrument()
    assert all(getattr(fal_client, n) is f for n, f in module_before.items())
    assert all(o.__dict__[n] is f for (o, n), f in class_before.items())
    fal_client.run("fal-ai/flux/dev", arguments={"prompt": "after"})
    assert telemetry.finished_spans() == []
