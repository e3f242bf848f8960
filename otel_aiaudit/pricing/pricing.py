"""Generation -> cost in USD, from the shipped price table plus the user's overrides.

An unknown (provider, model) is *unpriced*: cost None and source "unpriced", never 0, with one
warning per model. Money leaves this module as floats rounded to whole micro-dollars.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .. import safe_yaml
from ..generation import Generation

log = logging.getLogger(__name__)

SOURCE_TABLE = "price_table"
SOURCE_PROVIDER = "provider"
SOURCE_UNPRICED = "unpriced"

UNITS = {"token", "image", "image_tier", "megapixel", "second", "job", "image_plus_megapixel"}
TOKEN_CLASSES = {"text_in", "cached_text_in", "text_out", "image_in", "cached_image_in", "image_out"}
# Bedrock cross-region inference profiles prefix the model id; the price is the base model's.
_REGION_PREFIXES = ("us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca.")
_DEFAULT_SIZE = "1024x1024"
# Reservations must not under-estimate: "auto" quality is priced as the model's default (high).
_AUTO_QUALITIES = {None, "", "auto"}


class PriceFileError(ValueError):
    """A prices file that cannot be used; names the file, the entry and the problem."""


@dataclass(frozen=True)
class Quote:
    usd: float | None
    source: str

    @property
    def priced(self) -> bool:
        return self.usd is not None


@dataclass
class PriceEntry:
    model: str
    providers: tuple[str, ...]
    unit: str
    aliases: tuple[str, ...] = ()
    tokens: Mapping[str, float] = field(default_factory=dict)
    per_image: Any = None
    default_quality: str | None = None
    default_size: str | None = None
    tiers: tuple[Mapping[str, Any], ...] = ()
    per_megapixel: float | None = None
    per_second: float | None = None
    per_job: float | None = None
    # image_plus_megapixel (BFL FLUX.2): `per_image` covers `included_megapixels`, and each further
    # started megapixel of output adds `per_extra_megapixel`.
    per_extra_megapixel: float | None = None
    included_megapixels: float | None = None
    source: str | None = None
    source_date: str | None = None
    read_date: str | None = None
    valid_until: str | None = None
    minimum_usd: float | None = None

    @classmethod
    def parse(cls, raw: Mapping[str, Any], where: str) -> PriceEntry:
        if not isinstance(raw, Mapping):
            raise PriceFileError(f"{where}: each entry must be a mapping")
        unknown = set(raw) - {f for f in cls.__dataclass_fields__} - {"provider"}
        if unknown:
            raise PriceFileError(f"{where}: unknown keys {sorted(unknown)}")
        model = raw.get("model")
        if not model:
            raise PriceFileError(f"{where}: 'model' is required")
        providers = raw.get("providers") or ([raw["provider"]] if raw.get("provider") else [])
        if not providers:
            raise PriceFileError(f"{where} ({model}): 'providers' (or 'provider') is required")
        unit = raw.get("unit")
        if unit not in UNITS:
            raise PriceFileError(f"{where} ({model}): 'unit' must be one of {sorted(UNITS)}, got {unit!r}")
        tokens = dict(raw.get("tokens") or {})
        bad = set(tokens) - TOKEN_CLASSES
        if bad:
            raise PriceFileError(f"{where} ({model}): unknown token classes {sorted(bad)}")
        needs = {
            "token": bool(tokens),
            "image": raw.get("per_image") is not None,
            "image_tier": bool(raw.get("tiers")),
            "megapixel": raw.get("per_megapixel") is not None,
            "second": raw.get("per_second") is not None,
            "job": raw.get("per_job") is not None,
            "image_plus_megapixel": raw.get("per_image") is not None
            and raw.get("per_extra_megapixel") is not None,
        }
        if not needs[unit]:
            raise PriceFileError(f"{where} ({model}): unit {unit!r} needs its price field")
        return cls(
            model=str(model).lower(),
            providers=tuple(str(p) for p in providers),
            unit=unit,
            aliases=tuple(str(a).lower() for a in raw.get("aliases") or ()),
            tokens={k: float(v) for k, v in tokens.items()},
            per_image=raw.get("per_image"),
            default_quality=raw.get("default_quality"),
            default_size=raw.get("default_size"),
            tiers=tuple(raw.get("tiers") or ()),
            per_megapixel=_opt_float(raw.get("per_megapixel")),
            per_second=_opt_float(raw.get("per_second")),
            per_job=_opt_float(raw.get("per_job")),
            per_extra_megapixel=_opt_float(raw.get("per_extra_megapixel")),
            included_megapixels=_opt_float(raw.get("included_megapixels")),
            source=raw.get("source"),
            source_date=_opt_str(raw.get("source_date")),
            read_date=_opt_str(raw.get("read_date")),
            valid_until=_opt_str(raw.get("valid_until")),
            minimum_usd=_opt_float(raw.get("minimum_usd")),
        )


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def normalise_model(model: str | None) -> str | None:
    if not model:
        return None
    name = model.strip().lower()
    if name.startswith("arn:"):
        # Inference-profile / foundation-model ARNs end with the model id after the last '/'.
        name = name.rsplit("/", 1)[-1]
    for prefix in _REGION_PREFIXES:
        if name.startswith(prefix) and "." in name[len(prefix) :]:
            name = name[len(prefix) :]
            break
    return name


def _parse_size(size: str | None) -> tuple[int, int] | None:
    if not size or "x" not in size:
        return None
    try:
        w, h = size.lower().split("x", 1)
        return int(w), int(h)
    except ValueError:
        return None


def _nearest_size(table: Mapping[str, Any], size: str | None) -> Any:
    """Exact size, else the listed size closest in pixel count (free-form sizes of newer models)."""
    if size in table:
        return table[size]
    if "*" in table:
        return table["*"]
    wanted = _parse_size(size) or _parse_size(_DEFAULT_SIZE)
    assert wanted is not None
    area = wanted[0] * wanted[1]
    sized = [(k, _parse_size(k)) for k in table]
    sized = [(k, wh) for k, wh in sized if wh]
    if not sized:
        return None
    key = min(sized, key=lambda kv: abs(kv[1][0] * kv[1][1] - area))[0]
    return table[key]


def _round_usd(value: float) -> float:
    return round(value, 6)


class PriceTable:
    """All price entries, indexed by (provider, model or alias)."""

    def __init__(self, entries: Iterable[PriceEntry], version: str) -> None:
        self.version = version
        self._index: dict[tuple[str, str], PriceEntry] = {}
        for entry in entries:
            for provider in entry.providers:
                for name in (entry.model, *entry.aliases):
                    self._index[(provider, name)] = entry  # later entries override earlier ones
        self._warned: set[tuple[str, str | None]] = set()
        self._lookups: dict[tuple[str, str | None], PriceEntry | None] = {}  # the table never changes
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(
        cls,
        extra_files: Iterable[str | Path] = (),
        extra_entries: Iterable[Mapping[str, Any]] = (),
    ) -> PriceTable:
        # prices.yaml first, then one prices_<provider>.yaml per integration, in name order.
        package = resources.files(__package__)
        names = ["prices.yaml"] + sorted(
            p.name for p in package.iterdir() if p.name.startswith("prices_") and p.name.endswith(".yaml")
        )
        entries: list[PriceEntry] = []
        version = "unknown"
        digest = hashlib.sha256()
        for name in names:
            text = package.joinpath(name).read_text(encoding="utf-8")
            digest.update(text.encode())
            shipped = safe_yaml.load(text, name) or {}
            entries += [
                PriceEntry.parse(raw, f"{name} entry {i}")
                for i, raw in enumerate(shipped.get("entries") or [])
            ]
            if name == "prices.yaml":
                version = str(shipped.get("version", "unknown"))
        for path in extra_files:
            p = Path(path)
            try:
                raw = safe_yaml.read_bounded(p)  # bounded: size, then aliases and depth below
                data = safe_yaml.load(raw, str(p)) or {}
            except safe_yaml.YAMLFileError as exc:
                where = f"{p}:{exc.line}" if exc.line is not None else str(p)
                raise PriceFileError(f"{where}: cannot read prices file: {exc.problem}") from None
            raw_entries = data.get("entries") if isinstance(data, Mapping) else data
            if not isinstance(raw_entries, list):
                raise PriceFileError(f"{p}: expected a list of entries (or a mapping with 'entries')")
            entries += [PriceEntry.parse(raw, f"{p} entry {i}") for i, raw in enumerate(raw_entries)]
            digest.update(raw)
        extra = list(extra_entries)
        if extra:
            entries += [PriceEntry.parse(raw, f"policy prices entry {i}") for i, raw in enumerate(extra)]
            digest.update(repr(extra).encode())
        if extra_files or extra:
            version = f"{version}+{digest.hexdigest()[:8]}"
        return cls(entries, version)

    def lookup(self, provider: str, model: str | None) -> PriceEntry | None:
        key = (provider, model)
        try:
            return self._lookups[key]
        except KeyError:
            pass
        entry = self._lookup(provider, model)
        if len(self._lookups) > 4096:  # many distinct model names (deployments): stay bounded
            self._lookups.clear()
        self._lookups[key] = entry
        return entry

    def _lookup(self, provider: str, model: str | None) -> PriceEntry | None:
        name = normalise_model(model)
        if name is None:
            return None
        entry = self._index.get((provider, name))
        if entry is None and ":" in name:
            entry = self._index.get((provider, name.split(":", 1)[0]))  # replicate owner/name:version
        return entry

    # ------------------------------------------------------------------ quoting
    def estimate(self, gen: Generation) -> Quote:
        """Cost before the call, from the request alone (budget reservations)."""
        entry = self.lookup(gen.provider, gen.model)
        if entry is None:
            return self._unpriced(gen)
        count = max(gen.n, 1)
        return self._quote(entry, gen, count, before=True)

    def actual(self, gen: Generation) -> Quote:
        """Cost after the call, from what the provider reported."""
        if gen.usage.provider_cost_usd is not None:
            return Quote(_round_usd(gen.usage.provider_cost_usd), SOURCE_PROVIDER)
        local = self._local_compute(gen)
        if local is not None:
            return local
        entry = self.lookup(gen.provider, gen.response_model or gen.model) or self.lookup(
            gen.provider, gen.model
        )
        if entry is None:
            return self._unpriced(gen)
        # Images not read (or still pending, as for a submitted job) price as the n asked.
        count = len(gen.images) if (gen.images or gen.images_read) else max(gen.n, 1)
        return self._quote(entry, gen, count, before=False)

    def _quote(self, entry: PriceEntry, gen: Generation, count: int, *, before: bool) -> Quote:
        try:
            usd = self._compute(entry, gen, count, before=before)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("price entry %s cannot price this call: %s", entry.model, exc)
            return self._unpriced(gen)
        if usd is None:
            return self._unpriced(gen)
        if entry.minimum_usd is not None:
            usd = max(usd, entry.minimum_usd)
        return Quote(_round_usd(usd), SOURCE_TABLE)

    def _compute(self, entry: PriceEntry, gen: Generation, count: int, *, before: bool) -> float | None:
        if entry.unit == "token":
            if not before and (gen.usage.input_tokens is not None or gen.usage.output_tokens is not None):
                return self._tokens(entry, gen)
            return self._token_estimate(entry, gen, count)
        if entry.unit == "image":
            return count * float(self._per_image(entry, gen.quality, gen.size))
        if entry.unit == "image_tier":
            return count * self._tier_price(entry, gen)
        if entry.unit == "megapixel":
            return sum(self._megapixels(gen, i) for i in range(count)) * float(entry.per_megapixel or 0)
        if entry.unit == "second":
            seconds = gen.usage.predict_seconds
            if seconds is None:
                return None  # nothing to bill yet: a reservation for a per-second model is unpriced
            return seconds * float(entry.per_second or 0)
        if entry.unit == "job":
            return float(entry.per_job or 0)
        if entry.unit == "image_plus_megapixel":
            included = entry.included_megapixels if entry.included_megapixels is not None else 1.0
            total = 0.0
            for i in range(count):
                extra = max(self._megapixels(gen, i) - included, 0.0)
                # A started megapixel counts as a whole one (round first: 1.0000001 MP is not 2).
                total += float(entry.per_image) + math.ceil(round(extra, 6)) * float(
                    entry.per_extra_megapixel or 0
                )
            return total
        return None

    @staticmethod
    def _local_compute(gen: Generation) -> Quote | None:
        """Local pipelines: wall time x the configured price of one GPU hour (`params.gpu_hour_usd`).

        No rate configured means no quote here, and the table lookup then reports unpriced."""
        rate = gen.params.get("gpu_hour_usd") if gen.local else None
        seconds = gen.usage.predict_seconds if gen.usage.predict_seconds is not None else gen.duration_s
        if rate is None or seconds is None:
            return None
        return Quote(_round_usd(float(rate) * seconds / 3600), SOURCE_TABLE)

    @staticmethod
    def _per_image(entry: PriceEntry, quality: str | None, size: str | None) -> float:
        table = entry.per_image
        if isinstance(table, (int, float)):
            return float(table)
        size = size if size not in (None, "", "auto") else (entry.default_size or _DEFAULT_SIZE)
        exact = table.get(size)
        if isinstance(exact, (int, float)):  # size tiers named by the provider ("1K", "2K")
            return float(exact)
        if all(_parse_size(k) or k == "*" for k in table):
            return float(_nearest_size(table, size))
        q = quality if quality not in _AUTO_QUALITIES else None
        q = q if q in table else (entry.default_quality if entry.default_quality in table else None)
        if q is None:
            q = "*" if "*" in table else next(iter(table))
        value = table[q]
        return float(value if isinstance(value, (int, float)) else _nearest_size(value, size))

    @staticmethod
    def _tier_price(entry: PriceEntry, gen: Generation) -> float:
        wh = _parse_size(gen.size) or _parse_size(entry.default_size or _DEFAULT_SIZE)
        assert wh is not None
        pixels = wh[0] * wh[1]
        quality = gen.quality or entry.default_quality or "standard"
        for tier in entry.tiers:
            if pixels <= float(tier.get("max_pixels", math.inf)):  # last tier may be open-ended
                prices = tier["prices"]
                return float(prices.get(quality, prices.get(entry.default_quality or "standard")))
        raise ValueError(f"size {gen.size} is above every tier")

    @staticmethod
    def _megapixels(gen: Generation, index: int) -> float:
        image = gen.images[index] if index < len(gen.images) else None
        if image and image.width and image.height:
            return image.width * image.height / 1_000_000
        wh = _parse_size(gen.size) or (1024, 1024)
        return wh[0] * wh[1] / 1_000_000

    def _token_estimate(self, entry: PriceEntry, gen: Generation, count: int) -> float:
        image_out = count * float(self._per_image(entry, gen.quality, gen.size)) if entry.per_image else 0.0
        # About four characters per text token; input images of edits are not known before the call.
        text_tokens = math.ceil(len(gen.prompt or "") / 4)
        return image_out + text_tokens * entry.tokens.get("text_in", 0.0) / 1_000_000

    @staticmethod
    def _tokens(entry: PriceEntry, gen: Generation) -> float:
        u = gen.usage
        rate = entry.tokens
        cached = u.cached_input_tokens or 0
        image_in = u.input_image_tokens or 0
        text_in = u.input_text_tokens
        if text_in is None:
            text_in = max((u.input_tokens or 0) - image_in, 0)
        # Cached tokens are billed at the cached rate instead of the full one (text cache assumed).
        text_in_full = max(text_in - cached, 0)
        if u.output_image_tokens is not None or u.output_text_tokens is not None:
            image_out = u.output_image_tokens or 0
            text_out = u.output_text_tokens or 0
        else:
            image_out, text_out = (u.output_tokens or 0), 0  # older models: every output token is image
        total = (
            text_in_full * rate.get("text_in", 0.0)
            + min(cached, text_in) * rate.get("cached_text_in", rate.get("text_in", 0.0))
            + image_in * rate.get("image_in", 0.0)
            + image_out * rate.get("image_out", 0.0)
            + text_out * rate.get("text_out", rate.get("image_out", 0.0))
        )
        return total / 1_000_000

    def _unpriced(self, gen: Generation) -> Quote:
        key = (gen.provider, gen.model)
        with self._lock:
            first = key not in self._warned
            self._warned.add(key)
        if first:
            log.warning(
                "no price for provider=%s model=%s: cost recorded as unpriced (add it with OTEL_AIAUDIT_PRICES_FILE)",
                gen.provider,
                gen.model,
            )
        return Quote(None, SOURCE_UNPRICED)
