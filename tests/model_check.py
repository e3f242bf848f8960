"""The check that the shipped prompt model is the one the development prompts train, run beside the
other tests.

The check refits every category's weights from tests/data/dev/ (about two minutes of CPU) and
depends on no other test, so the suite starts it in a subprocess as soon as the tests are collected
and the test that owns it collects its result: the suite takes as long as its longest part, not as
the sum of both. The check itself is the same script, with the same arguments, as when it ran
inside the test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_NAME = "test_the_shipped_model_is_the_one_the_development_set_trains"
# From the start of the check, not from the start of its test: a loaded machine slows it.
TIMEOUT_S = 600.0


class ModelCheck:
    """`scripts/train_prompt_model.py --check`, running in a subprocess."""

    def __init__(self) -> None:
        # A file, not a pipe: nobody reads a pipe while other tests run, and a full one would stall it.
        self._output: IO[str] = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_AIAUDIT_")}
        self._started = time.monotonic()
        self._process = subprocess.Popen(
            [sys.executable, str(ROOT / "scripts" / "train_prompt_model.py"), "--check"],
            stdout=self._output,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=ROOT,
        )

    def result(self) -> tuple[int, str]:
        """The exit status and everything the check printed, once it has finished."""
        left = TIMEOUT_S - (time.monotonic() - self._started)
        try:
            returncode = self._process.wait(timeout=max(left, 0.0))
        except subprocess.TimeoutExpired:
            self.stop()
            pytest.fail(f"the check of the shipped model ran longer than {TIMEOUT_S:.0f} s")
        self._output.seek(0)
        return returncode, self._output.read()

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._output.close()


MODEL_CHECK = pytest.StashKey[ModelCheck]()


def start_if_collected(config: pytest.Config, items: list[pytest.Item]) -> None:
    if any(item.name == TEST_NAME for item in items):
        config.stash[MODEL_CHECK] = ModelCheck()


def stop_if_started(config: pytest.Config) -> None:
    check = config.stash.get(MODEL_CHECK, None)
    if check is not None:
        check.stop()


def model_check(config: pytest.Config) -> ModelCheck:
    """The check started for this run, or one started now (a run that collected it some other way)."""
    check = config.stash.get(MODEL_CHECK, None)
    if check is None:
        check = config.stash[MODEL_CHECK] = ModelCheck()
    return check
