"""docker-compose.yml: accepted by docker-compose, pinned, health-checked, every mounted file exists."""

from __future__ import annotations

import shutil
import subprocess

import yaml
from pipeline_paths import COMPOSE, ROOT, load_yaml

EXPECTED = {
    "otel-collector",
    "elasticsearch",
    "kibana",
    "tempo",
    "jaeger",
    "prometheus",
    "grafana",
    "aiaudit-setup",
}


def _compose_cli() -> list[str]:
    # `docker compose` (v2 plugin) needs no engine for `config`; Debian 12 ships the v1 `docker-compose`.
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    assert legacy, (
        "neither `docker compose` nor `docker-compose` is installed (apt-get install docker-compose)"
    )
    return [legacy]


def _config(path) -> subprocess.CompletedProcess:
    return subprocess.run([*_compose_cli(), "-f", str(path), "config", "-q"], capture_output=True, text=True)


def test_compose_config_accepts_the_file():
    res = _config(COMPOSE)
    assert res.returncode == 0, res.stderr


def test_compose_config_rejects_a_broken_file(tmp_path):
    data = load_yaml(COMPOSE)
    data["services"]["grafana"]["depends_on"]["prometheus"]["condition"] = "service_ready"
    bad = tmp_path / "docker-compose.yml"
    bad.write_text(yaml.safe_dump(data))
    res = _config(bad)
    assert res.returncode != 0
    assert "service_ready" in (res.stderr + res.stdout)


def test_services_images_pinned_and_health_checked():
    services = load_yaml(COMPOSE)["services"]
    assert set(services) == EXPECTED
    for name, svc in services.items():
        image = svc["image"]
        tag = image.rsplit(":", 1)[-1] if ":" in image.rsplit("/", 1)[-1] else ""
        assert tag and tag != "latest" and any(ch.isdigit() for ch in tag), f"{name}: {image} is not pinned"
    # Images that ship a shell get a health check; dependants wait on it.
    for name in ("elasticsearch", "kibana", "prometheus", "grafana"):
        assert "healthcheck" in services[name], name
    assert (
        services["otel-collector"]["depends_on"]["aiaudit-setup"]["condition"]
        == "service_completed_successfully"
    )
    assert services["aiaudit-setup"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    ports = services["otel-collector"]["ports"]
    assert {"4317:4317", "4318:4318"} <= {p.split("#")[0].strip() for p in ports}


def test_every_bind_mount_source_exists():
    services = load_yaml(COMPOSE)["services"]
    named = set(load_yaml(COMPOSE).get("volumes") or {})
    checked = 0
    for name, svc in services.items():
        for vol in svc.get("volumes", []):
            source = vol.split(":", 1)[0]
            if source in named:
                continue
            assert source.startswith("./"), f"{name}: {vol} is neither a named volume nor a relative path"
            assert (ROOT / source).exists(), f"{name}: mounted {source} does not exist"
            checked += 1
    assert checked >= 6
