"""The key bar: the screen's most used keys that fit, `? Keys` and `^q Quit` always, drawn as one line
by one widget, at most once a frame.

Textual's `Footer` shows every key in one row and lets the last ones fall off the right edge: at 80
columns My month lost Submit, Withdraw and Quit. This one keeps the keys in the order the screen
declares them (its most used first), drops from the end what does not fit the width, and always keeps
the key help and quit, so every key is one `?` away. The screens' number keys come last: shown when
there is room, in the key help and the palette always.

Textual's footer is a widget a key, recomposed every time the screen's bindings change — a dozen
times as a screen opens (focus moving, tables filling, `refresh_bindings`), each rebuilding,
restyling, measuring and drawing every key. Here the first change of a frame queues an update and the
rest of that frame's changes ride on it; the line is drawn again only if the keys changed; and it is
one line of segments, in the same styles as Textual's footer draws them (the snapshots did not
change), each key hovered (its tooltip shown) and clicked (the key pressed) as there.

Only public Textual attributes are used: the binding chain is the focused widget's ancestors with their
classes' `BINDINGS`, each action's state its target's `check_action`.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import key_to_character
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from engage_tui.tui.keys import action_target, declared

PINNED = ("app.help", "app.quit")
"""Shown at any width: the key help lists every other key."""
PALETTE_WIDTH = 14  # room kept for `▏^p palette ` (12 cells), docked on the right


class Shown(NamedTuple):
    binding: Binding
    enabled: bool
    tooltip: str


def footer_keys(screen: Screen) -> list[Shown]:
    """The keys a footer may show, once per action, in the order of the binding chain: the focused
    widget's, its parents', the screen's, then the app's. A shown key that a widget below binds
    without showing it stays (the Audit screen's `enter Open`, which the table's own enter does), so
    this reads each node's declared bindings rather than `Screen.active_bindings` (one per key)."""
    by_action: dict[str, Shown] = {}
    for node, bindings in binding_chain(screen):
        for binding in bindings:
            if not binding.show or binding.action in by_action:
                continue
            state = action_state(node, binding.action)
            if state is not False:
                by_action[binding.action] = Shown(binding, bool(state), binding.tooltip)
    return list(by_action.values())


def binding_chain(screen: Screen) -> list[tuple[DOMNode, list[Binding]]]:
    """Where a key is looked for, nearest first, as Textual looks: the focused widget and its parents
    (or, with nothing focused, the screen) up to the app, stopping at a modal screen; a key that a
    nearer widget types (an Input takes `a`) is dropped from those further out."""
    focused = screen.focused
    nodes: list[DOMNode] = (
        list(focused.ancestors_with_self) if focused and not focused.loading else [screen, screen.app]
    )
    chain: list[tuple[DOMNode, list[Binding]]] = []
    for node in nodes:
        typed = [near for near, _ in chain]
        kept = [
            binding
            for binding in declared(type(node))
            if not any(near.check_consume_key(binding.key, key_to_character(binding.key)) for near in typed)
        ]
        chain.append((node, kept))
        if node.is_modal:
            break
    return chain


def action_state(node: DOMNode, action: str) -> bool | None:
    """`check_action` of the node the action runs on: True runs, None is shown dimmed, False hidden."""
    target, name, parameters = action_target(node, action)
    return target.check_action(name, parameters)


def key_width(display: str, description: str) -> int:
    """A key's cells as FooterKey draws it: ` k ` then `description `."""
    return len(display) + 2 + (len(description) + 1 if description else 0)


def fitting(keys: list[Shown], width: int, display) -> list[Shown]:
    """The keys that fit `width`, pinned ones kept: others dropped from the end."""
    pinned = sorted(
        (k for k in keys if k.binding.id in PINNED), key=lambda k: PINNED.index(k.binding.id or "")
    )
    grouped = [k for k in keys if k.binding.group is not None and k not in pinned]
    rest = [k for k in keys if k not in pinned and k not in grouped]
    room = width - PALETTE_WIDTH - sum(key_width(display(k.binding), k.binding.description) for k in pinned)
    chosen: list[Shown] = []
    for key in rest:
        cells = key_width(display(key.binding), key.binding.description)
        if cells > room:
            break
        chosen.append(key)
        room -= cells
    if grouped:
        group = grouped[0].binding.group
        cells = (
            sum(len(display(k.binding)) for k in grouped) + 2 + len(group.description if group else "") + 1
        )
        if cells <= room:
            chosen += grouped
    return chosen + pinned


class Drawn(NamedTuple):
    """A key as drawn: the cells it covers, from `start` up to `end`."""

    shown: Shown
    start: int
    end: int


class Footer(Widget, can_focus=False):
    """One line drawn by one widget — no widget a key — in the look of Textual's footer, each key
    hovered and clicked as there. Opening a screen composed, restyled, measured and drew 15–20 key
    widgets; at 1M, drawing the keys was ≈40% of the first frame on opening My month."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer--item",
        "footer--key",
        "footer--description",
        "footer--label",
        "footer--hover",
        "footer--border",
    }
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer--item { background: $footer-item-background; }
        .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer--description, .footer--label {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--hover { color: $footer-key-foreground; background: $block-hover-background; }
        .footer--border { color: $foreground 20%; }
    }
    """

    bindings_seen = False
    """The screen has told its bindings once: until then there is nothing to show."""
    queued = False
    """A change of bindings is waiting for the next frame."""
    drawn: tuple[list[Shown], Shown | None] | None = None
    """The keys on the line and the palette's."""
    places: list[Drawn] = []
    """Where each key is on the line, for the mouse."""
    hovered: Drawn | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def bindings_changed(self, screen: Screen) -> None:
        """As Textual's footer, after the next frame; a change already queued covers this one too."""
        self.bindings_seen = True
        if not self.queued and screen.app.app_focus and self.is_attached and screen is self.screen:
            self.queued = True
            self.call_after_refresh(self.show_keys)

    def show_keys(self) -> None:
        """Draws the keys again if the ones to show changed (most changes of bindings — focus moving,
        a table filling — leave them as they are)."""
        self.queued = False
        showing = self.showing()
        if showing != self.drawn:
            self.drawn, self.hovered = showing, None
            self.refresh()

    def on_resize(self) -> None:
        """Wider or narrower: as many keys as now fit."""
        if self.bindings_seen:
            self.bindings_changed(self.screen)

    def showing(self) -> tuple[list[Shown], Shown | None]:
        """The keys that fit the width, and the command palette's key if it is shown."""
        keys = fitting(footer_keys(self.screen), self.app.size.width, self.app.get_key_display)
        if not self.app.ENABLE_COMMAND_PALETTE:
            return keys, None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return keys, None
        _node, binding, enabled, _tooltip = found
        return keys, Shown(binding, enabled, binding.tooltip or binding.description)

    def render_line(self, y: int) -> Strip:
        """The line, segment for segment as Textual's footer composes it from its key widgets: the
        keys in the footer's key and description styles, the gaps in its background alone."""
        width = self.size.width
        if y or self.drawn is None:
            return Strip.blank(width, self._gap)
        keys, palette = self.drawn
        line: list[Segment] = []
        self.places = self._keys(line, keys)
        if palette is not None:  # docked on the right: `▏^p palette `
            docked = [Segment("▏", self._component("footer--border"))]
            place = self._key(docked, palette, compact=True)
            docked.append(Segment(" "))
            left = width - Segment.get_line_length(docked)
            line.append(Segment(" " * max(0, left - Segment.get_line_length(line))))
            line += docked
            self.places.append(place._replace(start=place.start + left, end=place.end + left))
        gap = self._gap
        return Strip(Segment(text, style or gap) for text, style, _ in line).adjust_cell_length(width, gap)

    @property
    def _gap(self) -> Style:
        """What shows between the keys: the footer's background."""
        return Style(bgcolor=self.rich_style.bgcolor)

    def _component(self, name: str, key: Shown | None = None) -> Style:
        """A part of a key in its style over the key's own (hovered, or dimmed when it cannot act)."""
        style = self.get_component_rich_style(name)
        if key is None:
            return style
        if self.hovered is not None and self.hovered.shown == key:
            style = self.get_component_rich_style("footer--hover") + Style(color=style.color, bold=style.bold)
        else:
            style = self.get_component_rich_style("footer--item") + style
        return style + Style(dim=True) if not key.enabled else style

    def _keys(self, line: list[Segment], keys: list[Shown]) -> list[Drawn]:
        """Each key in turn; a group's (the screens') together: ` 1234567890 Screens `."""
        grouped = [k for k in keys if k.binding.group is not None and k.binding.id not in PINNED]
        places = []
        for key in keys:
            if key not in grouped:
                places.append(self._key(line, key))
            elif key is grouped[0]:
                line.append(Segment(" "))
                for each in grouped:
                    start = Segment.get_line_length(line)
                    line.append(
                        Segment(self.app.get_key_display(each.binding), self._component("footer--key", each))
                    )
                    places.append(Drawn(each, start, Segment.get_line_length(line)))
                group = key.binding.group
                line.append(Segment(" "))
                line.append(Segment(group.description if group else "", self._component("footer--label")))
                line.append(Segment(" "))
        return places

    def _key(self, line: list[Segment], key: Shown, *, compact: bool = False) -> Drawn:
        """` k description ` as Textual's FooterKey draws it; `k description` when compact."""
        start = Segment.get_line_length(line)
        display, description = self.app.get_key_display(key.binding), key.binding.description
        if compact:
            line.append(Segment(display, self._component("footer--key", key)))
            line.append(Segment(f" {description}", self._component("footer--description", key)))
        else:
            line.append(Segment(f" {display} ", self._component("footer--key", key)))
            line.append(Segment(f"{description} ", self._component("footer--description", key)))
        return Drawn(key, start, Segment.get_line_length(line))

    def at(self, x: int) -> Drawn | None:
        return next((place for place in self.places if place.start <= x < place.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        place = self.at(event.x)
        if place != self.hovered:
            self.hovered = place
            self.tooltip = place.shown.tooltip if place else None
            self.refresh()

    def on_leave(self) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        place = self.at(event.x)
        if place is None:
            return
        if place.shown.enabled:
            self.app.simulate_key(place.shown.binding.key)
        else:
            self.app.bell()
