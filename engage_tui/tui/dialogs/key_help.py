"""The key help (`?` or F1): every key of the screen in view and of its parts, then the keys that work
everywhere — what each does, and for one that cannot act now, why. Made from the same bindings as the
footer, the palette and the README's table."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable, Static

from engage_tui.tui.dialogs.dialog import Dialog
from engage_tui.tui.keys import Explains, KeyUse, uses_of
from engage_tui.tui.widgets.table import Table

MAX_WIDTH = 100
MOVING = (
    ("tab", "the next part of the screen or field of a form (shift+tab: the one before)"),
    ("↑ ↓ ← →", "move in a table or a list (pgup, pgdn: a page)"),
    ("ctrl+p", "the palette: every screen and action by name"),
)


class KeyHelp(Dialog[None]):
    DEFAULT_CSS = """
    KeyHelp { align: center middle; }
    KeyHelp > Vertical { width: 100%; max-width: 100; height: 100%; max-height: 40;
                         border: thick $primary; background: $surface; padding: 0 1; }
    KeyHelp #keys { height: 1fr; }
    KeyHelp #keys-title { text-style: bold; }
    KeyHelp #keys-hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close", id="help.cancel", tooltip="close the key help"),
        Binding("question_mark,f1", "dismiss(None)", "Close", id="help.help", tooltip="close the key help"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.shown = screen

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Keys on this screen ({_name(self.shown)})", id="keys-title", markup=False)
            yield Table(id="keys", cursor_type="row", zebra_stripes=True)
            yield Static("esc closes · dim: cannot act now (the reason beside it)", id="keys-hint")

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        rows = [*self.lines(), *((keys, does, None) for keys, does in MOVING)]
        key_width = max(len(keys) for keys, _, _ in rows)
        inner = min(MAX_WIDTH, self.app.size.width) - 4  # the border and padding
        table.add_column("Key", key="key", width=key_width)
        table.add_column("Does", key="does", width=max(20, inner - key_width - 4 * table.cell_padding - 3))
        for keys, does, reason in rows:
            style = "dim" if reason else ""
            said = does + (f" — now: {reason}" if reason else "")
            table.add_row(Text(keys, style="bold " + style), Text(said, style=style), height=None)
        table.focus()

    def lines(self) -> list[tuple[str, str, str | None]]:
        """(keys, what they do, why not now) for the screen's keys, its parts', then the app's — the
        screen number keys on one line."""
        found: list[tuple[str, str, str | None]] = []
        screens: list[tuple[str, str]] = []
        for node, use in self.rows():
            if use.noun == "go":
                screens.append((use.shown_keys, use.description))
                continue
            if isinstance(node, Explains) and node.hides(_action(use.action)[0]):
                continue  # not this person's (a supervisor's key): the footer leaves it out too
            reason = node.why_not(*_action(use.action)) if isinstance(node, Explains) else None
            found.append((use.shown_keys, (f"{use.where}: " if use.where else "") + use.does, reason))
        if screens:
            listed = ", ".join(f"{key} {name}" for key, name in screens)
            found.append((f"{screens[0][0]}…{screens[-1][0]}", f"go to a screen: {listed}", None))
        return found

    def rows(self) -> list[tuple[DOMNode, KeyUse]]:
        """The screen's own keys, its parts', what every screen has, then the app's."""
        screen = self.shown
        own = uses_of(type(screen), "")
        rows: list[tuple[DOMNode, KeyUse]] = [(screen, use) for use in own if use.noun != "screen"]
        for title, part in getattr(screen, "KEY_PARTS", ()):
            for node in screen.query(part):
                rows += [(node, use) for use in uses_of(part, title)]
        rows += [(screen, use) for use in own if use.noun == "screen"]
        rows += [(screen.app, use) for use in uses_of(type(screen.app), "")]
        return [(node, use) for node, use in rows if not (node is screen.app and use.meaning == "help")]


def _action(action: str) -> tuple[str, tuple[object, ...]]:
    """`switch_mode('people')` as (name, parameters), as Textual parses it."""
    from textual.actions import parse

    _namespace, name, parameters = parse(action)
    return name, parameters


def _name(screen: Screen) -> str:
    from engage_tui.tui.app import PLACES

    for place in PLACES:
        if type(screen).__name__ == place.screen.partition(":")[2]:
            return place.footer
    return type(screen).__name__
