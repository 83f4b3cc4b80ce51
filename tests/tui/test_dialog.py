"""Issue 20, stalls: the screen behind a dialog is tinted one style at a time, not one segment at a time,
and looks as Textual's tint makes it (the snapshot tests hold the pictures of dialogs)."""

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen

from engage_tui.tui.dialogs.dialog import TintedOnce
from tests.tui.conftest import settle

STYLES = [
    None,
    Style(),
    Style(color="#ff0000"),
    Style(color="#112233", bgcolor="#445566", bold=True),
    Style(bgcolor="#000000", link="https://example.org"),
    Style(color="#00ff00") + Style.from_meta({"@click": "app.bell", "row": 3}),
]


def test_tinting_each_style_once_gives_textuals_tint():
    segments = [Segment(f"cell {n}", STYLES[n % len(STYLES)]) for n in range(40)]
    segments += [
        Segment("in a table", STYLES[3] + Style.from_meta({"row": n, "column": 1})) for n in range(5)
    ]
    segments.insert(7, Segment("", None, [(1,)]))  # a control segment passes as it is
    for color in (Color(0, 0, 0, 0.6), Color(30, 40, 50, 0.0), Color(255, 255, 255, 0.25)):
        ours = list(TintedOnce.process_segments(segments, color))
        assert ours == list(BackgroundScreen.process_segments(segments, color))


async def test_a_dialog_draws_the_screen_behind_through_the_tint_once_a_style(demo_app, monkeypatch):
    drawn = []
    draw = TintedOnce.__rich_console__
    monkeypatch.setattr(TintedOnce, "__rich_console__", lambda *args: drawn.append(args[0]) or draw(*args))
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not drawn
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(demo_app.screen).__name__ == "KeyHelp"
        assert drawn and all(tint.screen is demo_app.screen_stack[0] for tint in drawn)


async def test_a_dialog_follows_the_terminal_to_a_new_size(demo_app):
    """A dialog answers its first layout's Resize (to the size it has) without laying out again; a
    terminal resized under it still lays it, and the screen behind, out afresh."""
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        dialog, behind = demo_app.screen, demo_app.screen_stack[0]
        box = dialog.query_one("Vertical")
        assert dialog.size == (100, 30) and box.region.right <= 100
        await pilot.resize_terminal(140, 44)
        await settle(pilot)
        assert dialog.size == (140, 44) and behind.size == (140, 44)
        assert box.region.x > (140 - box.region.width) // 2 - 2  # still centred in the wider screen
