"""Precision and recall of the content filter on the development set (tests/data/dev/policy_corpus.jsonl).

Fails below recall 0.95 on hits and evasions of any category, or above a 1 % false-positive rate
on benign prompts. The figures are printed (run with -s to see them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from otel_aiaudit.generation import Generation
from otel_aiaudit.policy.config import ContentFilter, PolicyConfig
from otel_aiaudit.policy.engine import PolicyEngine

CORPUS = Path(__file__).resolve().parent.parent / "data" / "dev" / "policy_corpus.jsonl"
CATEGORIES = ("violence", "explicit", "hate_speech", "deepfake", "minors")


def load() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def results() -> list[tuple[dict, set[str]]]:
    engine = PolicyEngine(PolicyConfig(mode="enforce", content_filter=ContentFilter(action="block")))
    out = []
    for record in load():
        decision = engine.evaluate(Generation(provider="test", prompt=record["prompt"]))
        out.append((record, {h.category for h in decision.hits if h.rule == "content"}))
    return out


def test_corpus_shape() -> None:
    records = load()
    assert len(records) >= 400
    assert {r["kind"] for r in records} == {"hit", "benign"}
    assert {r["lang"] for r in records} == {"en", "th", "mixed"}
    assert all((r["kind"] == "benign") == (not r["labels"]) for r in records)
    evasions = {r["evasion"] for r in records if r["evasion"]}
    for needed in (
        "leet",
        "homoglyph_cyrillic",
        "homoglyph_greek",
        "zero_width",
        "split_dots",
        "split_spaces",
        "split_dashes",
        "stretched",
        "accents",
        "fullwidth",
    ):
        assert needed in evasions
    assert sum(1 for r in records if not r["labels"]) >= 150
    assert len({r["id"] for r in records}) == len(records)


def test_precision_recall(results: list[tuple[dict, set[str]]]) -> None:
    lines = []
    failures = []
    for category in CATEGORIES:
        positives = [(r, got) for r, got in results if category in r["labels"]]
        tp = sum(1 for _, got in positives if category in got)
        flagged = sum(1 for _, got in results if category in got)
        recall = tp / len(positives)
        precision = tp / flagged if flagged else 1.0
        evasions = [(r, got) for r, got in positives if r["evasion"]]
        ev_recall = sum(1 for _, got in evasions if category in got) / len(evasions) if evasions else 1.0
        lines.append(
            f"{category:12} n={len(positives):3} precision={precision:.3f} recall={recall:.3f} "
            f"evasion_recall={ev_recall:.3f}"
        )
        if recall < 0.95 or ev_recall < 0.95:
            missed = [r["prompt"] for r, got in positives if category not in got]
            failures.append(
                f"{category}: recall {recall:.3f}, evasion recall {ev_recall:.3f}; missed {missed}"
            )
    benign = [(r, got) for r, got in results if not r["labels"]]
    false_pos = [(r["prompt"], sorted(got)) for r, got in benign if got]
    fp_rate = len(false_pos) / len(benign)
    lines.append(f"benign       n={len(benign):3} false_positive_rate={fp_rate:.3%}")
    print("\n" + "\n".join(lines))
    if fp_rate > 0.01:
        failures.append(f"false-positive rate {fp_rate:.2%} on benign prompts: {false_pos}")
    assert not failures, "\n".join(failures)


def test_each_evasion_kind_is_caught(results: list[tuple[dict, set[str]]]) -> None:
    by_kind: dict[str, list[bool]] = {}
    for record, got in results:
        if record["evasion"]:
            by_kind.setdefault(record["evasion"], []).append(set(record["labels"]) <= got)
    weak = {kind: f"{sum(v)}/{len(v)}" for kind, v in by_kind.items() if sum(v) / len(v) < 0.95}
    assert not weak, f"evasion kinds below 95 % recall: {weak}"
