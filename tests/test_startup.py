"""Start-up is all or nothing: under `opentelemetry-instrument` any problem stops the app before it runs
(exit code 2, one line on stderr, no traceback); in code the same problems raise typed exceptions."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from otel_aiaudit import AIAuditInstrumentor, ConfigurationError, MissingExtra, PolicyFileError
from otel_aiaudit.startup import describe
from tests.instrumented import run_instrumented

ROOT = Path(__file__).resolve().parents[1]
APP = 'print("app ran")\n'
BROKEN_POLICY = "version: 1\nmode: enforce\ncontent_filter:\n  actoin: block\n"


def _absent(tmp_path: Path, *packages: str) -> Path:
    """A directory whose packages fail to import as an uninstalled one does, to put first on the path."""
    shadow = tmp_path / "absent"
    for path in packages:
        name = path.replace("/", ".")
        (shadow / path).mkdir(parents=True)
        (shadow / path / "__init__.py").write_text(
            f"raise ModuleNotFoundError(\"No module named '{name}'\", name={name!r})\n"
        )
    return shadow


def _start(
    tmp_path: Path, env_extra: dict[str, str], *, shadow: Path | None = None, app: str = APP
) -> subprocess.CompletedProcess[str]:
    return run_instrumented(tmp_path, app, env_extra, shadow=shadow)


def _refused(out: subprocess.CompletedProcess[str], *needles: str) -> str:
    """The one line the user sees; asserts the app never ran and nothing else was printed."""
    assert "app ran" not in out.stdout
    assert "Traceback" not in out.stderr and "Fatal Python error" not in out.stderr, out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1, out.stderr
    (line,) = lines
    assert line.startswith("otel-aiaudit: cannot start: "), line
    for needle in needles:
        assert needle in line, line
    assert out.returncode == 2, out.stderr
    return line


def test_the_checkout_under_test_is_what_starts_and_the_shadow_hides_packages(tmp_path: Path) -> None:
    app = textwrap.dedent(
        """
        import otel_aiaudit
        print(otel_aiaudit.__file__)
        for name in ("redis", "c2pa"):
            try:
                __import__(name)
                print(name, "imported")
            except ModuleNotFoundError as exc:
                print(name, "missing:", exc.name)
        """
    )
    out = _start(tmp_path, {}, shadow=_absent(tmp_path, "redis", "c2pa"), app=app)
    assert out.returncode == 0, out.stderr
    first, *rest = out.stdout.splitlines()
    assert Path(first).resolve().is_relative_to(ROOT)
    assert rest == ["redis missing: redis", "c2pa missing: c2pa"]


@pytest.mark.fault(
    fault="a setting needs an extra that is not installed (redis store, C2PA)",
    app_sees="exit code 2 at start with one line: pip install 'otel-aiaudit[redis]'",
    recorded="nothing runs ungoverned: the app does not start",
)
def test_a_redis_store_without_the_redis_extra_stops_the_app(tmp_path: Path) -> None:
    out = _start(
        tmp_path,
        {"OTEL_AIAUDIT_STORE": "redis://:s3cret@localhost:6379/0"},
        shadow=_absent(tmp_path, "redis"),
    )
    line = _refused(out, "OTEL_AIAUDIT_STORE=redis://", "pip install 'otel-aiaudit[redis]'")
    assert "s3cret" not in line


def test_c2pa_on_without_the_c2pa_extra_stops_the_app(tmp_path: Path) -> None:
    out = _start(tmp_path, {"OTEL_AIAUDIT_C2PA": "on"}, shadow=_absent(tmp_path, "c2pa"))
    _refused(out, "OTEL_AIAUDIT_C2PA=on", "c2pa-python", "pip install 'otel-aiaudit[c2pa]'")


@pytest.mark.fault(
    fault="a policy file with an error",
    app_sees="exit code 2 at start with one line naming file, line and key",
    recorded="nothing runs ungoverned: the app does not start",
)
def test_a_broken_policy_file_stops_the_app_with_one_line(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(BROKEN_POLICY)
    out = _start(tmp_path, {"OTEL_AIAUDIT_POLICY_FILE": str(policy)})
    _refused(out, str(policy), "actoin", "did you mean 'action'")


def test_a_policy_file_with_several_problems_still_gives_one_line(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text("version: 1\nmode: enforce\npii:\n  actoin: block\ncopyright:\n  acton: warn\n")
    out = _start(tmp_path, {"OTEL_AIAUDIT_POLICY_FILE": str(policy)})
    _refused(out, "pii.actoin", "copyright.acton")


@pytest.mark.parametrize(
    ("variable", "value", "accepted"),
    [
        ("OTEL_AIAUDIT_METRICS_USER", "nah", "true, false, 1, 0, on or off"),
        ("OTEL_AIAUDIT_C2PA", "yes", "true, false, 1, 0, on or off"),
        ("OTEL_AIAUDIT_PROMPT_CAPTURE", "bogus", "full, redacted, hash or none"),
        ("OTEL_AIAUDIT_GPU_HOUR_USD", "cheap", "US dollars"),
    ],
)
@pytest.mark.fault(
    fault="an OTEL_AIAUDIT_* variable with a bad value",
    app_sees="exit code 2 at start with one line naming the variable",
    recorded="nothing runs ungoverned: the app does not start",
)
def test_a_bad_setting_stops_the_app_naming_the_variable(
    tmp_path: Path, variable: str, value: str, accepted: str
) -> None:
    out = _start(tmp_path, {variable: value})
    line = _refused(out, f"{variable}={value}", accepted)
    field = variable.removeprefix("OTEL_AIAUDIT_").lower()
    assert f" {field}" not in line  # the variable the user set, not the field behind it


def test_a_distro_that_calls_instrument_its_own_way_still_stops_the_app(tmp_path: Path) -> None:
    # Distros may override load_instrumentor (its docstring invites it) and drop skip_dep_check.
    shadow = tmp_path / "distro"
    (shadow / "bare_distro-1.0.dist-info").mkdir(parents=True)
    (shadow / "bare_distro-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: bare-distro\nVersion: 1.0\n"
    )
    (shadow / "bare_distro-1.0.dist-info" / "entry_points.txt").write_text(
        "[opentelemetry_distro]\nbare = bare_distro:BareDistro\n"
    )
    (shadow / "bare_distro.py").write_text(
        textwrap.dedent(
            """
            from opentelemetry.instrumentation.distro import BaseDistro

            class BareDistro(BaseDistro):
                def _configure(self, **kwargs):
                    pass

                def load_instrumentor(self, entry_point, **kwargs):
                    entry_point.load()().instrument()
            """
        )
    )
    out = _start(tmp_path, {"OTEL_PYTHON_DISTRO": "bare", "OTEL_AIAUDIT_METRICS_USER": "nah"}, shadow=shadow)
    _refused(out, "OTEL_AIAUDIT_METRICS_USER=nah")


def test_strict_values_in_any_case_and_spacing_still_start(tmp_path: Path) -> None:
    out = _start(
        tmp_path,
        {
            "OTEL_AIAUDIT_METRICS_USER": " OFF ",
            "OTEL_AIAUDIT_C2PA": "False",
            "OTEL_AIAUDIT_PROMPT_CAPTURE": "Hash",
            "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT": "SPAN_ONLY",
        },
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == "app ran\n"


# In code: the same problems raise typed exceptions, and nothing is patched.


def _instrument_in_code(**kwargs: object) -> AIAuditInstrumentor:
    inst = AIAuditInstrumentor()
    try:
        inst.instrument(**kwargs)
    finally:
        assert inst.patched == [] and inst.auditor is None
        inst.uninstrument()
    return inst


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("OTEL_AIAUDIT_METRICS_USER", "nah"),
        ("OTEL_AIAUDIT_C2PA", "yes"),
        ("OTEL_AIAUDIT_PROMPT_CAPTURE", "bogus"),
    ],
)
def test_in_code_a_bad_setting_raises_configuration_error(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigurationError, match=f"^{variable}={value}: expected ") as caught:
        _instrument_in_code()
    assert caught.value.variable == variable
    assert isinstance(caught.value, ValueError)
    assert "\n" not in str(caught.value)


def test_in_code_a_bad_keyword_is_named_as_the_keyword() -> None:
    with pytest.raises(ConfigurationError, match=r"^instrument\(metrics_user='nah'\): expected "):
        _instrument_in_code(metrics_user="nah")


def test_in_code_a_missing_extra_raises_missing_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(_absent(tmp_path, "redis", "c2pa")))
    monkeypatch.delitem(sys.modules, "redis", raising=False)  # restored afterwards when it was loaded
    monkeypatch.delitem(sys.modules, "c2pa", raising=False)
    monkeypatch.setenv("OTEL_AIAUDIT_STORE", "redis://localhost:6379/0")
    with pytest.raises(MissingExtra, match=r"pip install 'otel-aiaudit\[redis\]'") as caught:
        _instrument_in_code()
    assert (caught.value.extra, caught.value.variable) == ("redis", "OTEL_AIAUDIT_STORE")

    monkeypatch.setenv("OTEL_AIAUDIT_STORE", f"sqlite:///{tmp_path}/store.db")
    with pytest.raises(MissingExtra, match=r"^instrument\(c2pa=True\) needs the c2pa extra") as caught:
        _instrument_in_code(c2pa=True)
    assert caught.value.extra == "c2pa" and isinstance(caught.value, ConfigurationError)


def test_in_code_a_broken_policy_file_raises_policy_file_error(tmp_path: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(BROKEN_POLICY)
    with pytest.raises(PolicyFileError, match="actoin") as caught:
        _instrument_in_code(policy=str(policy))
    assert isinstance(caught.value, ConfigurationError)


def test_an_unexpected_error_is_one_line_with_its_type_and_place() -> None:
    def failing() -> None:
        raise RuntimeError("first line\nsecond line")

    try:
        failing()
    except RuntimeError as exc:
        text = describe(exc)
    assert text.startswith("RuntimeError: first line; second line (at ")
    assert text.endswith(f"test_startup.py:{failing.__code__.co_firstlineno + 1})")
