"""The audit trail, newest first, filtered by person, table and day (or period); enter opens a record
whole (who and as whom, every field before and after, its hash); `v` verifies the hash chain."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Input, Label, Select, Static

from engage_tui.domain.audit import AuditRow, Verification
from engage_tui.domain.audit_records import AuditRecord, field_changes
from engage_tui.domain.counts import counted
from engage_tui.domain.periods import parse_bound
from engage_tui.errors import EngageError
from engage_tui.tui.dialogs.ask import Ask, DomainCheck
from engage_tui.tui.dialogs.audit_record import AuditRecordDialog
from engage_tui.tui.screens.base import DataScreen
from engage_tui.tui.widgets.chunked import refill_keeping_cursor
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.rows import row_key
from engage_tui.tui.widgets.table import Table, cut

SHOWN_ROWS = 1000
COLUMNS = ("When (UTC)", "Who", "Action", "What", "Before", "After")
ELASTIC = {"Who": 1, "Before": 3, "After": 3}


class AuditScreen(DataScreen):
    AUTO_FOCUS = "#audit"
    BINDINGS = [
        Binding("enter", "open", "Open", id="audit.open", tooltip="the change under the cursor, whole"),
        Binding(
            "slash", "filter", "Filter", id="audit.filter", tooltip="choose the person, table and day shown"
        ),
        Binding("g", "go_to", "Go to", id="audit.goto", tooltip="show the changes of a day or period"),
        Binding("v", "verify", "Verify", id="audit.verify", tooltip="verify the trail's hash chain"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="audit-filters", classes="filters"):
            yield Label("Who")
            yield Select([], id="who-filter", prompt="anyone", compact=True)
            yield Label("Table")
            yield Select([], id="table-filter", prompt="any table", compact=True)
            yield Label("Day")
            yield Input(
                id="day-filter",
                placeholder="any day",
                compact=True,
                validators=[DomainCheck(parse_days)],
                validate_on=["changed", "submitted"],
            )
        yield Static("Audit trail", id="audit-title", markup=False)
        yield Table(id="audit", cursor_type="row", zebra_stripes=True, elastic=ELASTIC, detail="audit-detail")
        yield Static(id="audit-detail", classes="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#audit", DataTable)
        for title in COLUMNS:
            table.add_column(title, key=title)

    def reload(self) -> None:
        service = self.engage.service
        self.call(
            lambda: ([p.name for p in service.people.everyone()], service.audit.tables()),
            self._show_filters,
            group="filters",
        )
        self.refresh_trail()

    def _show_filters(self, found: tuple[list[str], list[str]]) -> None:
        for picker, names in zip(("#who-filter", "#table-filter"), found, strict=True):
            select = self.query_one(picker, Select)
            chosen = select.value
            with select.prevent(Select.Changed):
                select.set_options((n, n) for n in names)
                if chosen in names:
                    select.value = chosen

    def filters(self) -> tuple[str | None, str | None, tuple[date, date] | None]:
        who, table = (self.query_one(f"#{p}", Select).value for p in ("who-filter", "table-filter"))
        day = self.query_one("#day-filter", Input).value
        try:
            days = parse_days(day) if day.strip() else None
        except EngageError:
            days = None
        return (who if isinstance(who, str) else None, table if isinstance(table, str) else None, days)

    def refresh_trail(self) -> None:
        who, table, days = self.filters()
        start, end = days or (None, None)
        self.call(
            lambda: self.engage.service.audit.find(who, table, start, end, SHOWN_ROWS),
            lambda rows: self._show(rows, (who, table, days)),
        )

    @on(Select.Changed, "#who-filter, #table-filter")
    def _filter_changed(self) -> None:
        self.refresh_trail()

    @on(Input.Changed, "#day-filter")
    def _day_typed(self, event: Input.Changed) -> None:
        if event.validation_result is None or event.validation_result.is_valid:
            self.refresh_trail()

    def _show(self, rows: list[AuditRow], shown: tuple) -> None:
        refill_keeping_cursor(self.query_one("#audit", DataTable), rows, _add_change)
        who, table_name, days = shown
        parts = [who or "anyone", table_name or "any table"]
        if days:
            parts.append(days[0].isoformat() if days[0] == days[1] else f"{days[0]} to {days[1]}")
        limit = f" (the newest {SHOWN_ROWS})" if len(rows) == SHOWN_ROWS else ""
        self.query_one("#audit-title", Static).update(
            f"Audit trail — {len(rows)} changes{limit}: {', '.join(parts)} · enter opens one"
        )

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if action == "open" and not self.query_one("#audit", DataTable).row_count:
            return "No change to open: the filters match none"
        return None

    def action_open(self) -> None:
        key = row_key(self.query_one("#audit", DataTable))
        if key is None:
            return
        self.call(lambda: self.engage.service.audit.record(int(key)), self._opened, group="record")

    def _opened(self, record: AuditRecord) -> None:
        self.app.push_screen(AuditRecordDialog(record))

    def on_data_table_row_selected(self) -> None:
        self.run_worker(self.app.run_action("open", self))

    def action_filter(self) -> None:
        self.query_one("#who-filter", Select).focus()

    def action_go_to(self) -> None:
        """The changes of a day, or of a period typed as the reports write it."""

        def chosen(answer: str | None) -> None:
            if answer is not None:
                self.query_one("#day-filter", Input).value = answer

        shown = self.query_one("#day-filter", Input).value or self.engage.settings.today().isoformat()
        self.app.push_screen(Ask(GO_TO, shown, parse_days), chosen)

    def action_verify(self) -> None:
        """Verify the whole chain in a thread (seconds on a long trail); the screen stays usable."""
        self.notify("Verifying the audit trail…", title="Audit")
        self.call(self.engage.service.audit.verify, self._verified, group="verify")

    def _verified(self, result: Verification) -> None:
        if result.ok:
            self.notify(
                f"Intact: {counted(result.rows, 'row')}, hash chain verified, "
                "approved months hold their figures",
                title="Audit",
            )
        else:
            findings = result.findings
            more = (
                f" (and {len(findings) - 1} more: engage audit verify lists them)"
                if len(findings) > 1
                else ""
            )
            self.notify(
                findings[0] + more,
                title="Audit",
                severity="error",
                timeout=15,
            )


GO_TO = "Changes of (2017-10-20, or a period: 2017-10, Q4 2021/22, 2017)"


def parse_days(text: str) -> tuple[date, date]:
    """A day, or the first and last days of a period."""
    return parse_bound(text, "day"), parse_bound(text, "day", end=True)


def _sides(row: AuditRow) -> tuple[str, str]:
    """What changed, side by side: only the fields that differ (all of them for a create or delete)."""
    changed = [f for f in field_changes(row.before, row.after) if f.changed]
    before = "; ".join(f"{f.field}={f.before}" for f in changed if f.before)
    after = "; ".join(f"{f.field}={f.after}" for f in changed if f.after)
    return before, after


def _add_change(table: DataTable, r: AuditRow) -> None:
    before, after = _sides(r)
    table.add_row(
        r.at[:19].replace("T", " "),
        cut(r.actor),
        r.action,
        cut(f"{r.entity} {r.entity_id or ''}".rstrip()),
        cut(before),
        cut(after),
        key=str(r.id),
    )
