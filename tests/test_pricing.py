"""The shipped price table against the public prices, for every size, quality and n."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import yaml

from otel_aiaudit.generation import Generation, Image, Usage
from otel_aiaudit.pricing import PriceFileError, PriceTable

TABLE = PriceTable.load()

# Public per-image list prices (reference: OpenAI model pages; DALL-E rows from the retired price list).
DALLE3 = {
    ("standard", "1024x1024"): 0.040,
    ("standard", "1024x1792"): 0.080,
    ("standard", "1792x1024"): 0.080,
    ("hd", "1024x1024"): 0.080,
    ("hd", "1024x1792"): 0.120,
    ("hd", "1792x1024"): 0.120,
}
DALLE2 = {"256x256": 0.016, "512x512": 0.018, "1024x1024": 0.020}
GPT_IMAGE_ESTIMATES = {
    "gpt-image-1": {"low": (0.011, 0.016), "medium": (0.042, 0.063), "high": (0.167, 0.25)},
    "gpt-image-1-mini": {"low": (0.005, 0.006), "medium": (0.011, 0.015), "high": (0.036, 0.052)},
    "gpt-image-1.5": {"low": (0.009, 0.013), "medium": (0.034, 0.05), "high": (0.133, 0.20)},
    "gpt-image-2": {"low": (0.006, 0.005), "medium": (0.053, 0.041), "high": (0.211, 0.165)},
}
TOKEN_RATES = {  # per 1M: text in, image in, image out
    "gpt-image-1": (5.0, 10.0, 40.0),
    "gpt-image-1-mini": (2.0, 2.5, 8.0),
    "gpt-image-1.5": (5.0, 8.0, 32.0),
    "gpt-image-2": (5.0, 8.0, 30.0),
}


def gen(model: str, **kw) -> Generation:
    return Generation(provider=kw.pop("provider", "openai"), model=model, **kw)


@pytest.mark.parametrize("n", [1, 2, 4])
@pytest.mark.parametrize(("quality", "size"), list(DALLE3))
def test_dalle3_every_size_quality_and_n(quality: str, size: str, n: int) -> None:
    g = gen("dall-e-3", quality=quality, size=size, n=n)
    assert TABLE.estimate(g).usd == pytest.approx(DALLE3[(quality, size)] * n)
    g.images = [Image(url="u")] * n
    assert TABLE.actual(g).usd == pytest.approx(DALLE3[(quality, size)] * n)


def test_dalle3_defaults_to_standard_1024() -> None:
    assert TABLE.estimate(gen("dall-e-3")).usd == pytest.approx(0.04)


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize("size", list(DALLE2))
def test_dalle2_every_size_and_n(size: str, n: int) -> None:
    assert TABLE.estimate(gen("dall-e-2", size=size, n=n)).usd == pytest.approx(DALLE2[size] * n)


def test_actual_counts_images_returned_not_requested() -> None:
    g = gen("dall-e-2", size="512x512", n=4)
    g.images = [Image(hash="a"), Image(hash="b")]  # two filtered out by the provider
    assert TABLE.actual(g).usd == pytest.approx(2 * 0.018)


@pytest.mark.parametrize("model", list(GPT_IMAGE_ESTIMATES))
@pytest.mark.parametrize("quality", ["low", "medium", "high"])
@pytest.mark.parametrize("n", [1, 2])
def test_gpt_image_estimates(model: str, quality: str, n: int) -> None:
    square, wide = GPT_IMAGE_ESTIMATES[model][quality]
    text_in = TOKEN_RATES[model][0]
    prompt = "x" * 40  # 10 text tokens
    for size, price in (("1024x1024", square), ("1536x1024", wide), ("1024x1536", wide)):
        quote = TABLE.estimate(gen(model, quality=quality, size=size, n=n, prompt=prompt))
        assert quote.usd == pytest.approx(n * price + 10 * text_in / 1e6), (model, quality, size)


def test_auto_quality_reserves_as_high() -> None:
    assert TABLE.estimate(gen("gpt-image-2", quality="auto")).usd == pytest.approx(0.211)


@pytest.mark.parametrize("model", list(TOKEN_RATES))
def test_gpt_image_actual_from_usage(model: str) -> None:
    text_in, image_in, image_out = TOKEN_RATES[model]
    g = gen(model, n=2)
    g.usage = Usage(
        input_tokens=50 + 323, input_text_tokens=50, input_image_tokens=323, output_tokens=2 * 4160
    )
    expected = (50 * text_in + 323 * image_in + 2 * 4160 * image_out) / 1e6
    assert TABLE.actual(g).usd == pytest.approx(expected, abs=1e-6)
    assert TABLE.actual(g).source == "price_table"


def test_text_output_tokens_priced_separately_from_image_output() -> None:
    g = gen("gpt-image-2")
    g.usage = Usage(
        input_tokens=10,
        input_text_tokens=10,
        output_tokens=1100,
        output_image_tokens=1000,
        output_text_tokens=100,
    )
    assert TABLE.actual(g).usd == pytest.approx((10 * 5 + 1000 * 30 + 100 * 10) / 1e6, abs=1e-6)


def test_cached_text_tokens_use_cached_rate() -> None:
    g = gen("gpt-image-1.5")
    g.usage = Usage(input_tokens=100, input_text_tokens=100, cached_input_tokens=60, output_tokens=0)
    assert TABLE.actual(g).usd == pytest.approx((40 * 5.0 + 60 * 1.25) / 1e6, abs=1e-6)


def test_snapshot_aliases_price_like_the_model() -> None:
    assert (
        TABLE.estimate(gen("gpt-image-2-2026-04-21", quality="low")).usd
        == TABLE.estimate(gen("gpt-image-2", quality="low")).usd
    )
    assert TABLE.lookup("azure.ai.openai", "dall-e-3") is TABLE.lookup("openai", "dall-e-3")


def test_unknown_model_is_unpriced_never_zero(caplog) -> None:
    q = TABLE.estimate(gen("my-private-model"))
    assert q.usd is None and q.source == "unpriced" and not q.priced
    TABLE.actual(gen("my-private-model"))
    assert sum("my-private-model" in r.message for r in caplog.records) == 1  # warned once per model


def test_retired_models_keep_rows_with_end_dates() -> None:
    for model, end in (("dall-e-2", "2026-05-12"), ("dall-e-3", "2026-05-12"), ("gpt-image-1", "2026-10-23")):
        entry = TABLE.lookup("openai", model)
        assert entry is not None and entry.valid_until == end
    for entry in {id(e): e for e in TABLE._index.values()}.values():
        assert entry.source and entry.read_date, entry.model
        datetime.date.fromisoformat(entry.read_date)


def test_prices_file_adds_and_overrides(tmp_path) -> None:
    extra = tmp_path / "prices.yaml"
    extra.write_text(
        yaml.safe_dump(
            {
                "entries": [
                    {
                        "model": "my-gpt-image",
                        "provider": "azure.ai.openai",
                        "unit": "image",
                        "per_image": 0.05,
                        "source": "contract",
                    },
                    {
                        "model": "dall-e-3",
                        "providers": ["openai"],
                        "unit": "image",
                        "per_image": 0.03,
                        "source": "discount",
                    },
                ]
            }
        )
    )
    table = PriceTable.load(extra_files=[extra])
    assert table.estimate(gen("my-gpt-image", provider="azure.ai.openai", n=2)).usd == pytest.approx(0.10)
    assert table.estimate(gen("dall-e-3")).usd == pytest.approx(0.03)
    assert table.version.startswith("2026-11-30+")


def test_bad_prices_file_names_file_and_entry(tmp_path) -> None:
    extra = tmp_path / "p.yaml"
    extra.write_text("entries:\n  - model: x\n    provider: openai\n    unit: image\n")
    with pytest.raises(PriceFileError, match=r"p\.yaml entry 0 \(x\).*per_image|price field"):
        PriceTable.load(extra_files=[extra])


def test_token_rates_agree_with_genai_prices() -> None:
    """genai-prices covers GPT Image token rates (not per-image estimates nor DALL-E): cross-check."""
    from genai_prices import calc_price
    from genai_prices.types import Usage as GPUsage

    checked = 0
    for model, (text_in, image_in, image_out) in TOKEN_RATES.items():
        try:
            text = calc_price(
                GPUsage(input_tokens=1_000_000, output_tokens=0), model_ref=model, provider_id="openai"
            )
        except LookupError:
            continue
        assert text.input_price == Decimal(str(text_in)), model
        usage = GPUsage(
            input_tokens=1_000_000,
            input_image_tokens=1_000_000,
            output_tokens=1_000_000,
            output_image_tokens=1_000_000,
        )
        both = calc_price(usage, model_ref=model, provider_id="openai")
        assert both.input_price == Decimal(str(image_in)), model
        assert both.output_price == Decimal(str(image_out)), model
        checked += 1
    assert checked >= 3


def test_zero_images_read_costs_zero_unknown_count_costs_n() -> None:
    g = gen("dall-e-2", size="512x512", n=3)
    assert TABLE.actual(g).usd == pytest.approx(3 * 0.018)  # result not read: price what was asked
    g.images_read = True  # read, and the provider filtered every image
    assert TABLE.actual(g).usd == 0.0
