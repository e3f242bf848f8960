"""Extra classifiers: anything that scores a prompt per category, configured in the policy file.

The interface is deliberately small: a classifier is a callable taking the prompt text and
returning a mapping of label to score in [0, 1] (it may be a coroutine function). Labels are the
classifier's own; `categories` in the policy maps them to ours (violence, explicit, hate_speech,
deepfake, minors), and a label that already is one of ours needs no mapping.

```yaml
content_filter:
  classifiers:
    - name: moderation
      type: openai_moderation        # built in: OpenAI's moderation endpoint via the openai client
      threshold: 0.5
      timeout_seconds: 2
      fail_mode: fail_open           # or fail_closed: a failure or timeout blocks
    - name: guard
      type: llama_guard              # or shieldgemma: a self-hosted safety model (safety_models.py)
      base_url: http://guard.internal:8000/v1
      model: meta-llama/Llama-Guard-3-8B
    - name: inhouse
      type: python
      callable: mycompany.safety:score
```

The engine asks the classifiers only when the local rules let the prompt through (the cascade),
all at once, each within `content_filter.model_budget_seconds` or its own `timeout_seconds`,
whichever is shorter. A classifier that raises or runs past that follows its `fail_mode`; either
way the decision records it as degraded. Nothing connects at construction: clients are created on
first use.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import importlib
import inspect
import os
import threading
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .config import ClassifierConfig
from .safety_models import LLAMA_GUARD_LABELS, SHIELDGEMMA_LABELS, LlamaGuard, ShieldGemma

ScoreFn = Callable[[str], "Mapping[str, float] | Awaitable[Mapping[str, float]]"]

OUR_CATEGORIES = ("violence", "explicit", "hate_speech", "deepfake", "minors")

# OpenAI moderation labels -> our categories (policy `categories` entries extend or override).
OPENAI_LABELS: dict[str, str] = {
    "sexual": "explicit",
    "sexual/minors": "minors",  # always blocked, like Llama Guard S4
    "violence": "violence",
    "violence/graphic": "violence",
    "self-harm": "violence",
    "self-harm/intent": "violence",
    "self-harm/instructions": "violence",
    "hate": "hate_speech",
    "hate/threatening": "hate_speech",
    "harassment/threatening": "hate_speech",
}


class ClassifierError(Exception):
    """A classifier failed or timed out (the policy's fail mode decides what follows)."""


class OpenAIModeration:
    """Scores with OpenAI's moderation endpoint through the official `openai` client."""

    def __init__(self, cfg: ClassifierConfig) -> None:
        self._model = cfg.model or "omni-moderation-latest"
        self._base_url = cfg.base_url
        self._api_key_env = cfg.api_key_env or "OPENAI_API_KEY"
        self._timeout = cfg.timeout_seconds
        self._client: Any = None
        self._aclient: Any = None
        self._lock = threading.Lock()

    def _kwargs(self) -> dict[str, Any]:
        # max_retries=0: the policy's timeout is the whole budget, the fail mode handles errors.
        return {
            "api_key": os.environ.get(self._api_key_env) or "unset",
            "base_url": self._base_url,
            "timeout": self._timeout,
            "max_retries": 0,
        }

    @staticmethod
    def _scores(response: Any) -> dict[str, float]:
        result = response.results[0]
        scores = result.category_scores.model_dump(by_alias=True)
        return {label: float(score) for label, score in scores.items() if score is not None}

    def __call__(self, text: str) -> dict[str, float]:
        with self._lock:
            if self._client is None:
                import openai  # imported on first use: no client library at import time

                self._client = openai.OpenAI(**self._kwargs())
        return self._scores(self._client.moderations.create(model=self._model, input=text))

    async def acall(self, text: str) -> dict[str, float]:
        if self._aclient is None:
            import openai

            self._aclient = openai.AsyncOpenAI(**self._kwargs())
        return self._scores(await self._aclient.moderations.create(model=self._model, input=text))


def _import_callable(path: str) -> ScoreFn:
    module_name, sep, attr = path.partition(":")
    if not sep:
        module_name, _, attr = path.rpartition(".")
    module = importlib.import_module(module_name)
    fn = module
    for part in attr.split("."):
        fn = getattr(fn, part)
    if not callable(fn):
        raise TypeError(f"{path} is not callable")
    return fn  # type: ignore[return-value]


# Shared by every engine: a slow classifier must not hold up the caller past its timeout.
_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="aiaudit-classifier")


@dataclass
class Verdict:
    """What one classifier said: category scores (ours), or the error that stands for them."""

    name: str
    scores: dict[str, float]
    error: str | None = None


class Classifier:
    """One configured classifier with its label mapping, threshold, timeout and fail mode."""

    def __init__(self, cfg: ClassifierConfig, fn: ScoreFn | None = None) -> None:
        self.cfg = cfg
        self.name = cfg.name
        if fn is not None:
            self.fn: ScoreFn = fn
        elif cfg.type in _ADAPTERS:
            self.fn = _ADAPTERS[cfg.type](cfg)
        else:
            if not cfg.callable:
                raise ValueError("type python needs `callable: package.module:function`")
            self.fn = _import_callable(cfg.callable)
        labels = dict(_LABELS.get(cfg.type, {}))
        labels.update(cfg.categories)
        self.labels = labels

    def _map(self, raw: Mapping[str, float]) -> dict[str, float]:
        scores: dict[str, float] = {}
        for label, score in raw.items():
            category = self.labels.get(label, label if label in OUR_CATEGORIES else None)
            if category is not None:
                scores[category] = max(scores.get(category, 0.0), float(score))
        return scores

    def _run_sync(self, text: str) -> Mapping[str, float]:
        result = self.fn(text)
        if inspect.isawaitable(result):
            return asyncio.run(_await(result))
        return result

    def limit(self, budget: float | None) -> float:
        """Seconds this classifier may take: its own timeout, cut to the model stage's budget."""
        own = self.cfg.timeout_seconds
        return own if budget is None else min(own, budget)

    def start(self, text: str) -> concurrent.futures.Future[Mapping[str, float]]:
        return _POOL.submit(self._run_sync, text)

    def collect(self, future: concurrent.futures.Future[Mapping[str, float]], limit: float, wait: float) -> Verdict:
        """The verdict of a started call, waiting at most `wait` seconds more; never raises."""
        try:
            raw = future.result(timeout=max(wait, 0.0))
            return Verdict(self.name, self._map(raw))
        except concurrent.futures.TimeoutError:
            future.cancel()
            return Verdict(self.name, {}, f"timed out after {limit:g}s")
        except Exception as exc:  # a classifier's own failure is data for the fail mode
            return Verdict(self.name, {}, f"failed: {type(exc).__name__}")

    def classify(self, text: str, budget: float | None = None) -> Verdict:
        """Blocking call bounded by the timeout (and budget); never raises."""
        limit = self.limit(budget)
        return self.collect(self.start(text), limit, limit)

    async def aclassify(self, text: str, budget: float | None = None) -> Verdict:
        limit = self.limit(budget)
        try:
            acall = getattr(self.fn, "acall", None)
            if acall is not None:
                coro: Awaitable[Mapping[str, float]] = acall(text)
            elif inspect.iscoroutinefunction(self.fn):
                coro = self.fn(text)  # type: ignore[assignment]
            else:
                coro = asyncio.to_thread(self._run_sync, text)
            raw = await asyncio.wait_for(coro, timeout=limit)
            return Verdict(self.name, self._map(raw))
        except (asyncio.TimeoutError, TimeoutError):
            return Verdict(self.name, {}, f"timed out after {limit:g}s")
        except Exception as exc:
            return Verdict(self.name, {}, f"failed: {type(exc).__name__}")


def classify_all(classifiers: Sequence[Classifier], text: str, budget: float | None = None) -> list[Verdict]:
    """Every classifier's verdict, asked concurrently: the stage takes as long as the slowest
    classifier allowed, not the sum of them."""
    started = time.monotonic()
    futures = [c.start(text) for c in classifiers]
    verdicts = []
    for c, future in zip(classifiers, futures, strict=True):
        limit = c.limit(budget)
        verdicts.append(c.collect(future, limit, started + limit - time.monotonic()))
    return verdicts


async def aclassify_all(classifiers: Sequence[Classifier], text: str, budget: float | None = None) -> list[Verdict]:
    return list(await asyncio.gather(*(c.aclassify(text, budget) for c in classifiers)))


async def _await(awaitable: Awaitable[Mapping[str, float]]) -> Mapping[str, float]:
    return await awaitable


# Built-in adapters by policy `type`, and the label mapping each starts from.
_ADAPTERS: dict[str, Callable[[ClassifierConfig], ScoreFn]] = {
    "openai_moderation": OpenAIModeration,
    "llama_guard": LlamaGuard,
    "shieldgemma": ShieldGemma,
}
_LABELS: dict[str, dict[str, str]] = {
    "openai_moderation": OPENAI_LABELS,
    "llama_guard": LLAMA_GUARD_LABELS,
    "shieldgemma": SHIELDGEMMA_LABELS,
}
