"""Textual's stylesheet, parsing again only what changed, and screens that keep the styles their
widgets got as they mounted.

Textual re-parses the app's whole stylesheet, every source from scratch, whenever it refreshes its
CSS, and it refreshes it twice as a screen first shows (once as the mode is made, once as it is
switched to): 22 KB of CSS, ≈14 ms a time, about half of the event loop's longest stall on opening a
screen. A source's rules depend only on its text and the theme's variables, and the stylesheet keeps
each source's parsed rules until the variables change; so a re-parse here is a parse that reuses
them (a new source is parsed once), and new variables (a theme) still parse everything again.

Textual also restyles a whole screen each time it is shown, so that a screen hidden while the
stylesheet changed catches up. On a screen's first showing that repeats, widget for widget, what
mounting it has just done — ≈15 ms on the event loop for PACT's 57 widgets or an entry form — unless
rules came meanwhile that may change it (`StyledWhenMounted`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.css.stylesheet import Stylesheet
from textual.events import ScreenResume

if TYPE_CHECKING:
    from textual.screen import Screen

    _Screen = Screen[Any]  # what the mixin is mixed into, as the type checker sees it
else:
    _Screen = object  # at run time a plain mixin, so it adds no CSS type of its own


Sources = dict[tuple[str, str], str]
"""The stylesheet's sources as a screen started to compose: where each was read from, its text."""


class ReusingStylesheet(Stylesheet):
    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self.variables_now = dict(variables or {})
        """The variables the kept rules were parsed with."""
        self.themes = 0
        """Counts the changes of variables: each gives every rule anew."""

    def set_variables(self, variables: dict[str, str]) -> None:
        """New variables forget every source's parsed rules; the same ones (each refresh sets them
        again) keep them."""
        if variables != self.variables_now:
            super().set_variables(variables)
            self.variables_now = dict(variables)
            self.themes += 1

    def reparse(self) -> None:
        self.parse()

    def mark(self) -> tuple[int, Sources]:
        return self.themes, {where: css.content for where, css in self.source.items()}

    def restyles_since(self, mark: tuple[int, Sources]) -> bool:
        """Whether rules that came since `mark` may apply to widgets styled before it. New variables
        change every rule, changed CSS may match anything, and so may new CSS of an app or a screen;
        but a widget kind's new DEFAULT_CSS, scoped to that kind, matches only widgets of it and inside
        them, and Textual adds it as the kind's first widget registers, before that one is styled."""
        themes, sources = mark
        return themes != self.themes or any(
            css.content != sources[where] if where in sources else not (css.is_defaults and css.scope)
            for where, css in self.source.items()
        )


class StyledWhenMounted(_Screen):
    """Mixin for screens: the first showing does not restyle what mounting styled, unless rules came
    in between that may change it. Marked as the screen composes, when its children start to mount;
    the screen's own node was styled as it registered, and only CSS of the screen's own (loaded by
    Textual after that) could come before compose — such a screen is restyled as Textual does."""

    composed_under: tuple[int, Sources] | None = None
    """The stylesheet's mark as the screen composed."""
    shown_before = False

    def on_compose(self) -> None:
        stylesheet = self.app.stylesheet
        if isinstance(stylesheet, ReusingStylesheet):
            self.composed_under = stylesheet.mark()

    def on_screen_resume(self, event: ScreenResume) -> None:
        if self.shown_before:
            return
        self.shown_before = True
        stylesheet, mark = self.app.stylesheet, self.composed_under
        if self.CSS or self.css_path or mark is None or not isinstance(stylesheet, ReusingStylesheet):
            return
        if not stylesheet.restyles_since(mark):
            event.refresh_styles = False
