"""Horizontal bars of a year's months, community and C&YP side by side, scaled to the widget's width."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from engage_tui.domain.durations import format_hours

BLOCKS = " ▏▎▍▌▋▊▉█"


@dataclass(frozen=True)
class Bar:
    label: str
    community: int | None
    cyp: int | None


def bar(minutes: int | None, largest: int, width: int) -> str:
    """A bar of eighth-cell blocks, so small differences still show."""
    if not minutes or largest <= 0 or width <= 0:
        return ""
    eighths = round(minutes / largest * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


class MonthBars(Widget):
    """Two bars a month: community hours (primary colour) and C&YP hours (accent), whole hours shown."""

    DEFAULT_CSS = """
    MonthBars { height: auto; }
    """

    bars: reactive[tuple[Bar, ...]] = reactive(tuple, layout=True)

    def render(self) -> Content:
        if not self.bars:
            return Content.styled("Nothing logged", "dim")
        largest = max((m for b in self.bars for m in (b.community, b.cyp) if m), default=0)
        width = max(self.size.width - 10, 1)
        parts: list[str | tuple[str, str]] = [("█ Community  ", "$primary"), ("█ C&YP\n", "$accent")]
        for b in self.bars:
            parts += [
                f"{b.label[:3]:<4}",
                (bar(b.community, largest, width), "$primary"),
                f" {format_hours(b.community)}\n",
                "    ",
                (bar(b.cyp, largest, width), "$accent"),
                f" {format_hours(b.cyp)}\n",
            ]
        return Content.assemble(*parts)

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + 2 * len(self.bars) if self.bars else 1
