"""A long plain text in a small scrolling box, wrapped once per width and drawn a line at a time.

`Static` wraps its whole text to measure its height, wraps it again to draw, and draws every line
though the box behind it shows three: Returns' chase list at a force's size is a couple of hundred
wrapped lines. Here the text is wrapped once for each width it is laid out at, and only the lines
the box shows are drawn, each the way `Static` draws it (a test holds the two to the same lines).
A layout asks for the height at two widths, so the wrapping of a few widths is kept.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

KEPT_WIDTHS = 4
"""Widths whose wrapping is kept for one text (a terminal resized often would keep every one)."""


class Wrapped(Widget):
    """Plain text (no markup) wrapped to the widget's width; its height is its line count."""

    DEFAULT_CSS = "Wrapped { height: auto; }"

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self._wrapped: tuple[str, dict[int, list[Line]]] = (text, {})

    def update(self, text: str) -> None:
        """Show `text`; the same text again changes nothing, so nothing is wrapped or drawn again."""
        if text != self.text:
            self.text = text
            self.refresh(layout=True)

    def lines(self, width: int) -> list[Line]:
        """The text wrapped at `width`, kept until the text changes. A layout measures the box at two
        widths (before and after its scrollbar's gutter), so a few widths are kept, not one."""
        text, by_width = self._wrapped
        if text != self.text or (width not in by_width and len(by_width) >= KEPT_WIDTHS):
            by_width = {}
            self._wrapped = (self.text, by_width)
        if width not in by_width:
            by_width[width] = wrap(self.text, width) if width > 0 else []
        return by_width[width]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines(width)
        if y >= len(lines):
            return Strip.blank(width, self.visual_style.rich_style)
        x, paragraph, line = lines[y]
        drawn = Visual.to_strips(self, line, width, 1, self.visual_style)[0]
        return Strip([_placed(segment, x, paragraph) for segment in drawn], drawn.cell_length)


Line = tuple[int, int, Content]
"""A wrapped line, and where it starts in the text: its column in its paragraph, and the paragraph
(what text selection reads from a line's segments, as `Static` marks them)."""


def wrap(text: str, width: int) -> list[Line]:
    """Each paragraph of `text` wrapped at `width` as `Static` wraps it, each line placed."""
    lines: list[Line] = []
    for paragraph, plain in enumerate(text.split("\n")):
        x = 0
        for line in Content(plain).wrap(width):
            x = plain.find(line.plain, x)  # after the spaces a break drops
            lines.append((x, paragraph, line))
            x += len(line.plain)
    return lines


def _placed(segment: Segment, x: int, y: int) -> Segment:
    """`segment` with the selection offset of a line drawn alone moved to where the line starts."""
    text, style, control = segment
    if style is None or "offset" not in style.meta:
        return segment
    column, _ = style.meta["offset"]
    return Segment(text, style + Style.from_meta({"offset": (column + x, y)}), control)
