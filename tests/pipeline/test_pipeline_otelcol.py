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


def test_compose_pins_the_catalogued_collector_version():
    image = load_yaml(COMPOSE)["services"]["otel-collector"]["image"]
    assert image == CATALOG["image"]


def _mut_typo_exporter(c):
    c["service"]["pipelines"]["traces"]["exporters"] = ["otlp/tempoo", "otlp/jaeger"]


def _mut_unknown_type(c):
    c["exporters"]["logging"] = {}
    c["service"]["pipelines"]["metrics"]["exporters"].append("logging")


def _mut_new_name_not_in_release(c):
    c["exporters"]["otlp_grpc/tempo"] = c["exporters"].pop("otlp/tempo")
    c["service"]["pipelines"]["traces"]["exporters"] = ["otlp_grpc/tempo", "otlp/jaeger"]


def _mut_signal_unsupported(c):
    c["service"]["pipelines"]["traces"]["exporters"].append("prometheus")


def _mut_batch_not_last(c):
    c["service"]["pipelines"]["traces"]["processors"] = [
        "memory_limiter",
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
    c["service"]["pipelines"]["traces"]["processors"] = ["memory_limiter", "batch"]
    del c["processors"]["attributes/drop_prompt_text"]


def _mut_prompt_stripped_from_audit(c):
    stmts = c["processors"]["transform/audit_prompt"]["log_statements"][0]["statements"]
    stmts.append('delete_key(attributes, "aiaudit.prompt")')


def _mut_route_missing(c):
    c["connectors"]["routing/audit"]["table"].pop(1)
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
    "typo_exporter": (_mut_typo_exporter, "'otlp/tempoo' is not defined"),
    "unknown_type": (_mut_unknown_type, "type 'logging'"),
    "new_name_not_in_release": (_mut_new_name_not_in_release, "'otlp_grpc'"),
    "signal_unsupported": (_mut_signal_unsupported, "does not support traces"),
    "batch_not_last": (_mut_batch_not_last, "batch must be the last"),
    "memory_limiter_not_first": (_mut_memory_limiter_not_first, "memory_limiter must be the first"),
    "receiver_localhost": (_mut_receiver_localhost, "listens on 'localhost:4317'"),
    "receiver_no_endpoint": (_mut_receiver_no_endpoint, "has no endpoint"),
    "wrong_host": (_mut_wrong_host, "'elastic', which is not a compose service"),
    "deprecated_option": (_mut_deprecated_option, "elasticsearch.flush"),
    "mapping_mode": (_mut_mapping_mode, "mapping.mode"),
    "prompt_reaches_traces": (_mut_prompt_reaches_traces, "spans reach the trace backends"),
    "prompt_stripped_from_audit": (_mut_prompt_stripped_from_audit, "must keep the prompt text"),
    "route_missing": (_mut_route_missing, "aiaudit.record.type == 'prompt'"),
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
