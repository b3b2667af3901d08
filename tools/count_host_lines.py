"""Count the plugin host's lines of code: lines holding code, not docstrings, comments or blank lines.

    python tools/count_host_lines.py [files or folders ...]   (default: core/src/ignite/plugins)

Prints one line per module and the total; the generated index ``_index.py`` is data, counted apart.
A docstring is any statement that is only a string literal (module, class, function or attribute docs).
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "core" / "src" / "ignite" / "plugins"
GENERATED = {"_index.py"}
_SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
_SKIP |= {tokenize.ENCODING, tokenize.ENDMARKER}


def code_lines(source: str) -> int:
    """How many lines of ``source`` hold a token that is neither a comment nor part of a docstring."""
    docs: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            docs.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in _SKIP:
            lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines - docs)


def main(argv: list[str]) -> int:
    """Print the count of each module and the totals, host code and generated data apart."""
    paths = [Path(arg) for arg in argv] or [DEFAULT]
    files = sorted(f for p in paths for f in (sorted(p.glob("*.py")) if p.is_dir() else [p]))
    totals = {"code": 0, "generated": 0}
    for file in files:
        count = code_lines(file.read_text(encoding="utf-8"))
        generated = file.name in GENERATED
        totals["generated" if generated else "code"] += count
        print(f"{count:5d}  {file.name}{'  (generated data)' if generated else ''}")
    print(f"{totals['code']:5d}  total host code")
    if totals["generated"]:
        print(f"{totals['generated']:5d}  total generated data")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
