"""Paths of the stack's files, shared by the pipeline tests."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "collector-config"
COMPOSE = ROOT / "docker-compose.yml"
OTELCOL = CONFIG / "otelcol.yaml"
CATALOGUE = CONFIG / "otelcol-components-0.159.0.yaml"
RULES = CONFIG / "prometheus" / "rules" / "aiaudit.yml"
DASHBOARDS = sorted((CONFIG / "grafana" / "dashboards").glob("*.json"))


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text())


def compose_services() -> set[str]:
    return set(load_yaml(COMPOSE)["services"])
