"""The prompt model: a small linear model over hashed character n-grams, shipped with the package.

Lexicons and composition rules catch words and word pairs; a prompt that says what it wants in
words nobody listed ("riddled with slugs", "in her birthday suit") passes them. The prompt model
scores the whole prompt from its character n-grams (every run of three to five characters, spaces
included, so a word's edges and the junction of two words count too), so inflections, compounds,
slang spellings and Thai phrases share features with the examples it learnt from. It runs offline
and in-process: the n-grams of the prompt's matching form (the lexicons' normalisation, evasions
undone) are hashed into 2**16 buckets with a few whole-array numpy operations, and each category's
score is the logistic of its bias plus the weights of the buckets hit, an n-gram counted as often
as it occurs.

`bucket_ids()` is the one definition of the features: `scripts/train_prompt_model.py` builds its
training matrix with it (scikit-learn's logistic regression, one model per category, on the
development prompts of `tests/data/dev/`) and sets each category's threshold from held-back
predictions; the file it writes says what it was trained on.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from .normalize import meant_reading, normalize, variants

MIN_N, MAX_N = 3, 5
BITS = 16
BUCKETS = 1 << BITS
FORMAT = "otel-aiaudit prompt model v1"
SHIPPED = "prompt_model.npz"

_PRIME = np.uint32(1_000_003)
_PRIME_SQUARED = np.uint32(1_000_003**2 % 2**32)
# Fibonacci hashing: the multiply spreads the polynomial hash, the top BITS bits are the bucket.
_SPREAD = np.uint32(0x9E3779B1)
_SHIFT = np.uint32(32 - BITS)
# Enough ones for the n-grams of a 4,000-character prompt (three per character); longer ones allocate.
_ONES = np.ones(12_000, dtype=np.float32)
_ONES.flags.writeable = False


def displayed(text: str, forms: list[str]) -> str:
    """Of the matching forms of `text` (`normalize.variants`), the one the model reads: the first,
    or, when a right-to-left override reverses part of it, the form of the text as its writer
    meant it (`meant_reading`: as displayed, or with only the first word reversed when the
    override is never popped). Taken from `forms` itself, so that the caller can tell the first
    form by identity; the other readings (underscores, dots) add forms after it."""
    if "\u202e" not in text:
        return forms[0]
    meant = normalize(meant_reading(text))
    return next((form for form in forms if form == meant), meant)


def matching_form(text: str) -> str:
    """The text the model reads: the lexicons' matching form (evasions undone, lower case)."""
    return displayed(text, variants(text))


def read_form(form: str) -> str:
    """What the model reads of a matching form: the form without what it negates. "no blood drops",
    "without gore", "no stereotypes" ask for an absence, and n-grams have no notion of "no": left in,
    they would score like the words they negate. A negator takes the next two words with it, and a
    list those words start ("exclude blood, gore and dismemberment": up to two more "or", "and" or
    "nor" items, the commas being gone). The lexicons' finer negation scope is for their terms; the
    model needs only to not read these."""
    if _NEGATION_PROBE.search(f" {form} ") is None and (form.isascii() or _THAI_NEGATION.search(form) is None):
        return form
    return " ".join(_NEGATED.sub(" ", form).split())


# Negators of the matching form (lower case, punctuation gone): English ones with the next two words,
# "<word> free" ("gore free"); Thai ones with the rest of their phrase, as Thai puts no spaces
# between words but does between phrases ("ขอไม่มีศพ ไม่มีรอยเลือด"), and with an English word that
# follows the phrase ("ไม่มีภาพ nude").
_NEGATORS = (
    "no|not|without|never|non|nothing|avoid|avoiding|exclude|excluding|free of|free from|leave out|devoid of|clear of"
)
# A negator does not take another one with it: "no stereotypes no caricatures" is two negations.
_PLAIN_NEGATORS = "no|not|without|never|non|nothing"
# "งด" (refrain from), not inside "งดงาม" (beautiful).
_THAI_NEGATORS = "ไม่มี|ห้าม|ไม่เอา|ไม่ต้องมี|ไม่ต้องแสดง|ปราศจาก|งด(?!งาม)|หลีกเลี่ยง"
# The probe looks for a negator between spaces, which a regex finds far faster than word boundaries
# (a few microseconds on a 500-character prompt, where most have none). Two-word negators are probed
# by their first word ("free" also opens "<word> free"), which keeps the alternatives single words.
_KEEP = "keep|keeps|keeping|kept"
# "keep any violent imagery out of it": "it" is the picture too.
_KEPT_OUT_OF = "frame|shot|view|sight|picture|it"
_PROBE_WORDS = sorted({negator.split()[0] for negator in _NEGATORS.split("|")} | {"negative"} | set(_KEEP.split("|")))
_NEGATION_PROBE = re.compile(rf" (?:{'|'.join(_PROBE_WORDS)}) ")
_THAI_NEGATION = re.compile(f"{_THAI_NEGATORS}|โน")
_NEGATED = re.compile(
    rf"\b(?:{_NEGATORS})\b(?: (?!(?:{_PLAIN_NEGATORS})\b)[^ ]+){{0,2}}(?:(?: [^ ]+)? (?:or|and|nor) [^ ]+){{0,2}}"
    rf"|\b[^ ]+ free\b(?! of\b| from\b)"
    # A "negative prompt:" label (or Midjourney's --no) written into the prompt: what follows it,
    # up to a "positive prompt:" label, is what must not appear.
    rf"|\bnegative prompts? .*?(?=\bpositive prompt|$)"
    # "keep open wounds and blood out of frame": what is kept out of the picture.
    rf"|\b(?:{_KEEP})(?: [^ ]+){{1,5}}? (?:out of (?:the )?(?:{_KEPT_OUT_OF})|off (?:camera|screen|frame))\b"
    rf"|(?:{_THAI_NEGATORS})[^ ]*(?: [a-z]+(?= |$))?"
    # English "no" written in Thai, opening a phrase ("โนเลือด โนศพ"); "none" after a phrase
    # ("เลือด: ไม่มี", blood: none).
    rf"|(?<![^ ])โน[^ ]*"
    rf"|(?<![^ ])[^ ]+ ไม่มี(?= |$)"
)


def bucket_ids(form: str) -> np.ndarray:
    """The bucket of every n-gram of what the model reads of `form` (a matching form; see
    `read_form`), repeats included: each substring of three, four and five characters of
    " " + form + " " (so a word's edges and the pairs of words around a space are features too),
    hashed with 32-bit arithmetic into BUCKETS buckets."""
    form = read_form(form)
    # A matching form is already single-spaced, with no space at either end.
    points = np.frombuffer(f" {form} ".encode("utf-32-le"), dtype=np.uint32)
    size = len(points)
    if size < MAX_N:
        return _short_bucket_ids(points)
    # Polynomial hashes modulo 2**32 written in place into one buffer, a run per length; the
    # hashes of length n+1 extend those of length n by one character. A 500-character prompt
    # costs a dozen whole-array numpy calls and no Python loop over its characters.
    out = np.empty(3 * size - 9, dtype=np.uint32)
    h3, h4, h5 = out[: size - 2], out[size - 2 : 2 * size - 5], out[2 * size - 5 :]
    np.multiply(points[:-2], _PRIME_SQUARED, out=h3)
    h3 += points[1:-1] * _PRIME
    h3 += points[2:]
    np.multiply(h3[:-1], _PRIME, out=h4)
    h4 += points[3:]
    np.multiply(h4[:-1], _PRIME, out=h5)
    h5 += points[4:]
    out *= _SPREAD
    out >>= _SHIFT
    return out


def _short_bucket_ids(points: np.ndarray) -> np.ndarray:
    # Fewer than MAX_N characters padded: the same hashes, computed one by one.
    codes = points.tolist()
    found = []
    for n in range(MIN_N, len(codes) + 1):
        for start in range(len(codes) - n + 1):
            h = 0
            for code in codes[start : start + n]:
                h = (h * int(_PRIME) + code) % 2**32
            found.append(((h * int(_SPREAD)) % 2**32) >> int(_SHIFT))
    return np.array(found, dtype=np.uint32)


@dataclass(frozen=True)
class ModelFileError(Exception):
    """The model file cannot be used (missing, unreadable, wrong format or shape)."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class PromptModel:
    """Per-category scores of a prompt, with each category's blocking threshold."""

    def __init__(self, arrays: dict[str, Any], source: str = SHIPPED) -> None:
        try:
            meta = json.loads(str(arrays["meta"]))
            if meta.get("format") != FORMAT:
                raise ModelFileError(source, f"not a prompt model file (format must be {FORMAT!r})")
            self.categories: tuple[str, ...] = tuple(meta["categories"])
            self.thresholds: dict[str, float] = {k: float(v) for k, v in meta["thresholds"].items()}
            self.trained_on: dict[str, Any] = dict(meta.get("trained_on", {}))
            bias = np.asarray(arrays["bias"], dtype=np.float64)
            index = np.asarray(arrays["index"], dtype=np.intp)
            weights = np.asarray(arrays["weights"], dtype=np.float32)
        except ModelFileError:
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelFileError(source, f"missing or malformed field: {exc}") from None
        width = len(self.categories)
        if bias.shape != (width,) or weights.shape != (len(index), width):
            raise ModelFileError(source, "weights do not match the buckets and categories")
        if len(index) and (index.min() < 0 or index.max() >= BUCKETS):
            raise ModelFileError(source, f"a bucket lies outside 0..{BUCKETS - 1}")
        if set(self.thresholds) - set(self.categories):
            raise ModelFileError(source, "a threshold names a category the model does not score")
        self.bias = bias
        # Compared in logit space with the bias taken off, as Python floats: four comparisons of
        # the bare sums cost less than two more numpy calls, and a prompt below every threshold
        # needs no exponential.
        self._sum_cuts: list[float] = [
            (_logit(self.thresholds[c]) if c in self.thresholds else math.inf) - b
            for c, b in zip(self.categories, bias.tolist(), strict=True)
        ]
        self.buckets_used = len(index)
        # Dense in memory (2**16 x categories float32, 1 MiB for four): a gather beats a lookup.
        self._table = np.zeros((BUCKETS, width), dtype=np.float32)
        self._table[index] = weights

    def table_rows(self, index: np.ndarray) -> np.ndarray:
        """The weights of the given buckets (for comparing a retrained model with this one)."""
        return self._table[np.asarray(index, dtype=np.intp)]

    def _sums(self, form: str) -> list[float]:
        """Each category's sum of the weights of the n-grams of `form`, bias not included."""
        ids = bucket_ids(form)
        # A dot with ones sums the gathered rows faster than .sum(axis=0) on so narrow an array. The
        # ones are read, never grown in place: one model serves every thread.
        ones = _ONES[: len(ids)] if len(ids) <= len(_ONES) else np.ones(len(ids), dtype=np.float32)
        return (ones @ self._table.take(ids, axis=0)).tolist()

    def scores_of_form(self, form: str) -> dict[str, float]:
        """Each category's probability for a matching form."""
        sums = self._sums(form)
        return {c: _sigmoid(s + b) for c, s, b in zip(self.categories, sums, self.bias.tolist(), strict=True)}

    def scores(self, text: str) -> dict[str, float]:
        """Each category's probability for `text` (a prompt as given)."""
        return self.scores_of_form(matching_form(text))

    def flagged(self, form: str) -> list[tuple[str, float]]:
        """The categories of a matching form whose score reaches their threshold, with the score."""
        sums = self._sums(form)
        cuts = self._sum_cuts
        if all(s < cut for s, cut in zip(sums, cuts, strict=True)):  # the common case
            return []
        return [
            (c, _sigmoid(s + b))
            for c, s, b, cut in zip(self.categories, sums, self.bias.tolist(), cuts, strict=True)
            if s >= cut
        ]


def _sigmoid(total: float) -> float:
    # Written for either sign so that a large negative total does not overflow math.exp.
    if total >= 0:
        return 1.0 / (1.0 + math.exp(-total))
    z = math.exp(total)
    return z / (1.0 + z)


def _logit(p: float) -> float:
    if p <= 0.0:
        return -np.inf
    if p >= 1.0:
        return np.inf
    return float(np.log(p / (1.0 - p)))


def read_model(path: str | Path) -> PromptModel:
    """A model file. Raises ModelFileError with the path and the problem."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except OSError as exc:
        raise ModelFileError(str(path), getattr(exc, "strerror", None) or str(exc)) from None
    except ValueError as exc:
        raise ModelFileError(str(path), f"not a model file: {exc}") from None
    return PromptModel(arrays, str(path))


@lru_cache(maxsize=1)
def shipped_model() -> PromptModel:
    """The model shipped in the package (read once per process)."""
    with resources.as_file(resources.files(__package__).joinpath(SHIPPED)) as path:
        return read_model(path)


def save_model(
    path: str | Path,
    categories: list[str],
    bias: list[float],
    thresholds: dict[str, float],
    index: np.ndarray,
    weights: np.ndarray,
    trained_on: dict[str, Any],
) -> None:
    """Write a model file (used by the training script)."""
    meta = {"format": FORMAT, "categories": categories, "thresholds": thresholds, "trained_on": trained_on}
    with open(path, "wb") as out:
        np.savez_compressed(
            out,
            meta=np.array(json.dumps(meta, sort_keys=True)),
            bias=np.asarray(bias, dtype=np.float64),
            index=np.asarray(index, dtype=np.uint32),
            weights=np.asarray(weights, dtype=np.float32),
        )
