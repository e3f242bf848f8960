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
import shutil
import subprocess
import tempfile

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
