"""End to end: the real `openai` client, instrumented, against the loopback OpenAI server, C2PA on.

The app's own response object must carry the signed image, and the manifest must name the same
generation, trace and span as the span and audit records.
"""

from __future__ import annotations

import base64
import io
import json
from typing import Any

import c2pa
import pytest

from otel_aiaudit import audit_context
from otel_aiaudit.hashing import Hasher
from otel_aiaudit.loopback.server import Reply
from otel_aiaudit.provenance import ASSERTION_LABEL, Provenance, ProvenanceInfo
from otel_aiaudit.provenance.certs import DevCertPaths
from otel_aiaudit.provenance.manifest import TRAINED_ALGORITHMIC_MEDIA
from otel_aiaudit.provenance.verify import read_context, verify_bytes

from .conftest import make_image, settings_for

PROMPT = "a lighthouse at dawn, watercolour"


@pytest.fixture()
def c2pa_env(monkeypatch: pytest.MonkeyPatch, dev_certs: DevCertPaths) -> DevCertPaths:
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA", "on")
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_CERT", str(dev_certs.chain))
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_KEY", str(dev_certs.key))
    monkeypatch.setenv("OTEL_AIAUDIT_HASH_KEY", "per-org-secret")
    monkeypatch.setenv("OTEL_AIAUDIT_ORGANISATION", "Acme Corp")
    return dev_certs


def _image_record(telemetry: Any) -> dict:
    (record,) = telemetry.records("image")
    body = record.body
    return json.loads(body) if isinstance(body, str) else dict(body)


def test_b64_images_come_back_signed_and_linked_to_the_span(
    c2pa_env: DevCertPaths, instrument: Any, telemetry: Any, openai_client: Any, trust_pem: str
) -> None:
    instrument()
    with audit_context(user="alice", team="marketing"):
        response = openai_client.images.generate(model="gpt-image-1", prompt=PROMPT, n=2, size="1024x1024")

    (span,) = telemetry.finished_spans()
    attrs = dict(span.attributes)
    assert attrs["aiaudit.provenance"] == "c2pa"
    trace_id = format(span.context.trace_id, "032x")
    span_id = format(span.context.span_id, "016x")

    signed = [base64.b64decode(item.b64_json) for item in response.data]
    assert len(signed) == 2
    for data in signed:
        reader = c2pa.Reader("image/png", io.BytesIO(data), context=read_context(trust_pem))
        try:
            assert reader.get_validation_state() == "Trusted"
            store = json.loads(reader.json())
        finally:
            reader.close()
        manifest = store["manifests"][store["active_manifest"]]
        by_label = {a["label"]: a["data"] for a in manifest["assertions"]}
        (action,) = by_label["c2pa.actions.v2"]["actions"]
        assert action["action"] == "c2pa.created"
        assert action["digitalSourceType"] == TRAINED_ALGORITHMIC_MEDIA
        assert action["softwareAgent"]["name"] == "gpt-image-1"
        ours = by_label[ASSERTION_LABEL]
        assert ours["generation_id"] == attrs["aiaudit.generation.id"]
        assert ours["trace_id"] == trace_id and ours["span_id"] == span_id
        assert ours["prompt_hash"] == Hasher("per-org-secret").text(PROMPT) == attrs["aiaudit.prompt.hash"]
        assert ours["prompt_hash"].startswith("hmac-sha256:")
        assert PROMPT not in json.dumps(store)  # the prompt itself never travels with the file
        assert (ours["user"], ours["team"], ours["organisation"]) == ("alice", "marketing", "Acme Corp")
        assert ours["policy_decision"] == "allow"
        assert (ours["model"], ours["provider"]) == ("gpt-image-1", "openai")

    # The image record hashes what the app received: the signed bytes.
    record = _image_record(telemetry)
    assert record["provenance"] == "c2pa"
    hasher = Hasher("per-org-secret")
    assert [i["hash"] for i in record["images"]] == [hasher.digest(d) for d in signed]
    assert all(i["provenance"] == "c2pa" for i in record["images"])


def test_provider_credentials_are_kept_as_parent(
    c2pa_env: DevCertPaths,
    upstream_certs: DevCertPaths,
    instrument: Any,
    telemetry: Any,
    oai: Any,
    openai_client: Any,
    trust_pem: str,
) -> None:
    # The provider signs its own output (as OpenAI does): serve an image signed by another identity.
    provider = Provenance(settings_for(upstream_certs))
    from_provider = provider.sign(
        make_image("image/png"),
        "image/png",
        ProvenanceInfo(generation_id="provider-side", model="gpt-image-1"),
    ).data
    payload = {"created": 1, "data": [{"b64_json": base64.b64encode(from_provider).decode()}]}
    oai.override = lambda rec: Reply.of_json(payload) if rec.route.endswith("/images/generations") else None

    instrument()
    response = openai_client.images.generate(model="gpt-image-1", prompt=PROMPT)
    data = base64.b64decode(response.data[0].b64_json)
    report = verify_bytes(data, trust_pem=trust_pem)
    assert report.state == "trusted"
    assert report.manifest_count == 2
    (parent,) = report.ingredients
    assert parent["relationship"] == "parentOf" and parent["issuer"] == "Upstream Provider"
    assert (
        report.assertion["generation_id"]
        == dict(telemetry.finished_spans()[0].attributes)["aiaudit.generation.id"]
    )


def test_url_images_get_a_sidecar_and_are_not_fetched(
    c2pa_env: DevCertPaths, instrument: Any, telemetry: Any, oai: Any, openai_client: Any
) -> None:
    instrument()
    response = openai_client.images.generate(model="dall-e-3", prompt=PROMPT, response_format="url")
    assert response.data[0].url.startswith(oai.url)
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.provenance"] == "skipped:url"
    assert oai.routes("/files") == []  # nothing was downloaded on the app's behalf
    record = _image_record(telemetry)
    (sidecar,) = record["c2pa_sidecars"]
    doc = json.loads(sidecar)
    assert doc["url"] == response.data[0].url
    ours = next(a["data"] for a in doc["definition"]["assertions"] if a["label"] == ASSERTION_LABEL)
    assert ours["generation_id"] == span.attributes["aiaudit.generation.id"]


def test_signing_failure_returns_the_image_unsigned(
    c2pa_env: DevCertPaths,
    upstream_certs: DevCertPaths,
    monkeypatch: pytest.MonkeyPatch,
    instrument: Any,
    telemetry: Any,
    oai: Any,
    openai_client: Any,
) -> None:
    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_KEY", str(upstream_certs.key))  # not the certificate's key
    instrument()
    response = openai_client.images.generate(model="gpt-image-1", prompt=PROMPT)
    data = base64.b64decode(response.data[0].b64_json)
    assert verify_bytes(data).state == "none"  # the provider's bytes, untouched
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.provenance"] == "error:key_mismatch"
    assert span.attributes["aiaudit.status"] == "success"
    assert _image_record(telemetry)["images"][0]["provenance"] == "error:key_mismatch"


def test_url_images_fetched_and_signed_when_opted_in(
    c2pa_env: DevCertPaths,
    monkeypatch: pytest.MonkeyPatch,
    instrument: Any,
    telemetry: Any,
    oai: Any,
    openai_client: Any,
    trust_pem: str,
) -> None:
    import urllib.request

    monkeypatch.setenv("OTEL_AIAUDIT_C2PA_FETCH_URLS", "on")
    instrument()
    response = openai_client.images.generate(model="dall-e-3", prompt=PROMPT, response_format="url")
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.provenance"] == "c2pa"
    assert len(oai.routes("/files")) == 1
    (sidecar,) = _image_record(telemetry)["c2pa_sidecars"]
    store = base64.b64decode(json.loads(sidecar)["store_base64"])
    # What the app downloads itself is unchanged, and the detached store vouches for exactly those bytes.
    with urllib.request.urlopen(response.data[0].url) as fh:
        downloaded = fh.read()
    assert verify_bytes(downloaded).state == "none"
    report = verify_bytes(downloaded, trust_pem=trust_pem, sidecar=store)
    assert report.state == "trusted"
    assert report.assertion["generation_id"] == span.attributes["aiaudit.generation.id"]
