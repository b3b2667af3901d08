"""Build (once) and optionally install horovod 0.28.1 for the torch of a Python environment.

horovod 0.28.1 is the latest release and ships only an sdist. Its two CMakeLists.txt files ask for C++14,
while torch >= 2.1 headers need C++17; this script patches them, builds the wheel with the PyTorch and
Gloo controllers only (no MPI, TensorFlow or MXNet) and caches it outside the repository, keyed by the
Python and torch versions, so later runs (and CI sessions) reuse it::

    python tools/build_horovod.py [--python PATH] [--install] [--cache-dir DIR]

``--python`` is the interpreter whose torch horovod is built against (default: this one); it needs
torch, setuptools, wheel, cmake (on PATH), a C++17 compiler, and pip access to PyPI for the sdist.
A build takes about 5 minutes on 2 cores. Prints the wheel's path on the last line.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VERSION = "0.28.1"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ignite-horovod"
# The runtime dependencies horovod's setup.py declares; installed before the wheel with --no-deps builds.
RUNTIME_DEPS = ("cloudpickle", "psutil", "pyyaml", "packaging")
BUILD_ENV = {
    "HOROVOD_WITH_PYTORCH": "1",
    "HOROVOD_WITH_GLOO": "1",
    "HOROVOD_WITHOUT_MPI": "1",
    "HOROVOD_WITHOUT_TENSORFLOW": "1",
    "HOROVOD_WITHOUT_MXNET": "1",
    "HOROVOD_CPU_OPERATIONS": "gloo",
}


def _versions(python: str) -> tuple[str, str]:
    code = "import sys, torch; print(f'cp{sys.version_info[0]}{sys.version_info[1]}', torch.__version__)"
    out = subprocess.run([python, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    return out[0], out[1].replace("+", "_")


def _patch_cxx17(src: Path) -> None:
    """Turn the C++14 requests of horovod's CMake files into C++17 (torch's headers need it)."""
    for rel in ("CMakeLists.txt", "horovod/torch/CMakeLists.txt"):
        path = src / rel
        text = path.read_text()
        patched = re.sub(r"set\(CMAKE_CXX_STANDARD 14\)", "set(CMAKE_CXX_STANDARD 17)", text)
        if patched == text and "CMAKE_CXX_STANDARD 17" not in text:
            raise SystemExit(f"build_horovod: no C++14 setting found in {rel}; the sdist layout changed")
        path.write_text(patched)


def build(python: str, cache: Path) -> Path:
    """The cached wheel for ``python``'s torch, building it first if needed."""
    pytag, torch_version = _versions(python)
    target_dir = cache / f"{pytag}-torch{torch_version}"
    found = sorted(target_dir.glob(f"horovod-{VERSION}-*.whl"))
    if found:
        print(f"build_horovod: reusing {found[-1]}", file=sys.stderr)
        return found[-1]
    with tempfile.TemporaryDirectory(prefix="ignite-horovod-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [
                python,
                "-m",
                "pip",
                "download",
                f"horovod=={VERSION}",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-d",
                str(work),
            ],
            check=True,
        )
        sdist = next(work.glob(f"horovod-{VERSION}.tar.gz"))
        with tarfile.open(sdist) as archive:
            archive.extractall(work, filter="data")
        src = work / f"horovod-{VERSION}"
        _patch_cxx17(src)
        env = {**os.environ, **BUILD_ENV}
        env.setdefault("MAKEFLAGS", f"-j{os.cpu_count() or 1}")
        subprocess.run(
            [
                python,
                "-m",
                "pip",
                "wheel",
                "--no-build-isolation",
                "--no-deps",
                "-w",
                str(work / "dist"),
                str(src),
            ],
            check=True,
            env=env,
        )
        wheel = next((work / "dist").glob("horovod-*.whl"))
        target_dir.mkdir(parents=True, exist_ok=True)
        final = target_dir / wheel.name
        shutil.copy2(wheel, final.with_suffix(".part"))
        os.replace(final.with_suffix(".part"), final)
    print(f"build_horovod: built {final}", file=sys.stderr)
    return final


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--python", default=sys.executable, help="interpreter whose torch to build for")
    parser.add_argument("--install", action="store_true", help="pip-install the wheel into --python")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE, help=f"default: {DEFAULT_CACHE}")
    args = parser.parse_args(argv)
    wheel = build(args.python, args.cache_dir)
    if args.install:
        subprocess.run([args.python, "-m", "pip", "install", *RUNTIME_DEPS], check=True)
        subprocess.run(
            [args.python, "-m", "pip", "install", "--no-deps", "--force-reinstall", str(wheel)], check=True
        )
    print(wheel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
