"""Follow up a PACT issue: its wording and theme, status, owner, referral, outcome, and the meeting
that heard it reported back. Only the fields changed are sent; a refused save keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from engage_tui.domain.pact_issues import ISSUE_STATES, IssueRow
from engage_tui.service.people import Vocabulary
from engage_tui.tui.dialogs.form import FormScreen, form_buttons

INPUTS = (
    ("text", "Issue", "what residents raised"),
    ("owner", "Owner", "who is dealing with it"),
    ("referral", "Referral", "LMAP, AAP, council…"),
    ("outcome", "Outcome", "what was done"),
    ("reported_back", "Reported", "YYYY-MM-DD: the later meeting that heard the outcome"),
)


class IssueForm(FormScreen):
    AUTO_FOCUS = "#status"

    def __init__(self, issue: IssueRow, words: Vocabulary, save: Callable[[dict[str, str]], int]) -> None:
        super().__init__()
        self.issue = issue
        self.words = words
        self.save_changes = save
        self.stored = self._values(issue)

    @staticmethod
    def _values(issue: IssueRow) -> dict[str, str]:
        back = issue.reported_back.isoformat() if issue.reported_back else ""
        return {
            "text": issue.text,
            "owner": issue.owner,
            "referral": issue.referral or "",
            "outcome": issue.outcome,
            "reported_back": back,
            "status": issue.status,
            "theme": issue.theme,
        }

    def compose(self) -> ComposeResult:
        issue = self.issue
        suggestions = {"referral": self.words.referrals}
        with Vertical(id="issue-form"):
            yield Static(
                f"Issue {issue.id}, raised at {issue.series} on {issue.raised}", id="form-title", markup=False
            )
            with Grid(id="issue-fields"):
                yield Label("Status", classes="field-label")
                yield Select(
                    [(s, s) for s in ISSUE_STATES],
                    value=issue.status,
                    allow_blank=False,
                    id="status",
                    compact=True,
                )
                yield Label("Theme", classes="field-label")
                themes = dict.fromkeys([*self.words.themes, issue.theme])
                yield Select(
                    [(t, t) for t in themes], value=issue.theme, allow_blank=False, id="theme", compact=True
                )
                for name, label, hint in INPUTS:
                    yield Label(label, classes="field-label")
                    words = suggestions.get(name)
                    yield Input(
                        self.stored[name],
                        id=name,
                        placeholder=hint,
                        compact=True,
                        suggester=SuggestFromList(words, case_sensitive=False) if words else None,
                    )
            yield from form_buttons()

    def action_save(self) -> None:
        typed = {name: self.query_one(f"#{name}", Input).value for name, _, _ in INPUTS}
        typed |= {name: str(self.query_one(f"#{name}", Select).value) for name in ("status", "theme")}
        changes = {name: value for name, value in typed.items() if value != self.stored[name]}
        if not changes:
            self.dismiss(None)
            return
        self.save_with(lambda: self.save_changes(changes))
