"""An officer's month as My month shows it: the first screen an officer sees, so until the store has
opened it is read on the fast path (the driver alone, the statements compiled ahead) and the app
draws it before SQLAlchemy has loaded; through the store after that, like every other read."""

from __future__ import annotations

from engage_tui.domain.entries import MonthView
from engage_tui.domain.periods import Month
from engage_tui.service.core import Core


class Months:
    def __init__(self, core: Core) -> None:
        self.core = core

    def view(self, officer_id: int, month: Month) -> MonthView:
        """The month's entries, totals and return state, from one snapshot."""
        reader = self.core.fast_path()
        if reader is not None:
            from engage_tui.service.fast import officer_month

            return officer_month(self.core.settings, reader, officer_id, month)
        from engage_tui.domain.hours import month_of

        with self.core.read() as (session, _actor):
            return month_of(session, officer_id, month)
