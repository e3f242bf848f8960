"""The fault table in docs/operations.md is the one rendered from the tests' fault markers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _module():  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("fault_table", ROOT / "scripts" / "fault_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def test_the_page_holds_the_table_the_tests_show() -> None:
    ft = _module()
    faults = ft.collect()
    assert len(faults) >= 10, "the fault markers were not found"
    assert ft.current() == ft.block(faults), "docs/operations.md is stale: run python scripts/fault_table.py --write"


def test_every_fault_names_a_test_that_exists() -> None:
    ft = _module()
    for fault in ft.collect():
        path, name = fault.test.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8")
        assert fault.fault and fault.app_sees and fault.recorded
