"""Safe instrumentation: uninstrument restores, double instrument wraps once, internal errors never
break the user's call, nothing touches the network at import or instrument time."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
import wrapt
from openai.resources.images import AsyncImages, Images
from openai.resources.responses.responses import Responses

from otel_aiaudit.errors import GovernanceUnavailable
from otel_aiaudit.instrumentor import AIAuditInstrumentor

ORIGINALS = {
    (Images, "generate"): Images.__dict__["generate"],
    (Images, "edit"): Images.__dict__["edit"],
    (AsyncImages, "generate"): AsyncImages.__dict__["generate"],
    (Responses, "create"): Responses.__dict__["create"],
    (Responses, "parse"): Responses.__dict__["parse"],
}


def test_uninstrument_restores_every_method(telemetry) -> None:
    inst = AIAuditInstrumentor()
    inst.instrument(tracer_provider=telemetry.tracer_provider)
    assert isinstance(Images.__dict__["generate"], wrapt.FunctionWrapper)
    assert len(inst.patched) >= 10
    inst.uninstrument()
    for (cls, name), original in ORIGINALS.items():
        assert cls.__dict__[name] is original, f"{cls.__name__}.{name} not restored"


def test_instrument_twice_wraps_once(telemetry, openai_client) -> None:
    inst = AIAuditInstrumentor()
    try:
        inst.instrument(tracer_provider=telemetry.tracer_provider)
        inst.instrument(tracer_provider=telemetry.tracer_provider)
        assert AIAuditInstrumentor() is inst  # the instrumentor is a singleton
        wrapper = Images.__dict__["generate"]
        assert not isinstance(wrapper.__wrapped__, wrapt.ObjectProxy)
        openai_client.images.generate(model="gpt-image-2", prompt="once")
        assert len(telemetry.finished_spans()) == 1
    finally:
        inst.uninstrument()


def test_cached_raw_wrapper_passes_through_after_uninstrument(telemetry, openai_client) -> None:
    inst = AIAuditInstrumentor()
    inst.instrument(tracer_provider=telemetry.tracer_provider, logger_provider=telemetry.logger_provider)
    raw = openai_client.images.with_raw_response  # caches the wrapped bound method
    inst.uninstrument()
    raw.generate(model="gpt-image-2", prompt="after").parse()
    assert telemetry.finished_spans() == []
    assert telemetry.records() == []


def _break_ledger(inst: AIAuditInstrumentor) -> None:
    """A real fault: the ledger file is overwritten with bytes that are not a database."""
    ledger = inst.auditor.telemetry.ledger
    ledger.ledger.close()
    with open(ledger.path, "wb") as f:
        f.write(b"this is not a database" * 100)


@pytest.mark.fault(
    fault="the ledger cannot be written (enforce mode)",
    app_sees="GovernanceUnavailable (step ledger): that result withheld, later calls refused before "
    "anything is sent until the ledger takes writes again",
    recorded="the generation through OTel as an alert, degraded ledger_unavailable:fail_closed, "
    "aiaudit.governance.degraded",
)
def test_ledger_write_failure_withholds_the_result_in_enforce_mode(
    instrument, telemetry, openai_client, oai, tmp_path
) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\nmode: enforce\n")
    inst = instrument(policy=str(policy))
    _break_ledger(inst)
    with pytest.raises(GovernanceUnavailable) as info:
        openai_client.images.generate(model="gpt-image-2", prompt="one")
    assert info.value.step == "ledger"
    # The generation is still recorded through OTel, degraded and raised to an alert.
    (record,) = telemetry.records()
    assert record.severity_text == "ERROR" and record.attributes["aiaudit.alert"] is True
    assert record.body["log"]["policy"]["degraded"] == "ledger_unavailable:fail_closed"
    (span,) = telemetry.finished_spans()
    assert span.attributes["aiaudit.policy.degraded"] == "ledger_unavailable:fail_closed"
    assert telemetry.metric_sum("aiaudit.governance.degraded", **{"aiaudit.governance.step": "ledger"}) == 1
    # The ledger is known broken now: the next call is refused before anything is sent or spent.
    with pytest.raises(GovernanceUnavailable):
        openai_client.images.generate(model="gpt-image-2", prompt="two")
    assert len(oai.routes("/v1/images/generations")) == 1
    # Once the file is a ledger again, calls go through at once.
    os.unlink(inst.auditor.telemetry.ledger.path)
    assert openai_client.images.generate(model="gpt-image-2", prompt="three").data
    assert len(oai.routes("/v1/images/generations")) == 2


@pytest.mark.fault(
    fault="the ledger cannot be written, on_error: {ledger: fail_open}",
    app_sees="the call returns its result",
    recorded="the generation through OTel as an alert, degraded ledger_unavailable:fail_open",
)
def test_ledger_write_failure_fails_open_when_chosen(instrument, telemetry, openai_client, tmp_path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\nmode: enforce\non_error:\n  ledger: fail_open\n")
    inst = instrument(policy=str(policy))
    _break_ledger(inst)
    result = openai_client.images.generate(model="gpt-image-2", prompt="one")
    assert result.data
    (record,) = telemetry.records()
    assert record.body["log"]["policy"]["degraded"] == "ledger_unavailable:fail_open"
    assert record.attributes["aiaudit.alert"] is True
    assert telemetry.metric_sum("aiaudit.governance.degraded", **{"aiaudit.governance.mode": "fail_open"}) == 1


def test_broken_prices_file_fails_at_start_with_the_file_named(tmp_path, monkeypatch, telemetry) -> None:
    bad = tmp_path / "prices.yaml"
    bad.write_text("entries:\n  - model: my-model\n    providers: [openai]\n    unit: per_banana\n")
    monkeypatch.setenv("OTEL_AIAUDIT_PRICES_FILE", str(bad))
    inst = AIAuditInstrumentor()
    try:
        inst.instrument(tracer_provider=telemetry.tracer_provider)
        raise AssertionError("instrument() accepted a broken prices file")
    except ValueError as exc:
        assert str(bad) in str(exc) and "unit" in str(exc)
    finally:
        inst.uninstrument()


def test_no_network_at_import_or_instrument() -> None:
    script = textwrap.dedent(
        """
        import socket
        def refuse(*a, **k):
            raise AssertionError("network touched")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        import otel_aiaudit
        from otel_aiaudit.instrumentor import AIAuditInstrumentor
        import openai
        AIAuditInstrumentor().instrument()
        AIAuditInstrumentor().uninstrument()
        print("ok")
        """
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "OTEL_AIAUDIT_STORE": "memory://",
        "OTEL_AIAUDIT_LEDGER": "off",
        "HOME": "/tmp",
    }
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("ok")


def test_governance_without_any_sdk(openai_client, oai) -> None:
    """No SDK configured at all (API no-op providers): audit still runs and calls still work."""
    inst = AIAuditInstrumentor()
    inst.instrument()
    try:
        result = openai_client.images.generate(model="gpt-image-2", prompt="no sdk")
        assert result.data
    finally:
        inst.uninstrument()


class _Faulty:
    """An application's span and log processor that breaks on every item (a real SDK processor)."""

    def on_start(self, span, parent_context=None) -> None:  # noqa: ANN001
        raise RuntimeError("span processor bug")

    def on_end(self, span) -> None:  # noqa: ANN001
        raise RuntimeError("span processor bug")

    def on_emit(self, log_record) -> None:  # noqa: ANN001
        raise RuntimeError("log processor bug")

    emit = on_emit

    def shutdown(self) -> None:
        return None

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return True

    def _on_ending(self, span) -> None:  # noqa: ANN001
        return None


@pytest.mark.fault(
    fault="the application's span or log processor raises on every item",
    app_sees="nothing: the call returns its result",
    recorded="the generation in the ledger; the metrics as usual",
)
def test_a_telemetry_bug_never_breaks_the_call(instrument, telemetry, openai_client, tmp_path, monkeypatch) -> None:
    path = tmp_path / "ledger.db"
    monkeypatch.setenv("OTEL_AIAUDIT_LEDGER", str(path))
    telemetry.tracer_provider.add_span_processor(_Faulty())
    telemetry.logger_provider.add_log_record_processor(_Faulty())
    instrument()
    assert openai_client.images.generate(model="gpt-image-2", prompt="a lighthouse").data
    assert telemetry.metric_sum("aiaudit.requests", **{"aiaudit.status": "success"}) == 1
    from otel_aiaudit.ledger import open_ledger

    ledger = open_ledger(path)
    try:
        assert ledger.count() == 3
    finally:
        ledger.close()
