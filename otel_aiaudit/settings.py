"""One typed Settings object. Every field has an OTEL_AIAUDIT_* (or OTEL_*) environment twin.

Read once at instrument time; `instrument(**overrides)` may replace any field.
"""

from __future__ import annotations

import getpass
import os
from typing import Literal

from pydantic import BaseModel, Field, field_validator

PromptCapture = Literal["full", "redacted", "hash", "none"]

_TRUE = {"1", "true", "yes", "on"}

# field name -> environment variable
ENV_VARS: dict[str, str] = {
    "policy_file": "OTEL_AIAUDIT_POLICY_FILE",
    "store": "OTEL_AIAUDIT_STORE",
    "prompt_capture": "OTEL_AIAUDIT_PROMPT_CAPTURE",
    "capture_message_content": "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT",
    "hash_key": "OTEL_AIAUDIT_HASH_KEY",
    "user": "OTEL_AIAUDIT_USER",
    "team": "OTEL_AIAUDIT_TEAM",
    "organisation": "OTEL_AIAUDIT_ORGANISATION",
    "prices_file": "OTEL_AIAUDIT_PRICES_FILE",
    "metrics_user": "OTEL_AIAUDIT_METRICS_USER",
    "c2pa": "OTEL_AIAUDIT_C2PA",
    "c2pa_cert": "OTEL_AIAUDIT_C2PA_CERT",
    "c2pa_key": "OTEL_AIAUDIT_C2PA_KEY",
    "c2pa_fetch_urls": "OTEL_AIAUDIT_C2PA_FETCH_URLS",
    "ledger": "OTEL_AIAUDIT_LEDGER",
    "mappings_file": "OTEL_AIAUDIT_MAPPINGS_FILE",
    "gpu_hour_usd": "OTEL_AIAUDIT_GPU_HOUR_USD",
    "otlp_endpoint": "OTEL_EXPORTER_OTLP_ENDPOINT",
    "ledger_sync": "OTEL_AIAUDIT_LEDGER_SYNC",
}


def _default_user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return None


class Settings(BaseModel):
    policy_file: str | None = None
    store: str = "sqlite:///./aiaudit.db"
    prompt_capture: PromptCapture = "redacted"
    # OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: None (unset), NO_CONTENT, SPAN_ONLY,
    # EVENT_ONLY or SPAN_AND_EVENT; see telemetry/capture.py for what each lets through.
    capture_message_content: Literal["NO_CONTENT", "SPAN_ONLY", "EVENT_ONLY", "SPAN_AND_EVENT"] | None = None
    hash_key: str | None = Field(default=None, repr=False)
    user: str | None = Field(default_factory=_default_user)
    team: str | None = None
    organisation: str | None = None
    prices_file: str | None = None
    metrics_user: bool = True
    c2pa: bool = False
    c2pa_cert: str | None = None
    c2pa_key: str | None = None
    c2pa_fetch_urls: bool = False
    # Local ledger: "default" = beside the store's SQLite file (or ./aiaudit-ledger.db), "off" disables.
    ledger: str = "default"
    # full: each append is fsynced (survives power loss); normal: survives a crash or kill of the
    # process, not of the machine, and costs far less per call (SQLite WAL synchronous levels).
    ledger_sync: Literal["full", "normal"] = "full"
    mappings_file: str | None = None
    gpu_hour_usd: float | None = None  # local pipelines: price of one GPU hour
    otlp_endpoint: str | None = None

    @field_validator("capture_message_content", mode="before")
    @classmethod
    def _content_mode(cls, value: object) -> object:
        # Older GenAI instrumentations took a boolean here: true meant spans and events.
        if isinstance(value, str):
            value = value.strip().upper()
            return {"TRUE": "SPAN_AND_EVENT", "FALSE": "NO_CONTENT"}.get(value, value)
        if isinstance(value, bool):
            return "SPAN_AND_EVENT" if value else "NO_CONTENT"
        return value

    @field_validator(
        "metrics_user",
        "c2pa",
        "c2pa_fetch_urls",
        mode="before",
    )
    @classmethod
    def _boolish(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip().lower() in _TRUE
        return value

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, var in ENV_VARS.items():
            raw = env.get(var)
            if raw is not None and raw != "":
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
