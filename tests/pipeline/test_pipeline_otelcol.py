"""The collector config passes the static validator, and each kind of fault is caught."""

from __future__ import annotations

import copy

import pytest
from otelcol_validator import load_catalogue, validate
from pipeline_paths import CATALOGUE, COMPOSE, OTELCOL, compose_services, load_yaml

CATALOG = load_catalogue(CATALOGUE)


def run(config):
    return validate(config, CATALOG, compose_services())


def test_real_config_is_valid_and_routes_three_data_streams():
    rep = run(load_yaml(OTELCOL))
    assert rep.errors == []
    assert rep.data_streams == {
        "log": "logs-aiaudit.logs.otel-default",
        "prompt": "logs-aiaudit.prompts.otel-default",
        "image": "logs-aiaudit.images.otel-default",
    }
    for cls, route in rep.audit_routes.items():
        assert route.body_section == cls and route.document_id
    assert "aiaudit.prompt" in rep.audit_routes["prompt"].attributes_kept


def _audit_statements(c, cls):
    return c["processors"][f"transform/audit_{cls}"]["log_statements"][0]["statements"]


def test_compose_pins_the_catalogued_collector_version():
    image = load_yaml(COMPOSE)["services"]["otel-collector"]["image"]
    assert image == CATALOG["image"]


def _mut_typo_exporter(c):
    c["service"]["pipelines"]["traces"]["exporters"] = ["otlp_grpc/tempoo", "otlp_grpc/jaeger"]


def _mut_unknown_type(c):
    c["exporters"]["logging"] = {}
    c["service"]["pipelines"]["metrics"]["exporters"].append("logging")


def _mut_deprecated_alias(c):
    c["exporters"]["otlp/tempo"] = c["exporters"].pop("otlp_grpc/tempo")
    c["service"]["pipelines"]["traces"]["exporters"] = ["otlp/tempo", "otlp_grpc/jaeger"]


def _mut_signal_unsupported(c):
    c["service"]["pipelines"]["traces"]["exporters"].append("prometheus")


def _mut_batch_not_last(c):
    c["service"]["pipelines"]["traces"]["processors"] = [
        "memory_limiter",
        "redaction/spans",
        "batch",
        "attributes/drop_prompt_text",
    ]


def _mut_memory_limiter_not_first(c):
    c["service"]["pipelines"]["metrics"]["processors"] = ["batch"]


def _mut_receiver_localhost(c):
    c["receivers"]["otlp"]["protocols"]["grpc"]["endpoint"] = "localhost:4317"


def _mut_receiver_no_endpoint(c):
    c["receivers"]["otlp"]["protocols"]["http"] = {}


def _mut_wrong_host(c):
    c["exporters"]["elasticsearch"]["endpoint"] = "http://elastic:9200"


def _mut_deprecated_option(c):
    c["exporters"]["elasticsearch"]["flush"] = {"interval": "5s"}


def _mut_mapping_mode(c):
    c["exporters"]["elasticsearch"]["mapping"] = {"mode": "ecs"}


def _mut_prompt_reaches_traces(c):
    c["service"]["pipelines"]["traces"]["processors"] = ["memory_limiter", "redaction/spans", "batch"]
    del c["processors"]["attributes/drop_prompt_text"]
    c["processors"]["redaction/spans"]["allowed_keys"].append("aiaudit.prompt")


def _mut_redaction_allows_all(c):
    c["processors"]["redaction/spans"]["allow_all_keys"] = True


def _mut_no_redaction(c):
    c["service"]["pipelines"]["traces"]["processors"].remove("redaction/spans")
    del c["processors"]["redaction/spans"]


def _mut_prompt_stripped_from_audit(c):
    stmts = _audit_statements(c, "prompt")
    stmts[0] = stmts[0].replace('"aiaudit.prompt", ', "")


def _mut_prompt_kept_in_log_class(c):
    stmts = _audit_statements(c, "log")
    stmts[0] = stmts[0].replace('"error.type"', '"error.type", "aiaudit.prompt"')


def _mut_prompt_set_in_image_class(c):
    _audit_statements(c, "image").append('set(attributes["aiaudit.prompt"], attributes["aiaudit.prompt.hash"])')


def _mut_no_attribute_allow_list(c):
    _audit_statements(c, "image").pop(0)


def _mut_body_not_cut_first(c):
    _audit_statements(c, "log").remove('keep_keys(body, ["log"])')


def _mut_two_pipelines_one_class(c):
    stmts = _audit_statements(c, "image")
    stmts[stmts.index('set(body, body["image"])')] = 'set(body, body["log"])'


def _mut_no_document_id(c):
    stmts = _audit_statements(c, "prompt")
    stmts.remove('set(attributes["elasticsearch.document_id"], attributes["aiaudit.record.id"])')


def _mut_exporter_ignores_document_id(c):
    del c["exporters"]["elasticsearch"]["logs_dynamic_id"]


def _mut_route_on_record_type(c):
    c["connectors"]["routing/audit"]["table"][0]["condition"] = 'attributes["aiaudit.record.type"] == "log"'


def _mut_route_missing(c):
    c["connectors"]["routing/audit"]["table"][0]["pipelines"].remove("logs/audit_prompt")
    del c["service"]["pipelines"]["logs/audit_prompt"]
    del c["processors"]["transform/audit_prompt"]


def _mut_undefined_processor(c):
    c["service"]["pipelines"]["logs/audit_log"]["processors"].insert(0, "filter/none")


def _mut_unused_component(c):
    c["processors"]["resource/unused"] = {"attributes": []}


def _mut_bare_env(c):
    c["exporters"]["elasticsearch"]["password"] = "$ES_PASSWORD"


def _mut_connector_one_sided(c):
    c["service"]["pipelines"]["logs/intake"]["exporters"] = ["elasticsearch"]
    c["service"]["pipelines"]["logs/intake"]["processors"] = ["memory_limiter", "batch"]


def _mut_removed_service_option(c):
    c["service"]["telemetry"]["metrics"]["address"] = "0.0.0.0:8888"


def _mut_bad_pipeline_signal(c):
    c["service"]["pipelines"]["profiles"] = c["service"]["pipelines"].pop("metrics")


MUTATIONS = {
    "typo_exporter": (_mut_typo_exporter, "'otlp_grpc/tempoo' is not defined"),
    "unknown_type": (_mut_unknown_type, "type 'logging'"),
    "deprecated_alias": (_mut_deprecated_alias, "deprecated alias since v0.144.0"),
    "signal_unsupported": (_mut_signal_unsupported, "does not support traces"),
    "batch_not_last": (_mut_batch_not_last, "batch must be the last"),
    "memory_limiter_not_first": (_mut_memory_limiter_not_first, "memory_limiter must be the first"),
    "receiver_localhost": (_mut_receiver_localhost, "listens on 'localhost:4317'"),
    "receiver_no_endpoint": (_mut_receiver_no_endpoint, "has no endpoint"),
    "wrong_host": (_mut_wrong_host, "'elastic', which is not a compose service"),
    "deprecated_option": (_mut_deprecated_option, "elasticsearch.flush"),
    "mapping_mode": (_mut_mapping_mode, "mapping.mode"),
    "prompt_reaches_traces": (_mut_prompt_reaches_traces, "spans reach the trace backends with ['aiaudit.prompt']"),
    "redaction_allows_all": (_mut_redaction_allows_all, "no redaction processor in allow-list mode"),
    "no_redaction": (_mut_no_redaction, "no redaction processor in allow-list mode"),
    "prompt_stripped_from_audit": (_mut_prompt_stripped_from_audit, "must keep the prompt text"),
    "prompt_kept_in_log_class": (_mut_prompt_kept_in_log_class, "would reach the log data stream"),
    "prompt_set_in_image_class": (_mut_prompt_set_in_image_class, "would reach the image data stream"),
    "no_attribute_allow_list": (_mut_no_attribute_allow_list, "no keep_keys(attributes, [...]) allow list"),
    "body_not_cut_first": (_mut_body_not_cut_first, 'keep_keys(body, ["log"]) must cut the body'),
    "two_pipelines_one_class": (_mut_two_pipelines_one_class, "class 'log' is already written"),
    "no_document_id": (_mut_no_document_id, "the document id is not set from aiaudit.record.id"),
    "exporter_ignores_document_id": (_mut_exporter_ignores_document_id, "logs_dynamic_id.enabled"),
    "route_on_record_type": (_mut_route_on_record_type, 'no route for event_name == "aiaudit.generation"'),
    "route_missing": (_mut_route_missing, "no audit pipeline keeps the 'prompt' class"),
    "undefined_processor": (_mut_undefined_processor, "'filter/none' is not defined"),
    "unused_component": (_mut_unused_component, "'resource/unused' is defined but used by no pipeline"),
    "bare_env": (_mut_bare_env, "bare $VAR"),
    "connector_one_sided": (_mut_connector_one_sided, "must be used as an exporter and as a receiver"),
    "removed_service_option": (_mut_removed_service_option, "telemetry.metrics.address"),
    "bad_pipeline_signal": (_mut_bad_pipeline_signal, "the signal must be one of"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_mutated_config_fails(name):
    mutate, expected = MUTATIONS[name]
    config = copy.deepcopy(load_yaml(OTELCOL))
    mutate(config)
    errors = run(config).errors
    assert any(expected in e for e in errors), f"{name}: expected {expected!r} in {errors}"
