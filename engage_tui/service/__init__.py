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
    from engage_tui.service.admin import Admin
    from engage_tui.service.directory import Directory
    from engage_tui.service.events import Events
    from engage_tui.service.hours import Hours
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

    def close(self) -> None:
        self.core.close()
