"""People (supervisors): the people, the areas and their localities, and the vocabularies — added,
renamed, moved, retired and restored, each change audited by the same domain calls as the CLI's
`engage officer|area|locality|term …`. Nothing that records use is deleted: people and areas are
retired (their records stay and count); a locality or a word is deleted only while nothing uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, Select, Static, TabbedContent, TabPane

from engage_tui.domain.job_titles import BEGINNING, JOBS
from engage_tui.domain.people import PersonRow
from engage_tui.service.directory import DirectoryView
from engage_tui.tui.dialogs.ask import Ask
from engage_tui.tui.dialogs.confirm import Confirm
from engage_tui.tui.dialogs.fields_form import Field, FieldsForm
from engage_tui.tui.screens.base import DataScreen
from engage_tui.tui.widgets.chunked import refill_keeping_cursor
from engage_tui.tui.widgets.footer import Footer
from engage_tui.tui.widgets.rows import row_key
from engage_tui.tui.widgets.table import Table, cut
from engage_tui.tui.work import LOADING

KINDS = ("audience", "activity", "theme", "referral")
ROLES = ("officer", "supervisor")
TABS = {"people": ("People", "p"), "places": ("Areas and localities", "l"), "words": ("Vocabularies", "w")}
"""Each tab: its title and the key that shows it."""
TABLES = {"people": "people", "places": "areas", "words": "terms"}
"""Each tab's first table."""
NEVER_DELETED = {
    "people": "A person is never deleted, so their records stay whole: retire them (R)",
    "areas": "An area is never deleted, so its records stay whole: retire it (R)",
}
WHAT = {"people": "person", "areas": "area", "localities": "locality", "terms": "word"}
"""What a row of each table is."""


BY_ROLE = "(by role)"
"""A new person's job left to their role: a cohesion officer, or a sergeant for a supervisor."""


def job_of(person: PersonRow) -> str:
    """The person's job today (co, pcso, pc, …)."""
    return person.job or "—"


class PeopleScreen(DataScreen):
    BINDINGS = [
        Binding("a", "add", "Add", id="people.add", tooltip="add a person, area, locality or word"),
        Binding("e", "edit", "Edit", id="people.edit", tooltip="rename or change the row under the cursor"),
        Binding("enter", "edit", "Open", id="people.open", show=False, tooltip="open the row to change it"),
        Binding("R", "retire", "Retire", id="people.retire", tooltip="retire (or restore) a person or area"),
        Binding(
            "delete",
            "delete",
            "Delete",
            id="people.delete",
            key_display="del",
            tooltip="delete a locality or word nothing uses",
        ),
        Binding("slash", "filter", "Filter", id="people.filter", tooltip="choose the vocabulary shown"),
        *(
            Binding(
                key,
                f"show_tab('{name}')",
                title,
                id=f"people.tab_{name}",
                show=False,
                tooltip=f"the {title} tab",
            )
            for name, (title, key) in TABS.items()
        ),
    ]
    AUTO_FOCUS = "#people"
    view: DirectoryView | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"People, places and vocabularies — {LOADING}", id="people-title", markup=False)
        with TabbedContent(id="people-tabs"):
            with TabPane(f"People ({TABS['people'][1]})", id="people-tab"):
                yield Table(
                    id="people", cursor_type="row", zebra_stripes=True, elastic={"Name": 3, "Area": 2}
                )
                yield Static(id="people-detail", classes="detail", markup=False)
            with TabPane(f"Areas and localities ({TABS['places'][1]})", id="places-tab"):
                with Horizontal(id="places"):
                    yield Table(
                        id="areas",
                        cursor_type="row",
                        zebra_stripes=True,
                        elastic={"Area": 3, "Locality": 2},
                        detail="places-detail",
                    )
                    yield Table(id="localities", cursor_type="row", zebra_stripes=True)
                yield Static(id="places-detail", classes="detail", markup=False)
            with TabPane(f"Vocabularies ({TABS['words'][1]})", id="words-tab"):
                with Horizontal(classes="filters"):
                    yield Label("Vocabulary")
                    yield Select([(k, k) for k in KINDS], id="kind-filter", prompt="all", compact=True)
                yield Table(
                    id="terms",
                    cursor_type="row",
                    zebra_stripes=True,
                    elastic={"Word": 1},
                    detail="words-detail",
                )
                yield Static(id="words-detail", classes="detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        columns = {
            "people": ("Name", "Login", "Role", "Job", "Area", "Active"),
            "areas": ("Area", "Locality", "Active", "Used"),
            "localities": ("Locality", "Areas", "Scores"),
            "terms": ("Vocabulary", "Word", "Short", "Active", "Used"),
        }
        for table_id, titles in columns.items():
            table = self.query_one(f"#{table_id}", DataTable)
            for title in titles:
                table.add_column(title, key=title)

    def reload(self) -> None:
        self.call(self.engage.service.directory.view, self._show)

    # --- showing ------------------------------------------------------------------------------------

    def _show(self, view: DirectoryView) -> None:
        self.view = view
        self._fill("people", [(str(p.id), _person_cells(p)) for p in view.people])
        self._fill(
            "areas",
            [(a.name, (cut(a.name), cut(a.locality), _active(a.active), _count(a.uses))) for a in view.areas],
        )
        self._fill(
            "localities",
            [(p.name, (Text(p.name), _count(p.areas), _count(p.scores))) for p in view.localities],
        )
        self._fill_terms()
        active = sum(p.active for p in view.people)
        self.query_one("#people-title", Static).update(
            f"{active} of {len(view.people)} people active · {len(view.areas)} areas in "
            f"{len(view.localities)} localities · {len(view.terms)} vocabulary words"
        )
        self.show_person()

    def _fill(self, table_id: str, rows: list[tuple[str, tuple[object, ...]]]) -> None:
        """A screenful at once, the rest between frames, the cursor kept on its row."""
        refill_keeping_cursor(
            self.query_one(f"#{table_id}", DataTable),
            rows,
            lambda table, row: table.add_row(*row[1], key=row[0]),
        )

    @on(Select.Changed, "#kind-filter")
    def _fill_terms(self) -> None:
        if self.view is None:
            return
        kind = self.query_one("#kind-filter", Select).value
        terms = [t for t in self.view.terms if not isinstance(kind, str) or t.kind == kind]
        self._fill(
            "terms",
            [
                (f"{t.kind}|{t.name}", (t.kind, cut(t.name), cut(t.short), _active(t.active), _count(t.uses)))
                for t in terms
            ],
        )

    @on(DataTable.RowHighlighted, "#people")
    def show_person(self) -> None:
        """The person under the cursor whole, and their jobs."""
        person = self.person()
        line = self.query_one("#people-detail", Static)
        if person is None:
            line.update("")
            return
        state = "active" if person.active else "retired: no longer signs in or is offered"
        line.update(
            Text(
                f"{person.name} · {person.role} · login {person.login or '—'} · home area "
                f"{person.area or '—'} · {state} · job history: {self.job_history(person)}"
            )
        )

    def job_history(self, person: PersonRow) -> str:
        """A person's jobs and the day each took effect (`co`, `pcso from 2019-06-01`)."""
        history = self.view.jobs.get(person.id, []) if self.view else []
        return (
            "; ".join(
                j.job + (f" from {j.effective_from}" if j.effective_from > BEGINNING else "") for j in history
            )
            or "none recorded"
        )

    # --- what is under the cursor -------------------------------------------------------------------

    def tab(self) -> str:
        return self.query_one(TabbedContent).active.removesuffix("-tab")

    def table(self) -> str:
        """The table the keys act on: on Areas and localities, the one last focused."""
        tab = self.tab()
        if tab == "places" and self.focused is not None and self.focused.id == "localities":
            return "localities"
        return TABLES[tab]

    def selected(self) -> str | None:
        return row_key(self.query_one(f"#{self.table()}", DataTable))

    def person(self) -> PersonRow | None:
        key = row_key(self.query_one("#people", DataTable))
        people = self.view.people if self.view else []
        return next((p for p in people if str(p.id) == key), None)

    # --- keys ---------------------------------------------------------------------------------------

    def hides(self, action: str) -> bool:
        return not self.engage.is_supervisor

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        if not self.engage.is_supervisor:
            return "Only a supervisor keeps the people, areas and vocabularies"
        if action == "filter" and self.tab() != "words":
            return "Only the Vocabularies tab has a filter"
        table = self.table()
        if action in ("edit", "retire", "delete") and self.selected() is None:
            return f"No {WHAT[table]} under the cursor"
        if action == "retire" and table == "localities":
            return "A locality is not retired: rename it, or delete one nothing uses"
        if action == "delete" and table in ("people", "areas"):
            return NEVER_DELETED[table]
        if action == "retire" and table == "people":
            person = self.person()
            if person is not None and self.engage.actor.is_either(person.id):
                return "You cannot retire yourself"
        return None

    def action_show_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = f"{name}-tab"
        self.query_one(f"#{TABLES[name]}", DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#kind-filter", Select).focus()

    def action_add(self) -> None:
        table, directory, people = self.table(), self.engage.service.directory, self.engage.service.people
        areas = tuple(a.name for a in self.view.areas if a.active) if self.view else ()
        localities = tuple(p.name for p in self.view.localities) if self.view else ()
        if table == "people":
            fields = [
                Field("name", "Name"),
                Field("login", "Login", hint="their operating-system account, if not their name"),
                Field("role", "Role", "officer", choices=ROLES),
                Field("job", "Job", BY_ROLE, choices=(BY_ROLE, *JOBS)),
                Field("area", "Home area", suggest=areas),
            ]

            def add(c: dict[str, str]) -> int:
                job = None if c.get("job", BY_ROLE) == BY_ROLE else c["job"]
                return people.add(
                    c.get("name", ""), c.get("role", "officer"), c.get("area"), c.get("login"), job
                ).id

            self._form("Add a person", fields, add)
        elif table == "areas":
            fields = [Field("name", "Area"), Field("locality", "Locality", suggest=localities)]
            self._form(
                "Add an area", fields, lambda c: people.add_area(c.get("name", ""), c.get("locality")).id
            )
        elif table == "localities":
            self._ask("New locality", "", lambda name: directory.add_locality(name).id)
        else:
            kind = self.query_one("#kind-filter", Select).value
            fields = [
                Field("kind", "Vocabulary", kind if isinstance(kind, str) else KINDS[0], choices=KINDS),
                Field("name", "Word"),
                Field("short", "Short form", hint="also accepted when typed, e.g. GRT"),
            ]
            self._form(
                "Add a vocabulary word",
                fields,
                lambda c: (
                    people.add_term(c.get("kind", fields[0].value), c.get("name", ""), c.get("short")).id
                ),
            )

    def action_edit(self) -> None:
        key, table, directory = self.selected(), self.table(), self.engage.service.directory
        if key is None or self.view is None:
            return
        areas = tuple(a.name for a in self.view.areas if a.active)
        today = self.engage.settings.today().isoformat()
        if table == "people":
            person = self.person()
            if person is None:
                return
            fields = [
                Field("name", "Name", person.name),
                Field("login", "Login", person.login or "", fixed=True),
                Field("role", "Role", person.role, choices=ROLES, fixed=True),
                Field("job", "Job", person.job or JOBS[0], choices=JOBS),
                Field("job_from", "Job from", today, hint="the day a new job takes effect"),
                Field("area", "Home area", person.area or "", hint="(none)", suggest=areas),
            ]

            def edit(c: dict[str, str]) -> int:  # a new job takes effect today unless a day is typed
                return directory.edit_person(person.name, {"job_from": today, **c}).id

            self._form(f"Change {person.name}", fields, edit)
        elif table == "areas":
            area = next(a for a in self.view.areas if a.name == key)
            localities = tuple(p.name for p in self.view.localities)
            fields = [
                Field("name", "Area", area.name),
                Field("locality", "Locality", area.locality or "", hint="(none)", suggest=localities),
            ]
            self._form(f"Change the area {area.name}", fields, lambda c: directory.edit_area(area.name, c).id)
        elif table == "localities":
            self._ask(
                f"Rename the locality {key} to", key, lambda name: directory.rename_locality(key, name).id
            )
        else:
            kind, _, name = key.partition("|")
            term = next(t for t in self.view.terms if t.kind == kind and t.name == name)
            fields = [Field("name", "Word", term.name), Field("short", "Short form", term.short or "")]
            self._form(
                f"Change the {kind} {term.name!r}", fields, lambda c: directory.edit_term(kind, name, c).id
            )

    def action_retire(self) -> None:
        """Retire a person, an area or a vocabulary word (or restore a retired one), once confirmed."""
        key, table, directory = self.selected(), self.table(), self.engage.service.directory
        if key is None or self.view is None:
            return
        if table == "people":
            person = self.person()
            if person is None:
                return
            set_active: Callable[[str, bool], object] = directory.set_person_active
            name, active = person.name, person.active
            effect = "they can no longer sign in or be chosen; their records stay and count"
        elif table == "areas":
            area = next(a for a in self.view.areas if a.name == key)
            set_active = directory.set_area_active
            name, active = area.name, area.active
            effect = "it is no longer offered; its records stay and count"
        else:
            kind, word = key.split("|", 1)
            term = next(t for t in self.view.terms if t.kind == kind and t.name == word)
            set_active = partial(directory.set_term_active, kind)
            name, active = term.name, term.active
            effect = "it is no longer offered; the records that use it keep it and count"
        verb, done = ("Retire", "retired") if active else ("Restore", "restored")
        question = f"{verb} {name}?" + (f" ({effect})" if active else "")
        self._confirm(
            question, f"{verb} a {WHAT[table]}", verb, lambda: set_active(name, not active), f"{done} {name}"
        )

    def action_delete(self) -> None:
        """Delete a locality or a word nothing uses, once confirmed (the domain refuses one in use)."""
        key, table, directory = self.selected(), self.table(), self.engage.service.directory
        if key is None:
            return
        if table == "localities":
            self._confirm(
                f"Delete the locality {key}?",
                "Delete a locality",
                "Delete",
                lambda: directory.delete_locality(key),
                f"deleted the locality {key}",
            )
        else:
            kind, _, name = key.partition("|")
            self._confirm(
                f"Delete the {kind} {name!r}? (Only a word nothing uses can be deleted.)",
                "Delete a vocabulary word",
                "Delete",
                lambda: directory.delete_term(kind, name),
                f"deleted the {kind} {name!r}",
            )

    # --- dialogs ------------------------------------------------------------------------------------

    def _form(self, title: str, fields: list[Field], save: Callable[[dict[str, str]], int]) -> None:
        self.app.push_screen(FieldsForm(title, fields, save), self._saved)

    def _ask(self, question: str, value: str, save: Callable[[str], int]) -> None:
        def given(answer: str | None) -> None:
            if answer and answer != value:
                self.call(lambda: save(answer), lambda _id: self._saved(_id), load=False)

        self.app.push_screen(Ask(question, value, _named), given)

    def _confirm(self, question: str, title: str, yes: str, change: Callable[[], object], done: str) -> None:
        def confirmed(answer: bool | None) -> None:
            if answer:
                self.call(change, lambda _row: self._changed(done), load=False)

        self.app.push_screen(Confirm(question, title, yes), confirmed)

    def _saved(self, saved_id: int | None) -> None:
        if saved_id is not None:
            self._changed("saved")

    def _changed(self, done: str) -> None:
        self.notify(done[:1].upper() + done[1:], markup=False)
        self.reload()


def _named(text: str) -> str:
    """A name is needed (the domain checks the rest when it saves)."""
    from engage_tui.errors import EngageError

    if not text.strip():
        raise EngageError("name: a name is needed", field="name")
    return text


def _person_cells(p: PersonRow) -> tuple[object, ...]:
    style = "" if p.active else "dim"
    return (
        cut(p.name, style=style),
        Text(p.login or "", style=style),
        Text(p.role, style=style),
        Text(job_of(p), style=style),
        cut(p.area, style=style),
        _active(p.active),
    )


def _active(active: bool) -> Text:
    return Text("yes", style="green") if active else Text("retired", style="dim")


def _count(n: int) -> Text:
    return Text(str(n) if n else "", justify="right")
