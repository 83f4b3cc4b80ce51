"""The data layer: models, the engine with engage's SQLite settings, and the migrations runner.

`Store` is loaded on first use, so that the package's light modules (`revisions`, `compiled`) can be
imported by a cold command without SQLAlchemy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engage_tui.store.engine import Store

__all__ = ["Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from engage_tui.store.engine import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
