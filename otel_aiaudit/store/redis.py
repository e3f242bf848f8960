"""Redis store (`redis://host:port/db`): limits shared by every host of an application.

Each decision is one Lua script (registered once, run by EVALSHA), so one admission is one round
trip and atomic on the server. Time is the server's `TIME`: one clock for all replicas. Every key
starts with a hash tag (`{aiaudit}:` by default) so all keys share one Cluster slot. Client retries
after a dropped connection are safe: admit replays by generation id, settle and release are no-ops
the second time.

Durability is the server's: run Redis with `appendonly yes` and `appendfsync always` (or accept
losing up to a second of settled spend with `everysec`).
"""

from __future__ import annotations

import json
from typing import Any

import redis as redis_lib
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from . import _engine as engine
from .base import (
    AdmitRequest,
    AdmitResult,
    ScopeRequest,
    ScopeState,
    ScopeUsage,
    StoreError,
    Ticket,
)

# Shared helpers, prepended to every script.
_LIB = r"""
local function fmt(n) return string.format('%.0f', n) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
-- A scope's holds live in a sorted set: member "<amount>|<rid>", score = deadline.
local function sweep(bkey, hkey)
  local v = redis.call('HMGET', bkey, 'spent', 'reserved', 'limit')
  if not v[1] then return nil end
  local expired = redis.call('ZRANGEBYSCORE', hkey, '-inf', fmt(now))
  if #expired > 0 then
    local back = 0
    for _, m in ipairs(expired) do back = back + tonumber(string.match(m, '^(%d+)|')) end
    redis.call('ZREMRANGEBYSCORE', hkey, '-inf', fmt(now))
    return {tonumber(v[1]), redis.call('HINCRBY', bkey, 'reserved', fmt(-back)), v[3]}
  end
  return {tonumber(v[1]), tonumber(v[2]), v[3]}
end
-- A record lists its scope keys one per field ('nscopes', 'scope1', 'scope2', ...), so a key may
-- hold any byte; records written by earlier versions list them in 'scopes', one per line.
local function record_scopes(rkey)
  local out = {}
  local n = redis.call('HGET', rkey, 'nscopes')
  if n then
    for i = 1, tonumber(n) do out[i] = redis.call('HGET', rkey, 'scope' .. i) end
  else
    for key in string.gmatch(redis.call('HGET', rkey, 'scopes') or '', '[^\n]+') do out[#out + 1] = key end
  end
  return out
end
local function scope_fields(fields, keys)
  fields[#fields + 1] = 'nscopes'
  fields[#fields + 1] = tostring(#keys)
  for i = 1, #keys do
    fields[#fields + 1] = 'scope' .. i
    fields[#fields + 1] = keys[i]
  end
  return fields
end
-- Create a scope counter on first use; it expires some weeks after its period ends.
local function ensure_scope(bkey, hkey, idx, key, scope, subject, period, period_end, keep_ms, limit)
  if redis.call('HSETNX', bkey, 'key', key) == 1 then
    redis.call('HSET', bkey, 'scope', scope, 'subject', subject, 'period', period,
      'period_end_us', period_end, 'spent', '0', 'reserved', '0', 'limit', limit)
    redis.call('SADD', idx, key)
    redis.call('PEXPIREAT', bkey, fmt(math.floor(tonumber(period_end) / 1000) + keep_ms))
  end
end
"""

# KEYS: 1 record, 2 budget index, 3 rate zset, 4 ticket, then per scope: counter hash, holds zset.
# ARGV: 1 rid, 2 amount, 3 hold ttl, 4 force budget, 5 force rate, 6 record keep, 7 has rate,
#   8 count, 9 limit, 10 window, 11 max wait, 12 has approval, 13 user, 14 purpose, 15 prompt hash,
#   16 number of scopes, 17 scope keep (ms), then per scope: key, scope, subject, period, end, limit.
_ADMIT = (
    _LIB
    + r"""
local rid, amount, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local nscopes = tonumber(ARGV[16])
local existed, limits = {}, {}
local function scope_rows()
  local rows = {}
  for i = 1, nscopes do
    local sr = sweep(KEYS[3 + 2 * i], KEYS[4 + 2 * i])
    existed[i] = sr ~= nil
    if sr then limits[i] = sr[3] else sr = {0, 0} end
    rows[i] = {sr[1], sr[2], sr[1] + sr[2], tonumber(ARGV[17 + 6 * i])}
  end
  return rows
end
local function reply(status, replay, denied, wait, retry, problem, overridden, rows)
  local out = {status, fmt(now), replay, denied, fmt(wait), fmt(retry), problem, overridden}
  for i = 1, #rows do
    for j = 1, 4 do out[#out + 1] = fmt(rows[i][j]) end
  end
  return out
end

local state = redis.call('HGET', KEYS[1], 'state')
if state and state ~= 'released' then
  local wait = 0
  if ARGV[7] == '1' then
    local at = redis.call('ZSCORE', KEYS[3], rid .. '#0')
    if at then wait = math.max(0, tonumber(at) - now) end
  end
  return reply('admitted', 1, -1, wait, 0, '', '', scope_rows())
end

local ticket_ok = false
if ARGV[12] == '1' then
  local f = redis.call('HMGET', KEYS[4], 'user', 'purpose', 'prompt_hash', 'state', 'expires_us')
  if not f[1] then return reply('approval', 0, -1, 0, 0, 'missing', '', {}) end
  if f[1] ~= ARGV[13] or (f[2] or '') ~= ARGV[14] or (f[3] or '') ~= ARGV[15] then
    return reply('approval', 0, -1, 0, 0, 'mismatch', '', {})
  end
  local st = f[4]
  if (st == 'pending' or st == 'approved') and now >= tonumber(f[5]) then st = 'expired' end
  if st ~= 'approved' then return reply('approval', 0, -1, 0, 0, st, '', {}) end
  ticket_ok = true
end

local rows = scope_rows()
local denied = -1
for i = 1, nscopes do
  local before, limit = rows[i][3], rows[i][4]
  if denied < 0 and (before + amount > limit or (amount == 0 and before >= limit)) then denied = i - 1 end
end
local overridden = ''
if denied >= 0 then
  if ARGV[4] ~= '1' then return reply('budget', 0, denied, 0, 0, '', '', rows) end
  overridden = 'budget'
end

local wait = 0
if ARGV[7] == '1' then
  local rk = KEYS[3]
  local count, limit = tonumber(ARGV[8]), tonumber(ARGV[9])
  local window, maxwait = tonumber(ARGV[10]), tonumber(ARGV[11])
  redis.call('ZREMRANGEBYSCORE', rk, '-inf', fmt(now - window))
  local at = now
  local idx = redis.call('ZCARD', rk) - limit + count
  if idx > 0 and count <= limit then
    local e = redis.call('ZRANGE', rk, idx - 1, idx - 1, 'WITHSCORES')
    at = math.max(now, tonumber(e[2]) + window)
  end
  if count > limit or at - now > maxwait then
    if ARGV[5] ~= '1' then
      local retry = at - now
      if count > limit then retry = window end
      return reply('rate', 0, denied, 0, retry, '', overridden, rows)
    end
    if overridden == '' then overridden = 'rate' else overridden = overridden .. ',rate' end
    at = now
  end
  for j = 0, count - 1 do redis.call('ZADD', rk, fmt(at), rid .. '#' .. j) end
  redis.call('PEXPIRE', rk, fmt(math.ceil((at - now + window) / 1000) + 1000))
  wait = at - now
end

local keys = {}
for i = 1, nscopes do
  local b, h, a = KEYS[3 + 2 * i], KEYS[4 + 2 * i], 17 + 6 * (i - 1)
  if existed[i] then
    if limits[i] ~= ARGV[a + 6] then redis.call('HSET', b, 'limit', ARGV[a + 6]) end
  else
    ensure_scope(b, h, KEYS[2], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5],
      tonumber(ARGV[17]), ARGV[a + 6])
  end
  rows[i][2] = redis.call('HINCRBY', b, 'reserved', ARGV[2])
  -- The holds set gets its expiry when it is created (an emptied set is deleted by Redis).
  if redis.call('ZADD', h, fmt(now + ttl), ARGV[2] .. '|' .. rid) == 1 and redis.call('ZCARD', h) == 1 then
    redis.call('PEXPIREAT', h, fmt(math.floor(tonumber(ARGV[a + 5]) / 1000) + tonumber(ARGV[17])))
  end
  keys[i] = ARGV[a + 1]
end
if ticket_ok then redis.call('HSET', KEYS[4], 'state', 'used', 'used_by', rid) end
if state then redis.call('DEL', KEYS[1]) end  -- a released record being reused
local rate_key = ''
if ARGV[7] == '1' then rate_key = KEYS[3] end
local ticket_key = ''
if ticket_ok then ticket_key = KEYS[4] end
redis.call('HSET', KEYS[1], unpack(scope_fields({'state', 'reserved', 'amount', ARGV[2], 'rate_key', rate_key,
  'rate_count', ARGV[8], 'ticket_key', ticket_key, 'created_us', fmt(now)}, keys)))
redis.call('PEXPIRE', KEYS[1], fmt(math.floor((ttl + tonumber(ARGV[6])) / 1000)))
return reply('admitted', 0, denied, wait, 0, '', overridden, rows)
"""
)

# KEYS: 1 record, 2 budget index, then per fallback scope: counter hash, holds zset.
# ARGV: 1 prefix, 2 rid, 3 actual, 4 record keep, 5 scope keep (ms), 6 number of fallback scopes,
#   then per scope: key, scope, subject, period, end, limit.
_SETTLE = (
    _LIB
    + r"""
local prefix, rid, actual = ARGV[1], ARGV[2], ARGV[3]
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  -- Never reserved (admitted while the store was down): charge the given scopes directly, once.
  local keys = {}
  for i = 1, tonumber(ARGV[6]) do
    local b, h, a = KEYS[1 + 2 * i], KEYS[2 + 2 * i], 6 + 6 * (i - 1)
    ensure_scope(b, h, KEYS[2], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5],
      tonumber(ARGV[5]), ARGV[a + 6])
    sweep(b, h)
    redis.call('HINCRBY', b, 'spent', actual)
    keys[i] = ARGV[a + 1]
  end
  redis.call('HSET', KEYS[1], unpack(scope_fields({'state', 'settled', 'amount', '0', 'actual', actual}, keys)))
  redis.call('PEXPIRE', KEYS[1], fmt(math.floor(tonumber(ARGV[4]) / 1000)))
  return 1
end
if state ~= 'reserved' then return 0 end
local amount = redis.call('HGET', KEYS[1], 'amount')
for _, key in ipairs(record_scopes(KEYS[1])) do
  local b, h = prefix .. 'b:' .. key, prefix .. 'bh:' .. key
  if sweep(b, h) then
    if redis.call('ZREM', h, amount .. '|' .. rid) == 1 then
      redis.call('HINCRBY', b, 'reserved', fmt(-tonumber(amount)))
    end
    redis.call('HINCRBY', b, 'spent', actual)
  end
end
redis.call('HSET', KEYS[1], 'state', 'settled', 'actual', actual)
return 1
"""
)

# KEYS: 1 record. ARGV: 1 prefix, 2 rid.
_RELEASE = (
    _LIB
    + r"""
local prefix, rid = ARGV[1], ARGV[2]
local rec = redis.call('HMGET', KEYS[1], 'state', 'amount', 'rate_key', 'rate_count', 'ticket_key')
if rec[1] ~= 'reserved' then return 0 end
local amount = rec[2]
for _, key in ipairs(record_scopes(KEYS[1])) do
  local b, h = prefix .. 'b:' .. key, prefix .. 'bh:' .. key
  if sweep(b, h) and redis.call('ZREM', h, amount .. '|' .. rid) == 1 then
    redis.call('HINCRBY', b, 'reserved', fmt(-tonumber(amount)))
  end
end
if rec[3] and rec[3] ~= '' then
  for j = 0, tonumber(rec[4]) - 1 do redis.call('ZREM', rec[3], rid .. '#' .. j) end
end
if rec[5] and rec[5] ~= '' and redis.call('HGET', rec[5], 'used_by') == rid then
  redis.call('HSET', rec[5], 'state', 'approved')
  redis.call('HDEL', rec[5], 'used_by')
end
redis.call('HSET', KEYS[1], 'state', 'released')
return 1
"""
)

# KEYS: 1 counter hash, 2 holds zset. Returns the swept counter as a flat field list.
_USAGE = (
    _LIB
    + r"""
if not sweep(KEYS[1], KEYS[2]) then return {} end
return redis.call('HGETALL', KEYS[1])
"""
)

# KEYS: 1 dedupe key, 2 new ticket hash, 3 ticket index. ARGV: 1 prefix, 2 ttl, 3 id, then field pairs.
_OPEN_TICKET = (
    _LIB
    + r"""
local existing = redis.call('GET', KEYS[1])
if existing then
  local f = redis.call('HMGET', ARGV[1] .. 't:' .. existing, 'state', 'expires_us')
  if (f[1] == 'pending' or f[1] == 'approved') and now < tonumber(f[2]) then return existing end
end
local fields = {'created_us', fmt(now), 'expires_us', fmt(now + tonumber(ARGV[2])), 'state', 'pending'}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[2], unpack(fields))
redis.call('SET', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[3], fmt(now), ARGV[3])
return ARGV[3]
"""
)

_INT_FIELDS = {"estimated_micros", "created_us", "expires_us"}
_JSON_FIELDS = {"roles", "approvals"}
_TICKET_FIELDS = [f for f in Ticket.__dataclass_fields__]


def _ticket_to_fields(ticket: Ticket, skip: set[str] = frozenset()) -> list[str]:
    out: list[str] = []
    for name in _TICKET_FIELDS:
        value = getattr(ticket, name)
        if name in skip or value is None:
            continue
        out += [name, json.dumps(value) if name in _JSON_FIELDS else str(value)]
    return out


def _ticket_from_hash(data: dict[str, str]) -> Ticket | None:
    if not data or "user" not in data:
        return None
    values: dict[str, Any] = {}
    for name in _TICKET_FIELDS:
        raw = data.get(name)
        if raw is None:
            continue
        values[name] = int(raw) if name in _INT_FIELDS else json.loads(raw) if name in _JSON_FIELDS else raw
    values.setdefault("team", None)
    values.setdefault("model", None)
    values.setdefault("provider", None)
    values.setdefault("prompt_hash", None)
    values.setdefault("estimated_micros", None)
    return Ticket(**values)


class _TicketTxn:
    """Just enough of the engine's Txn for decide_ticket, over WATCH/MULTI."""

    def __init__(self, store: RedisStore, pipe: Any, now: int) -> None:
        self.store, self.pipe, self.now = store, pipe, now

    def get_ticket(self, ticket_id: str) -> Ticket | None:
        return _ticket_from_hash(self.pipe.hgetall(self.store._k("t:", ticket_id)))

    def put_ticket(self, ticket: Ticket) -> None:
        key = self.store._k("t:", ticket.id)
        self.pipe.multi()
        self.pipe.hdel(key, "used_by", "reason", "decided_by")
        self.pipe.hset(key, mapping=dict(zip(*[iter(_ticket_to_fields(ticket))] * 2, strict=False)))


class RedisStore:
    # Scope counters are kept this long after their period ends (for `aiaudit budgets`).
    SCOPE_KEEP_MS = 40 * 86_400 * 1000

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "{aiaudit}:",
        socket_timeout: float = 2.0,
        connect_timeout: float = 1.0,
    ) -> None:
        self.url = url
        self.prefix = prefix
        # from_url connects lazily: nothing touches the network until the first command.
        self.client = redis_lib.Redis.from_url(
            url,
            decode_responses=True,
            socket_timeout=socket_timeout,
            socket_connect_timeout=connect_timeout,
            retry=Retry(ExponentialBackoff(cap=0.25, base=0.02), 2),
        )
        self._admit = self.client.register_script(_ADMIT)
        self._settle = self.client.register_script(_SETTLE)
        self._release = self.client.register_script(_RELEASE)
        self._usage = self.client.register_script(_USAGE)
        self._open_ticket = self.client.register_script(_OPEN_TICKET)

    def _k(self, kind: str, name: str) -> str:
        return f"{self.prefix}{kind}{name}"

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except redis_lib.RedisError as exc:
            raise StoreError(
                f"Redis store {self.client.connection_pool.connection_kwargs.get('host')}: {exc}"
            ) from exc

    def now_us(self) -> int:
        sec, usec = self._call(self.client.time)
        return int(sec) * 1_000_000 + int(usec)

    @staticmethod
    def _scope_args(scopes: tuple[ScopeRequest, ...]) -> list[Any]:
        out: list[Any] = []
        for s in scopes:
            out += [s.key, s.scope, s.subject, s.period, s.period_end_us, s.limit]
        return out

    def _scope_keys(self, scopes: tuple[ScopeRequest, ...]) -> list[str]:
        keys: list[str] = []
        for s in scopes:
            keys += [self._k("b:", s.key), self._k("bh:", s.key)]
        return keys

    def admit(self, req: AdmitRequest) -> AdmitResult:
        rate, appr = req.rate, req.approval
        keys = [
            self._k("r:", req.rid),
            self._k("bidx", ""),
            self._k("rl:", rate.key) if rate else self._k("rl:", "-"),
            self._k("t:", appr.ticket_id) if appr else self._k("t:", "-"),
            *self._scope_keys(req.scopes),
        ]
        args = [
            req.rid,
            req.amount,
            req.hold_ttl_us,
            int(req.force_budget),
            int(req.force_rate),
            engine.RECORD_KEEP_US,
            int(rate is not None),
            rate.count if rate else 0,
            rate.limit if rate else 0,
            rate.window_us if rate else 0,
            rate.max_wait_us if rate else 0,
            int(appr is not None),
            appr.user if appr else "",
            appr.purpose if appr else "",
            (appr.prompt_hash or "") if appr else "",
            len(req.scopes),
            self.SCOPE_KEEP_MS,
            *self._scope_args(req.scopes),
        ]
        out = self._call(self._admit, keys=keys, args=args)
        status, now, replay, denied, wait, retry, problem, overridden = out[:8]
        result = AdmitResult(
            status=status,
            now_us=int(now),
            replay=int(replay) == 1,
            denied_scope=None if int(denied) < 0 else int(denied),
            overridden=[o for o in overridden.split(",") if o],
            wait_us=int(wait),
            retry_after_us=int(retry),
            approval_problem=problem or None,
        )
        flat = [int(v) for v in out[8:]]
        for i, s in enumerate(req.scopes[: len(flat) // 4]):
            spent, reserved, before, limit = flat[4 * i : 4 * i + 4]
            result.scopes.append(ScopeState(s.key, s.scope, s.subject, limit, spent, reserved, before))
        return result

    def settle(self, rid: str, actual: int, scopes: tuple[ScopeRequest, ...] = ()) -> bool:
        keys = [self._k("r:", rid), self._k("bidx", ""), *self._scope_keys(scopes)]
        args = [self.prefix, rid, actual, engine.RECORD_KEEP_US, self.SCOPE_KEEP_MS, len(scopes)]
        return self._call(self._settle, keys=keys, args=args + self._scope_args(scopes)) == 1

    def release(self, rid: str) -> bool:
        return self._call(self._release, keys=[self._k("r:", rid)], args=[self.prefix, rid]) == 1

    def open_ticket(self, ticket: Ticket, ttl_us: int) -> Ticket:
        fields = _ticket_to_fields(ticket, skip={"created_us", "expires_us", "state"})
        keys = [self._k("td:", ticket.dedupe_key), self._k("t:", ticket.id), self._k("tidx", "")]
        ticket_id = self._call(self._open_ticket, keys=keys, args=[self.prefix, ttl_us, ticket.id, *fields])
        found = self.get_ticket(ticket_id)
        if found is None:
            raise StoreError(f"ticket {ticket_id} vanished right after it was stored")
        return found

    def get_ticket(self, ticket_id: str) -> Ticket | None:
        return _ticket_from_hash(self._call(self.client.hgetall, self._k("t:", ticket_id)))

    def list_tickets(self) -> list[Ticket]:
        ids = self._call(self.client.zrange, self._k("tidx", ""), 0, -1)
        pipe = self.client.pipeline(transaction=False)
        for ticket_id in ids:
            pipe.hgetall(self._k("t:", ticket_id))
        rows = self._call(pipe.execute) if ids else []
        return [t for t in (_ticket_from_hash(r) for r in rows) if t is not None]

    def decide_ticket(
        self, ticket_id: str, *, user: str, approve: bool, role: str | None, reason: str | None
    ) -> Ticket:
        result: list[Ticket] = []

        def step(pipe: Any) -> None:
            sec, usec = pipe.time()
            txn = _TicketTxn(self, pipe, int(sec) * 1_000_000 + int(usec))
            result[:] = [
                engine.decide_ticket(txn, ticket_id, user=user, approve=approve, role=role, reason=reason)
            ]

        # WATCH the ticket: a concurrent decision makes the transaction retry on fresh data.
        self._call(self.client.transaction, step, self._k("t:", ticket_id))
        return result[0]

    def budget_usage(self) -> list[ScopeUsage]:
        out = []
        for key in sorted(self._call(self.client.smembers, self._k("bidx", ""))):
            flat = self._call(self._usage, keys=[self._k("b:", key), self._k("bh:", key)])
            if not flat:
                self._call(self.client.srem, self._k("bidx", ""), key)  # the period's counter expired
                continue
            d = dict(zip(flat[::2], flat[1::2], strict=False))
            out.append(
                ScopeUsage(
                    key,
                    d["scope"],
                    d["subject"],
                    d["period"],
                    int(d["period_end_us"]),
                    int(d.get("limit", 0)),
                    int(d["spent"]),
                    int(d["reserved"]),
                )
            )
        return out

    def close(self) -> None:
        self.client.close()
