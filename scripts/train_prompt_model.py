"""Train the prompt model shipped in otel_aiaudit/policy/prompt_model.npz from the development prompts.

Run: python scripts/train_prompt_model.py [--data 'tests/data/dev/*.jsonl'] [--out FILE] [--check [--full]]

One logistic regression per category over the hashed character n-gram counts of
`prompt_model.bucket_ids` (scikit-learn, liblinear, L2; weights under `PRUNE` are dropped so that
the file stays small). The
threshold of each category comes from out-of-fold scores (five folds): the lowest score at which at
most `--max-fp` of the benign development prompts people wrote, less those the lexicons and rules
already block, would be flagged for that category. Training is
deterministic. `--check` refits each category's final model and exits 1 when its weights differ
from the shipped file's, or when the digests of the development prompts and of the lexicons that
the file records are not those of the files now: that is how the suite knows the shipped weights
come from the development set and nothing else, in about a fifth of a full training. The
thresholds come from the fold fits, which take the rest of the time: `--check --full` refits those
too and compares every threshold.

The held-out set (tests/data/heldout/) is never read here.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from otel_aiaudit.generation import Generation  # noqa: E402
from otel_aiaudit.policy.config import ContentFilter, PolicyConfig  # noqa: E402
from otel_aiaudit.policy.engine import PolicyEngine  # noqa: E402
from otel_aiaudit.policy.prompt_model import (  # noqa: E402
    BUCKETS,
    bucket_ids,
    matching_form,
    read_model,
    save_model,
)

CATEGORIES = ("violence", "explicit", "hate_speech", "deepfake", "minors")
DEFAULT_DATA = "tests/data/dev/*.jsonl"
SHIPPED = ROOT / "otel_aiaudit" / "policy" / "prompt_model.npz"
LEXICONS = ROOT / "otel_aiaudit" / "policy" / "lexicons"
# Regularisation strength (inverse), the least number of prompts an n-gram must appear in, the
# fewest positive examples a category needs to get a threshold, and weight rounding.
C = 1.0
MIN_DF = 2
PRUNE = 0.01
MIN_POSITIVES = 30
DECIMALS = 4
# Fits run at once while training (see train()).
FIT_THREADS = 4
# Trap kinds of the generated benign sets (tests/data/dev/build_*_benign.py).
GENERATED_TRAPS = ("identity", "everyday", "people", "named")


def data_files(pattern: str) -> list[Path]:
    """The files a --data pattern names, refusing the held-out set."""
    if "heldout" in Path(pattern).parts:
        raise SystemExit(f"{pattern}: the held-out set is never used for training")
    names = sorted(glob.glob(str(ROOT / pattern)) or glob.glob(pattern))
    for name in names:
        if "heldout" in Path(name).parts:
            raise SystemExit(f"{name}: the held-out set is never used for training")
    return [Path(name) for name in names]


def load(files: list[Path], pattern: str) -> list[dict]:
    records = []
    for name in files:
        for number, line in enumerate(name.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except ValueError as exc:
                    raise SystemExit(f"{name}:{number}: not JSON: {exc}") from None
    if not records:
        raise SystemExit(f"{pattern}: no prompts")
    return records


def data_digest(files: list[Path]) -> str:
    """sha256 of the training files, each by its name and bytes: which prompts the model saw."""
    digest = hashlib.sha256()
    for name in sorted(files, key=lambda path: path.name):
        data = name.read_bytes()
        digest.update(f"{name.name}\n{len(data)}\n".encode() + data)
    return digest.hexdigest()


def lexicons_digest(root: Path = LEXICONS) -> str:
    """sha256 of what the shipped lexicons say, comments and blank lines left out: the thresholds
    leave out the benign prompts the lexicons block, so a changed term can move a threshold, and
    a changed comment cannot."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.txt")):
        lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
        digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
        digest.update("\n".join(line for line in lines if line).encode() + b"\n\n")
    return digest.hexdigest()


def features(prompts: list[str]) -> csr_matrix:
    """n-gram counts per prompt, one column per bucket."""
    rows, cols = [], []
    for number, prompt in enumerate(prompts):
        ids = bucket_ids(matching_form(prompt))
        rows.append(np.full(len(ids), number))
        cols.append(ids)
    row, col = np.concatenate(rows), np.concatenate(cols)
    return csr_matrix((np.ones(len(row)), (row, col)), shape=(len(prompts), BUCKETS))


def _classifier() -> LogisticRegression:
    return LogisticRegression(C=C, solver="liblinear", class_weight="balanced", max_iter=5000, random_state=0)


def _fit(matrix: csr_matrix, target: np.ndarray, rows: np.ndarray | None) -> LogisticRegression:
    """A classifier fitted on `rows` of the matrix (all of them for None)."""
    if rows is None:
        return _classifier().fit(matrix, target)
    return _classifier().fit(matrix[rows], target[rows])


def lexicon_blocked(prompts: list[str], which: np.ndarray) -> np.ndarray:
    """Which of the `which` prompts the shipped lexicons and rules alone block (enforce mode, every
    category blocked, no prompt model)."""
    lexicons_only = ContentFilter(action="block", prompt_model=False)
    engine = PolicyEngine(PolicyConfig(mode="enforce", content_filter=lexicons_only))
    blocked = np.zeros(len(prompts), dtype=bool)
    for number in np.flatnonzero(which):
        decision = engine.evaluate(Generation(provider="training", prompt=prompts[number]))
        blocked[number] = any(h.rule == "content" and h.action == "block" for h in decision.hits)
    return blocked


def threshold(scores: np.ndarray, benign: np.ndarray, max_fp: float) -> float:
    """The lowest threshold flagging at most `max_fp` of the benign prompts (never below 0.5)."""
    ranked = np.sort(scores[benign])[::-1]
    allowed = int(max_fp * len(ranked))
    # Flag strictly above the (allowed+1)-th highest benign score.
    bound = ranked[allowed] if allowed < len(ranked) else 0.0
    return float(max(0.5, np.nextafter(bound, 1.0)))


def train(records: list[dict], max_fp: float, folds: int = 5, thresholds_too: bool = True) -> tuple[dict, dict]:
    """The model and a report per category. Without `thresholds_too` only each category's final
    model is fitted (the quick check): the result has the weights and no thresholds."""
    prompts = [r["prompt"] for r in records]
    labels = [set(r.get("labels") or []) for r in records]
    benign = np.array([not lab for lab in labels])
    # Thresholds are set on the benign prompts people wrote: the generated counter-examples
    # (identity, everyday, people and named scenes) are easy, and counting them would loosen every threshold.
    written = np.array([r.get("trap") not in GENERATED_TRAPS for r in records])
    # The model only adds hits to what the lexicons and rules let through: a benign prompt they
    # already block is refused either way, so it sets no threshold (the deepfake rule blocks a named
    # public figure asked for as a photo, which some writers call benign). Found on a thread of its
    # own while the fits run: they release the GIL, the engine holds it.
    lexicons = ThreadPoolExecutor(max_workers=1)
    blocked = lexicons.submit(lexicon_blocked, prompts, benign & written) if thresholds_too else None
    matrix = features(prompts)
    # A bucket seen in fewer than MIN_DF prompts is one prompt's quirk, not a feature: zeroed.
    seen_in = np.asarray((matrix > 0).sum(axis=0)).ravel()
    matrix = matrix.multiply((seen_in >= MIN_DF).astype(np.float64)).tocsr()
    kept: list[str] = []
    biases: list[float] = []
    columns: list[np.ndarray] = []
    thresholds: dict[str, float] = {}
    report: dict[str, dict] = {}
    targets = {c: np.array([c in lab for lab in labels]) for c in CATEGORIES}
    for category, target in targets.items():
        if target.sum() < MIN_POSITIVES:
            report[category] = {"positives": int(target.sum()), "skipped": True}
    trained = [c for c in CATEGORIES if c not in report]
    # Out-of-fold scores: each prompt scored by a model that did not see it.
    folded = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    splits = {c: list(folded.split(np.zeros(len(records)), targets[c])) if thresholds_too else [] for c in trained}
    # Every category's fold models and final model are independent fits: liblinear releases the
    # GIL, so threads run them side by side. Each fit is deterministic, so the result does not
    # depend on how many run at once. Each running fit holds its own copy of its rows (a few
    # hundred MB with liblinear's), hence a few threads at most, however many cores there are.
    jobs = [(c, rows) for c in trained for rows in [*(fit_rows for fit_rows, _ in splits[c]), None]]
    # liblinear's solver sums long vectors with the BLAS, whose threads split a sum differently on
    # machines with different core counts: one BLAS thread per fit makes the weights (and the check
    # of the shipped model) the same on every machine.
    with threadpool_limits(limits=1, user_api="blas"):
        fitted = Parallel(n_jobs=min(FIT_THREADS, os.cpu_count() or 1), prefer="threads")(
            delayed(_fit)(matrix, targets[c], rows) for c, rows in jobs
        )
    counted = benign & written & ~blocked.result() if blocked else None
    lexicons.shutdown()
    for category in trained:
        target = targets[category]
        models = [m for (c, _), m in zip(jobs, fitted, strict=True) if c == category]
        coef = models[-1].coef_[0]
        biases.append(round(float(models[-1].intercept_[0]), DECIMALS))
        columns.append(np.round(np.where(np.abs(coef) < PRUNE, 0.0, coef), DECIMALS))
        kept.append(category)
        report[category] = {"positives": int(target.sum())}
        if counted is None:
            continue
        oof = np.zeros(len(records))
        for (_, test_idx), fold_model in zip(splits[category], models[:-1], strict=True):
            oof[test_idx] = fold_model.predict_proba(matrix[test_idx])[:, 1]
        cut = threshold(oof, counted, max_fp)
        thresholds[category] = round(cut, DECIMALS)
        report[category].update(
            threshold=thresholds[category],
            out_of_fold_recall=round(float((oof[target] >= cut).mean()), 3),
            out_of_fold_benign_flagged=int((oof[counted] >= cut).sum()),
        )
    report = {c: report[c] for c in CATEGORIES}
    weights = np.stack(columns, axis=1) if columns else np.zeros((BUCKETS, 0))
    used = np.flatnonzero(np.abs(weights).sum(axis=1) > 0)
    trained_on = {
        "prompts": len(records),
        "benign": int(benign.sum()),
        "benign_written": int((benign & written).sum()),
        "positives": {c: report[c]["positives"] for c in CATEGORIES},
        "max_benign_flagged": max_fp,
        "C": C,
        "min_df": MIN_DF,
        "prune": PRUNE,
    }
    if counted is not None:
        trained_on["benign_counted"] = int(counted.sum())
    model = {
        "categories": kept,
        "bias": biases,
        "thresholds": thresholds,
        "index": used,
        "weights": weights[used].astype(np.float32),
        "trained_on": trained_on,
    }
    return model, report


def differences(path: Path, model: dict, full: bool) -> list[str]:
    """How the model file at `path` differs from `model` (nothing when it holds it). Without
    `full`, `model` has no thresholds, and the file's are vouched for by its digests."""
    if not path.is_file():
        return ["there is no model file"]
    shipped = read_model(path)
    recorded = dict(shipped.trained_on)
    figures = dict(model["trained_on"])
    found = []
    for key, what in (("data_sha256", "development prompts"), ("lexicons_sha256", "lexicons")):
        if recorded.pop(key, None) != figures.pop(key):
            found.append(f"the {what} are not those it was trained on")
    if not full:
        recorded.pop("benign_counted", None)
    if recorded != figures:
        found.append("its training figures differ")
    if list(shipped.categories) != model["categories"] or not np.array_equal(shipped.bias, np.asarray(model["bias"])):
        found.append("its categories or biases differ")
    elif shipped.buckets_used != len(model["index"]) or not np.array_equal(
        shipped.table_rows(model["index"]), model["weights"]
    ):
        found.append("its weights differ")
    if full and shipped.thresholds != model["thresholds"]:
        found.append("its thresholds differ")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", help=f"JSON-lines prompt files (default {DEFAULT_DATA})")
    parser.add_argument("--out", type=Path, default=SHIPPED)
    # Chosen by leaving each of the newest development sets out in turn (docs/policy.md): 0.1 %
    # flagged two false positives more in 1,800 prompts for four hits; 0.05 % one fewer for eight more.
    parser.add_argument("--max-fp", type=float, default=0.0007, help="share of benign prompts a category may flag")
    parser.add_argument(
        "--check", action="store_true", help="refit the weights and compare with --out; exit 1 if they differ"
    )
    parser.add_argument("--full", action="store_true", help="with --check: refit the fold models and thresholds too")
    args = parser.parse_args(argv)
    if args.full and not args.check:
        parser.error("--full goes with --check")
    files = [(pattern, data_files(pattern)) for pattern in (args.data or [DEFAULT_DATA])]
    records = [r for pattern, names in files for r in load(names, pattern)]
    # Taken before training: what the lexicons said when the thresholds were set.
    digests = {
        "data_sha256": data_digest([name for _, names in files for name in names]),
        "lexicons_sha256": lexicons_digest(),
    }
    model, report = train(records, args.max_fp, thresholds_too=args.full or not args.check)
    model["trained_on"].update(digests)
    for category, figures in report.items():
        print(f"  {category:12} {figures}")
    print(f"{len(records)} prompts, {len(model['index'])} weighted buckets")
    if args.check:
        found = differences(args.out, model, args.full)
        if found:
            print(f"{args.out}: not the model the development set trains now: {'; '.join(found)}", file=sys.stderr)
            print("retrain it with: python scripts/train_prompt_model.py", file=sys.stderr)
            return 1
        print(f"{args.out}: matches")
        return 0
    save_model(args.out, **model)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
