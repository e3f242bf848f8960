"""One module per client library. Each exposes `instrument(auditor, patches) -> list[str]` and patches
only what its installed library has; a library that is not installed is simply skipped (each module
imports its library inside instrument(), so importing this package stays cheap)."""

from __future__ import annotations

import importlib
import logging

from ..auditor import Auditor
from .base import Patches

log = logging.getLogger("otel_aiaudit")

PROVIDER_MODULES = ("openai", "google_genai", "replicate", "fal", "bedrock", "diffusers", "rest")


def instrument_all(auditor: Auditor, patches: Patches) -> list[str]:
    patched: list[str] = []
    for name in PROVIDER_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")  # imports its client library lazily
        try:
            patched += module.instrument(auditor, patches)
        except ValueError:
            raise  # a broken user mapping or configuration fails at start-up, like a broken policy file
        except Exception:
            log.exception("otel-aiaudit could not instrument %s; other providers are unaffected", name)
    return patched
