"""Content-filter quality on labelled prompt sets, through the real PolicyEngine in enforce mode.

Run: python benchmarks/policy_quality.py --set tests/data/dev/*.jsonl [--set tests/data/heldout/*.jsonl]

Each `--set` is one set (its files are read together); the figures are printed per set, so a
development set (which the filter's authors tune against) and a held-out set (which they never
read) are compared side by side. Records are JSON lines:

    {"id": "...", "prompt": "...", "labels": ["violence", ...], "kind": "hit" | "benign",
     "evasion": "leet" | null, "trap": "dish" | null, "lang": "en" | "th" | "mixed"}

Printed per set: recall per category (a prompt counts for each label it carries), recall per
evasion kind (every label of the prompt caught), false-positive rate per trap kind and overall
(a benign prompt with any content hit), per language, with the size of each group. `--misses`
also lists the prompts got wrong. Exit status 0: this is a report, not a gate.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from otel_aiaudit.generation import Generation  # noqa: E402
from otel_aiaudit.policy.config import ContentFilter, PolicyConfig  # noqa: E402
from otel_aiaudit.policy.engine import PolicyEngine  # noqa: E402

CATEGORIES = ("violence", "explicit", "hate_speech", "deepfake", "minors")


@dataclass
class Result:
    record: dict
    got: set[str]

    @property
    def labels(self) -> set[str]:
        return set(self.record.get("labels") or [])

    @property
    def benign(self) -> bool:
        return self.record.get("kind") == "benign" or not self.labels


def load(paths: Iterable[str]) -> list[dict]:
    """The records of the given files; a pattern ("tests/data/heldout/*.jsonl") is expanded here too,
    so a quoted one works. Bad input stops with one line naming the file (and line)."""
    records = []
    for pattern in paths:
        names = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        if not names:
            raise SystemExit(f"{pattern}: no such files")
        for name in names:
            records.extend(_read(name))
    return records


def _read(name: str) -> list[dict]:
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SystemExit(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise SystemExit(f"{name}:{number}: not JSON: {exc}") from None
        unknown = set(record.get("labels") or []) - set(CATEGORIES)
        if unknown:
            raise SystemExit(f"{name}:{number}: unknown label(s) {sorted(unknown)}")
        records.append(record)
    return records


def evaluate(engine: PolicyEngine, records: list[dict]) -> list[Result]:
    out = []
    for record in records:
        decision = engine.evaluate(Generation(provider="quality", prompt=record["prompt"]))
        got = {h.category for h in decision.hits if h.rule in ("content", "classifier") and h.action == "block"}
        out.append(Result(record, got))
    return out


def _rate(hits: int, n: int) -> str:
    return f"{hits / n:6.3f}  ({hits}/{n})" if n else "     -  (0/0)"


def report(name: str, results: list[Result], misses: bool) -> list[str]:
    lines = [f"== {name}: {len(results)} prompts"]
    positives = [r for r in results if not r.benign]
    benign = [r for r in results if r.benign]
    lines.append("recall per category")
    for category in CATEGORIES:
        group = [r for r in positives if category in r.labels]
        lines.append(f"  {category:14} {_rate(sum(category in r.got for r in group), len(group))}")
    caught = sum(r.labels <= r.got for r in positives)
    lines.append(f"  {'all labels':14} {_rate(caught, len(positives))}")
    lines.append("recall per evasion kind (all labels caught)")
    for kind in sorted({r.record.get("evasion") or "none" for r in positives}):
        group = [r for r in positives if (r.record.get("evasion") or "none") == kind]
        lines.append(f"  {kind:22} {_rate(sum(r.labels <= r.got for r in group), len(group))}")
    lines.append("false-positive rate per trap kind")
    for kind in sorted({r.record.get("trap") or "none" for r in benign}):
        group = [r for r in benign if (r.record.get("trap") or "none") == kind]
        lines.append(f"  {kind:22} {_rate(sum(bool(r.got) for r in group), len(group))}")
    lines.append(f"  {'overall':22} {_rate(sum(bool(r.got) for r in benign), len(benign))}")
    lines.append("per language: recall / false-positive rate")
    for lang in sorted({r.record.get("lang") or "-" for r in results}):
        pos = [r for r in positives if (r.record.get("lang") or "-") == lang]
        ben = [r for r in benign if (r.record.get("lang") or "-") == lang]
        recall = _rate(sum(r.labels <= r.got for r in pos), len(pos))
        fp = _rate(sum(bool(r.got) for r in ben), len(ben))
        lines.append(f"  {lang:6} recall {recall}   fp {fp}")
    if misses:
        for r in positives:
            if not r.labels <= r.got:
                lines.append(f"  MISS {r.record['id']}: {sorted(r.labels - r.got)} {r.record['prompt']!r}")
        for r in benign:
            if r.got:
                lines.append(f"  FP   {r.record['id']}: {sorted(r.got)} {r.record['prompt']!r}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set", action="append", nargs="+", required=True, metavar="JSONL", help="files of one set (repeatable)"
    )
    parser.add_argument("--misses", action="store_true", help="list the prompts got wrong")
    parser.add_argument(
        "--no-model", action="store_true", help="lexicons and rules alone (content_filter.prompt_model: false)"
    )
    args = parser.parse_args(argv)
    content = ContentFilter(action="block", prompt_model=not args.no_model)
    engine = PolicyEngine(PolicyConfig(mode="enforce", content_filter=content))
    for paths in args.set:
        name = ", ".join(paths) if len(paths) <= 2 else f"{paths[0]} and {len(paths) - 1} more"
        print("\n".join(report(name, evaluate(engine, load(paths)), args.misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
