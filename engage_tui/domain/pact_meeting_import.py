"""`engage import pact-meetings`: a file of meetings, each row stored as the meeting form would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from engage_tui.domain.actor import Actor
from engage_tui.domain.imports import ParsedFile, import_each, parse_flag, read_import
from engage_tui.domain.pact_meetings import MeetingDraft, add_meeting

MEETING_COLUMNS = ("series", "date", "public", "partners", "officers", "cancelled", "notes", "issues")
MEETING_REQUIRED = ("series", "date")


def read_meetings(path: Path, sheet: str | None = None) -> ParsedFile:
    """An `import pact-meetings` file read and parsed, before any transaction."""
    return read_import(path, sheet, MEETING_COLUMNS, MEETING_REQUIRED)


def import_meetings(
    session: Session,
    actor: Actor,
    file: ParsedFile | Path,
    dry_run: bool = False,
    today: date | None = None,
    force: str | None = None,
) -> int:
    """`series,date,public,partners,officers,cancelled,notes,issues`; officers (`NAME:RANK[:HOURS]`)
    and issues (`THEME: TEXT`) `;`-separated."""

    def store(cells: dict[str, str], batch_id: int) -> None:
        add_meeting(
            session,
            actor,
            MeetingDraft(
                cells["series"],
                cells["date"],
                cells["public"],
                cells["partners"],
                tuple(cells["officers"].split(";")),
                cells["notes"],
                parse_flag(cells["cancelled"], "cancelled"),
                tuple(cells["issues"].split(";")),
            ),
            import_id=batch_id,
            today=today,
        )

    if isinstance(file, Path):  # read here, inside the caller's transaction
        file = read_meetings(file)
    return import_each(session, actor, file, "pact-meetings", store, dry_run, force)
