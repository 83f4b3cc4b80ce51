"""Creating or upgrading the database, backups and the doctor's checks."""

from __future__ import annotations

from pathlib import Path

from engage_tui.domain.setup import InitResult, init_database
from engage_tui.service.core import Core
from engage_tui.store import maintenance
from engage_tui.store.maintenance import Check
from engage_tui.store.opening import open_store, where


class Admin:
    def __init__(self, core: Core) -> None:
        self.core = core

    @property
    def where(self) -> str:
        """The database as a person would name it."""
        return where(self.core.settings.db_url)

    def init(self, demo: bool = False) -> InitResult:
        """Create or upgrade the database (harmless to repeat); on a new one the acting user becomes
        its first supervisor."""
        store = open_store(self.core.settings.db_url, must_exist=False)
        try:
            return init_database(store, self.core.settings.user, demo=demo)
        finally:
            store.dispose()

    def ensure_default(self) -> None:
        """Create the database when its file does not exist yet (the app's first start)."""
        path = self.core.settings.sqlite_path
        if path is not None and not path.exists():
            self.init()

    def backup(self, target: Path) -> int:
        """A consistent copy of the database while others work; only a known person may take one."""
        self.core.actor()
        return maintenance.backup(self.core.store, target)

    def doctor(self) -> list[Check]:
        return maintenance.doctor(self.core.store)
