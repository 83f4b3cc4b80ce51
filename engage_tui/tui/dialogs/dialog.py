"""What every dialog shares: it opens over the screen that asked, which shows through it tinted, it is
laid out and drawn once as it opens, and its first showing keeps the styles its widgets mounted with
(`StyledWhenMounted`).

Textual draws the screen behind a dialog by tinting every segment of it, one colour sum at a time —
1,000–3,000 segments in a few dozen colours, twice as a dialog opens (as it shows, and as it takes its
size): 9–14 ms a time for 2,800 segments. Here each distinct style is tinted once, by Textual's own
tint, and reused for every segment that has it: 2–8 ms (the more so the fewer cells carry a row and
column of their own for the mouse).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, TypeVar

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.events import Resize, ScreenResume
from textual.geometry import Size
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen

from engage_tui.tui.stylesheet import StyledWhenMounted

ResultType = TypeVar("ResultType")


class Dialog(StyledWhenMounted, ModalScreen[ResultType]):
    LEAVE_FIRST: ClassVar[str | None] = None
    """How to leave a dialog that holds typing before quitting (ctrl+q says so rather than lose it)."""
    first_layout: Size | None = None
    """The size the first showing lays the dialog out at, until the Resize that layout sends it."""
    resized = False

    def on_screen_resume(self, event: ScreenResume) -> None:
        if not self.resized:
            self.first_layout = self.app.size

    def on_resize(self, event: Resize) -> None:
        """Textual lays a new dialog out as it shows, and that layout sends the dialog a Resize to the
        size it was just laid out at, which laid it out and drew it and the screen behind once more.
        Any other Resize (the terminal's) is Textual's to handle."""
        first, self.first_layout, self.resized = self.first_layout, None, True
        if event.size == first:
            event.prevent_default()

    def render(self) -> RenderableType:
        behind = super().render()
        if type(behind) is BackgroundScreen:
            return TintedOnce(behind.screen, behind.color)
        return behind


class TintedOnce(BackgroundScreen):
    """Textual's tinted screen, each style tinted once a drawing. A table's cells carry their row and
    column for the mouse, so styles differ cell by cell while their colours do not: the tint is kept
    by the style as drawn and by the style without its links and meta, which is what the tint reads."""

    @classmethod
    def process_segments(cls, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:
        as_drawn: dict[Style | None, Style | None] = {}
        plain: dict[Style | None, Style | None] = {}
        for segment in segments:
            text, style, control = segment
            if control:
                yield segment
                continue
            if style not in as_drawn:
                bare = None if style is None else style.clear_meta_and_links()
                if bare not in plain:
                    plain[bare] = _tint(bare, color)
                as_drawn[style] = plain[bare]
            yield Segment(text, as_drawn[style], control)


def _tint(style: Style | None, color: Color) -> Style | None:
    """What Textual's tint makes of a segment in `style`."""
    (tinted,) = BackgroundScreen.process_segments([Segment(" ", style)], color)
    return tinted.style
