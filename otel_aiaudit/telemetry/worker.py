"""One background thread that records metrics and emits OTel log records in batches, after the calls
they describe have returned.

Why batches: waking a thread for every call costs more (GIL hand-off, futex) than the work itself, so
the worker wakes every `interval` seconds, or as soon as `batch_size` items are waiting, and drains
everything at once, as the SDK's batch processors do. Nothing is dropped: past `max_pending` items
the caller runs its work inline (back-pressure), `flush()` waits for every submitted item, the queue is
drained at interpreter exit, and a forked child starts with a fresh, empty worker.
The local ledger is written on the caller's thread; ending spans, metrics and OTel export wait here.
"""

from __future__ import annotations

import atexit
import collections
import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

log = logging.getLogger("otel_aiaudit")


class TelemetryWorker:
    def __init__(self, interval: float = 0.1, batch_size: int = 256, max_pending: int = 20_000) -> None:
        self.interval = interval
        self.batch_size = batch_size
        self.max_pending = max_pending
        # Run after every batch (weakly held, so a finished instrumentation's recorder can go).
        self._batch_hooks: list[weakref.WeakMethod[Callable[[], None]]] = []
        self._reset()
        atexit.register(self.flush)
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        # The worker pops without a lock (deque is thread-safe); the lock only keeps the count exact.
        self._items: collections.deque[tuple[Callable[..., Any], tuple[Any, ...]]] = collections.deque()
        self._wake = threading.Event()
        self._idle = threading.Condition()
        self._submitted = 0
        self._done = 0
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._count_lock = threading.Lock()

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="aiaudit-telemetry", daemon=True)
                self._thread.start()

    def after_each_batch(self, hook: Callable[[], None]) -> None:
        """Call the bound method `hook` after each batch, before flush() returns: work a batch can
        merge (counter increments) is handed on once per batch instead of once per item."""
        self._batch_hooks = [h for h in self._batch_hooks if h() is not None]
        self._batch_hooks.append(weakref.WeakMethod(hook))  # type: ignore[arg-type]

    def submit(self, func: Callable[..., Any], *args: Any) -> None:
        if len(self._items) >= self.max_pending:
            self._call(func, args)  # back-pressure: never drop audit output
            return
        self._ensure_thread()
        with self._count_lock:
            self._submitted += 1
            self._items.append((func, args))
        if len(self._items) >= self.batch_size:
            self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            self._drain()

    def _drain(self) -> None:
        ran = 0
        while True:
            try:
                func, args = self._items.popleft()
            except IndexError:
                break
            self._call(func, args)
            ran += 1
            # Hand the GIL back between items: a request thread whose response has arrived waits for
            # one item, not for the interpreter's 5 ms switch interval.
            time.sleep(0)
        if ran:
            self._run_batch_hooks()
            with self._idle:
                self._done += ran
                self._idle.notify_all()

    def _run_batch_hooks(self) -> None:
        for ref in list(self._batch_hooks):
            hook = ref()
            if hook is not None:
                self._call(hook, ())

    @staticmethod
    def _call(func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            func(*args)
        except Exception:
            log.exception("otel-aiaudit telemetry task failed")

    def flush(self, timeout: float = 30.0) -> None:
        """Block until everything submitted so far has been recorded."""
        if threading.current_thread() is self._thread:
            return  # a task on this thread flushing a provider: waiting for ourselves would hang
        with self._count_lock:
            target = self._submitted
        if self._thread is None or not self._thread.is_alive():
            self._drain()  # no worker (never started, or gone at exit): finish the work here
        else:
            self._wake.set()
            with self._idle:
                self._idle.wait_for(lambda: self._done >= target, timeout)
        # Items run inline under back-pressure are in no batch: what they merged is handed on here.
        self._run_batch_hooks()


WORKER = TelemetryWorker()
