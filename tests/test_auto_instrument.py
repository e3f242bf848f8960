"""Zero-code: `opentelemetry-instrument python app.py` finds the plugin through its entry point, and
spans, metrics and audit records reach a real OTLP/HTTP endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

from tests.instrumented import run_instrumented
from tests.servers.otlp_receiver import OTLPReceiver, attributes

# The subprocesses import this checkout's otel_aiaudit, not whichever copy is installed.
ROOT = Path(__file__).resolve().parents[1]

APP = textwrap.dedent(
    """
    import os
    import openai
    client = openai.OpenAI(base_url=os.environ["IMAGES_URL"], api_key="sk-app-secret", max_retries=0)
    result = client.images.generate(model="gpt-image-2", prompt="a quiet harbour", quality="low")
    print("images:", len(result.data))
    """
)


def test_entry_point_is_registered() -> None:
    (ep,) = [e for e in entry_points(group="opentelemetry_instrumentor") if e.name == "aiaudit"]
    assert ep.value == "otel_aiaudit.instrumentor:AIAuditInstrumentor"


def test_opentelemetry_instrument_exports_over_otlp(tmp_path: Path, oai) -> None:
    app = tmp_path / "app.py"
    app.write_text(APP)
    receiver = OTLPReceiver().start()
    try:
        env = {
            "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
            "PYTHONPATH": str(ROOT),
            "HOME": str(tmp_path),
            "IMAGES_URL": f"{oai.url}/v1",
            "OTEL_SERVICE_NAME": "image-app",
            "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url,
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
            "OTEL_TRACES_EXPORTER": "otlp",
            "OTEL_METRICS_EXPORTER": "otlp",
            "OTEL_LOGS_EXPORTER": "otlp",
            "OTEL_AIAUDIT_STORE": f"sqlite:///{tmp_path}/store.db",
            "OTEL_AIAUDIT_LEDGER": f"{tmp_path}/ledger.db",
            "OTEL_AIAUDIT_USER": "svc-app",
        }
        instrument = Path(sys.executable).with_name("opentelemetry-instrument")
        out = subprocess.run(
            [str(instrument), sys.executable, str(app)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            cwd=tmp_path,
        )
        assert out.returncode == 0, out.stderr
        assert "images: 1" in out.stdout
    finally:
        receiver.stop()

    spans = [s for s in receiver.spans() if s.name == "generate_content gpt-image-2"]
    assert len(spans) == 1
    span_attrs = attributes(spans[0].attributes)
    assert span_attrs["gen_ai.provider.name"] == "openai"
    assert span_attrs["user.id"] == "svc-app"
    assert span_attrs["aiaudit.cost.source"] == "price_table"

    (record,) = receiver.log_records()  # one record per generation, through the SDK's OTLP exporter
    assert sorted(kv.key for kv in record.body.kvlist_value.values) == ["image", "log", "prompt"]
    assert record.event_name == "aiaudit.generation"
    assert record.span_id == spans[0].span_id
    rec_attrs = attributes(record.attributes)
    assert rec_attrs["aiaudit.ledger.seq"] == 3 and len(rec_attrs["aiaudit.ledger.hash"]) == 64

    assert {
        "aiaudit.requests",
        "aiaudit.images",
        "aiaudit.cost",
        "gen_ai.client.operation.duration",
    } <= receiver.metric_names()
    assert "sk-app-secret" not in repr(receiver.state)


GOVERNED_APP = textwrap.dedent(
    """
    import os
    import openai
    from otel_aiaudit import ContentBlocked
    client = openai.OpenAI(base_url=os.environ["IMAGES_URL"], api_key="sk-app-secret", max_retries=0)
    try:
        client.images.generate(model="gpt-image-2", prompt="a bloody massacre with dismembered bodies")
        print("generated")
    except ContentBlocked as exc:
        print("blocked:", exc)
    """
)


def _run_instrumented(tmp_path: Path, app_text: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    return run_instrumented(tmp_path, app_text, env_extra, name="governed.py")


def test_zero_code_policy_blocks_before_the_provider(tmp_path: Path, oai) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\nmode: enforce\ncontent_filter:\n  action: block\n")
    out = _run_instrumented(
        tmp_path, GOVERNED_APP, {"IMAGES_URL": f"{oai.url}/v1", "OTEL_AIAUDIT_POLICY_FILE": str(policy)}
    )
    assert out.returncode == 0, out.stderr
    assert "blocked:" in out.stdout and "massacre" not in out.stdout
    assert oai.routes("/v1/images") == []


def test_zero_code_broken_policy_stops_the_app_at_start(tmp_path: Path, oai) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\nmode: enforce\ncontent_filter:\n  actoin: block\n")
    out = _run_instrumented(
        tmp_path, GOVERNED_APP, {"IMAGES_URL": f"{oai.url}/v1", "OTEL_AIAUDIT_POLICY_FILE": str(policy)}
    )
    assert out.returncode == 2, out.stderr
    assert "generated" not in out.stdout and "blocked" not in out.stdout
    assert "Traceback" not in out.stderr and "Fatal Python error" not in out.stderr
    (line,) = out.stderr.splitlines()
    assert line.startswith("otel-aiaudit: cannot start: ")
    assert str(policy) in line and "actoin" in line and "action" in line
    assert oai.routes("/v1/images") == []


def test_zero_code_runs_this_checkout(tmp_path: Path) -> None:
    out = _run_instrumented(tmp_path, "import otel_aiaudit\nprint(otel_aiaudit.__file__)\n", {})
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()).resolve().is_relative_to(ROOT)


def test_example_app_runs_governed(tmp_path: Path, oai) -> None:
    example = Path(__file__).resolve().parents[1] / "examples"
    out = _run_instrumented(
        tmp_path,
        (example / "app.py").read_text(),
        {
            "OPENAI_BASE_URL": f"{oai.url}/v1",
            "OPENAI_API_KEY": "sk-example",
            "OTEL_AIAUDIT_POLICY_FILE": str(example / "policy.yaml"),
        },
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "alice: 1 image(s)"
    assert lines[1].startswith("bob: refused:") and "massacre" not in lines[1]
    assert lines[2].startswith("alice: waiting for approval, ticket ")
    assert len(oai.routes("/v1/images")) == 1  # only the allowed call reached the provider
