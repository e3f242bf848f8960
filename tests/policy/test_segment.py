"""Thai segmentation: whole words, and no network at any time."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from otel_aiaudit.policy import segment


def test_boundaries_split_thai_runs_and_keep_other_characters_apart() -> None:
    stream = "หีบเพลงabcฆ่า"
    bounds = segment.boundaries(stream)
    assert 0 in bounds and len(stream) in bounds
    assert 2 not in bounds  # inside หีบ: "หี" does not end a word here
    assert {7, 8, 9, 10} <= bounds  # each Latin character is its own unit


def test_segmentation_runs_offline(tmp_path: Path) -> None:
    # A fresh interpreter with every socket refused and an empty home: the dictionary must come
    # from the installed package, never from a download.
    script = textwrap.dedent(
        """
        import socket
        def refuse(*args, **kwargs):
            raise RuntimeError("network used")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from otel_aiaudit.policy import segment
        print(segment.words("ภาพคนฆ่าคนในซอย"))
        """
    )
    root = Path(__file__).resolve().parents[2]
    env = {"HOME": str(tmp_path), "PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "ฆ่า" in done.stdout
