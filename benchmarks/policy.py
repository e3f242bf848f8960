"""Policy engine throughput and latency: a full evaluation (all built-in rules, no remote
classifier) of 500-character prompts with 10,000 extra terms per content category loaded.

Run: python benchmarks/policy.py [--iterations N]
Prints evaluations per second and p50/p99 latency, and a bare baseline in the same run (the cost
of building the Generation record and calling a no-op), so the figures can be read on any machine.
The fuzzy matcher remembers the words it has looked up; a prompt of words never seen before pays
one look-up per long word, shown as a separate "first sight" figure (prompts of fresh words).

The 500-character prompts are drawn from a few dozen everyday words, and most of them pass the
term index's probe (no rare word, so no full scan). Prompts people wrote take the full scan far
more often: "written prompts" times a fixed sample of the development prompts (English and Thai,
hits and benign; the held-out set is never read), under the same policy.

Run: python benchmarks/policy.py --instructions PASSES   (needs valgrind; about ten minutes on one core)
Counts instead of timing: CPU instructions per evaluation of the written prompts, with and without
the prompt model, counted by callgrind inside one process (benchmarks/callgrind_marks.py): each
engine is counted alone after a pass that fills its caches, its counters zeroed before and dumped
after, so start-up is never counted and nothing is subtracted between runs. The same code on the
same sample gives the same count to the instruction, whatever the machine's load. The sample is
drawn from the development prompts, which grow each round: compare commits on the same ones.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import statistics
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.policy_quality import load  # noqa: E402
from otel_aiaudit.generation import Generation  # noqa: E402
from otel_aiaudit.policy.config import (  # noqa: E402
    ContentFilter,
    CopyrightConfig,
    PIIConfig,
    PolicyConfig,
    PromptLength,
)
from otel_aiaudit.policy.engine import PolicyEngine  # noqa: E402

# The budget of a full evaluation: 60 us since fuzzy matching (misspelt terms and names) joined it.
TARGET_P50_US = 60.0
TERMS_PER_CATEGORY = 10_000
ROOT = Path(__file__).resolve().parent.parent
WRITTEN = 1_000

WORDS = (
    "a serene watercolor landscape of misty mountains at dawn with small wooden cabin near lake soft golden "
    "light pine trees reflections highly detailed trending on artstation cinematic composition warm palette "
    "portrait of an old fisherman weathered face dramatic lighting studio product shot white background "
    "minimal logo design modern tech company futuristic city skyline cyberpunk style neon rain street market "
    "abstract colorful geometric shapes isometric illustration cozy reading nook autumn leaves vintage poster"
).split()


def synthetic_terms(rng: random.Random, n: int) -> list[str]:
    """Pseudo-words (and some two-word phrases) that do not occur in the prompts."""
    terms = set()
    while len(terms) < n:
        word = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 11)))
        if rng.random() < 0.2:
            word += " " + "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 8)))
        terms.add(word)
    return sorted(terms)


def prompts(rng: random.Random, n: int, length: int = 500) -> list[str]:
    out = []
    for _ in range(n):
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < length + 20:
            words.append(rng.choice(WORDS))
        text = " ".join(words)
        # Sizes and counts as real prompts carry them: "4k", "1024x1024", "8 people".
        text = f"{text[: length - 20]}, 4k, 1024x1024"
        out.append(text[:length].ljust(length, "."))
    return out


def written_prompts(rng: random.Random, n: int) -> list[str]:
    """A fixed sample of the development prompts people wrote (tests/data/dev/external*)."""
    found = [record["prompt"] for record in load([str(ROOT / "tests" / "data" / "dev" / "external*.jsonl")])]
    return rng.sample(found, min(n, len(found)))


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def measure(fn, items: list[Generation], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        for gen in items:
            t0 = time.perf_counter_ns()
            fn(gen)
            samples.append((time.perf_counter_ns() - t0) / 1000.0)
    return samples


def benchmark_config(rng: random.Random) -> PolicyConfig:
    """Every built-in rule on, and 10,000 extra terms per content category."""
    extra = {
        cat: synthetic_terms(rng, TERMS_PER_CATEGORY) for cat in ("violence", "explicit", "hate_speech", "deepfake")
    }
    return PolicyConfig(
        mode="enforce",
        content_filter=ContentFilter(extra_terms=extra),
        pii=PIIConfig(action="redact"),
        copyright=CopyrightConfig(action="warn"),
        prompt_length=PromptLength(max_chars=1000),
    )


def without_model(config: PolicyConfig) -> PolicyConfig:
    """The same policy without the prompt model, to show what the model adds in the same run."""
    assert config.content_filter is not None
    return config.model_copy(
        update={"content_filter": config.content_filter.model_copy(update={"prompt_model": False})}
    )


# ---------------------------------------------------------------------------------- instructions
# The counted segments, in the order the child dumps them: the parent reads the dumps by these.
COUNTED = ("with the prompt model", "lexicons alone")


def count_child(passes: int) -> None:
    """The process callgrind counts: both engines see the written prompts once (first sight of
    their words, caches filled), then each is counted alone over `passes` passes, its counters
    zeroed before and dumped after. What is alive is frozen first, so that the collector's passes
    over the engines' tables (built once, at start-up) are not counted."""
    from benchmarks.callgrind_marks import Marks

    rng = random.Random(42)
    config = benchmark_config(rng)
    engines = dict(zip(COUNTED, (PolicyEngine(config), PolicyEngine(without_model(config))), strict=True))
    written = [Generation(provider="openai", model="gpt-image-1", prompt=p) for p in written_prompts(rng, WRITTEN)]
    assert len(written) == WRITTEN
    for engine in engines.values():
        for gen in written:
            engine.evaluate(gen)
    gc.collect()
    gc.freeze()
    marks = Marks()
    for label, engine in engines.items():
        marks.zero()
        for _ in range(passes):
            for gen in written:
                engine.evaluate(gen)
        marks.dump(label)


def count_instructions(passes: int) -> int:
    """Instructions per evaluation of the written prompts, counted by callgrind in one process."""
    from benchmarks.callgrind_marks import run_counted

    # Fixed string hashing: the order of the sets the engine iterates moves the count by several
    # per cent between seeds. One BLAS thread: callgrind would count idle workers spinning.
    os.environ.setdefault("PYTHONHASHSEED", "0")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    work = tempfile.mkdtemp(prefix="aiaudit-policy-callgrind-")
    try:
        dumps, labelled, how = run_counted([__file__, "--count-child", str(passes)], work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if len(dumps) != len(COUNTED):
        raise SystemExit(f"{len(dumps)} dumps for {len(COUNTED)} segments")
    evaluations = passes * WRITTEN
    print("policy engine instructions (callgrind, one process; segments marked with " + how + ")")
    for label, dump in zip(COUNTED, dumps, strict=True):
        if labelled and dump.trigger != f"Client Request: {label}":
            raise SystemExit(f"{dump.path}: trigger {dump.trigger!r}, expected {label!r}")
        print(f"  {label:<22} {dump.total / evaluations:>12,.0f} instructions per evaluation")
    print(f"  evaluations counted     {evaluations:,} per engine ({passes} pass(es) over {WRITTEN:,} written prompts)")
    print(f"  PYTHONHASHSEED          {os.environ['PYTHONHASHSEED']}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=20_000)
    parser.add_argument(
        "--instructions",
        type=int,
        metavar="PASSES",
        help="count instructions per evaluation of the written prompts under callgrind instead of timing",
    )
    parser.add_argument("--count-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.count_child:
        count_child(args.count_child)
        return 0
    if args.instructions:
        return count_instructions(args.instructions)
    rng = random.Random(42)
    config = benchmark_config(rng)
    t0 = time.perf_counter()
    engine = PolicyEngine(config)
    build_ms = (time.perf_counter() - t0) * 1000
    lexical = PolicyEngine(without_model(config))
    items = [Generation(provider="openai", model="gpt-image-1", prompt=p) for p in prompts(rng, 500)]
    assert all(len(g.prompt or "") == 500 for g in items)
    decisions = [engine.evaluate(g) for g in items]
    flagged = sum(1 for d in decisions if d.hits)
    rounds = max(1, args.iterations // len(items))

    measure(engine.evaluate, items, 2)  # warm-up
    measure(lexical.evaluate, items, 2)
    baseline = measure(lambda g: None, items, rounds)
    # Interleaved in blocks, so that a change in the machine's load falls on both alike.
    samples: list[float] = []
    lexical_samples: list[float] = []
    for _ in range(rounds):
        samples.extend(measure(engine.evaluate, items, 1))
        lexical_samples.extend(measure(lexical.evaluate, items, 1))
    t0 = time.perf_counter()
    for _ in range(rounds):
        for gen in items:
            engine.evaluate(gen)
    throughput = rounds * len(items) / (time.perf_counter() - t0)

    # First sight: prompts whose long words the fuzzy matcher has never seen.
    fresh_words = [w for w in synthetic_terms(random.Random(7), 4000) if " " not in w]
    cold_items = []
    for i in range(200):
        words = [rng.choice(WORDS) for _ in range(60)]
        for j in range(0, 60, 6):  # one unseen long word in six, as in a prompt with a few rare words
            words[j] = fresh_words[(i * 10 + j // 6) % len(fresh_words)]
        cold_items.append(Generation(provider="openai", model="gpt-image-1", prompt=" ".join(words)[:500]))
    cold = measure(engine.evaluate, cold_items, 1)

    written = [Generation(provider="openai", model="gpt-image-1", prompt=p) for p in written_prompts(rng, WRITTEN)]
    measure(engine.evaluate, written, 1)  # first sight of their words
    measure(lexical.evaluate, written, 1)
    written_samples: list[float] = []
    written_lexical: list[float] = []
    for _ in range(3):
        written_samples.extend(measure(engine.evaluate, written, 1))
        written_lexical.extend(measure(lexical.evaluate, written, 1))

    p50, p99 = percentile(samples, 0.50), percentile(samples, 0.99)
    print("policy engine benchmark")
    print(
        f"  terms indexed             {engine._index.size if engine._index else 0:,} "
        f"({TERMS_PER_CATEGORY:,} extra per category + shipped lexicons), built in {build_ms:.0f} ms"
    )
    print(f"  prompts                   {len(items)} distinct x 500 chars, {flagged} flagged")
    print(f"  evaluations               {len(samples):,}")
    print(f"  throughput                {throughput:,.0f} evaluations/s")
    print(f"  latency p50               {p50:.1f} us   (target <= {TARGET_P50_US:.0f} us)")
    lexical_p50 = percentile(lexical_samples, 0.50)
    print(f"  without the prompt model  {lexical_p50:.1f} us p50 (the model adds {p50 - lexical_p50:.1f} us)")
    print(f"  latency p99               {p99:.1f} us")
    print(f"  mean                      {statistics.fmean(samples):.1f} us")
    print(f"  first sight p50           {percentile(cold, 0.5):.1f} us   (10 unseen long words per prompt)")
    print(
        f"  written prompts           p50 {percentile(written_samples, 0.5):.1f} us, mean "
        f"{statistics.fmean(written_samples):.1f} us; without the model p50 "
        f"{percentile(written_lexical, 0.5):.1f} us, mean {statistics.fmean(written_lexical):.1f} us "
        f"({len(written)} development prompts)"
    )
    print(f"  baseline no-op call p50   {percentile(baseline, 0.5):.2f} us")
    load_average = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  machine                   {os.cpu_count()} CPUs, load average {load_average:.1f} during the run")
    print(f"  result                    {'PASS' if p50 <= TARGET_P50_US else 'FAIL'}")
    return 0 if p50 <= TARGET_P50_US else 1


if __name__ == "__main__":
    sys.exit(main())
