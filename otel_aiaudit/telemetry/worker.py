"""One background thread that records metrics and emits OTel log records after a call has returned.

Why: the SDK's per-measurement and per-record work (attribute validation, hashing, queueing) is most of
what instrumentation adds to a call; done here it overlaps the next call's network wait. Nothing is
dropped: when the queue is full the work runs on the caller's thread instead (back-pressure), the
queue is drained at interpreter exit, and `flush()` waits for it. Spans end and the local ledger is
written on the caller's thread, before the call returns; only OTel export work is deferred.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("otel_aiaudit")


class TelemetryWorker:
    def __init__(self, maxsize: int = 10_000) -> None:
        self._maxsize = maxsize
        self._lock = threading.Lock()
        self._queue: queue.Queue[Any] = queue.Queue(maxsize)
        self._thread: threading.Thread | None = None
        self._pid = os.getpid()
        atexit.register(self.flush)
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._after_fork)

    def _after_fork(self) -> None:
        # The thread does not survive fork; work queued by the parent is the parent's to finish.
        self._queue = queue.Queue(self._maxsize)
        self._thread = None
        self._pid = os.getpid()
        self._lock = threading.Lock()

    def _ensure_thread(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="aiaudit-telemetry", daemon=True)
                self._thread.start()

    def submit(self, func: Callable[..., Any], *args: Any) -> None:
        self._ensure_thread()
        try:
            self._queue.put_nowait((func, args))
        except queue.Full:
            self._call(func, args)  # back-pressure: never drop audit output

    def _run(self) -> None:
        while True:
            func, args = self._queue.get()
            try:
                self._call(func, args)
            finally:
                self._queue.task_done()

    @staticmethod
    def _call(func: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            func(*args)
        except Exception:
            log.exception("otel-aiaudit telemetry task failed")

    def flush(self) -> None:
        """Block until everything submitted so far has been recorded."""
        if self._thread is None or not self._thread.is_alive():
            # No worker (never started, or gone at exit): run what is left here.
            while True:
                try:
                    func, args = self._queue.get_nowait()
                except queue.Empty:
                    return
                self._call(func, args)
                self._queue.task_done()
        self._queue.join()


WORKER = TelemetryWorker()
