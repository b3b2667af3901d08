"""``python -m ignite.plugins [list|doctor] [--json]``."""

from ignite.plugins.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
