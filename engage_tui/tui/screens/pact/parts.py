"""What the PACT screen's tabs share: a tab that loads its own rows in a thread, and the table, cell
and filter helpers."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Select, Static

from engage_tui.domain.tables import Report
from engage_tui.tui.keys import Explains
from engage_tui.tui.widgets.chunked import refill_keeping_cursor
from engage_tui.tui.widgets.rows import row_key
from engage_tui.tui.widgets.table import Table
from engage_tui.tui.work import Calls

if TYPE_CHECKING:
    from engage_tui.service.people import Vocabulary

T = TypeVar("T")


class PactView(Protocol):
    """What a tab asks of the screen it is on."""

    as_of: date | None

    def tab_loaded(self, name: str, **counts: int) -> None: ...

    def changed(self, *tabs: str) -> None: ...


class PactTab(Explains, Calls, Vertical):
    """One tab: loads its own rows for the screen's day, keeps its cursor on the row it was on, and
    says what `x` exports."""

    DEFAULT_CSS = "PactTab { height: 1fr; }"
    TABLE = ""
    """The id of the tab's table (the tab's own name, its key in `TABS`, is the widget's `name`)."""
    built = False
    """Its widgets are composed and mounted: from the start for Due, the tab PACT opens on, the others
    once first shown (their rows may load before, for the title). Textual restyles a whole screen as it
    is shown, twice on a mode's first showing: five tabs of tables and filters held the loop 100-130 ms
    on opening PACT."""
    building: asyncio.Task[None] | None = None
    words: Vocabulary | None = None
    """The names for the filters, kept for a tab not yet built."""
    loaded_with: tuple[object, ...] | None = None
    """The filters' values its rows were last loaded with."""

    def compose(self) -> ComposeResult:
        if self.built or self.building is not None:
            yield from self.parts()

    def parts(self) -> ComposeResult:
        raise NotImplementedError

    async def build(self) -> None:
        """Compose and mount the tab's widgets, once, when it is first shown; every caller waits for
        that one build (the key that shows the tab and the tab's activation both ask)."""
        if self.building is None and not self.built:
            self.building = asyncio.create_task(self._build())
        if self.building is not None:
            await self.building

    async def _build(self) -> None:
        await self.recompose()
        self.built = True
        self.on_built()

    def on_built(self) -> None:
        """What came before the widgets did: the filters' names."""
        if self.words is not None:
            self.words_loaded(self.words)

    @property
    def view(self) -> PactView:
        return self.screen  # type: ignore[return-value]

    @property
    def as_of(self) -> date:
        return self.view.as_of or self.engage.settings.today()

    def year(self) -> tuple[date, date]:
        return date(self.as_of.year, 1, 1), date(self.as_of.year, 12, 31)

    def load(self) -> None:
        raise NotImplementedError

    def reload_when_shown(self) -> None:
        """A filter changed: the rows again now if the tab is in view, else when it is next shown (the
        Issues tab's status filter, set on mounting, loaded 5,000 issues behind the Due list). Not when
        its rows were loaded with these values: the filter reporting the value it mounted with."""
        if self.filters() != self.loaded_with:
            self.view.changed(str(self.name))

    def filters(self) -> tuple[object, ...]:
        """The values of the tab's filters now."""
        return tuple(picker.value for picker in self.query(Select).results(Select))

    ROW = "row"
    """What a row of the tab is, as a refusal names it."""
    ON_ROW: tuple[str, ...] = ()
    """The tab's actions that need a row under the cursor."""

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if action in self.ON_ROW and self.selected() is None:
            return f"No {self.ROW} under the cursor on this tab"
        return None

    def report(self) -> Report | None:
        """What `x` writes: the tab's rows as loaded and filtered."""
        raise NotImplementedError

    def words_loaded(self, words: Vocabulary) -> None:
        """The areas (and other names) for the tab's filters, after each dialog or screen change."""
        self.words = words
        for picker in self.query(".area-filter").results(Select):
            chosen = picker.value  # a dialog closing must not clear the filter
            with picker.prevent(Select.Changed):
                picker.set_options((a, a) for a in words.areas)
                if chosen in words.areas:
                    picker.value = chosen

    def filter(self, picker: str) -> str | None:
        value = self.query_one(f"#{picker}", Select).value
        return value if isinstance(value, str) else None

    def selected(self) -> str | None:
        """The key of the row under the cursor; None before the tab is built."""
        tables = self.query(f"#{self.TABLE}").results(DataTable)
        return next((row_key(table) for table in tables), None)

    def refill(self, items: Sequence[T], add: Callable[[DataTable, T], None]) -> None:
        """Refill the tab's table with `add(table, item)` for each item, a screenful at once and the
        rest between frames, the cursor kept on its row."""
        refill_keeping_cursor(self.query_one(f"#{self.TABLE}", DataTable), items, add)


def table(table_id: str, *columns: str, elastic: dict[str, int] | None = None) -> ComposeResult:
    """The tab's table; its `elastic` columns are cut with … to fit and shown whole in the line under it."""
    made = Table(
        id=table_id,
        cursor_type="row",
        zebra_stripes=True,
        elastic=elastic,
        detail=f"{table_id}-detail" if elastic else None,
    )
    for title in columns:
        made.add_column(title, key=title)
    yield made
    if elastic:
        yield Static(id=f"{table_id}-detail", classes="detail", markup=False)


def count_cell(value: int | None) -> Text:
    return Text("" if value is None else str(value), justify="right")


def area_filter(picker_id: str) -> ComposeResult:
    yield Label("Area")
    yield Select([], id=picker_id, prompt="all areas", compact=True, classes="area-filter")
