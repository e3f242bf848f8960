"""One typed Settings object. Every field has an OTEL_AIAUDIT_* (or OTEL_*) environment twin.

Read once at instrument time; `instrument(**overrides)` may replace any field. Every value is parsed
strictly: a typo must stop the app at start (ConfigurationError, one line naming the variable and what
it accepts), never quietly switch a control off.
"""

from __future__ import annotations

import getpass
import math
import os
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any, Literal, get_args
from urllib.parse import parse_qsl, urlsplit

import platformdirs
from pydantic import BaseModel, Field, ValidationError, ValidationInfo, field_validator

from .errors import ConfigurationError

PromptCapture = Literal["full", "redacted", "hash", "none"]
ContentMode = Literal["NO_CONTENT", "SPAN_ONLY", "EVENT_ONLY", "SPAN_AND_EVENT"]
_CONTENT_MODES = get_args(ContentMode)
LedgerSync = Literal["full", "normal"]

# Only unmistakable words: "yes", "nah" or "enabled" are refused rather than guessed.
_TRUE = ("true", "1", "on")
_FALSE = ("false", "0", "off")  # pairs with _TRUE, word for word
_CHOICES: dict[str, tuple[str, ...]] = {
    "prompt_capture": get_args(PromptCapture),
    "ledger_sync": get_args(LedgerSync),
}

STORE_SCHEMES = ("sqlite", "redis", "rediss", "unix", "memory")
_STORE_FORMS = "sqlite:///path/to/file.db, redis://host:port/db (also rediss://, unix://) or memory://"
# A value that reads as a switch would otherwise become a ledger file of that name.
_LEDGER_SWITCH_WORDS = {"on", "true", "1", "yes", "false", "0", "no", "none", "disabled", "disable"}

_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
_DOTTED_CALLABLE = re.compile(rf"{_IDENTIFIER}(\.{_IDENTIFIER})*:{_IDENTIFIER}(\.{_IDENTIFIER})*")

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
    "c2pa_tsa_url": "OTEL_AIAUDIT_C2PA_TSA_URL",
    "c2pa_signer": "OTEL_AIAUDIT_C2PA_SIGNER",
    "watermark": "OTEL_AIAUDIT_WATERMARK",
    "ledger": "OTEL_AIAUDIT_LEDGER",
    "mappings_file": "OTEL_AIAUDIT_MAPPINGS_FILE",
    "gpu_hour_usd": "OTEL_AIAUDIT_GPU_HOUR_USD",
    "otlp_endpoint": "OTEL_EXPORTER_OTLP_ENDPOINT",
    "ledger_sync": "OTEL_AIAUDIT_LEDGER_SYNC",
}


def setting_name(field: str, overridden: Collection[str] = ()) -> str:
    """How the user set `field`: the instrument() keyword when passed in code, else its variable."""
    return f"instrument({field}=)" if field in overridden else ENV_VARS.get(field, field)


def shown_url(url: str) -> str:
    """A store URL fit for a message: a password in it is masked."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{parts.username or ''}:***@{host}").geturl()


def _one_of(words: Collection[str]) -> str:
    items = list(words)
    return ", ".join(items[:-1]) + " or " + items[-1] if len(items) > 1 else "".join(items)


STATE_APP_NAME = "otel-aiaudit"


def state_dir() -> str:
    """The per-user state directory holding the default store and ledger (e.g. ~/.local/state/
    otel-aiaudit, or under $XDG_STATE_HOME), so where data lands never depends on the working directory."""
    return platformdirs.user_state_dir(STATE_APP_NAME)


def _default_store() -> str:
    # An absolute path: sqlite:/// followed by /home/... gives the four-slash absolute form.
    return "sqlite:///" + os.path.join(state_dir(), "aiaudit.db")


def _default_user() -> str | None:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return None


class Settings(BaseModel):
    policy_file: str | None = None
    # sqlite:///path.db (`?busy_timeout=` in seconds), redis://host:port/db, rediss://, unix://, memory://
    store: str = Field(default_factory=_default_store)
    prompt_capture: PromptCapture = "redacted"
    # OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: None (unset), NO_CONTENT, SPAN_ONLY,
    # EVENT_ONLY or SPAN_AND_EVENT; see telemetry/capture.py for what each lets through.
    capture_message_content: ContentMode | None = None
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
    # RFC 3161 time-stamp authority asked for a token on every signature (http:// or https://).
    c2pa_tsa_url: str | None = None
    # The key lives in a KMS or HSM: `package.module:function` (or, in code, the callable) that signs the
    # bytes it is given; OTEL_AIAUDIT_C2PA_KEY is then not used. Imported at the first signing.
    c2pa_signer: str | Callable[[bytes], bytes] | None = None
    # An invisible watermark with the generation's key in every image C2PA signs (nothing without C2PA).
    watermark: bool = True
    # Local ledger: "default" = beside the store's SQLite file (else in the state directory), "off" disables.
    ledger: str = "default"
    # full: each append is fsynced (survives power loss); normal: survives a crash or kill of the
    # process, not of the machine, and costs far less per call (SQLite WAL synchronous levels).
    ledger_sync: LedgerSync = "full"
    mappings_file: str | None = None
    gpu_hour_usd: float | None = None  # local pipelines: price of one GPU hour, in US dollars
    otlp_endpoint: str | None = None

    @field_validator("capture_message_content", mode="before")
    @classmethod
    def _content_mode(cls, value: object) -> object:
        # Older GenAI instrumentations took a boolean here: true meant spans and events.
        if isinstance(value, bool):
            return "SPAN_AND_EVENT" if value else "NO_CONTENT"
        if not isinstance(value, str):
            return value
        word = value.strip().lower()
        if word in _TRUE or word in _FALSE:
            return "SPAN_AND_EVENT" if word in _TRUE else "NO_CONTENT"
        if word.upper() in _CONTENT_MODES:
            return word.upper()
        raise ValueError(f"expected {_one_of(list(_CONTENT_MODES))} (or true/false)")

    @field_validator(
        "metrics_user",
        "c2pa",
        "c2pa_fetch_urls",
        "watermark",
        mode="before",
    )
    @classmethod
    def _boolish(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str):
            return value  # a bool passed in code; pydantic still refuses anything else
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        accepted = [w for pair in zip(_TRUE, _FALSE, strict=True) for w in pair]
        raise ValueError(f"expected {_one_of(accepted)} (any case)")

    @field_validator("c2pa_tsa_url", mode="before")
    @classmethod
    def _tsa_url(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        url = value.strip()
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ValueError("expected the http:// or https:// URL of an RFC 3161 time-stamp authority")
        return url

    @field_validator("c2pa_signer", mode="before")
    @classmethod
    def _signer_name(cls, value: object) -> object:
        if value is None or callable(value):
            return value
        if not isinstance(value, str) or not _DOTTED_CALLABLE.fullmatch(value.strip()):
            raise ValueError("expected package.module:function, the function that signs with your KMS or HSM")
        return value.strip()

    @field_validator("prompt_capture", "ledger_sync", mode="before")
    @classmethod
    def _choice(cls, value: object, info: ValidationInfo) -> object:
        if not isinstance(value, str):
            return value
        word = value.strip().lower()
        accepted = _CHOICES[str(info.field_name)]
        if word not in accepted:
            raise ValueError(f"expected {_one_of(accepted)}")
        return word

    @field_validator("store", mode="before")
    @classmethod
    def _store_url(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        url = value.strip()
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in STORE_SCHEMES:
            raise ValueError(f"expected {_STORE_FORMS}")
        if scheme == "sqlite":
            path = parts.path[1:] if parts.path.startswith("/") else parts.path
            if parts.netloc or not path:
                raise ValueError("expected sqlite:///relative/path.db or sqlite:////absolute/path.db")
            timeout = dict(parse_qsl(parts.query)).get("busy_timeout")
            if timeout is not None and _amount(timeout) is None:
                raise ValueError("busy_timeout: expected a number of seconds, e.g. ?busy_timeout=30")
        return url

    @field_validator("ledger", mode="before")
    @classmethod
    def _ledger_path(cls, value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in _LEDGER_SWITCH_WORDS:
            raise ValueError("expected a file path, default or off")
        return value

    @field_validator("gpu_hour_usd", mode="before")
    @classmethod
    def _dollars(cls, value: object) -> object:
        if value is None:
            return None
        amount = _amount(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
        if amount is None:
            raise ValueError("expected a price in US dollars, a number such as 2.50")
        return amount

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from the environment (or `environ`), with `overrides` (instrument() keywords) on top.
        A bad value raises ConfigurationError: one line per problem, naming the variable or keyword."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for name, var in ENV_VARS.items():
            raw = env.get(var)
            if raw is not None and raw.strip() != "":
                values[name] = raw
        given = {k: v for k, v in overrides.items() if v is not None}
        values.update(given)
        try:
            return cls(**values)
        except ValidationError as exc:
            raise _configuration_error(exc, values, given) from None


def _amount(value: str | int | float) -> float | None:
    """A finite number, zero or more, else None: NaN, infinities and negative amounts are mistakes."""
    try:
        number = float(value.strip() if isinstance(value, str) else value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) and number >= 0 else None


# Fields that may hold a secret (an HMAC key, a PEM private key): a message never repeats their value.
_SECRET_FIELDS = frozenset({"hash_key", "c2pa_key"})


def _shown(field: str, value: object, in_code: bool) -> str:
    if field in _SECRET_FIELDS:
        return "<hidden>"
    if field == "store" and isinstance(value, str):
        value = shown_url(value.strip())
    return repr(value) if in_code else str(value).strip()


def _configuration_error(
    exc: ValidationError, values: Mapping[str, object], given: Collection[str]
) -> ConfigurationError:
    problems: list[str] = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        ctx: dict[str, Any] = error.get("ctx") or {}
        why = str(ctx["error"]) if error["type"] == "value_error" and "error" in ctx else str(error["msg"])
        value = _shown(field, values.get(field), field in given)
        where = f"instrument({field}={value})" if field in given else f"{setting_name(field)}={value}"
        problems.append(f"{where}: {why}")
    first = str(exc.errors()[0]["loc"][0]) if exc.errors() and exc.errors()[0]["loc"] else ""
    return ConfigurationError("; ".join(problems), variable=setting_name(first, given))
