"""``python -m ignite.plugins [list|doctor] [--json]``."""

from __future__ import annotations

import sys

from ignite.plugins.cli import main

if __name__ == "__main__":
    sys.exit(main())
