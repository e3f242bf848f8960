"""Extra classifiers: anything that scores a prompt per category, configured in the policy file.

The interface is deliberately small: a classifier is a callable taking the prompt text and
returning a mapping of label to score in [0, 1] (it may be a coroutine function). Labels are the
classifier's own; `categories` in the policy maps them to ours (violence, explicit, hate_speech,
deepfake), and a label that already is one of ours needs no mapping.

```yaml
content_filter:
  classifiers:
    - name: moderation
      type: openai_moderation        # built in: OpenAI's moderation endpoint via the openai client
      threshold: 0.5
      timeout_seconds: 2
      fail_mode: fail_open           # or fail_closed: a failure or timeout blocks
    - name: inhouse
      type: python
      callable: mycompany.safety:score
```

A classifier that raises or runs past `timeout_seconds` follows its `fail_mode`; either way the
decision records it as degraded. Nothing connects at construction: the OpenAI client is created
on first use.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import importlib
import inspect
import os
import threading
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .config import ClassifierConfig

ScoreFn = Callable[[str], "Mapping[str, float] | Awaitable[Mapping[str, float]]"]

OUR_CATEGORIES = ("violence", "explicit", "hate_speech", "deepfake")

# OpenAI moderation labels -> our categories (policy `categories` entries extend or override).
OPENAI_LABELS: dict[str, str] = {
    "sexual": "explicit",
    "sexual/minors": "explicit",
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
        elif cfg.type == "openai_moderation":
            self.fn = OpenAIModeration(cfg)
        else:
            if not cfg.callable:
                raise ValueError("type python needs `callable: package.module:function`")
            self.fn = _import_callable(cfg.callable)
        labels = dict(OPENAI_LABELS) if cfg.type == "openai_moderation" else {}
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

    def classify(self, text: str) -> Verdict:
        """Blocking call bounded by the timeout; never raises."""
        future = _POOL.submit(self._run_sync, text)
        try:
            raw = future.result(timeout=self.cfg.timeout_seconds)
            return Verdict(self.name, self._map(raw))
        except concurrent.futures.TimeoutError:
            future.cancel()
            return Verdict(self.name, {}, f"timed out after {self.cfg.timeout_seconds:g}s")
        except Exception as exc:  # a classifier's own failure is data for the fail mode
            return Verdict(self.name, {}, f"failed: {type(exc).__name__}")

    async def aclassify(self, text: str) -> Verdict:
        try:
            acall = getattr(self.fn, "acall", None)
            if acall is not None:
                coro: Awaitable[Mapping[str, float]] = acall(text)
            elif inspect.iscoroutinefunction(self.fn):
                coro = self.fn(text)  # type: ignore[assignment]
            else:
                coro = asyncio.to_thread(self._run_sync, text)
            raw = await asyncio.wait_for(coro, timeout=self.cfg.timeout_seconds)
            return Verdict(self.name, self._map(raw))
        except (asyncio.TimeoutError, TimeoutError):
            return Verdict(self.name, {}, f"timed out after {self.cfg.timeout_seconds:g}s")
        except Exception as exc:
            return Verdict(self.name, {}, f"failed: {type(exc).__name__}")


async def _await(awaitable: Awaitable[Mapping[str, float]]) -> Mapping[str, float]:
    return await awaitable
