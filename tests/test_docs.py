"""The documentation builds, the README stays a short entry point, and the configuration reference
names every setting and policy key the code reads, so the reference cannot drift from the code."""

from __future__ import annotations

import os
import subprocess
import sys
import typing
from pathlib import Path

from pydantic import BaseModel

from otel_aiaudit.policy.config import PolicyConfig
from otel_aiaudit.settings import ENV_VARS

ROOT = Path(__file__).resolve().parent.parent
README_MAX_LINES = 250
# The README opens with these two commands, exactly: a newcomer's first hour starts from them.
README_OPENING = [
    "```bash",
    "bash scripts/demo.sh     # offline demo: creates .venv, installs, runs `aiaudit demo` (no API keys, no network)",
    "bash scripts/test.sh     # installs everything (pip packages; redis-server, prometheus, chromium, docker-compose) "
    "and runs the whole suite",
    "```",
]


def _configuration() -> str:
    return (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")


def test_site_builds_strict(tmp_path: Path) -> None:
    # The mkdocs of the interpreter running the tests (the docs extra), not whatever is first on PATH.
    mkdocs = Path(sys.executable).parent / ("mkdocs.exe" if os.name == "nt" else "mkdocs")
    assert mkdocs.exists(), f"{mkdocs} is missing: install the docs extra (pip install -e '.[docs]')"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "index.html").exists()


def test_readme_is_short_and_opens_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines; move detail to docs/"
    body = [line for line in lines[1:] if line.strip()]  # after the title
    assert lines[0].startswith("# ")
    assert body[: len(README_OPENING)] == README_OPENING


def test_every_setting_is_in_the_configuration_reference() -> None:
    text = _configuration()
    missing = [var for var in ENV_VARS.values() if f"`{var}`" not in text]
    assert not missing, f"docs/configuration.md does not name {missing}"
    assert any(var.startswith("OTEL_AIAUDIT_") for var in ENV_VARS.values())


def _model_of(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def test_every_policy_key_is_in_the_configuration_reference() -> None:
    text = _configuration()
    missing = [name for name in PolicyConfig.model_fields if f"`{name}`" not in text]
    # The keys of each section (content_filter, cost_limits, classifiers, ...) as well.
    for section, field in PolicyConfig.model_fields.items():
        model = _model_of(field.annotation)
        if model is not None:
            missing += [f"{section}.{name}" for name in model.model_fields if f"`{name}`" not in text]
            for sub, subfield in model.model_fields.items():
                inner = _model_of(subfield.annotation)
                if inner is not None and inner is not model:
                    missing += [f"{section}.{sub}.{n}" for n in inner.model_fields if f"`{n}`" not in text]
    assert not missing, f"docs/configuration.md does not name the policy keys {missing}"
