"""One key, one meaning, everything made from the bindings.

Every binding has an id `NOUN.VERB` (`hours.add`, `return.approve`); the verb is its meaning, and a
test holds each key to one verb and each verb to one key across the whole app. From the same
bindings come the footer's keys at any width (widgets/footer.py), the key help (`?` or F1), the
palette's action by name (`hours: add an entry`), and the README's key table
(`python -m engage_tui.tui.keys` prints it; `--write README.md` puts it between its markers).

A screen or widget whose action cannot run now says why: `why_not(action, parameters)` returns the
reason, which the app shows as a notification when the key is pressed (a key that does nothing and
says nothing is a key a new officer stops trusting). `check_action` follows from it, so the footer
dims what cannot run now.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.actions import parse
from textual.binding import Binding

if TYPE_CHECKING:
    from textual.actions import ActionParseResult
    from textual.dom import DOMNode

KEY_NAMES = {
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "slash": "/",
}
"""Keys as a person reads them (the rest as Textual names them: `ctrl+s`, `delete`, `enter`)."""

BEGIN = "<!-- keys: made from the bindings by `python -m engage_tui.tui.keys --write README.md` -->"
END = "<!-- /keys -->"


class Explains:
    """Mixin: `why_not` gives the reason an action cannot run now (None: it can); `hides` an action
    this person never has (a supervisor's), which the footer leaves out. Pressing either says why."""

    def why_not(self, action: str, parameters: tuple[object, ...]) -> str | None:
        return None

    def hides(self, action: str) -> bool:
        return False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.hides(action):
            return False
        return None if self.why_not(action, parameters) else True


def key_name(key: str) -> str:
    return KEY_NAMES.get(key, key)


@dataclass(frozen=True)
class KeyUse:
    """One binding of one place: its keys, what it does (short, for the footer, and in full), and its
    meaning (the verb of its id)."""

    keys: tuple[str, ...]
    description: str
    tooltip: str
    action: str
    id: str
    where: str
    show: bool

    @property
    def noun(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def meaning(self) -> str:
        return self.id.split(".", 1)[-1]

    @property
    def shown_keys(self) -> str:
        return " ".join(key_name(k) for k in self.keys)

    @property
    def does(self) -> str:
        return self.tooltip or self.description.lower()


def declared(node: type[DOMNode]) -> list[Binding]:
    """A class's bindings, one a key, with those it inherits (a subclass's binding of a key replaces
    its base's), as Textual merges `BINDINGS`."""
    by_key: dict[str, Binding] = {}
    for base in reversed(node.__mro__):
        for binding in Binding.make_bindings(base.__dict__.get("BINDINGS", [])):
            by_key[binding.key] = binding
    return list(by_key.values())


def action_target(
    node: DOMNode, action: str | ActionParseResult, namespaces: Mapping[str, DOMNode] | None = None
) -> tuple[DOMNode, str, tuple[object, ...]]:
    """The node an action such as `app.help` or `screen.filter` runs on (`node` when it names none),
    its name and its parameters."""
    namespace, name, parameters = parse(action) if isinstance(action, str) else action
    places = {"app": node.app, "screen": node.app.screen, "focused": node.app.focused, **(namespaces or {})}
    return places.get(namespace) or node, name, parameters


def bindings_of(node: type[DOMNode]) -> list[Binding]:
    """A class's bindings with those it inherits, each once (the keys of `a,b` joined again), in the
    order they were declared."""
    by_id: dict[str, Binding] = {}
    keys: dict[str, list[str]] = {}
    for binding in declared(node):
        key = binding.key
        name = binding.id or f"{binding.action}"
        by_id.setdefault(name, binding)
        keys.setdefault(name, [])
        if key not in keys[name]:
            keys[name].append(key)
    return [replace(b, key=",".join(keys[name])) for name, b in by_id.items()]


def uses_of(node: type[DOMNode], where: str) -> list[KeyUse]:
    return [
        KeyUse(
            tuple(b.key.split(",")),
            b.description,
            b.tooltip,
            b.action,
            b.id or b.action,
            where,
            b.show,
        )
        for b in bindings_of(node)
        if b.id  # Textual's own (tab, ctrl+c) have no id: they are not ours to document
    ]


class Places:
    """Where keys live, for the key help and the README: the app's screens (and the parts of a screen
    with keys of their own, `KEY_PARTS`), and the dialogs."""

    DIALOGS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("forms", "dialogs.form:FormScreen"),
        ("a confirmation", "dialogs.confirm:Confirm"),
        ("a question", "dialogs.ask:Ask"),
        ("a list to pick from", "dialogs.pick:Pick"),
        ("the entries behind a figure", "dialogs.entries:EntriesDialog"),
        ("an audit record", "dialogs.audit_record:AuditRecordDialog"),
        ("the key help", "dialogs.key_help:KeyHelp"),
    )

    @staticmethod
    def load(path: str) -> type[DOMNode]:
        module, _, name = path.partition(":")
        return getattr(import_module(f"engage_tui.tui.{module}"), name)

    @classmethod
    def screen_uses(cls, screen: type[DOMNode], title: str) -> list[KeyUse]:
        """A screen's keys, then those of its parts (`PACT: Due tab`)."""
        uses = uses_of(screen, title)
        for part_title, part in getattr(screen, "KEY_PARTS", ()):
            uses += uses_of(part, f"{title}: {part_title}")
        return uses

    @classmethod
    def every_use(cls) -> list[KeyUse]:
        from engage_tui.tui.app import PLACES, EngageApp

        uses = uses_of(EngageApp, "everywhere")
        for place in PLACES:
            uses += cls.screen_uses(cls.load(f"screens.{place.screen}"), place.footer)
        for title, path in cls.DIALOGS:
            uses += uses_of(cls.load(path), title)
        return uses


def meanings(uses: Iterable[KeyUse]) -> dict[str, set[str]]:
    """Each key and the meanings it has across the app (one each, says the test)."""
    found: dict[str, set[str]] = {}
    for use in uses:
        for key in use.keys:
            found.setdefault(key, set()).add(use.meaning)
    return found


MEANINGS = {
    "add": "add a row: an entry, an event, a PACT series, a person, area, locality or word",
    "edit": "edit the row under the cursor (a PACT issue: follow it up)",
    "open": "open the row under the cursor: to edit it, to record it, or what lies behind it",
    "delete": "delete the row under the cursor, once confirmed (never what records use)",
    "prev": "the period before: month, year or the window shown",
    "next": "the period after",
    "goto": "go to a period typed as the reports write it: 2017-10, 2017, 2021/22, Q1 2017 (PACT: a day)",
    "filter": "move to the screen's filters",
    "record": "record a PACT meeting (of the row under the cursor)",
    "retire": "retire, or restore, the row under the cursor: its history stays",
    "fy": "calendar ⇄ financial year",
    "job": "whose hours: the cohesion officers' (as the reports print), another job's, or everyone's",
    "report": "export what the screen shows as a CSV return, and say where it was written",
    "workbook": "the same as a workbook (.xlsx) with its Method sheet",
    "reload": "read the screen again from the database",
    "help": "the key help: every key of the screen, and why one cannot act now (again: close it)",
    "cancel": "close the dialog without doing anything",
}
"""What a key does wherever it is, for a meaning several places share (the README says it once)."""


def key_table(uses: list[KeyUse] | None = None) -> str:
    """The README's key table: a row per meaning — its keys, what it does, where — the screens' number
    keys on one row."""
    rows: dict[str, list[KeyUse]] = {}
    for use in uses if uses is not None else Places.every_use():
        rows.setdefault("go" if use.noun == "go" else use.meaning, []).append(use)
    lines = ["| key | does | where |", "| --- | --- | --- |"]
    for meaning, same in rows.items():
        first = same[0]
        if meaning == "go":
            keys = f"`{same[0].shown_keys}` … `{same[-1].shown_keys}`"
            does = "go to a screen: " + ", ".join(f"{u.shown_keys} {u.description}" for u in same)
        else:
            keys = " or ".join(f"`{key_name(k)}`" for k in first.keys)
            does = MEANINGS.get(meaning) or first.does
        where = ", ".join(dict.fromkeys(u.where for u in same))
        lines.append(f"| {keys} | {_escape(does)} | {where} |")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def readme_with_table(readme: str, table: str) -> str:
    """The README with its generated key table replaced by `table`."""
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[:start] + "\n" + table + readme[end:]


def readme_table(readme: str) -> str:
    """The key table the README holds now."""
    return readme[readme.index(BEGIN) + len(BEGIN) : readme.index(END)].lstrip("\n")


def main(argv: list[str]) -> int:
    table = key_table()
    if argv[:1] == ["--write"] and len(argv) == 2:
        path = Path(argv[1])
        path.write_text(readme_with_table(path.read_text(encoding="utf-8"), table), encoding="utf-8")
    else:
        sys.stdout.write(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
