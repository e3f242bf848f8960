"""Reads the Elasticsearch and Kibana object files and checks they are well formed before any call."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ObjectsError(ValueError):
    """A backend object file is missing or malformed; the message names the file."""


@dataclass
class BackendObjects:
    ilm_policies: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> PUT body
    index_templates: dict[str, dict[str, Any]] = field(default_factory=dict)
    roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    kibana_ndjson: bytes = b""
    kibana_objects: list[dict[str, Any]] = field(default_factory=list)
    root: Path | None = None


def default_objects_dir() -> Path | None:
    """The collector-config directory of a source checkout, when the package runs from one."""
    candidate = Path(__file__).resolve().parents[2] / "collector-config"
    return candidate if (candidate / "elasticsearch").is_dir() else None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ObjectsError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise ObjectsError(f"{path}: expected a JSON object")
    return data


def _json_dir(path: Path, required_key: str | None = None) -> dict[str, dict[str, Any]]:
    if not path.is_dir():
        raise ObjectsError(f"{path}: directory is missing")
    out: dict[str, dict[str, Any]] = {}
    for file in sorted(path.glob("*.json")):
        body = _read_json(file)
        if required_key and required_key not in body:
            raise ObjectsError(f"{file}: missing top-level key {required_key!r}")
        out[file.stem] = body
    if not out:
        raise ObjectsError(f"{path}: no *.json files")
    return out


def parse_ndjson(path: Path) -> list[dict[str, Any]]:
    objs: list[dict[str, Any]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ObjectsError(f"{path}:{lineno}: invalid JSON: {exc.msg}") from exc
        for key in ("type", "id", "attributes"):
            if key not in obj:
                raise ObjectsError(f"{path}:{lineno}: saved object without {key!r}")
        objs.append(obj)
    return objs


def load_objects(root: Path) -> BackendObjects:
    """Load collector-config/{elasticsearch,kibana}; raise ObjectsError naming the first bad file."""
    root = Path(root)
    es = root / "elasticsearch"
    objs = BackendObjects(root=root)
    objs.ilm_policies = _json_dir(es / "ilm", "policy")
    objs.index_templates = _json_dir(es / "index-templates", "index_patterns")
    objs.roles = _json_dir(es / "roles", "indices")
    for name, tpl in objs.index_templates.items():
        policy = (tpl.get("template") or {}).get("settings", {}).get("index.lifecycle.name")
        if policy not in objs.ilm_policies:
            raise ObjectsError(f"index template {name}: lifecycle policy {policy!r} has no file under ilm/")
    ndjson = root / "kibana" / "aiaudit.ndjson"
    if not ndjson.is_file():
        raise ObjectsError(f"{ndjson}: file is missing")
    objs.kibana_ndjson = ndjson.read_bytes()
    objs.kibana_objects = parse_ndjson(ndjson)
    return objs
