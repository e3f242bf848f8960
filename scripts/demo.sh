#!/usr/bin/env bash
# The offline demo from a clean clone: virtual environment, install, run. No network beyond pip.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[openai]'
exec .venv/bin/aiaudit demo "$@"
