"""Admission throughput and added latency of budgets + rate limit, SQLite vs Redis, 1 and 8 processes.

Each admission reserves in two budget scopes (user daily, team monthly) and books a rate-limit slot;
each is then settled, as the auditor does around a provider call. Figures per store and process count:
admissions per second (admit only and admit+settle cycles) and the latency each call adds, p50/p99,
against a bare baseline (a Governor with no limits, which never touches a store).
Redis round trips per admission are counted from the server's own command statistics.

Run: python benchmarks/limits.py [--seconds 3] [--procs 1 8]
Needs redis-server on PATH (a private one is started on a free loopback port).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import redis

from otel_aiaudit.generation import Actor, Decision, Generation
from otel_aiaudit.limits import Governor
from otel_aiaudit.policy.config import PolicyConfig
from otel_aiaudit.store import open_store

LIMITS = {
    "cost_limits": {"per_user_daily": 1e9, "per_team_monthly": 1e9},
    "rate_limit": {"images_per_hour": 10**9, "action": "block"},
}


def worker(url: str, policy: dict, seconds: float, barrier, out, proc: int) -> None:  # noqa: ANN001
    gov = Governor(PolicyConfig.model_validate(policy), open_store(url))
    user = f"user{proc}"  # one user per process: team counters are shared by all of them
    admit_lat: list[float] = []
    cycle_lat: list[float] = []
    barrier.wait()
    end = time.perf_counter() + seconds
    while True:
        g = Generation(
            provider="openai",
            actor=Actor(user=user, team="bench"),
            estimated_cost_usd=0.04,
            decision=Decision(mode="enforce"),
        )
        t0 = time.perf_counter()
        if t0 > end:
            break
        adm = gov.admit(g)
        t1 = time.perf_counter()
        adm.settle(0.04)
        t2 = time.perf_counter()
        admit_lat.append(t1 - t0)
        cycle_lat.append(t2 - t0)
    out.put((admit_lat, cycle_lat))


def run(url: str, policy: dict, procs: int, seconds: float) -> dict:
    ctx = mp.get_context("fork")
    barrier, out = ctx.Barrier(procs), ctx.Queue()
    ps = [ctx.Process(target=worker, args=(url, policy, seconds, barrier, out, i)) for i in range(procs)]
    for p in ps:
        p.start()
    admit: list[float] = []
    cycle: list[float] = []
    for _ in ps:
        a, c = out.get(timeout=seconds + 120)
        admit += a
        cycle += c
    for p in ps:
        p.join()
    admit.sort()
    cycle.sort()

    def pct(xs: list[float], q: float) -> float:
        return xs[min(len(xs) - 1, int(q * len(xs)))] * 1e6

    return {
        "n": len(admit),
        "admits_per_s": len(admit) / sum(admit) * procs if admit else 0.0,  # admit-only capacity
        "cycles_per_s": len(cycle) / seconds,
        "p50_us": pct(admit, 0.50),
        "p99_us": pct(admit, 0.99),
        "cycle_p50_us": pct(cycle, 0.50),
        "cycle_p99_us": pct(cycle, 0.99),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(workdir: Path, fsync: str) -> tuple[subprocess.Popen, int]:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server not found on PATH (apt-get install -y redis-server)")
    port = free_port()
    proc = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(workdir),
            "--save",
            "",
            "--appendonly",
            "yes",
            "--appendfsync",
            fsync,
        ],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(200):
        try:
            client.ping()
            return proc, port
        except redis.RedisError:
            time.sleep(0.05)
    raise SystemExit("redis-server did not start")


def redis_calls(port: int) -> int:
    stats = redis.Redis(port=port).info("commandstats")
    # Commands sent by clients: the scripts (commands a script runs inside the server are not round trips).
    return sum(v["calls"] for k, v in stats.items() if k in ("cmdstat_evalsha", "cmdstat_eval"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--procs", type=int, nargs="+", default=[1, 8])
    ap.add_argument(
        "--fsync", nargs="+", default=["always", "everysec"], help="Redis appendfsync settings to run"
    )
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="aiaudit-bench-"))
    servers = {f: start_redis(tmp / f, f) for f in args.fsync if (tmp / f).mkdir() is None}
    rows = []
    try:
        for procs in args.procs:
            base = run("memory://", {}, procs, args.seconds)
            rows.append(("baseline (no limits)", procs, base, None))
            sq = run(f"sqlite:///{tmp}/bench-{uuid.uuid4().hex[:6]}.db", LIMITS, procs, args.seconds)
            rows.append(("sqlite (WAL)", procs, sq, None))
            for fsync, (_, port) in servers.items():
                redis.Redis(port=port).config_resetstat()
                rd = run(
                    f"redis://127.0.0.1:{port}/0?prefix=%7Bb{uuid.uuid4().hex[:6]}%7D:",
                    LIMITS,
                    procs,
                    args.seconds,
                )
                # Scripts sent / (admit + settle): one round trip each.
                rtt = redis_calls(port) / (2 * rd["n"]) if rd["n"] else None
                rows.append((f"redis (AOF {fsync})", procs, rd, rtt))
    finally:
        for rproc, _ in servers.values():
            rproc.terminate()
            rproc.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"budgets (2 scopes) + rate limit per admission, {args.seconds:.0f} s per run, one settle each\n")
    head = (
        f"{'store':<22}{'procs':>6}{'admits/s':>11}{'cycles/s':>11}{'admit p50':>11}{'admit p99':>11}"
        f"{'cycle p50':>11}{'cycle p99':>11}{'RTT/admit':>10}"
    )
    print(head)
    print("-" * len(head))
    for name, procs, r, rtt in rows:
        print(
            f"{name:<22}{procs:>6}{r['admits_per_s']:>11.0f}{r['cycles_per_s']:>11.0f}"
            f"{r['p50_us']:>9.0f}us{r['p99_us']:>9.0f}us{r['cycle_p50_us']:>9.0f}us{r['cycle_p99_us']:>9.0f}us"
            f"{'' if rtt is None else f'{rtt:.2f}':>10}"
        )
    print("\nadmits/s: admissions per second the processes could make back to back (admit time only);")
    print("cycles/s: admit + settle cycles actually completed per second; p50/p99: latency added per call.")


if __name__ == "__main__":
    main()
