"""Creating or upgrading the database, backups and the doctor's checks."""

from __future__ import annotations

from pathlib import Path

from engage_tui.domain.audit import verify
from engage_tui.domain.integrity import changed_since_approval
from engage_tui.domain.setup import InitResult, init_database
from engage_tui.errors import DiskFull
from engage_tui.service.core import Core
from engage_tui.service.identity import account
from engage_tui.store import Store, maintenance
from engage_tui.store.failures import explain
from engage_tui.store.maintenance import Check
from engage_tui.store.opening import no_database, open_store, where


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
        path = self.core.settings.sqlite_path
        new = path is not None and not path.exists()
        store = open_store(self.core.settings.db_url, must_exist=False)
        try:
            return init_database(store, account(store), self.core.settings.user, demo=demo)
        except Exception as error:
            full = isinstance(error, DiskFull) or isinstance(explain(error, str(path), path), DiskFull)
            if new and path is not None and full:
                store.dispose()  # the file this init made, half set up on a full disk: gone again
                for suffix in ("", "-wal", "-shm", "-journal"):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
            raise
        finally:
            store.dispose()

    def backup(self, target: Path) -> int:
        """A consistent copy of the database while others work; only a known person may take one."""
        self.core.actor()
        return maintenance.backup(self.core.store, target)

    def verify_backup(self, path: Path) -> maintenance.BackupCheck:
        """A backup opened read-only and checked: its pages, its schema, the rows it holds."""
        return maintenance.verify_backup(path)

    def doctor(self) -> list[Check]:
        """The doctor's checks; it looks at any file, engage's or not, but not at one that is missing."""
        path = self.core.settings.sqlite_path
        if path is not None and not path.exists():
            raise no_database(path)
        store = open_store(self.core.settings.db_url, must_exist=False)
        try:
            checks = maintenance.doctor(store)
            if not any(check.failed for check in checks):  # an engage database, sound: its trail
                checks.append(self._trail(store))
            return checks
        finally:
            store.dispose()

    @staticmethod
    def _trail(store: Store) -> Check:
        """The audit trail's chain and the approved months' figures, as `engage audit verify` checks them."""
        with store.read() as session:
            found = verify(session)
            findings = [*found.findings, *changed_since_approval(session)]
        if not findings:
            return Check(
                "audit trail", f"intact: {found.rows:,} rows, approved months hold their figures", True
            )
        return Check(
            "audit trail",
            findings[0],
            False,
            "altered outside engage: engage audit verify lists every finding; restore a backup",
        )
