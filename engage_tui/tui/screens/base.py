"""What every screen of data shares: its loads run in threads (`Calls`), it says why a key cannot act
now (`Explains`), and it reloads when a person comes back to it from another screen (or presses
ctrl+r) — not when a dialog over it closes, since what a dialog changes is reloaded by the code that
made the change, and a cancelled dialog changed nothing."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding
from textual.events import ScreenResume
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import DataTable

from engage_tui.tui.keys import Explains
from engage_tui.tui.stylesheet import StyledWhenMounted
from engage_tui.tui.work import Calls


class DataScreen(Explains, Calls, StyledWhenMounted, Screen[None]):
    BINDINGS = [
        Binding(
            "ctrl+r",
            "reload",
            "Reload",
            id="screen.reload",
            show=False,
            tooltip="read it again from the database",
        ),
    ]
    KEY_PARTS: ClassVar[tuple[tuple[str, type[Widget]], ...]] = ()
    """Widgets of the screen with keys of their own (the PACT screen's tabs): the key help, the palette
    and the README list them under the screen."""
    OWN_PALETTE: ClassVar[frozenset[str]] = frozenset()
    """Binding ids whose palette entry the screen names itself (`palette_commands`)."""
    in_dialog = False
    shown = False
    """Resumed and not suspended since."""

    def reload(self) -> None:
        """Load what the screen shows (in threads); called on coming back to the screen."""
        raise NotImplementedError

    def action_reload(self) -> None:
        self.reload()

    @on(DataTable.RowHighlighted)
    @on(DataTable.CellHighlighted)
    def keys_follow_the_cursor(self) -> None:
        """A key that acts on the row under the cursor is dimmed while there is none: once a table
        fills (or the cursor moves) the key bar says so, not only when focus next moves."""
        self.refresh_bindings()

    def on_screen_suspend(self) -> None:
        self.in_dialog = isinstance(self.app.screen, ModalScreen)
        self.shown = False

    def on_screen_resume(self, event: ScreenResume) -> None:
        if self.shown:
            # Textual resumes a mode's new screen twice in a row (once as the mode starts, once as it
            # becomes current); the second would restyle the whole screen and reload it again.
            event.prevent_default()
            return
        self.shown = True
        if not self.in_dialog:
            self.reload()
        self.in_dialog = False
