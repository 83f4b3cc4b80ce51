"""The Issues tab: issues raised at meetings, filtered by status and area, with the open ones by area
at a glance; `e` (or enter) follows up the one under the cursor, `delete` takes off one recorded by
mistake."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Select, Static

from engage_tui.domain.pact_issues import ISSUE_STATES, IssueRow, issues_report
from engage_tui.domain.tables import Report
from engage_tui.service.people import Vocabulary
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.issue_form import IssueForm
from engage_tui.tui.screens.pact.parts import PactTab, area_filter, table
from engage_tui.tui.widgets.table import cut

STATUS_LABELS = {"open": "open and in hand"}
"""The status filter's `open` means both states still to act on."""
CHANGES = ("issues", "tables")


class IssuesTab(PactTab):
    TABLE = "issues"
    BINDINGS = [
        Binding(
            "e", "follow_up", "Follow up", id="issue.edit", tooltip="follow up the issue under the cursor"
        ),
        Binding(
            "enter",
            "follow_up",
            "Open",
            id="issue.open",
            show=False,
            tooltip="open the issue to follow it up",
        ),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="issue.delete",
            key_display="del",
            tooltip="delete an issue recorded by mistake",
        ),
    ]
    ROW = "issue"
    ON_ROW = ("follow_up", "delete")
    issues: list[IssueRow] = []
    glance: str | None = None

    def parts(self) -> ComposeResult:
        with Horizontal(classes="filters"):
            yield Label("Status")
            yield Select(
                [(STATUS_LABELS.get(s, s), s) for s in ("open", *ISSUE_STATES[1:])],
                id="status-filter",
                prompt="all",
                compact=True,
                value="open",
            )
            yield from area_filter("issue-area-filter")
        yield Static(id="issues-glance", markup=False)
        yield from table(
            "issues",
            "Raised",
            "Status",
            "Theme",
            "Issue",
            "Series",
            "Owner",
            "Referral",
            "Reported",
            elastic={"Theme": 2, "Issue": 5, "Series": 3, "Owner": 2, "Referral": 2},
        )

    @on(Select.Changed, "#status-filter, #issue-area-filter")
    def _filtered(self) -> None:
        self.reload_when_shown()

    def load(self) -> None:
        area, status = self.filter("issue-area-filter"), self.filter("status-filter")
        self.call(lambda: self.engage.service.pact.issues(area, status), self._loaded)

    def _loaded(self, issues: list[IssueRow]) -> None:
        self.issues = issues

        def row(grid: DataTable, i: IssueRow) -> None:
            grid.add_row(
                i.raised.isoformat(),
                Text(i.status),
                cut(i.theme),
                cut(i.text),
                cut(i.series),
                cut(i.owner),
                cut(i.referral),
                i.reported_back.isoformat() if i.reported_back else "",
                key=str(i.id),
            )

        self.refill(issues, row)

    def show_glance(self, open_by_area: list[tuple[str, int]]) -> None:
        """Open issues by area, most first (from the Tables tab's issues-by-area table); kept for when
        the tab is first shown."""
        self.glance = " · ".join(f"{area} {n}" for area, n in open_by_area[:6]) or "none"
        self._write_glance()

    def on_built(self) -> None:
        super().on_built()
        self._write_glance()

    def _write_glance(self) -> None:
        """The glance into its line, once both exist."""
        if self.glance is not None:
            for line in self.query("#issues-glance").results(Static):
                line.update(f"Open by area: {self.glance}")

    def report(self) -> Report:
        area, status = self.filter("issue-area-filter"), self.filter("status-filter")
        return issues_report(
            self.issues, f"{STATUS_LABELS.get(status or '', status or 'all')}, {area or 'all areas'}"
        )

    def _issue_id(self) -> int | None:
        key = self.selected()
        return None if key is None else int(key)

    def action_follow_up(self) -> None:
        issue_id = self._issue_id()
        if issue_id is None:
            return
        pact = self.engage.service.pact

        def loaded(found: tuple[IssueRow, Vocabulary]) -> None:
            issue, words = found
            self.app.push_screen(
                IssueForm(issue, words, lambda changes: pact.update_issue(issue_id, changes).id),
                self._followed_up,
            )

        self.call(
            lambda: (pact.issue(issue_id), self.engage.service.people.vocabulary()), loaded, group="form"
        )

    def on_data_table_row_selected(self) -> None:
        self.run_worker(self.app.run_action("follow_up", self))

    def _followed_up(self, issue_id: int | None) -> None:
        if issue_id is not None:
            self.notify(f"Saved issue {issue_id}")
            self.view.changed(*CHANGES)

    def action_delete(self) -> None:
        issue_id = self._issue_id()
        if issue_id is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.call(lambda: self.engage.service.pact.delete_issue(issue_id), self._deleted, load=False)

        issue = next((i for i in self.issues if i.id == issue_id), None)
        what = (
            f"the issue {issue.theme}: {issue.text!r} raised at {issue.series}"
            if issue
            else f"issue {issue_id}"
        )
        self.app.push_screen(
            Confirm(
                f"Delete {what}, recorded by mistake? (The audit trail keeps what it said.)",
                "Delete an issue",
                "Delete",
            ),
            confirmed,
        )

    def _deleted(self, row: IssueRow) -> None:
        self.notify(f"Deleted issue {row.id}")
        self.view.changed(*CHANGES)
