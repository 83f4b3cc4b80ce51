"""A checkpoint of the audit trail: how many rows it held and the hash of the last, as a token a
person can keep. Free of SQLAlchemy, so that a workbook's Method sheet can carry one from the fast
read path."""

from __future__ import annotations

import re
from dataclasses import dataclass

from engage_tui.errors import EngageError, shown

GENESIS = "0" * 64
"""The hash before the first row: an empty trail's head."""


@dataclass(frozen=True)
class Checkpoint:
    """The trail at a moment: how many rows it held and the hash of the last. Kept elsewhere (a file,
    a workbook's Method sheet, the approval of a return), it shows rows removed from the end, a trail
    emptied, or a chain rewritten before that moment — which a chain checked only against itself
    cannot show."""

    rows: int
    head: str

    @property
    def token(self) -> str:
        """`ROWS:HASH`, as `audit verify --checkpoint` takes it typed in."""
        return f"{self.rows}:{self.head}"

    @classmethod
    def parse(cls, text: str, field: str = "checkpoint") -> Checkpoint:
        found = TOKEN.fullmatch(text.strip())
        if found is None:
            raise EngageError(
                f"{field}: {shown(text)} is not a checkpoint; give ROWS:HASH as engage audit checkpoint "
                "prints it, or the file it wrote",
                field=field,
            )
        return cls(int(found[1]), found[2])


TOKEN = re.compile(r"([0-9]{1,18}):([0-9a-f]{64})")
