"""Record (or edit) a PACT meeting in one form: attendance, the officers who went, the issues raised,
and which of the series' earlier issues were reported back — the list fills in as soon as the series
and date are known, so none is forgotten. A refused save says why at the field and keeps everything
typed."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Checkbox, Input, Label, SelectionList, Static, TextArea

from engage_tui.domain.pact_meetings import MeetingDraft
from engage_tui.service.people import Vocabulary
from engage_tui.tui.dialogs.form import FormScreen, form_buttons
from engage_tui.tui.work import Calls

FIELDS = (
    ("series", "Series", "the PACT series"),
    ("date", "Date", "YYYY-MM-DD"),
    ("public", "Public", "members of the public attending"),
    ("partners", "Partners", "partner agencies' people attending"),
    ("officers", "Officers", "NAME:RANK[:HOURS]; …  (pcso, pc, inspector; hours default 3)"),
    ("notes", "Notes", ""),
)

Pending = Callable[[str, str], list[tuple[int, str]]]


class MeetingForm(Calls, FormScreen):
    FIELD_WIDGETS = {"theme": "issues", "reported_back": "reported", "officer": "officers"}
    AUTO_FOCUS = "#public"

    def __init__(
        self,
        title: str,
        draft: MeetingDraft,
        words: Vocabulary,
        save: Callable[[MeetingDraft], int],
        pending: Pending,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.draft = draft
        self.words = words
        self.save_draft = save
        self.pending = pending

    def compose(self) -> ComposeResult:
        draft = self.draft
        values = {
            "series": draft.series,
            "date": draft.date,
            "public": draft.public,
            "partners": draft.partners,
            "officers": "; ".join(draft.officers),
            "notes": draft.notes,
        }
        with Vertical(id="meeting-form"):
            yield Static(self.form_title, id="form-title", markup=False)
            with VerticalScroll(id="meeting-body", can_focus=False):  # its fields take focus
                with Grid(id="meeting-fields"):
                    for name, label, hint in FIELDS:
                        yield Label(label, classes="field-label")
                        yield Input(
                            values[name],
                            id=name,
                            placeholder=hint,
                            compact=True,
                            suggester=SuggestFromList(self.words.series, case_sensitive=False)
                            if name == "series"
                            else None,
                        )
                yield Checkbox(
                    "Cancelled (no attendance, officers or issues)",
                    draft.cancelled,
                    id="cancelled",
                    compact=True,
                )
                yield Label("Issues raised, one a line as THEME: TEXT")
                yield Static(f"themes: {', '.join(self.words.themes)}", classes="hint", markup=False)
                yield TextArea(
                    "\n".join(draft.issues),
                    id="issues",
                    soft_wrap=True,
                    compact=True,
                    placeholder="e.g. speeding: cars racing on Front Street",
                )
                yield Label("Reported back at this meeting (space to tick)")
                yield Static(
                    "looking up the series' earlier issues…", id="reported-none", classes="hint", markup=False
                )
                listing = SelectionList[int](id="reported", compact=True)
                listing.display = False  # until the lookup says there is something to tick
                yield listing
            yield from form_buttons()

    def on_mount(self) -> None:
        """Start at the first field still to fill: the series from the Meetings tab, else the public."""
        self.load_pending()
        for name in ("series", "date"):
            if not self.query_one(f"#{name}", Input).value:
                self.query_one(f"#{name}", Input).focus()
                break

    @on(Input.Changed, "#series, #date")
    def load_pending(self) -> None:
        """The series' issues to report back (looked up in a thread as the series and date are typed)."""
        series, day = self.query_one("#series", Input).value, self.query_one("#date", Input).value
        self.call(
            lambda: self.pending(series, day),
            self._show_pending,
            failed=lambda _refused: self._show_pending([]),
        )  # not a meeting yet: nothing to list

    def _show_pending(self, issues: list[tuple[int, str]]) -> None:
        """List them, ticking those the draft already names or the user ticked."""
        listing = self.query_one("#reported", SelectionList)
        ticked = set(self.draft.reported_back) | set(listing.selected)
        listing.clear_options()
        listing.add_options((label, issue_id, issue_id in ticked) for issue_id, label in issues)
        if issues:
            listing.highlighted = 0  # space ticks the first at once, without a move first
        none = self.query_one("#reported-none", Static)
        none.update("none: the series has no earlier issue open or not yet reported back")
        none.display = not issues
        listing.display = bool(issues)

    def current_draft(self) -> MeetingDraft:
        text = {name: self.query_one(f"#{name}", Input).value for name, _, _ in FIELDS}
        issues = tuple(line for line in self.query_one("#issues", TextArea).text.splitlines() if line.strip())
        return MeetingDraft(
            text["series"],
            text["date"],
            text["public"],
            text["partners"],
            tuple(o for o in text["officers"].split(";") if o.strip()),
            text["notes"],
            self.query_one("#cancelled", Checkbox).value,
            issues,
            tuple(self.query_one("#reported", SelectionList).selected),
        )

    def action_save(self) -> None:
        draft = self.current_draft()  # read here: the save runs in a thread
        self.save_with(lambda: self.save_draft(draft))
