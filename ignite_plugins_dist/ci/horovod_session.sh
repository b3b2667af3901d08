#!/usr/bin/env bash
# The "horovod" CI session: horovod 0.28.1 (gloo controller) built once for the tested torch and cached in
# ~/.cache/ignite-horovod/, then the horovod tests (horovodrun -np 2 -H localhost:2 --gloo, horovod.run).
# Usage (from the repository root): ignite_plugins_dist/ci/horovod_session.sh [VENV_DIR]
# Needs: python3 >= 3.10, cmake >= 3.13, a C++17 compiler, make; PyPI for the sdist on the first run.
# Time: ~5 min to build on 2 cores the first time (then cached), ~2 min for the tests.
set -euo pipefail
VENV="$(realpath -m "${1:-.nox/horovod}")"
python3 -m venv "$VENV"
PY="$VENV/bin/python"
"$PY" -m pip install -q -c constraints.txt torch numpy pytest pytest-timeout setuptools wheel
"$PY" -m pip install -q -c constraints.txt ./core ./ignite_plugins_dist ./plugins/ignite_plugins_metrics
"$PY" tools/build_horovod.py --python "$PY" --install
PATH="$VENV/bin:$PATH" PYTHONSAFEPATH=1 IGNITE_PLUGINS_STRICT=1 \
  "$PY" -m pytest -q -p no:cacheprovider tests/ignite_plugins_dist/test_horovod.py tests/ignite_plugins_dist/test_backends.py
