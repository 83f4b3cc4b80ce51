"""The data layer: models, the engine with engage's SQLite settings, and the migrations runner."""

from engage_tui.store.engine import Store

__all__ = ["Store"]
