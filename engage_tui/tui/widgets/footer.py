"""The key bar, recomposed at most once a frame.

Textual's `Footer` recomposes every time the screen's bindings change, and opening a screen changes
them a dozen times within one frame (focus moving, tables filling, `refresh_bindings`): each recompose
rebuilds and restyles every key. At start-up that was ≈130 ms of ≈350 ms to the first frame. This one
queues a single recompose for all the changes that arrive before the next refresh.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _recompose_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        """As Textual's, but a recompose already queued covers this change too."""
        self._bindings_ready = True
        if self._recompose_queued or not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_queued = False
        await self.recompose()
