"""The collector's audit fan-out and span allow-list, applied to what the plugin really emits: real
generations (success, content block with alert, provider error, pending approval) through the
instrumented `openai` client, their one `aiaudit.generation` record each and their spans."""

from __future__ import annotations

import fnmatch
import json
import re

import pytest
from otelcol_audit_rules import CLASSES, EVENT_NAME, ROUTE_RE, SPAN_TEXT_KEYS, statements
from otelcol_validator import load_catalogue, validate
from ottl_subset import apply, document
from pipeline_paths import CATALOGUE, CONFIG, OTELCOL, compose_services, load_yaml
from real_records import emitted

from otel_aiaudit.backends.objects import parse_ndjson


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    return emitted(str(tmp_path_factory.mktemp("records")))


@pytest.fixture(scope="module")
def config():
    cfg = load_yaml(OTELCOL)
    rep = validate(cfg, load_catalogue(CATALOGUE), compose_services())
    assert rep.errors == []
    return cfg, rep


@pytest.fixture(scope="module")
def docs(real, config):
    """class -> documents its data stream receives, one per real record."""
    cfg, rep = config
    out = {}
    for cls, route in rep.audit_routes.items():
        stmts = statements(cfg["processors"], cfg["service"]["pipelines"][route.pipeline])
        out[cls] = [document(apply(stmts, rec)) for rec in real.records]
    return out


def test_every_record_takes_the_audit_route(real, config):
    cfg, _ = config
    (route,) = cfg["connectors"]["routing/audit"]["table"]
    expected = ROUTE_RE.match(route["condition"]).group(1)
    assert expected == EVENT_NAME
    assert len(real.records) == 7  # one per generation of the round
    assert {r["event_name"] for r in real.records} == {EVENT_NAME}


def test_each_class_document_is_its_section_with_its_attributes(real, docs):
    for cls in CLASSES:
        for rec, doc in zip(real.records, docs[cls], strict=True):
            assert doc["body"] == rec["body"][cls]
            assert doc["_id"] == rec["attributes"]["aiaudit.record.id"] == rec["attributes"]["aiaudit.generation.id"]
            assert "elasticsearch.document_id" not in doc["attributes"]
            assert doc["data_stream"]["namespace"] == "default"
            assert set(doc["attributes"]) <= set(rec["attributes"])
    blocked = [d for d in docs["log"] if d["attributes"]["aiaudit.status"] == "blocked"]
    assert blocked and all(d["attributes"]["aiaudit.alert"] is True for d in blocked)
    assert all("aiaudit.ledger.hash" in d["attributes"] for d in docs["log"])
    assert all("aiaudit.image.hashes" in d["attributes"] for d in docs["image"] if d["body"].get("images"))


def test_prompt_text_stays_in_the_prompt_stream(real, docs):
    for i, rec in enumerate(real.records):
        prompt = rec["attributes"]["aiaudit.prompt"]  # capture `full`: the very text
        assert prompt in json.dumps(docs["prompt"][i])
        assert docs["prompt"][i]["attributes"]["aiaudit.prompt"] == prompt
        for cls in ("log", "image"):
            assert prompt not in json.dumps(docs[cls][i]), f"{cls} document holds the prompt"


def test_no_emitted_attribute_is_lost(real, config):
    """Each attribute the plugin emits is kept by at least one class: a new one must be placed."""
    _, rep = config
    kept = {k for r in rep.audit_routes.values() for k in r.attributes_kept}
    emitted_keys = {k for rec in real.records for k in rec["attributes"]}
    assert emitted_keys - kept == set()


def test_span_allow_list_covers_the_plugins_spans_but_no_prompt_text(real, config):
    cfg, _ = config
    allowed = set(cfg["processors"]["redaction/spans"]["allowed_keys"])
    assert "aiaudit.prompt" in real.span_attributes  # capture on: the span does carry it
    assert real.span_attributes - set(SPAN_TEXT_KEYS) - allowed == set()
    assert real.resource_attributes - allowed == set()
    assert allowed & set(SPAN_TEXT_KEYS) == set()


FIELD_RE = re.compile(r"\battributes\.([a-z_][\w.]*[a-z_])")


def _saved_search_fields(obj) -> tuple[str | None, set[str]]:
    """(data view id or ES|QL index pattern, attribute names the search reads)."""
    attrs = obj["attributes"]
    source = json.loads(attrs["kibanaSavedObjectMeta"]["searchSourceJSON"])
    query = source["query"].get("esql") or source["query"].get("query") or ""
    fields = set(FIELD_RE.findall(query)) | {c.removeprefix("attributes.") for c in attrs.get("columns", [])}
    if attrs.get("isTextBasedQuery"):
        return re.match(r"FROM (\S+)", query).group(1), fields
    return obj["references"][0]["id"], fields


def test_kibana_searches_read_fields_the_documents_have(docs, config):
    _, rep = config
    objs = parse_ndjson(CONFIG / "kibana" / "aiaudit.ndjson")
    views = {o["id"]: o["attributes"]["title"] for o in objs if o["type"] == "index-pattern"}
    checked = 0
    for obj in (o for o in objs if o["type"] == "search"):
        target, fields = _saved_search_fields(obj)
        pattern = views.get(target, target)
        classes = [c for c, s in rep.data_streams.items() if fnmatch.fnmatch(s, pattern)]
        assert classes, f"{obj['attributes']['title']}: {pattern} matches no audit stream"
        present = {k for c in classes for d in docs[c] for k in d["attributes"]}
        missing = fields - present
        assert not missing, f"{obj['attributes']['title']}: {sorted(missing)} not in {classes} documents"
        checked += 1
    assert checked >= 5
