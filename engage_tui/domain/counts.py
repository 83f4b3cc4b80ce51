"""Counts as words: `1 entry`, `16,781 entries`, `1 row` — as a heading, a total or a notice says
them (the command line's output keeps its words, which scripts read)."""

from __future__ import annotations


def counted(count: int, one: str, many: str | None = None) -> str:
    """`count` of a thing, in the singular for one (`many` where adding an s would not do)."""
    return f"1 {one}" if count == 1 else f"{count:,} {many or one + 's'}"
