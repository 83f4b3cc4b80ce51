"""Where the database is and who is acting, resolved once at start-up (never at import)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from engage_tui.errors import EngageError
from engage_tui.store.opening import sqlite_path

DB_FILENAME = "engage.sqlite3"


@dataclass(frozen=True)
class Settings:
    """What every front end needs to reach the store: the SQLAlchemy URL and whom to act as."""

    db_url: str
    user: str | None  # --user or ENGAGE_USER: act as this person (a supervisor's privilege); None: yourself
    exports_dir: Path
    today_override: date | None = field(default=None)

    def today(self) -> date:
        """Today, or the frozen day tests and snapshots run on."""
        return self.today_override or date.today()

    @property
    def sqlite_path(self) -> Path | None:
        """The file behind a SQLite URL, or None for a server database."""
        return sqlite_path(self.db_url)


def project_root() -> Path | None:
    """The checkout this package runs from, if it is run from one (an editable install or in place)."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "db" / "migrations").is_dir():
        return root
    return None


def data_dir() -> Path:
    """The user's data directory, for an installed (non-checkout) engage, as platformdirs finds it
    (`$XDG_DATA_HOME/engage`, else `~/.local/share/engage`, on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("engage", appauthor=False))


def default_db_path() -> Path:
    """`db/engage.sqlite3` in a checkout, else the user's data directory."""
    root = project_root()
    return (root / "db" if root else data_dir()) / DB_FILENAME


def default_exports_dir() -> Path:
    """`exports/` in a checkout, else beside the user's database."""
    root = project_root()
    return root / "exports" if root else data_dir() / "exports"


def db_url(target: str) -> str:
    """A SQLAlchemy URL as given, or a file path turned into a SQLite URL."""
    if "://" in target:
        return target
    try:
        path = Path(target).expanduser()
    except RuntimeError:  # `~name/…` for a name with no home on this machine
        user = target[1:].split("/", 1)[0] or "you"
        raise EngageError(
            f"db: {target!r} starts with ~{user}, but this machine has no home folder for "
            f"{user}; give the full path (--db or ENGAGE_DB)",
            field="db",
        ) from None
    return "sqlite:///" + str(path.resolve())


def resolve(db: str | None = None, user: str | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """Settings from the command-line globals, then the environment, then the defaults."""
    env = os.environ if env is None else env
    target = db or env.get("ENGAGE_DB") or str(default_db_path())
    acting = user or env.get("ENGAGE_USER") or None  # whom to act as; none: the account's own person
    exports = Path(env["ENGAGE_EXPORTS"]) if env.get("ENGAGE_EXPORTS") else default_exports_dir()
    return Settings(db_url=db_url(target), user=acting, exports_dir=exports)
