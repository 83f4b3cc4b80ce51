"""The key bar, recomposed at most once a frame.

Textual's `Footer` recomposes every time the screen's bindings change, and opening a screen changes
them a dozen times within one frame (focus moving, tables filling, `refresh_bindings`): each recompose
rebuilds and restyles every key. At start-up that was ≈130 ms of ≈350 ms to the first frame. This one
lets the first change of a frame queue Textual's recompose and the rest of that frame's changes ride
on it.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _recompose_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        """As Textual's, but a recompose already queued covers this change too."""
        if self._recompose_queued:
            return
        super().bindings_changed(screen)
        self._recompose_queued = bool(screen.app.app_focus and self.is_attached and screen is self.screen)

    async def recompose(self) -> None:
        self._recompose_queued = False
        await super().recompose()
