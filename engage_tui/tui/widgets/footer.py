"""The key bar: the screen's most used keys that fit, `? Keys` and `^q Quit` always, recomposed at
most once a frame.

Textual's `Footer` shows every key in one row and lets the last ones fall off the right edge: at 80
columns My month lost Submit, Withdraw and Quit. This one keeps the keys in the order the screen
declares them (its most used first), drops from the end what does not fit the width, and always keeps
the key help and quit, so every key is one `?` away. The screens' number keys come last: shown when
there is room, in the key help and the palette always.

Textual recomposes the footer every time the screen's bindings change, and opening a screen changes
them a dozen times within one frame (focus moving, tables filling, `refresh_bindings`): each recompose
rebuilds and restyles every key. At start-up that was ≈130 ms of ≈350 ms to the first frame. Here the
first change of a frame queues the recompose and the rest of that frame's changes ride on it; when
it comes, it is skipped if the keys it would draw are the ones on screen.

Only public Textual attributes are used: the binding chain is the focused widget's ancestors with their
classes' `BINDINGS`, each action's state its target's `check_action`. The key widgets (`FooterKey`,
`FooterLabel`, `KeyGroup`) are public classes of a module Textual does not re-export; they keep each key
drawn, hovered and clicked exactly as in Textual's footer.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from engage_tui.tui.keys import action_target, declared

PINNED = ("app.help", "app.quit")
"""Shown at any width: the key help lists every other key."""
PALETTE_WIDTH = 14  # `▏^p palette ` docked on the right


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


class Footer(TextualFooter):
    _recompose_queued = False
    bindings_seen = False
    """The screen has told its bindings once: until then there is nothing to show."""

    drawn: tuple[list[Shown], Shown | None] | None = None
    """The keys on screen and the palette's: most changes of bindings (focus moving, a table
    filling) leave them as they are, and then rebuilding and restyling every key is skipped."""

    def compose(self) -> ComposeResult:
        if not self.bindings_seen:
            return
        self.drawn = keys, palette = self.showing()
        yield from self._keys(keys, self.app.get_key_display)
        if palette is not None:
            yield self._palette_key(palette)

    def showing(self) -> tuple[list[Shown], Shown | None]:
        """The keys that fit the width, and the command palette's key if it is shown."""
        keys = fitting(footer_keys(self.screen), self.app.size.width, self.app.get_key_display)
        if not (self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE):
            return keys, None
        found = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if found is None:
            return keys, None
        _node, binding, enabled, _tooltip = found
        return keys, Shown(binding, enabled, binding.tooltip or binding.description)

    def _keys(self, keys: list[Shown], display) -> Iterator:
        grouped = [k for k in keys if k.binding.group is not None and k.binding.id not in PINNED]
        for key in keys:
            if key in grouped:
                if key is grouped[0]:
                    yield from self._group(grouped, display)
                continue
            yield FooterKey(
                key.binding.key,
                display(key.binding),
                key.binding.description,
                key.binding.action,
                disabled=not key.enabled,
                tooltip=key.tooltip,
            ).data_bind(compact=TextualFooter.compact)

    def _group(self, keys: list[Shown], display) -> Iterator:
        group = keys[0].binding.group
        with KeyGroup(classes="-compact" if group and group.compact else ""):
            for key in keys:
                yield FooterKey(
                    key.binding.key,
                    display(key.binding),
                    "",
                    key.binding.action,
                    disabled=not key.enabled,
                    tooltip=key.tooltip or key.binding.description,
                    classes="-grouped",
                ).data_bind(compact=TextualFooter.compact)
        yield FooterLabel(group.description if group else "")

    def _palette_key(self, palette: Shown) -> FooterKey:
        binding = palette.binding
        return FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            classes="-command-palette",
            disabled=not palette.enabled,
            tooltip=palette.tooltip,
        )

    def bindings_changed(self, screen: Screen) -> None:
        """As Textual's, but a recompose already queued covers this change too."""
        self.bindings_seen = True
        if self._recompose_queued:
            return
        super().bindings_changed(screen)
        self._recompose_queued = bool(screen.app.app_focus and self.is_attached and screen is self.screen)

    def on_resize(self) -> None:
        """Wider or narrower: as many keys as now fit."""
        if self.bindings_seen:
            self.bindings_changed(self.screen)

    async def recompose(self) -> None:
        self._recompose_queued = False
        if self.drawn is None or self.showing() != self.drawn:
            await super().recompose()
