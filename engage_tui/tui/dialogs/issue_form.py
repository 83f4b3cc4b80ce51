"""Follow up a PACT issue: its status, owner, referral and outcome. A refused save keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from engage_tui.domain.pact_issues import ISSUE_STATES, IssueRow
from engage_tui.errors import EngageError

FIELDS = (("owner", "Owner", "who is dealing with it"), ("referral", "Referral", "LMAP, AAP, council…"),
          ("outcome", "Outcome", "what was done"))


class IssueForm(ModalScreen[int | None]):
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
            with Horizontal(id="buttons"):
                yield Static("", id="form-status", markup=False)
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def action_save(self) -> None:
        changes = {name: self.query_one(f"#{name}", Input).value for name, _, _ in FIELDS}
        changes["status"] = str(self.query_one("#status", Select).value)
        try:
            issue_id = self.save_changes(changes)
        except EngageError as refusal:
            self.query_one("#form-status", Static).update(refusal.message)
            if refusal.field and self.query(f"#{refusal.field}"):
                self.query_one(f"#{refusal.field}").focus()
            return
        except Exception as failure:  # a bug: say so, keep the form
            self.query_one("#form-status", Static).update(f"unexpected {type(failure).__name__}: {failure}")
            return
        self.dismiss(issue_id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)
