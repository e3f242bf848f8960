"""The release artefacts: the sdist builds, a wheel built from that sdist installs into a fresh virtual
environment, and the installed `aiaudit demo` runs there with exit 0."""

from __future__ import annotations

import importlib.util
import os
import shutil
import site
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from otel_aiaudit.version import __version__

ROOT = Path(__file__).resolve().parents[1]
_SKIP = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")


def _run(*cmd: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, f"{' '.join(cmd)}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out.stdout


def _build(src: Path, dist: Path) -> tuple[Path, Path]:
    """sdist, then the wheel from the unpacked sdist (so a file missing from the sdist fails here).
    With the `build` package (the test extra) its isolated build is used; without it (offline), the
    same setuptools backend is called directly."""
    if importlib.util.find_spec("build") is not None:
        _run(sys.executable, "-m", "build", "--outdir", str(dist), str(src))
    else:
        backend = "from setuptools import build_meta as b; import sys; print(getattr(b, sys.argv[1])(sys.argv[2]))"
        _run(sys.executable, "-c", backend, "build_sdist", str(dist), cwd=src)
        (sdist,) = dist.glob("*.tar.gz")
        with tarfile.open(sdist) as tar:
            # The safe extraction filter where this Python has it (3.10.12 and later).
            extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            tar.extractall(dist / "unpacked", **extra)
        (unpacked,) = (dist / "unpacked").iterdir()
        _run(sys.executable, "-c", backend, "build_wheel", str(dist), cwd=unpacked)
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    return sdist, wheel


def _fresh_venv(where: Path, wheel: Path) -> Path:
    """A new environment holding the wheel. Its dependencies are this test environment's, reached
    through a path file listed after the environment's own site-packages, so the test needs no
    package index and the wheel's copy of otel_aiaudit is the one imported."""
    _run(sys.executable, "-m", "venv", "--without-pip", str(where))
    python = where / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel))
    purelib = _run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    ours = [p for p in (*site.getsitepackages(), site.getusersitepackages()) if Path(p).is_dir()]
    (Path(purelib) / "zz_test_env.pth").write_text("\n".join(ours) + "\n")
    return python


def test_sdist_and_wheel_install_and_run_the_demo(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=_SKIP)
    sdist, wheel = _build(src, tmp_path / "dist")
    assert sdist.name == f"otel_aiaudit-{__version__}.tar.gz"
    assert wheel.name.startswith(f"otel_aiaudit-{__version__}-py3-")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta = zf.read(f"otel_aiaudit-{__version__}.dist-info/METADATA").decode()
    assert {"otel_aiaudit/demo/policy.yaml", "otel_aiaudit/cli/main.py"} <= names
    assert f"Version: {__version__}\n" in meta and "Requires-Dist: platformdirs" in meta

    python = _fresh_venv(tmp_path / "venv", wheel)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("OTEL_AIAUDIT_")}
    env.update(XDG_STATE_HOME=str(tmp_path / "state"), COLUMNS="160")
    work = tmp_path / "cwd"
    work.mkdir()
    where = "import otel_aiaudit; print(otel_aiaudit.__file__, otel_aiaudit.__version__)"
    found = _run(str(python), "-c", where, cwd=work, env=env)
    assert found.startswith(str(tmp_path / "venv")) and found.split()[1] == __version__, found
    aiaudit = python.with_name("aiaudit.exe" if os.name == "nt" else "aiaudit")
    out = _run(str(aiaudit), "demo", cwd=work, env=env, timeout=180)
    assert "ContentBlocked" in out and "aiaudit ledger verify" in out
    assert os.listdir(work) == []  # the demo keeps its files in a temp dir, not the working directory
