"""In-process store (`memory://`): thread-safe, for tests and single-process scripts.

Limits hold across the threads of one process only; use sqlite:// or redis:// for more.
"""

from __future__ import annotations

import bisect
import copy
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from . import _engine as engine
from ._engine import Reservation, ScopeRow
from .base import AdmitRequest, AdmitResult, ScopeRequest, ScopeUsage, Ticket


class _MemoryTxn:
    def __init__(self, store: MemoryStore, now: int) -> None:
        self.s = store
        self.now = now

    def get_scope(self, key: str) -> ScopeRow | None:
        row = self.s.scopes.get(key)
        return copy.copy(row) if row else None

    def put_scope(self, row: ScopeRow) -> None:
        self.s.scopes[row.key] = copy.copy(row)

    def list_scopes(self) -> list[ScopeRow]:
        return [copy.copy(r) for r in self.s.scopes.values()]

    def expired_holds(self, key: str, now: int) -> list[tuple[str, int]]:
        holds = self.s.holds.get(key, {})
        return [(rid, amount) for rid, (amount, deadline) in holds.items() if deadline <= now]

    def put_hold(self, key: str, rid: str, amount: int, deadline: int) -> None:
        self.s.holds.setdefault(key, {})[rid] = (amount, deadline)

    def pop_hold(self, key: str, rid: str) -> int | None:
        hold = self.s.holds.get(key, {}).pop(rid, None)
        return hold[0] if hold else None

    def get_reservation(self, rid: str) -> Reservation | None:
        res = self.s.reservations.get(rid)
        return copy.deepcopy(res) if res else None

    def put_reservation(self, res: Reservation) -> None:
        self.s.reservations[res.rid] = copy.deepcopy(res)

    def rate_purge(self, key: str, before: int) -> None:
        slots = self.s.rate.get(key)
        if slots:
            for member in [m for m, at in slots.items() if at <= before]:
                del slots[member]

    def rate_scores(self, key: str) -> list[int]:
        return sorted(self.s.rate.get(key, {}).values())

    def rate_get(self, key: str, member: str) -> int | None:
        return self.s.rate.get(key, {}).get(member)

    def rate_add(self, key: str, members: list[str], at: int) -> None:
        slots = self.s.rate.setdefault(key, {})
        for m in members:
            slots[m] = at

    def rate_remove(self, key: str, members: list[str]) -> None:
        slots = self.s.rate.get(key, {})
        for m in members:
            slots.pop(m, None)

    def get_ticket(self, ticket_id: str) -> Ticket | None:
        t = self.s.tickets.get(ticket_id)
        return copy.deepcopy(t) if t else None

    def find_ticket(self, dedupe: str) -> Ticket | None:
        ticket_id = self.s.ticket_index.get(dedupe)
        return self.get_ticket(ticket_id) if ticket_id else None

    def put_ticket(self, ticket: Ticket) -> None:
        self.s.tickets[ticket.id] = copy.deepcopy(ticket)
        self.s.ticket_index[ticket.dedupe_key] = ticket.id

    def list_tickets(self) -> list[Ticket]:
        return [copy.deepcopy(t) for t in self.s.tickets.values()]


class MemoryStore:
    def __init__(self, url: str = "memory://", *, clock: Callable[[], float] | None = None) -> None:
        self.url = url
        self._clock = clock or time.time
        self._lock = threading.Lock()
        self.scopes: dict[str, ScopeRow] = {}
        self.holds: dict[str, dict[str, tuple[int, int]]] = {}
        self.reservations: dict[str, Reservation] = {}
        self.rate: dict[str, dict[str, int]] = {}
        self.tickets: dict[str, Ticket] = {}
        self.ticket_index: dict[str, str] = {}
        self._done: list[tuple[int, str]] = []  # (created, rid) for pruning old records

    def now_us(self) -> int:
        return int(self._clock() * 1_000_000)

    @contextmanager
    def _txn(self) -> Iterator[_MemoryTxn]:
        with self._lock:
            yield _MemoryTxn(self, self.now_us())

    def admit(self, req: AdmitRequest) -> AdmitResult:
        with self._txn() as txn:
            result = engine.admit(txn, req)
            if result.status == "admitted" and not result.replay:
                bisect.insort(self._done, (txn.now, req.rid))
                self._prune(txn.now)
            return result

    def _prune(self, now: int) -> None:
        # Keep memory bounded in long-running processes: forget old finished reservations.
        while self._done and self._done[0][0] < now - engine.RECORD_KEEP_US:
            _, rid = self._done.pop(0)
            res = self.reservations.get(rid)
            if res is not None and res.state != "reserved":
                del self.reservations[rid]

    def settle(self, rid: str, actual: int, scopes: tuple[ScopeRequest, ...] = ()) -> bool:
        with self._txn() as txn:
            return engine.settle(txn, rid, actual, scopes)

    def release(self, rid: str) -> bool:
        with self._txn() as txn:
            return engine.release(txn, rid)

    def open_ticket(self, ticket: Ticket, ttl_us: int) -> Ticket:
        with self._txn() as txn:
            return engine.open_ticket(txn, ticket, ttl_us)

    def get_ticket(self, ticket_id: str) -> Ticket | None:
        with self._txn() as txn:
            return txn.get_ticket(ticket_id)

    def list_tickets(self) -> list[Ticket]:
        with self._txn() as txn:
            return txn.list_tickets()

    def decide_ticket(
        self, ticket_id: str, *, user: str, approve: bool, role: str | None, reason: str | None
    ) -> Ticket:
        with self._txn() as txn:
            return engine.decide_ticket(txn, ticket_id, user=user, approve=approve, role=role, reason=reason)

    def budget_usage(self) -> list[ScopeUsage]:
        with self._txn() as txn:
            return engine.budget_usage(txn)

    def close(self) -> None:
        pass
