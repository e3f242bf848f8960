"""The `aiaudit` command tree's plumbing: exit codes, one-line errors and the Typer factory.

Every command exits 0 ok, 1 when what it checked is bad, 2 on a usage or input error, 3 when a
service (Redis, Elasticsearch, an OTLP endpoint) cannot be reached. Commands raise `CliError` or let
the project's own errors through; `AuditGroup.invoke` turns each into `aiaudit: error: <one line>`
with its exit code, so no command prints a traceback or a multi-line usage box.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

try:  # typer 0.29 and later carry their own copy of click
    from typer import _click as click  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - earlier typer releases use click itself
    import click  # type: ignore[no-redef]

EXIT_OK = 0
EXIT_BAD = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3

# The optional package behind each import name, for the `pip install` line of a missing extra.
_EXTRA_OF_MODULE = {
    "redis": "redis",
    "hiredis": "redis",
    "elasticsearch": "elasticsearch",
    "elastic_transport": "elasticsearch",
    "c2pa": "c2pa",
    "cryptography": "c2pa",
    "PIL": "c2pa",
    "openai": "openai",
    "opentelemetry.exporter.otlp": "otlp",
}

# Client libraries name their connection failures alike without sharing a base class
# (redis.ConnectionError, elastic_transport.ConnectionError, httpx.ConnectError): match by name.
_UNREACHABLE_NAMES = frozenset(
    {"ConnectionError", "ConnectError", "ConnectionTimeout", "ConnectTimeout", "TimeoutError", "gaierror"}
)


def exit_codes(
    ok: str, bad: str | None = None, usage: str = "usage or input error", unreachable: str | None = None
) -> str:
    """The --help epilog of one command: what each exit code means for it."""
    lines = [f"0 {ok}"]
    if bad:
        lines.append(f"1 {bad}")
    lines.append(f"2 {usage}")
    if unreachable:
        lines.append(f"3 {unreachable}")
    return "Exit codes: " + "; ".join(lines) + "."


class CliError(Exception):
    """A failure a command reports as one line, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    raise CliError(message, code)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        yield cur
        cur = cur.__cause__ or cur.__context__


def unreachable(exc: BaseException) -> bool:
    """Whether `exc` (or what caused it) is a connection that could not be made."""
    return any(cls.__name__ in _UNREACHABLE_NAMES for e in _chain(exc) for cls in type(e).__mro__)


def _one_line(text: object) -> str:
    return " ".join(str(text).split()) or "unknown error"


def _missing_extra(exc: ModuleNotFoundError) -> str | None:
    name = exc.name or ""
    for module, extra in _EXTRA_OF_MODULE.items():
        if name == module or name.startswith(module + "."):
            hint = f"pip install 'otel-aiaudit[{extra}]'"
            return f"this command needs the {extra} extra ({name} is not installed): {hint}"
    return None


def classify(exc: BaseException) -> tuple[str, int] | None:
    """(message, exit code) for the errors a command may end with; None for a bug (left to show)."""
    from ..errors import ConfigurationError, MissingExtra, PolicyFileError
    from ..ledger.store import LedgerError
    from ..store import StoreError, TicketError

    if isinstance(exc, CliError):
        return str(exc), exc.code
    if isinstance(exc, MissingExtra):
        return str(exc), EXIT_USAGE
    if isinstance(exc, PolicyFileError):
        # Possibly one line per problem in the file: joined, the first line names the file.
        return "; ".join(line.strip() for line in str(exc).splitlines() if line.strip()), EXIT_USAGE
    if isinstance(exc, ConfigurationError):  # a bad OTEL_AIAUDIT_* variable: named in the message
        return str(exc), EXIT_USAGE
    if isinstance(exc, ModuleNotFoundError):
        hint = _missing_extra(exc)
        return (hint, EXIT_USAGE) if hint else None
    if isinstance(exc, StoreError):
        return f"store: {exc}", EXIT_UNREACHABLE if unreachable(exc) else EXIT_BAD
    if isinstance(exc, TicketError):
        return str(exc), EXIT_BAD
    if isinstance(exc, LedgerError):
        return f"ledger: {exc}", EXIT_BAD
    if unreachable(exc):
        return f"cannot reach the service: {exc}", EXIT_UNREACHABLE
    if isinstance(exc, OSError) and exc.errno != errno.EPIPE:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}", EXIT_USAGE
    return None


class AuditGroup(TyperGroup):
    """The root group: every subcommand runs inside its `invoke`, so one handler serves them all."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.exceptions.UsageError as exc:
            _usage_exit(exc)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.exceptions.UsageError as exc:
            _usage_exit(exc)
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            found = classify(exc)
            if found is None:
                raise
            message, code = found
            typer.echo(f"aiaudit: error: {_one_line(message)}", err=True)
            raise typer.Exit(code) from None


def _usage_exit(exc: Any) -> NoReturn:
    ctx = getattr(exc, "ctx", None)
    hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    typer.echo(f"aiaudit: error: {_one_line(exc.format_message())}{hint}", err=True)
    raise typer.Exit(EXIT_USAGE)


def new_typer(**kwargs: Any) -> typer.Typer:
    """A command group. Plain (non-rich) help: the rich panel prints `<bool>` beside flags that take
    no value and re-wraps docstrings badly; click's own layout shows flags bare and the epilog whole."""
    kwargs.setdefault("no_args_is_help", True)
    return typer.Typer(rich_markup_mode=None, add_completion=False, **kwargs)
