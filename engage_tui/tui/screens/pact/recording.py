"""Recording or editing a PACT meeting in its form, from whichever tab asked: the form opens once the
names it suggests (and, to edit, the meeting) are loaded, and a save reloads the tabs it changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engage_tui.domain.pact_meetings import MeetingDraft
from engage_tui.service.people import Vocabulary
from engage_tui.tui.dialogs.meeting_form import MeetingForm

if TYPE_CHECKING:
    from engage_tui.tui.screens.pact import PactScreen

CHANGES = ("due", "meetings", "issues", "tables")
"""The tabs a meeting saved or deleted changes."""


class MeetingRecorder:
    def __init__(self, screen: PactScreen) -> None:
        self.screen = screen
        self.service = screen.engage.service

    def record(self, series: str, day: str) -> None:
        """A new meeting of `series` on `day` (today when none is given)."""
        draft = MeetingDraft(series, day or self.screen.engage.settings.today().isoformat())
        self._open("Record a PACT meeting", draft, self.service.pact.add_meeting)

    def edit(self, meeting_id: int) -> None:
        def loaded(found: tuple[MeetingDraft, int]) -> None:
            draft, raised = found
            also = f" · {raised} issue(s) raised at it: follow them up on the Issues tab" if raised else ""

            def save(changed: MeetingDraft) -> int:  # only what changed, so ticking Cancelled drops time
                changes = {k: v for k, v in vars(changed).items() if v != getattr(draft, k)}
                return self.service.pact.edit_meeting(meeting_id, changes).id

            self._open(f"Edit PACT meeting {meeting_id}{also}", draft, save, meeting_id)

        self.screen.call(
            lambda: (
                self.service.pact.meeting_draft(meeting_id),
                self.service.pact.meeting(meeting_id).issues_raised,
            ),
            loaded,
            group="form",
        )

    def _open(self, title: str, draft: MeetingDraft, save, meeting_id: int | None = None) -> None:
        def pending(series: str, day: str) -> list[tuple[int, str]]:
            from engage_tui.domain.periods import parse_date

            return [
                (i.id, f"{i.raised} {i.theme}: {i.text} [{i.status}]")
                for i in self.service.pact.to_report_back(series, parse_date(day), meeting_id)
            ]

        def opened(words: Vocabulary) -> None:
            self.screen.app.push_screen(MeetingForm(title, draft, words, save, pending), self._saved)

        self.screen.call(self.service.people.vocabulary, opened, group="form")

    def _saved(self, meeting_id: int | None) -> None:
        if meeting_id is not None:
            self.screen.notify(f"Saved PACT meeting {meeting_id}")
            self.screen.changed(*CHANGES)
