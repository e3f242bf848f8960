#!/usr/bin/env bash
# Install everything the test suite needs, then run it. Works from a clean clone on a fresh machine.
# The tests start and stop their own services (redis-server, prometheus, loopback provider servers).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests drive for real. Installed only where missing; never version-pinned.
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else SUDO=none; fi
  if [ "$SUDO" = none ]; then
    echo "missing Debian packages (${need[*]}) and no root to install them" >&2
  else
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[all,test,docs]'
# diffusers runs a tiny random pipeline on the CPU; the CPU build of torch is pinned so no GPU build is pulled.
.venv/bin/python -m pip install -q 'torch==2.13.0' 'diffusers>=0.30' 'transformers>=5'
# The reference watermark library the plugin's marks are checked against: its own requirements would
# pull the GUI build of OpenCV; the headless build and PyWavelets are all its dwtDctSvd method needs.
.venv/bin/python -m pip install -q --no-deps 'invisible-watermark>=0.2'
.venv/bin/python -m pip install -q opencv-python-headless PyWavelets

export CI="${CI:-}"
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
