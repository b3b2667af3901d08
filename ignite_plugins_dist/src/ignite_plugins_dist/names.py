"""Every public name this distribution provides, declared once: registration, the 0.5 module aliases,
the install hints and the type-checking view all derive from this table."""

from __future__ import annotations

from ignite.plugins import Name

NAMES: tuple[Name, ...] = ()
