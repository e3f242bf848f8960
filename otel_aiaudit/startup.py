"""Start-up is all or nothing: either every configured control is in place, or the app does not run.

`preflight` checks what can be checked before anything is built: the settings, strictly, and the
optional packages the settings need (a Redis store, C2PA signing, delivery of the ledger to OTLP).
`stop` ends a process that `opentelemetry-instrument` is starting, with one line on stderr and exit
code 2; in code the same problems are raised as ConfigurationError / MissingExtra instead.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn
from urllib.parse import urlsplit

from .errors import MissingExtra
from .settings import ENV_VARS, Settings, setting_name, shown_url

EXIT_CODE = 2
_LOADER_PACKAGE = "opentelemetry.instrumentation.auto_instrumentation"


@dataclass(frozen=True)
class Extra:
    """An optional feature: when `needed` by the settings, every module in `modules` must import."""

    extra: str  # the name in pyproject's optional-dependencies
    modules: tuple[tuple[str, str], ...]  # (module, distribution that provides it)
    needed: Callable[[Settings, Mapping[str, str]], str | None]  # the field that needs it, or None


def _redis_store(settings: Settings, _env: Mapping[str, str]) -> str | None:
    return "store" if urlsplit(settings.store).scheme.lower() in ("redis", "rediss", "unix") else None


def _c2pa(settings: Settings, _env: Mapping[str, str]) -> str | None:
    return "c2pa" if settings.c2pa else None


# Client libraries are not here: each provider is optional by nature and simply not patched when its
# library is absent. These are the packages a setting asks for.
EXTRAS: tuple[Extra, ...] = (
    Extra("redis", (("redis", "redis"),), _redis_store),
    Extra("c2pa", (("c2pa", "c2pa-python"), ("cryptography", "cryptography")), _c2pa),
)


def _unavailable(module: str) -> str | None:
    """Why `module` cannot be used, or None when it imports."""
    try:
        if importlib.util.find_spec(module) is None:
            return "is not installed"
    except (ImportError, ValueError):  # its parent package is missing, or a broken entry in sys.modules
        return "is not installed"
    # Found is not enough: a wheel for another platform, or a native library that will not load, fails
    # only on import, and would otherwise fail on the first governed call instead of here.
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (module == exc.name or module.startswith(exc.name + ".")):
            return "is not installed"
        return f"cannot be imported: {exc}"  # a dependency of its own is missing
    except Exception as exc:
        return f"cannot be imported: {type(exc).__name__}: {exc}"
    return None


def _setting(field: str, settings: Settings, given: Collection[str], env: Mapping[str, str]) -> str:
    """`VARIABLE=value` (or `instrument(field=value)`) as the user wrote it, a password masked."""
    if field not in Settings.model_fields:
        return f"{field}={env.get(field, '')}"  # a variable of the OTLP exporter, read as it is
    value: Any = getattr(settings, field)
    if field == "store":
        value = shown_url(value)
    if field in given:
        return f"instrument({field}={value!r})"
    return f"{setting_name(field)}={'on' if value is True else value}"


def check_extras(
    settings: Settings, given: Collection[str], env: Mapping[str, str], *, store_object: bool = False
) -> None:
    """Raise MissingExtra for the first setting whose optional package cannot be imported."""
    for extra in EXTRAS:
        field = extra.needed(settings, env)
        if field is None or (field == "store" and store_object):  # a Store passed in code needs no URL
            continue
        for module, distribution in extra.modules:
            why = _unavailable(module)
            if why is None:
                continue
            hint = f"pip install 'otel-aiaudit[{extra.extra}]'"
            what = _setting(field, settings, given, env)
            raise MissingExtra(
                f"{what} needs the {extra.extra} extra ({distribution} {why}): {hint}",
                variable=setting_name(field, given) if field in ENV_VARS else field,
                extra=extra.extra,
                module=module,
            )


def settings_for(kwargs: Mapping[str, Any]) -> tuple[Settings, frozenset[str]]:
    """The settings instrument(**kwargs) runs with, and which fields came from keywords: keywords over
    the environment; a `store` keyword that is a URL replaces OTEL_AIAUDIT_STORE (a Store object is
    used as it is)."""
    overrides = {k: kwargs[k] for k in Settings.model_fields if k in kwargs and k != "store"}
    if isinstance(kwargs.get("store"), str):
        overrides["store"] = kwargs["store"]
    settings = Settings.from_env(**overrides)
    return settings, frozenset(k for k, v in overrides.items() if v is not None)


def preflight(kwargs: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Settings:
    """Raise ConfigurationError (MissingExtra for a missing package) before anything is built."""
    env = os.environ if environ is None else environ
    settings, given = settings_for(kwargs)
    store = kwargs.get("store")
    check_extras(settings, given, env, store_object=store is not None and not isinstance(store, str))
    return settings


def launched_by_auto_instrumentation(kwargs: Mapping[str, Any]) -> bool:
    """True when `opentelemetry-instrument` (its sitecustomize, or initialize()) is calling instrument().

    Its loader passes skip_dep_check=True through BaseDistro.load_instrumentor, but a distro may
    override that method and call instrument() with arguments of its own; every distro is still called
    from the loader's `_load_instrumentors`, so its frame on the stack is the signal that holds.
    """
    if kwargs.get("skip_dep_check"):
        return True
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_globals.get("__name__") or ""
        if name == _LOADER_PACKAGE or name.startswith(_LOADER_PACKAGE + "."):
            return True
        frame = frame.f_back
    return False


def describe(exc: BaseException) -> str:
    """One line: a configuration problem as its message says it; anything else with its type and
    where it was raised, since no traceback follows."""
    # A policy file with several problems lists one per line: they stay, joined on one line.
    text = "; ".join(part.strip() for part in str(exc).splitlines() if part.strip())
    if isinstance(exc, ValueError):
        return text or type(exc).__name__
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        name = last.filename
        marker = f"{os.sep}otel_aiaudit{os.sep}"
        name = "otel_aiaudit" + os.sep + name.split(marker, 1)[1] if marker in name else name
        where = f" (at {name}:{last.lineno})"
    return f"{type(exc).__name__}: {text}{where}" if text else f"{type(exc).__name__}{where}"


def stop(exc: BaseException) -> NoReturn:
    """End the process now: one line on stderr, exit code 2, no traceback.

    This runs inside Python's site import. Raising SystemExit there is a fatal interpreter error
    ("init_import_site", a traceback, exit code 1), and any other exception is swallowed by the loader,
    so the app would run ungoverned. os._exit skips atexit hooks and buffered output: both streams are
    flushed first; nothing of the app has run, and the SDK's providers have nothing to export yet.
    """
    line = f"otel-aiaudit: cannot start: {describe(exc)}\n"
    try:
        sys.stdout.flush()
    except Exception:  # a closed or missing stdout must not keep the process alive
        pass
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except Exception:
        try:
            os.write(2, line.encode("utf-8", "replace"))
        except OSError:
            pass
    os._exit(EXIT_CODE)
