"""Issue 22.3: focus is unmistakable on every widget a person can focus — a bar of the theme's accent
beside a table or list, the accent behind a field, a choice, a tick box or a text area, reverse on a
button or a tab — in the default theme and in a light one. Compared with how the same widget looks
unfocused, not with a fixed colour, so a theme change that made it faint fails."""

import pytest
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Button, Select, Tab, Tabs
from textual.widgets._select import SelectCurrent

from tests.tui.conftest import settle

THEMES = ["textual-dark", "textual-light"]
STRONG = 0.2
"""The least change of background (as a share of black to white) that reads as focus; Textual's own
5% tint is ≈0.04."""


OWN_RULES = {"issues", "bars-box"}
"""Widgets whose focus style app.tcss sets by id."""


def _looks(widget: Widget) -> tuple[Color, str, str]:
    """What changes when focus comes: the background (of a choice's face, of a tab row's active tab),
    the left edge, and the text style."""
    shown = widget
    if isinstance(widget, Select):
        shown = widget.query_one(SelectCurrent)
    elif isinstance(widget, Tabs):
        shown = next(t for t in widget.query(Tab) if t.has_class("-active"))
    return shown.styles.background, widget.styles.border_left[0], str(shown.styles.text_style)


def _distance(a: Color, b: Color) -> float:
    return max(abs(x - y) for x, y in zip(a.rgb, b.rgb, strict=True)) / 255


def _unmistakable(focused: tuple[Color, str, str], blurred: tuple[Color, str, str]) -> bool:
    background, edge, style = focused
    return (
        _distance(background, blurred[0]) >= STRONG
        or (edge not in ("", "none", "blank") and blurred[1] in ("", "none", "blank"))
        or ("reverse" in style and "reverse" not in blurred[2])
    )


async def _check_every_focusable(pilot) -> list[str]:
    """Focus each kind of focusable widget on the screen in turn; the faint ones by name."""
    screen = pilot.app.screen
    faint = []
    widgets = [w for w in screen.query("*") if w.focusable and w.display and w.region.area]
    assert widgets
    kinds = {}
    for widget in widgets:  # one of each kind with its own id rules: the rest share their styles
        kinds.setdefault((type(widget), widget.id if widget.id in OWN_RULES else None), widget)
    widgets = list(kinds.values())
    for widget in widgets:
        widget.focus()
        await pilot.pause()
        focused = _looks(widget)
        screen.set_focus(None)
        await pilot.pause()
        if not _unmistakable(focused, _looks(widget)):
            faint.append(f"{type(widget).__name__}#{widget.id}")
    return faint


@pytest.mark.parametrize("theme", THEMES)
async def test_focus_is_unmistakable_on_every_widget(demo_app, theme):
    # every kind of focusable widget the app has: the forms, the tabs, the filters, the tables, the bars
    places = [("1", "a"), ("6", "a"), ("5", "r"), ("0", "w"), ("2",), ("3",), ("9",)]
    async with demo_app.run_test(size=(120, 40)) as pilot:
        pilot.app.theme = theme
        await settle(pilot)
        seen: set[str] = set()
        for keys in places:
            for key in keys:  # each once the last has loaded: `r` needs the due list filled
                await pilot.press(key)
                await settle(pilot)
            faint = await _check_every_focusable(pilot)
            assert faint == [], (keys, faint)
            seen |= {type(w).__name__ for w in pilot.app.screen.query("*") if w.focusable}
            if len(keys) > 1 and keys[1] in "ar":  # a form: close it
                await pilot.press("escape")
                await settle(pilot)
    kinds = {"Input", "Select", "Button", "Table", "SelectionList", "TextArea", "Checkbox", "ContentTabs"}
    assert kinds <= seen, kinds - seen


async def test_a_faint_focus_would_fail(demo_app):
    """The check itself: Textual's own 5% tint on a plain field is not enough."""
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        field = pilot.app.screen.query_one("#hours")
        field.remove_class("-textual-compact")  # Textual's default look: a border, and the tint
        field.styles.border = ("none", "black")
        field.focus()
        await pilot.pause()
        focused = _looks(field)
        pilot.app.screen.set_focus(None)
        await pilot.pause()
        assert not _unmistakable(focused, _looks(field))
        assert isinstance(pilot.app.screen.query_one("#save"), Button)
