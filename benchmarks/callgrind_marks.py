"""Zero and dump callgrind's counters from Python, so one process can count several segments.

Two ways, chosen by the parent before it starts valgrind:

- client requests (`CALLGRIND_ZERO_STATS`, `CALLGRIND_DUMP_STATS_AT`): a three-function C shim built
  with the system C compiler against valgrind's `callgrind.h` and loaded with ctypes. Each dump is
  labelled with its segment's name. Outside valgrind the requests are a few no-op instructions.
- no compiler or no header: callgrind's own `--zero-before=getpriority --dump-before=getsid`, and
  the segments call those two libc functions (reached through `os`), which nothing else in the
  measured code calls. Dumps are then told apart by their order alone.

Both zero and dump every thread's counters (callgrind's default `--separate-threads=no`), so work
the SDK's batch threads do inside a segment is counted with it. `CALLGRIND_TOGGLE_COLLECT` and
`--toggle-collect` would not do: they switch collection for the calling thread only.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

SHIM_ENV = "AIAUDIT_CALLGRIND_SHIM"

_SOURCE = """
#include <valgrind/callgrind.h>
void mark_zero(void) { CALLGRIND_ZERO_STATS; }
void mark_dump(const char *label) { CALLGRIND_DUMP_STATS_AT(label); }
int mark_on_valgrind(void) { return RUNNING_ON_VALGRIND; }
"""

# The fallback's marker functions: libc calls the measured code never makes.
FALLBACK_OPTIONS = ["--zero-before=getpriority", "--dump-before=getsid"]


def build_shim(folder: str | None = None) -> str | None:
    """Compile the shim; its path, or None when there is no C compiler or no callgrind.h."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None
    folder = folder or tempfile.mkdtemp(prefix="callgrind-marks-")
    source, shim = os.path.join(folder, "marks.c"), os.path.join(folder, "marks.so")
    with open(source, "w") as f:
        f.write(_SOURCE)
    built = subprocess.run([cc, "-O2", "-shared", "-fPIC", "-o", shim, source], capture_output=True)
    return shim if built.returncode == 0 else None


class Marks:
    """What the measured process calls around each segment."""

    def __init__(self) -> None:
        path = os.environ.get(SHIM_ENV)
        self._lib = ctypes.CDLL(path) if path else None

    @property
    def labelled(self) -> bool:
        return self._lib is not None

    def on_valgrind(self) -> bool | None:
        """True or False with the shim; None without it (the fallback cannot tell)."""
        return bool(self._lib.mark_on_valgrind()) if self._lib is not None else None

    def zero(self) -> None:
        if self._lib is not None:
            self._lib.mark_zero()
        else:
            os.getpriority(os.PRIO_PROCESS, 0)

    def dump(self, label: str) -> None:
        if self._lib is not None:
            self._lib.mark_dump(label.encode())
        else:
            os.getsid(0)


# ---------------------------------------------------------------------------------- the counting parent
@dataclass
class Dump:
    """One segment's counters as callgrind wrote them."""

    path: str
    total: int  # instructions (the dump's `summary:` line, else `totals:`)
    trigger: str  # "Client Request: <label>" with the shim; the marker function's name without


def summary(path: str) -> tuple[int, str]:
    """A dump's total (its `summary:` line, else `totals:`) and its trigger."""
    total, trigger = None, ""
    with open(path) as f:
        for line in f:
            if line.startswith("summary:") or (total is None and line.startswith("totals:")):
                total = int(line.split()[1])
            elif line.startswith("desc: Trigger:"):
                trigger = line.split(":", 2)[2].strip()
    if total is None:
        raise SystemExit(f"{path}: no summary or totals line")
    return total, trigger


def run_counted(child: list[str], work: str) -> tuple[list[Dump], bool, str]:
    """Run `child` (a Python script and its arguments, run with this interpreter) under callgrind,
    the marks reaching it through the shim when one can be built, else through the marker
    functions. Returns its dumps in order, whether they carry their segments' labels, and how the
    segments were marked, in words. Exits with the child's error output when it fails."""
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    os.makedirs(work, exist_ok=True)
    for old in os.listdir(work):
        if old.startswith("cg.out"):
            os.remove(os.path.join(work, old))
    env = dict(os.environ)
    options: list[str] = []
    shim = build_shim(work)
    if shim is not None:
        env[SHIM_ENV] = shim
        how = "client requests through a C shim"
    else:
        env.pop(SHIM_ENV, None)
        options = FALLBACK_OPTIONS
        how = "marker functions (" + " ".join(FALLBACK_OPTIONS) + "): no C compiler or callgrind.h"
    out_file = os.path.join(work, "cg.out")
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", *options, sys.executable, *child]
    proc = subprocess.run(command, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"the counted run failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    # Each dump is written as cg.out.<n>, numbered from 1; the file for the process's end is cg.out.
    names = sorted(
        (p for p in os.listdir(work) if re.fullmatch(r"cg\.out\.\d+", p)), key=lambda p: int(p.rsplit(".", 1)[1])
    )
    dumps = [Dump(os.path.join(work, name), *summary(os.path.join(work, name))) for name in names]
    return dumps, shim is not None, how
