"""The one door to the domain: the CLI and the TUI call only this.

`Service` owns the store and the acting person, and offers one method per use case, each in its own
transaction, returning the domain's plain values. Its parts are loaded on first use, so that a cold
command imports only what it needs (a cold `engage report monthly` never imports SQLAlchemy).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from engage_tui.config import Settings
from engage_tui.service.core import Core

if TYPE_CHECKING:
    from engage_tui.domain.actor import Actor
    from engage_tui.service.admin import Admin
    from engage_tui.service.directory import Directory
    from engage_tui.service.events import Events
    from engage_tui.service.hours import Hours
    from engage_tui.service.months import Months
    from engage_tui.service.pact import Pact
    from engage_tui.service.people import People
    from engage_tui.service.reports import Reports
    from engage_tui.service.returns import Audit, Returns
    from engage_tui.service.survey import Survey
    from engage_tui.store import Store


class Service:
    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.core = Core(settings, store)

    @property
    def settings(self) -> Settings:
        return self.core.settings

    @cached_property
    def admin(self) -> Admin:
        from engage_tui.service.admin import Admin

        return Admin(self.core)

    @cached_property
    def people(self) -> People:
        from engage_tui.service.people import People

        return People(self.core)

    @cached_property
    def directory(self) -> Directory:
        from engage_tui.service.directory import Directory

        return Directory(self.core)

    @cached_property
    def hours(self) -> Hours:
        from engage_tui.service.hours import Hours

        return Hours(self.core)

    @cached_property
    def months(self) -> Months:
        from engage_tui.service.months import Months

        return Months(self.core)

    @cached_property
    def events(self) -> Events:
        from engage_tui.service.events import Events

        return Events(self.core)

    @cached_property
    def pact(self) -> Pact:
        from engage_tui.service.pact import Pact

        return Pact(self.core)

    @cached_property
    def returns(self) -> Returns:
        from engage_tui.service.returns import Returns

        return Returns(self.core)

    @cached_property
    def audit(self) -> Audit:
        from engage_tui.service.returns import Audit

        return Audit(self.core)

    @cached_property
    def reports(self) -> Reports:
        from engage_tui.service.reports import Reports

        return Reports(self.core)

    @cached_property
    def survey(self) -> Survey:
        from engage_tui.service.survey import Survey

        return Survey(self.core)

    def ensure_default(self) -> None:
        """Create the database when its SQLite file does not exist yet (the app's first start); one
        that exists is checked when first read, without loading SQLAlchemy for it."""
        path = self.settings.sqlite_path
        if path is not None and not path.exists():
            self.admin.init()

    def me(self) -> Actor:
        """Who is acting (refused when nobody known is)."""
        return self.core.actor()

    def warm_up(self) -> None:
        """Open the store and load what the first screen's next steps use (SQLAlchemy, the models,
        logging hours): the app calls it in a thread once its first screen has its data."""
        self.core.store  # noqa: B018 — opening it is the point
        self.hours, self.people  # noqa: B018

    def close(self) -> None:
        self.core.close()
