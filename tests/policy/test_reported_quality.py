"""The quality the docs report is the quality the filter has on the held-out set, now.

docs/policy.md ("Measured") states recall and false positives on tests/data/heldout/ with and
without the prompt model; this runs the same measurement (benchmarks/policy_quality.py, through the
real engine) and fails when a change to the lexicons, the rules or the model moved a figure the
docs still state. It checks the report, not a target: the figures are aggregate, never per prompt.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from otel_aiaudit.policy.config import ContentFilter, PolicyConfig
from otel_aiaudit.policy.engine import PolicyEngine

ROOT = Path(__file__).resolve().parents[2]


def _quality_module():
    spec = importlib.util.spec_from_file_location("policy_quality", ROOT / "benchmarks" / "policy_quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _stated() -> tuple[list[str], list[str]]:
    text = (ROOT / "docs" / "policy.md").read_text(encoding="utf-8")
    section = text[text.index("## Measured") :]
    recall = re.search(r"\| \*\*recall, all hits \(\d+\)\*\* \| \*\*([\d.]+)\*\* \| ([\d.]+) \|", section)
    fp = re.search(r"\| \*\*false positives, all benign \(\d+\)\*\* \| \*\*([\d.]+) %\*\* \| ([\d.]+) % \|", section)
    assert recall and fp, "the Measured table's summary rows are missing"
    return list(recall.groups()), list(fp.groups())


@pytest.mark.parametrize(("column", "model"), [(0, True), (1, False)])
def test_the_documented_held_out_figures_are_current(column: int, model: bool) -> None:
    quality = _quality_module()
    records = quality.load(sorted(str(p) for p in (ROOT / "tests" / "data" / "heldout").glob("*.jsonl")))
    engine = PolicyEngine(
        PolicyConfig(mode="enforce", content_filter=ContentFilter(action="block", prompt_model=model))
    )
    results = quality.evaluate(engine, records)
    hits = [r for r in results if not r.benign]
    benign = [r for r in results if r.benign]
    assert len(hits) >= 500 and len(benign) >= 500
    recall = sum(r.labels <= r.got for r in hits) / len(hits)
    fp = sum(bool(r.got) for r in benign) / len(benign)
    stated_recall, stated_fp = _stated()
    # Two decimals at least; three where two would round a miss away (599 of 600 is not "1.00").
    decimals = max(2, len(stated_recall[column].partition(".")[2]))
    assert f"{recall:.{decimals}f}" == stated_recall[column]
    assert f"{100 * fp:.1f}" == stated_fp[column]


def test_bad_prompt_files_stop_with_one_line(tmp_path: Path) -> None:
    quality = _quality_module()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "prompt": "x", "labels": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad\.jsonl:2: not JSON"):
        quality.load([str(bad)])
    with pytest.raises(SystemExit, match=r"no such files"):
        quality.load([str(tmp_path / "none_*.jsonl")])
    labelled = tmp_path / "labels.jsonl"
    labelled.write_text('{"id": "a", "prompt": "x", "labels": ["gore"]}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"labels\.jsonl:1: unknown label"):
        quality.load([str(labelled)])
