"""Images returned only as URLs: a manifest record by default, a signed detached store when opted in."""

from __future__ import annotations

import base64
import http.server
import json
import threading
from collections.abc import Iterator

import pytest

from otel_aiaudit.provenance import Provenance, ProvenanceInfo
from otel_aiaudit.provenance.certs import DevCertPaths
from otel_aiaudit.provenance.verify import verify_bytes

from .conftest import settings_for


@pytest.fixture()
def image_server(images: dict[str, bytes]) -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on loopback serving the test images, as a provider's CDN would."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            seen.append(self.path)
            mime = {"/a.png": "image/png", "/a.webp": "image/webp"}.get(self.path)
            if mime is None:
                self.send_error(404)
                return
            body = images[mime]
            self.send_response(200)
            self.send_header("Content-Type", mime)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_url_is_not_fetched_by_default(
    provenance: Provenance, info: ProvenanceInfo, image_server: tuple[str, list[str]]
) -> None:
    base, seen = image_server
    result = provenance.sidecar(f"{base}/a.png", "image/png", info)
    assert result.status == "skipped:url"
    assert result.data is None
    assert seen == []  # no request left the process
    record = json.loads(result.manifest_json)
    assert record["embedded"] is False and record["signed"] is False
    assert record["url"] == f"{base}/a.png"
    ours = next(a for a in record["definition"]["assertions"] if a["label"] == record["label"])
    assert ours["data"]["generation_id"] == info.generation_id
    assert ours["data"]["trace_id"] == info.trace_id


@pytest.mark.parametrize("path,mime", [("/a.png", "image/png"), ("/a.webp", "image/webp")])
def test_opt_in_fetches_and_signs_a_detached_store(
    dev_certs: DevCertPaths,
    info: ProvenanceInfo,
    images: dict[str, bytes],
    trust_pem: str,
    image_server: tuple[str, list[str]],
    path: str,
    mime: str,
) -> None:
    base, seen = image_server
    prov = Provenance(settings_for(dev_certs, c2pa_fetch_urls=True))
    result = prov.sidecar(f"{base}{path}", None, info)
    assert result.status == "c2pa"
    assert result.data is None  # the app's own download is not changed
    assert seen == [path]
    record = json.loads(result.manifest_json)
    assert record["signed"] is True and record["format"] == mime
    store = base64.b64decode(record["store_base64"])
    assert len(store) == result.manifest_bytes < 10_000

    # The store is bound to the bytes behind the URL ...
    report = verify_bytes(images[mime], trust_pem=trust_pem, sidecar=store)
    assert report.state == "trusted"
    assert report.assertion["generation_id"] == info.generation_id
    # ... and to nothing else.
    other = images["image/webp" if mime == "image/png" else "image/png"]
    assert verify_bytes(other, mime_type=mime, trust_pem=trust_pem, sidecar=store).state == "invalid"


def test_fetch_failure_is_a_status(
    dev_certs: DevCertPaths, info: ProvenanceInfo, image_server: tuple[str, list[str]]
) -> None:
    base, _ = image_server
    prov = Provenance(settings_for(dev_certs, c2pa_fetch_urls=True))
    result = prov.sidecar(f"{base}/missing.png", "image/png", info)
    assert result.status == "error:fetch_failed"
    assert json.loads(result.manifest_json)["signed"] is False  # the record still links URL and generation


def test_only_web_urls_are_fetched(dev_certs: DevCertPaths, info: ProvenanceInfo, tmp_path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    prov = Provenance(settings_for(dev_certs, c2pa_fetch_urls=True))
    assert prov.sidecar(secret.as_uri(), None, info).status == "error:unsupported_url"


def test_data_url_is_signed(
    dev_certs: DevCertPaths, info: ProvenanceInfo, images: dict[str, bytes], trust_pem: str
) -> None:
    url = "data:image/png;base64," + base64.b64encode(images["image/png"]).decode()
    prov = Provenance(settings_for(dev_certs, c2pa_fetch_urls=True))
    result = prov.sidecar(url, None, info)
    store = base64.b64decode(json.loads(result.manifest_json)["store_base64"])
    assert verify_bytes(images["image/png"], trust_pem=trust_pem, sidecar=store).state == "trusted"
    assert json.loads(result.manifest_json)["url"] == "data:image/png;base64,"
