"""Issue 20, stalls: a long text in a small box (Returns' chase list) is wrapped once a width and drawn
a line at a time (`widgets/wrapped.py`), each line the one `Static` draws."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

from engage_tui.tui.widgets.wrapped import Wrapped

TEXT = "Still to submit: " + ", ".join(f"Officer {n} (not started)" for n in range(120)) + " — 宽字符 end"
PARAGRAPHS = "first paragraph, short\n\n" + TEXT + "\n   indented  spaced    words   " + "x" * 130
CSS = """
VerticalScroll { height: auto; max-height: 3; scrollbar-gutter: stable; background: $boost; }
#static, #wrapped { padding: 0 1; }
"""


class Both(App[None]):
    CSS = CSS

    def __init__(self, text: str = TEXT) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="static-box"):
            yield Static(self.text, id="static", markup=False)
        with VerticalScroll(id="wrapped-box"):
            yield Wrapped(self.text, id="wrapped")


def _drawn(widget) -> list:
    return widget.render_lines(Region(0, 0, *widget.outer_size))


async def test_every_line_is_the_one_static_draws_at_every_width():
    for width, text in [(w, t) for w in (40, 80, 133) for t in (TEXT, PARAGRAPHS)]:
        async with Both(text).run_test(size=(width, 12)) as pilot:
            static, wrapped = pilot.app.query_one("#static"), pilot.app.query_one("#wrapped")
            assert wrapped.outer_size == static.outer_size and wrapped.outer_size.height > 3
            assert _drawn(wrapped) == _drawn(static)
            assert pilot.app.query_one("#wrapped-box").max_scroll_y > 0


async def test_only_the_lines_in_view_are_drawn_and_the_text_is_wrapped_once():
    async with Both().run_test(size=(80, 12)) as pilot:
        wrapped = pilot.app.query_one("#wrapped", Wrapped)
        drawn: list[int] = []
        draw = wrapped.render_line

        def counted(y: int):
            drawn.append(y)
            return draw(y)

        wrapped.render_line = counted
        wrapped.update(TEXT + " and one more")
        await pilot.pause()
        wrapped_once = wrapped.lines(wrapped.size.width)
        assert wrapped_once[-1][2].plain.endswith("and one more")
        assert sorted(drawn) == [0, 1, 2]  # three lines in view of many
        wrapped.update(TEXT + " and one more")  # the same text: nothing wrapped or drawn again
        await pilot.pause()
        assert wrapped.lines(wrapped.size.width) is wrapped_once and sorted(drawn) == [0, 1, 2]


async def test_a_new_layout_of_the_same_text_wraps_nothing_again():
    """Textual measures the box at two widths a layout (before and after the scrollbar's gutter): both
    are kept, so laying the screen out again rewraps nothing."""
    async with Both().run_test(size=(80, 12)) as pilot:
        wrapped = pilot.app.query_one("#wrapped", Wrapped)
        kept = {width: wrapped.lines(width) for width in (76, 78)}
        pilot.app.screen.refresh(layout=True)
        await pilot.pause()
        assert all(wrapped.lines(width) is lines for width, lines in kept.items())


async def test_the_lines_follow_the_scroll():
    """Scrolled four lines down, the box shows the fifth line at its top."""
    async with Both().run_test(size=(80, 12)) as pilot:
        box = pilot.app.query_one("#wrapped-box", VerticalScroll)
        box.scroll_to(y=4, animate=False)
        await pilot.pause()
        wrapped = pilot.app.query_one("#wrapped", Wrapped)
        assert pilot.app.screen.get_widget_at(*box.region.offset)[0] is wrapped
        x, paragraph, _ = wrapped.lines(wrapped.size.width)[4]
        assert x > 0 and pilot.app.screen.get_style_at(box.region.x + 1, box.region.y).meta == {
            "offset": (x, paragraph)
        }  # the box's top line is the text's fifth, as the mouse reads it
