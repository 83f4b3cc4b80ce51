"""Follow up a PACT issue: its status, owner, referral and outcome. A refused save keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from engage_tui.domain.pact_issues import ISSUE_STATES, IssueRow
from engage_tui.tui.dialogs.form import FormScreen, form_buttons

FIELDS = (("owner", "Owner", "who is dealing with it"), ("referral", "Referral", "LMAP, AAP, council…"),
          ("outcome", "Outcome", "what was done"))


class IssueForm(FormScreen):
    BINDINGS = [Binding("ctrl+s", "save", "Save", id="issue.save", priority=True),
                Binding("escape", "cancel", "Cancel", id="issue.cancel")]
    AUTO_FOCUS = "#status"

    def __init__(self, issue: IssueRow, referrals: list[str],
                 save: Callable[[dict[str, str]], int]) -> None:
        super().__init__()
        self.issue = issue
        self.referrals = referrals
        self.save_changes = save

    def compose(self) -> ComposeResult:
        issue = self.issue
        with Vertical(id="issue-form"):
            yield Static(f"Issue {issue.id}, {issue.series} {issue.raised}: {issue.theme} — {issue.text}",
                         id="form-title", markup=False)
            with Grid(id="issue-fields"):
                yield Label("Status", classes="field-label")
                yield Select([(s, s) for s in ISSUE_STATES], value=issue.status, allow_blank=False,
                             id="status", compact=True)
                for name, label, hint in FIELDS:
                    yield Label(label, classes="field-label")
                    yield Input(getattr(issue, name) or "", id=name, placeholder=hint, compact=True,
                                suggester=SuggestFromList(self.referrals, case_sensitive=False)
                                if name == "referral" else None)
            yield from form_buttons()

    def action_save(self) -> None:
        changes = {name: self.query_one(f"#{name}", Input).value for name, _, _ in FIELDS}
        changes["status"] = str(self.query_one("#status", Select).value)
        self.save_with(lambda: self.save_changes(changes))
