"""The outbox: audit records reach the collector from the ledger, so an outage or a crash loses none.

A record is put in the outbox in the same transaction that appends it to the ledger. A background
thread claims a batch (a lease in the ledger, so two processes sharing the file never send the same
record), POSTs it as OTLP/HTTP protobuf to the logs endpoint and, after a 2xx answer only, marks it
delivered and drops it from the outbox. A failed POST keeps the batch and backs off exponentially
(with jitter, honouring Retry-After); nothing is ever dropped. A process killed mid-batch leaves a
lease that the next process takes over at once (the owner's pid is gone) or after `lease_s`.

Exactly once: a record marked delivered is never sent again. The one window left is a crash after
the collector answered 2xx and before the mark commits (a few milliseconds): that batch is sent again
by the next process. Every record carries `aiaudit.record.id`, so a collector writing to
Elasticsearch can use it as the document id and index it once even then.
"""

from __future__ import annotations

import gzip
import logging
import os
import random
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .store import RECORD_COLUMNS, Ledger, LedgerError, record_dict

log = logging.getLogger("otel_aiaudit.ledger")

_RETRYABLE = {408, 429, 500, 502, 503, 504}


@dataclass
class OutboxConfig:
    endpoint: str  # the full logs URL, e.g. http://collector:4318/v1/logs
    headers: dict[str, str] = field(default_factory=dict)
    compression: str | None = None  # "gzip" or None
    timeout_s: float = 10.0
    batch_size: int = 200
    initial_backoff_s: float = 0.5
    max_backoff_s: float = 30.0
    lease_s: float = 30.0  # longer than timeout_s: a lease never ends while its POST is in flight
    idle_s: float = 5.0  # how often an idle outbox looks for records other processes left
    flush_timeout_s: float = 5.0  # how long close() (and interpreter exit) keeps delivering

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, endpoint: str | None = None, **overrides: Any
    ) -> OutboxConfig | None:
        """The OTLP exporter's own variables: OTEL_EXPORTER_OTLP_[LOGS_]ENDPOINT, _HEADERS, _COMPRESSION.
        None when no endpoint is configured."""
        env = os.environ if environ is None else environ
        url = env.get("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT") or ""
        if not url:
            base = endpoint or env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or ""
            if not base:
                return None
            url = base.rstrip("/") + "/v1/logs"
        protocol = env.get("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL") or env.get("OTEL_EXPORTER_OTLP_PROTOCOL") or ""
        if protocol.startswith("grpc"):
            log.warning(
                "the audit outbox speaks OTLP/HTTP protobuf; it posts to %s although the OTLP protocol "
                "is %s (point OTEL_EXPORTER_OTLP_LOGS_ENDPOINT at the collector's HTTP port)",
                url,
                protocol,
            )
        headers = _headers(env.get("OTEL_EXPORTER_OTLP_LOGS_HEADERS") or env.get("OTEL_EXPORTER_OTLP_HEADERS") or "")
        compression = env.get("OTEL_EXPORTER_OTLP_LOGS_COMPRESSION") or env.get("OTEL_EXPORTER_OTLP_COMPRESSION")
        return cls(url, headers, "gzip" if compression == "gzip" else None, **overrides)


def _headers(raw: str) -> dict[str, str]:
    out = {}
    for part in raw.split(","):
        if "=" in part:
            k, v = part.split("=", 1)
            out[unquote(k.strip())] = unquote(v.strip())
    return out


class SendError(Exception):
    def __init__(self, message: str, retry_after: float | None = None, permanent: bool = False) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


def _resource() -> dict[str, Any]:
    # The SDK's resource detection (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES), as its exporters see it.
    try:
        from opentelemetry.sdk.resources import Resource

        return dict(Resource.create().attributes)
    except Exception:  # SDK missing or a detector failing: records still go out, with less context
        return {"service.name": "unknown_service"}


class Outbox:
    """Delivers the ledger's outbox to one OTLP endpoint from a background thread."""

    def __init__(self, ledger: Ledger, config: OutboxConfig, *, resource: Mapping[str, Any] | None = None) -> None:
        self.ledger = ledger
        self.config = config
        self.resource = dict(resource) if resource is not None else _resource()
        self.host = socket.gethostname()
        self.owner = f"{self.host}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.failures = 0  # consecutive failed POSTs: the backoff exponent
        self.delivered = 0
        self.last_error: str | None = None
        self._retry_after: float | None = None  # the collector's Retry-After, seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # one batch in flight per outbox
        # Told about each batch that failed to go out (the aiaudit.export.failures metric).
        self.on_failure: Callable[[list[dict[str, Any]]], None] | None = None
        # A forked worker (gunicorn, multiprocessing) inherits no thread: give it its own outbox thread.
        ref = weakref.ref(self)
        os.register_at_fork(after_in_child=lambda: (box := ref()) is not None and box._after_fork())

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> Outbox:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="aiaudit-outbox", daemon=True)
            self._thread.start()
        return self

    def _after_fork(self) -> None:
        running = self._thread is not None
        self.owner = f"{self.host}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._lock = threading.Lock()
        self._wake, self._stop = threading.Event(), threading.Event()
        self._thread = None
        if running:
            self.start()

    def wake(self) -> None:
        self._wake.set()

    def close(self, timeout: float | None = None) -> bool:
        """Stop the thread, keep delivering for up to `timeout` s; True when nothing is left pending."""
        timeout = self.config.flush_timeout_s if timeout is None else timeout
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        done = self.flush(timeout)
        self._release_mine()
        return done

    def flush(self, timeout: float) -> bool:
        """Deliver from the calling thread until the outbox is empty, a POST fails, or time is up."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                n = self.deliver_once()
            except LedgerError as exc:
                log.warning("audit outbox: %s", exc)
                return False
            if n is None:
                return False
            if n == 0:
                return pending_count(self.ledger) == 0
        return False

    # -- delivery -------------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                n = self.deliver_once()
            except Exception as exc:  # the ledger locked or unreadable: try again later, never die
                log.warning("audit outbox: %s", exc)
                n = None
            if n is None:
                self._stop.wait(self._backoff())
            elif n == 0:
                self._wake.wait(self.config.idle_s)
                self._wake.clear()

    def _backoff(self) -> float:
        cfg = self.config
        delay = min(cfg.max_backoff_s, cfg.initial_backoff_s * 2 ** max(0, self.failures - 1))
        delay *= random.uniform(0.5, 1.0)  # processes sharing a collector do not retry in step
        if self._retry_after is not None:
            delay = max(delay, min(self._retry_after, cfg.max_backoff_s))
        return delay

    def deliver_once(self) -> int | None:
        """Send one batch. The number delivered (0: nothing due), or None when the POST failed."""
        with self._lock:
            batch = claim(self.ledger, self.owner, self.host, self.config.batch_size, self.config.lease_s)
            if not batch:
                return 0
            seqs = [r["seq"] for r in batch]
            from .otlp import export_request  # opentelemetry-proto: needed only when delivering

            try:
                self._post(export_request(batch, self.resource, time.time_ns()))
            except SendError as exc:
                self.failures += 1
                self._retry_after = exc.retry_after
                if str(exc) != self.last_error:
                    level = logging.ERROR if exc.permanent else logging.WARNING
                    log.log(
                        level,
                        "audit outbox: %d records not delivered yet (%s); retrying with backoff",
                        pending_count(self.ledger),
                        exc,
                    )
                self.last_error = str(exc)
                release(self.ledger, self.owner, seqs, str(exc))
                if self.on_failure is not None:
                    try:
                        self.on_failure(batch)
                    except Exception:  # a metrics problem must not stop delivery
                        log.debug("export-failure callback failed", exc_info=True)
                return None
            mark_delivered(self.ledger, self.owner, seqs)
            if self.failures:
                log.info("audit outbox: delivering again after %d failed attempts", self.failures)
            self.failures, self._retry_after, self.last_error = 0, None, None
            self.delivered += len(seqs)
            return len(seqs)

    def _post(self, payload: bytes) -> None:
        headers = {"Content-Type": "application/x-protobuf", **self.config.headers}
        if self.config.compression == "gzip":
            payload = gzip.compress(payload)
            headers["Content-Encoding"] = "gzip"
        req = urllib.request.Request(self.config.endpoint, data=payload, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.config.timeout_s) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            retry_after = _retry_after_s(exc.headers.get("Retry-After") if exc.headers else None)
            raise SendError(
                f"HTTP {exc.code} from {self.config.endpoint}",
                retry_after,
                permanent=exc.code not in _RETRYABLE,
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SendError(f"{self.config.endpoint}: {reason}") from None

    def _release_mine(self) -> None:
        try:
            with self.ledger.txn() as c:
                c.execute("UPDATE outbox SET owner = NULL, lease_until = 0 WHERE owner = ?", (self.owner,))
        except LedgerError as exc:
            log.warning("audit outbox: %s", exc)


def _retry_after_s(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None  # an HTTP date: the exponential backoff applies


def _alive(owner: str, host: str) -> bool:
    """Whether the process holding a lease still runs (only knowable on this host)."""
    parts = owner.split(":")
    if len(parts) != 3 or parts[0] != host:
        return True
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError, OSError):
        return True
    return True


def claim(ledger: Ledger, owner: str, host: str, limit: int, lease_s: float) -> list[dict[str, Any]]:
    """Lease up to `limit` undelivered records, oldest first, and read them."""
    now = time.time()
    with ledger.txn() as c:
        holders = [
            r[0]
            for r in c.execute(
                "SELECT DISTINCT owner FROM outbox WHERE owner IS NOT NULL AND owner != ? AND lease_until > ?",
                (owner, now),
            )
        ]
        dead = [h for h in holders if not _alive(h, host)]
        cond = "lease_until <= ?"
        args: list[Any] = [now]
        if dead:
            cond += " OR owner IN (" + ",".join("?" * len(dead)) + ")"
            args += dead
        seqs = [r[0] for r in c.execute(f"SELECT seq FROM outbox WHERE {cond} ORDER BY seq LIMIT ?", (*args, limit))]
        if not seqs:
            return []
        marks = ",".join("?" * len(seqs))
        c.execute(
            f"UPDATE outbox SET owner = ?, lease_until = ?, attempts = attempts + 1, last_attempt_at = ?"
            f" WHERE seq IN ({marks})",
            (owner, now + lease_s, now, *seqs),
        )
        rows = c.execute(f"SELECT {RECORD_COLUMNS} FROM records WHERE seq IN ({marks}) ORDER BY seq", seqs)
        out = [record_dict(*r) for r in rows]
        found = {r["seq"] for r in out}
        gone = [s for s in seqs if s not in found]
        if gone:  # a record deleted by hand: nothing left to send; say so instead of retrying forever
            log.error("audit outbox: records seq %s are no longer in the ledger and cannot be delivered", gone)
            c.execute(f"DELETE FROM outbox WHERE seq IN ({','.join('?' * len(gone))})", gone)
        return out


def mark_delivered(ledger: Ledger, owner: str, seqs: list[int]) -> None:
    now = time.time()
    marks = ",".join("?" * len(seqs))
    with ledger.txn() as c:
        c.execute(f"DELETE FROM outbox WHERE owner = ? AND seq IN ({marks})", (owner, *seqs))
        c.execute(f"UPDATE records SET delivered_at = ? WHERE seq IN ({marks})", (now, *seqs))


def release(ledger: Ledger, owner: str, seqs: list[int], error: str) -> None:
    marks = ",".join("?" * len(seqs))
    with ledger.txn() as c:
        c.execute(
            f"UPDATE outbox SET owner = NULL, lease_until = 0, last_error = ? WHERE owner = ? AND seq IN ({marks})",
            (error, owner, *seqs),
        )


def pending_count(ledger: Ledger) -> int:
    return int(ledger.conn().execute("SELECT COUNT(*) FROM outbox").fetchone()[0])


def outbox_status(ledger: Ledger) -> dict[str, Any]:
    c = ledger.conn()
    pending, leased, attempts, oldest = c.execute(
        "SELECT COUNT(*), SUM(lease_until > ?), MAX(attempts), MIN(r.ts) FROM outbox o"
        " LEFT JOIN records r ON r.seq = o.seq",
        (time.time(),),
    ).fetchone()
    err = c.execute(
        "SELECT last_error, last_attempt_at FROM outbox WHERE last_error IS NOT NULL"
        " ORDER BY last_attempt_at DESC LIMIT 1"
    ).fetchone()
    delivered = c.execute("SELECT COUNT(*), MAX(delivered_at) FROM records WHERE delivered_at IS NOT NULL").fetchone()
    return {
        "pending": int(pending or 0),
        "leased": int(leased or 0),
        "max_attempts": int(attempts or 0),
        "oldest_pending_ts": oldest,
        "last_error": err[0] if err else None,
        "last_error_at": err[1] if err else None,
        "delivered": int(delivered[0]),
        "last_delivered_at": delivered[1],
    }
