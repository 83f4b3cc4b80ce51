"""What every screen of data shares: its loads run in threads (`Calls`), and it reloads when a person
comes back to it from another screen — not when a dialog over it closes, since what a dialog changes
is reloaded by the code that made the change, and a cancelled dialog changed nothing."""

from __future__ import annotations

from textual.screen import ModalScreen, Screen

from engage_tui.tui.work import Calls


class DataScreen(Calls, Screen[None]):
    in_dialog = False

    def reload(self) -> None:
        """Load what the screen shows (in threads); called on coming back to the screen."""
        raise NotImplementedError

    def on_screen_suspend(self) -> None:
        self.in_dialog = isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        if not self.in_dialog:
            self.reload()
        self.in_dialog = False
