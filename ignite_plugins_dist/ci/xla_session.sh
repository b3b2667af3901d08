#!/usr/bin/env bash
# The opt-in "xla" session: torch==2.9.0 with torch_xla==2.9.0 (the latest pair) in their own venv, the XLA
# tests on the CPU (PJRT_DEVICE=CPU). NOT in the default CI: torch 2.9.0 from PyPI pulls ~4 GB of CUDA wheels.
# Usage (from the repository root): ignite_plugins_dist/ci/xla_session.sh [VENV_DIR]
# Time: the download (~4 GB) plus ~1 min of tests. Does not use constraints.txt (it pins torch 2.13).
set -euo pipefail
VENV="$(realpath -m "${1:-.nox/xla}")"
python3 -m venv "$VENV"
PY="$VENV/bin/python"
"$PY" -m pip install -q "torch==2.9.0" "torch_xla==2.9.0" pytest pytest-timeout
"$PY" -m pip install -q ./core ./ignite_plugins_dist ./plugins/ignite_plugins_metrics
PJRT_DEVICE=CPU PYTHONSAFEPATH=1 IGNITE_PLUGINS_STRICT=1 \
  "$PY" -m pytest -q -p no:cacheprovider tests/ignite_plugins_dist/test_xla.py tests/ignite_plugins_dist/test_backends.py
