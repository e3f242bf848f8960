"""Business rules of the Elasticsearch, Kibana and Grafana files, checked against the routed data."""

from __future__ import annotations

import fnmatch
import json
import re

from otelcol_validator import load_catalogue, validate
from pipeline_paths import CATALOGUE, CONFIG, DASHBOARDS, OTELCOL, compose_services, load_yaml

from otel_aiaudit.backends import load_objects
from otel_aiaudit.backends.objects import parse_ndjson

RETENTION_DAYS = {"log": 730, "prompt": 365, "image": 180}  # the seed's retention policy
PROMPT_FIELDS = ("attributes.aiaudit.prompt", "attributes.aiaudit.response.revised_prompt")


def routed_streams() -> dict[str, str]:
    rep = validate(load_yaml(OTELCOL), load_catalogue(CATALOGUE), compose_services())
    assert rep.errors == []
    return rep.data_streams


def test_retention_per_class():
    objs = load_objects(CONFIG)
    streams = routed_streams()
    for rtype, days in RETENTION_DAYS.items():
        stream = streams[rtype]
        matching = [
            t
            for t in objs.index_templates.values()
            if any(fnmatch.fnmatch(stream, p) for p in t["index_patterns"])
        ]
        assert len(matching) == 1, f"{stream}: {len(matching)} templates match"
        tpl = matching[0]
        assert tpl["data_stream"] == {}
        assert tpl["priority"] > 120  # above the built-in logs-otel@template
        policy_name = tpl["template"]["settings"]["index.lifecycle.name"]
        phases = objs.ilm_policies[policy_name]["policy"]["phases"]
        assert phases["delete"]["min_age"] == f"{days}d"
        assert phases["delete"]["actions"] == {"delete": {}}
        # delete.min_age counts from rollover: a daily rollover keeps the bound tight.
        assert phases["hot"]["actions"]["rollover"]["max_age"] == "1d"


def test_auditor_reads_all_and_analyst_cannot_read_prompt_text():
    objs = load_objects(CONFIG)
    streams = routed_streams()
    auditor, analyst = objs.roles["aiaudit_auditor"], objs.roles["aiaudit_analyst"]

    def grants(role, stream):
        return [i for i in role["indices"] if any(fnmatch.fnmatch(stream, n) for n in i["names"])]

    for stream in streams.values():
        a = grants(auditor, stream)
        assert a and all("read" in i["privileges"] and "field_security" not in i for i in a)
        b = grants(analyst, stream)
        assert len(b) == 1 and "read" in b[0]["privileges"], stream
    prompt_grant = grants(analyst, streams["prompt"])[0]["field_security"]
    assert prompt_grant["grant"] == ["*"]
    for field in PROMPT_FIELDS:
        assert field in prompt_grant["except"]
    assert "body.*" in prompt_grant["except"]
    for rtype in ("log", "image"):
        assert "field_security" not in grants(analyst, streams[rtype])[0]


def test_kibana_objects_resolve_and_cover_the_seed_searches():
    objs = parse_ndjson(CONFIG / "kibana" / "aiaudit.ndjson")
    by_id = {(o["type"], o["id"]): o for o in objs}
    assert len(by_id) == len(objs), "duplicate saved object ids"
    templates = load_objects(CONFIG).index_templates
    streams = routed_streams()
    views = [o for o in objs if o["type"] == "index-pattern"]
    for view in views:
        title = view["attributes"]["title"]
        assert view["attributes"]["timeFieldName"] == "@timestamp"
        assert any(fnmatch.fnmatch(s, title) for s in streams.values()), (
            f"data view {title} matches no stream"
        )
        for s in streams.values():
            if fnmatch.fnmatch(s, title):
                assert any(fnmatch.fnmatch(s, p) for t in templates.values() for p in t["index_patterns"])
    searches = {o["attributes"]["title"]: o for o in objs if o["type"] == "search"}
    assert set(searches) == {
        "Blocked prompts (last 7 days)",
        "Cost anomalies (> 2x average)",
        "New users: first generation",
        "Failed generations",
        "Policy violations by user",
        "Audit alerts",
    }
    for title, s in searches.items():
        source = json.loads(s["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
        if s["attributes"]["isTextBasedQuery"]:
            esql = source["query"]["esql"]
            index = re.match(r"FROM (\S+)", esql).group(1)
            assert any(fnmatch.fnmatch(st, index) for st in streams.values()), title
            assert s["references"] == []
        else:
            ref_name = source["indexRefName"]
            refs = [r for r in s["references"] if r["name"] == ref_name]
            assert len(refs) == 1, title
            assert (refs[0]["type"], refs[0]["id"]) in by_id, f"{title}: reference {refs[0]['id']} unresolved"
            assert source["query"]["language"] == "kuery"
            # Fields named in the query and columns use the otel mapping's document paths.
            for col in s["attributes"]["columns"]:
                assert col.startswith("attributes."), col
    blocked = searches["Blocked prompts (last 7 days)"]
    assert blocked["attributes"]["timeRange"]["from"] == "now-7d"
    assert (
        'aiaudit.status : "blocked"'
        in json.loads(blocked["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
    )
    # The alert flag is an attribute of the audit record (log class) since the separate alert event went.
    alerts = json.loads(searches["Audit alerts"]["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])
    assert alerts["query"]["query"] == "attributes.aiaudit.alert : true"
    assert searches["Audit alerts"]["references"][0]["id"] == "aiaudit-logs"
    anomalies = searches["Cost anomalies (> 2x average)"]
    assert (
        "> 2 * avg_daily_usd"
        in json.loads(anomalies["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["esql"]
    )


def test_grafana_provisioning_references_resolve():
    ds = load_yaml(CONFIG / "grafana" / "provisioning" / "datasources" / "datasources.yaml")
    assert ds["apiVersion"] == 1
    uids = {d["uid"]: d for d in ds["datasources"]}
    assert len(uids) == len(ds["datasources"])
    assert {d["type"] for d in uids.values()} == {"prometheus", "tempo", "jaeger", "elasticsearch"}
    services = compose_services()
    for d in uids.values():
        host = re.match(r"https?://([^:/]+)", d["url"]).group(1)
        assert host in services, f"datasource {d['name']} points at {host}"
    es = next(d for d in uids.values() if d["type"] == "elasticsearch")
    assert "database" not in es and es["jsonData"]["index"] == "logs-aiaudit.*"
    assert uids["prometheus"]["jsonData"]["exemplarTraceIdDestinations"][0]["datasourceUid"] == "tempo"
    prov = load_yaml(CONFIG / "grafana" / "provisioning" / "dashboards" / "aiaudit.yaml")
    compose = load_yaml(CONFIG.parent / "docker-compose.yml")
    mounts = dict(
        v.split(":")[:2][::-1] for v in compose["services"]["grafana"]["volumes"] if v.startswith("./")
    )
    assert prov["providers"][0]["options"]["path"] in mounts
    assert DASHBOARDS
    for path in DASHBOARDS:
        dash = json.loads(path.read_text())
        assert dash["uid"] and dash["schemaVersion"] >= 39
        ids = [p["id"] for p in dash["panels"]]
        assert len(ids) == len(set(ids))
        for panel in dash["panels"]:
            for ref in [panel.get("datasource"), *[t.get("datasource") for t in panel.get("targets", [])]]:
                if ref:
                    assert ref["uid"] in uids and uids[ref["uid"]]["type"] == ref["type"], panel["title"]
        titles = {p["title"] for p in dash["panels"]}
        for seed_panel in (
            "Total prompts",
            "Blocked rate",
            "Cost by team",
            "Cost by user (top 10)",
            "Top models",
            "Hourly usage",
            "Budget remaining",
            "Approvals pending",
            "p95 generation time",
        ):
            assert seed_panel in titles
        links = [lk["url"] for p in dash["panels"] for lk in p["fieldConfig"]["defaults"].get("links", [])]
        assert links and all('"datasource":"tempo"' in u for u in links)
