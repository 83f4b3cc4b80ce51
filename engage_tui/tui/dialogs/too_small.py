"""Shown instead of the app while the terminal is smaller than 80x24."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmall(Screen[None]):
    DEFAULT_CSS = """
    TooSmall { align: center middle; }
    TooSmall Static { width: auto; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(
            f"engage needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}.\nEnlarge the window to carry on.",
            id="too-small",
        )
