"""Fixtures for the C2PA tests: real certificates made with `cryptography`, real images made with Pillow."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from otel_aiaudit.provenance import Provenance, ProvenanceInfo
from otel_aiaudit.provenance.certs import DevCertPaths, make_dev_certificates
from otel_aiaudit.settings import Settings

FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}


def make_image(mime: str, size: int = 1024, colour: tuple[int, int, int] = (40, 90, 200)) -> bytes:
    """A 1024x1024 image with some structure (a gradient over a flat colour), encoded as `mime`."""
    img = Image.new("RGB", (size, size), colour)
    img.paste(
        Image.linear_gradient("L").resize((size, size)).convert("RGB"),
        (0, 0),
        Image.new("L", (size, size), 96),
    )
    buf = io.BytesIO()
    img.save(buf, FORMATS[mime])
    return buf.getvalue()


@pytest.fixture(scope="session")
def dev_certs(tmp_path_factory: pytest.TempPathFactory) -> DevCertPaths:
    return make_dev_certificates(tmp_path_factory.mktemp("c2pa-dev"), organisation="Acme Audit")


@pytest.fixture(scope="session")
def upstream_certs(tmp_path_factory: pytest.TempPathFactory) -> DevCertPaths:
    """A second, unrelated identity standing in for a provider that signs its own output."""
    return make_dev_certificates(tmp_path_factory.mktemp("c2pa-upstream"), organisation="Upstream Provider")


@pytest.fixture(scope="session")
def trust_pem(dev_certs: DevCertPaths) -> str:
    return dev_certs.root.read_text()


def settings_for(certs: DevCertPaths, **extra: object) -> Settings:
    return Settings(c2pa=True, c2pa_cert=str(certs.chain), c2pa_key=str(certs.key), **extra)


@pytest.fixture()
def provenance(dev_certs: DevCertPaths) -> Provenance:
    return Provenance(settings_for(dev_certs))


@pytest.fixture()
def info() -> ProvenanceInfo:
    return ProvenanceInfo(
        generation_id="0f3c9a1be2d84c7f9d1e2a3b4c5d6e7f",
        trace_id="4bf92f3577b34da6a3ce929d0e0e4736",
        span_id="00f067aa0ba902b7",
        prompt_hash="hmac-sha256:" + "ab" * 32,
        user="alice",
        team="marketing",
        organisation="Acme Corp",
        policy_decision="warn",
        model="gpt-image-1",
        provider="openai",
        created_at=1_767_225_600.25,  # 2026-01-01T00:00:00.250Z
    )


@pytest.fixture(scope="session")
def images() -> dict[str, bytes]:
    return {mime: make_image(mime) for mime in FORMATS}


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
