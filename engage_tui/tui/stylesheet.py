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
the rules changed while it mounted, which the stylesheet's `generation` tells (`StyledWhenMounted`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.events import ScreenResume

if TYPE_CHECKING:
    from textual.screen import Screen

    _Screen = Screen[Any]  # what the mixin is mixed into, as the type checker sees it
else:
    _Screen = object  # at run time a plain mixin, so it adds no CSS type of its own


class ReusingStylesheet(Stylesheet):
    def __init__(self, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self.variables_now = dict(variables or {})
        """The variables the kept rules were parsed with."""
        self.generation = 0
        """Counts the times parsing gave rules other than before (a new source, a theme)."""
        self.parsed: list[RuleSet] = []

    def set_variables(self, variables: dict[str, str]) -> None:
        """New variables forget every source's parsed rules; the same ones (each refresh sets them
        again) keep them."""
        if variables != self.variables_now:
            super().set_variables(variables)
            self.variables_now = dict(variables)

    def reparse(self) -> None:
        self.parse()

    def parse(self) -> None:
        super().parse()
        rules = self.rules
        if len(rules) != len(self.parsed) or any(
            new is not old for new, old in zip(rules, self.parsed, strict=True)
        ):
            self.generation += 1
            self.parsed = list(rules)


def rules_generation(app: App[object]) -> int | None:
    """The stylesheet's generation; None if it does not count them (never equal to a count)."""
    stylesheet = app.stylesheet
    return stylesheet.generation if isinstance(stylesheet, ReusingStylesheet) else None


class StyledWhenMounted(_Screen):
    """Mixin for screens: the first showing does not restyle what mounting styled, unless the rules
    changed in between. Counted from the screen's compose, when its children start to mount; the
    screen's own node was styled as it registered, and only CSS of the screen's own (loaded by Textual
    after that) could change the rules before compose — such a screen is restyled as Textual does."""

    composed_under: int | None = None
    """The stylesheet's generation as the screen composed."""
    shown_before = False

    def on_compose(self) -> None:
        self.composed_under = rules_generation(self.app)

    def on_screen_resume(self, event: ScreenResume) -> None:
        if self.shown_before:
            return
        self.shown_before = True
        unchanged = self.composed_under is not None and self.composed_under == rules_generation(self.app)
        if unchanged and not self.CSS and not self.css_path:
            event.refresh_styles = False
