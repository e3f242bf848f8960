"""Applies the backend objects idempotently: each object is read first and written only if it differs."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .objects import BackendObjects

# The built-in template of Elasticsearch >= 8.16 whose component list our templates reuse, so the
# OTel-native mappings (passthrough attributes, resource, scope) stay in force.
OTEL_LOGS_TEMPLATE = "logs-otel@template"

Report = Callable[[str, str, str], None]  # (kind, name, outcome)


class SetupError(RuntimeError):
    """A backend refused an object or could not be reached; the message says which."""


def _noop(kind: str, name: str, outcome: str) -> None:
    pass


def _body(resp: Any) -> Any:
    return getattr(resp, "body", resp)


def wait_for(check: Callable[[], Any], what: str, timeout_s: float) -> None:
    """Retry `check` until it succeeds or `timeout_s` passes (the stack starts in any order)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            check()
            return
        except Exception as exc:  # connection refused, 503 while starting...
            if time.monotonic() >= deadline:
                raise SetupError(f"{what} is not reachable: {exc}") from exc
            time.sleep(2)


def _subset_equal(wanted: Any, actual: Any) -> bool:
    """True when every key we set has the same value on the server (servers add defaults)."""
    if isinstance(wanted, dict):
        return isinstance(actual, dict) and all(_subset_equal(v, actual.get(k)) for k, v in wanted.items())
    if isinstance(wanted, list):
        return (
            isinstance(actual, list)
            and len(wanted) == len(actual)
            and all(_subset_equal(w, a) for w, a in zip(wanted, actual, strict=True))
        )
    return wanted == actual or str(wanted) == str(actual)


def _flatten_settings(settings: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in settings.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten_settings(value, f"{full}."))
        else:
            flat[full] = value
    return flat


def apply_elasticsearch(es: Any, objs: BackendObjects, report: Report = _noop) -> dict[str, str]:
    """ILM policies first (templates name them), then index templates, then roles."""
    from elasticsearch import ApiError, NotFoundError

    outcomes: dict[str, str] = {}

    def done(kind: str, name: str, outcome: str) -> None:
        outcomes[f"{kind}/{name}"] = outcome
        report(kind, name, outcome)

    try:
        for name, body in objs.ilm_policies.items():
            try:
                current = _body(es.ilm.get_lifecycle(name=name))[name]["policy"]
            except NotFoundError:
                current = None
            if current is not None and _subset_equal(body["policy"], current):
                done("ilm", name, "unchanged")
                continue
            es.ilm.put_lifecycle(name=name, policy=body["policy"])
            done("ilm", name, "created" if current is None else "updated")

        composed = _builtin_components(es, NotFoundError)
        for name, body in objs.index_templates.items():
            wanted = dict(body)
            if composed:
                # Keep the server's own OTel component list (it changes between versions).
                wanted["composed_of"] = composed
                wanted["ignore_missing_component_templates"] = [c for c in composed if c.endswith("@custom")]
            try:
                found = _body(es.indices.get_index_template(name=name))["index_templates"]
                current = found[0]["index_template"] if found else None
            except NotFoundError:
                current = None
            if current is not None and _template_equal(wanted, current):
                done("index_template", name, "unchanged")
                continue
            es.indices.put_index_template(name=name, **wanted)
            done("index_template", name, "created" if current is None else "updated")

        for name, body in objs.roles.items():
            try:
                current = _body(es.security.get_role(name=name)).get(name)
            except NotFoundError:
                current = None
            if current is not None and _subset_equal(body, current):
                done("role", name, "unchanged")
                continue
            es.security.put_role(name=name, **body)
            done("role", name, "created" if current is None else "updated")
    except ApiError as exc:
        raise SetupError(f"Elasticsearch refused the request: {exc}") from exc
    return outcomes


def _builtin_components(es: Any, not_found: type[Exception]) -> list[str] | None:
    try:
        found = _body(es.indices.get_index_template(name=OTEL_LOGS_TEMPLATE))["index_templates"]
    except not_found:
        return None  # Elasticsearch < 8.16: keep the list from our files
    return list(found[0]["index_template"].get("composed_of", [])) if found else None


def _template_equal(wanted: dict[str, Any], current: dict[str, Any]) -> bool:
    w, c = dict(wanted), dict(current)
    w_settings = _flatten_settings(((w.pop("template", None) or {}).get("settings")) or {})
    c_settings = _flatten_settings(((c.pop("template", None) or {}).get("settings")) or {})
    settings_ok = all(
        str(v) == str(c_settings.get(k, c_settings.get(f"index.{k}" if not k.startswith("index.") else k)))
        for k, v in w_settings.items()
    )
    return settings_ok and _subset_equal(w, c)


def apply_kibana(
    kibana_url: str,
    objs: BackendObjects,
    *,
    auth: tuple[str, str] | None = None,
    api_key: str | None = None,
    timeout_s: float = 30.0,
    report: Report = _noop,
) -> dict[str, str]:
    """Import data views and saved searches through the saved-objects API (overwrite = idempotent)."""
    import httpx

    headers = {"kbn-xsrf": "true"}
    if api_key:
        headers["Authorization"] = f"ApiKey {api_key}"
    url = kibana_url.rstrip("/") + "/api/saved_objects/_import"
    try:
        resp = httpx.post(
            url,
            params={"overwrite": "true"},
            headers=headers,
            auth=auth,
            files={"file": ("aiaudit.ndjson", objs.kibana_ndjson, "application/ndjson")},
            timeout=timeout_s,
        )
    except httpx.HTTPError as exc:
        raise SetupError(f"Kibana at {kibana_url} is not reachable: {exc}") from exc
    if resp.status_code != 200:
        raise SetupError(f"Kibana refused the import ({resp.status_code}): {resp.text[:500]}")
    result = resp.json()
    if not result.get("success"):
        errors = [f"{e.get('type')}/{e.get('id')}: {e.get('error')}" for e in result.get("errors", [])]
        raise SetupError("Kibana import failed: " + "; ".join(errors))
    outcomes: dict[str, str] = {}
    for item in result.get("successResults", []):
        key = f"{item.get('type')}/{item.get('id')}"
        outcomes[key] = "imported"
        report("kibana", key, "imported")
    return outcomes
