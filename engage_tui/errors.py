"""The refusals engage gives.

Every rule that says "no" raises one of these; the CLI prints the message after `error:` and exits 1,
the TUI marks the field named by `field` (or notifies). Nothing else is shown to a user.
"""

from __future__ import annotations

SHOWN = 24
"""The most characters of a typed value a refusal quotes."""


def shown(text: str, limit: int = SHOWN) -> str:
    """A typed value as a refusal quotes it: `repr`, cut short (with its length) when long, so that
    5,000 digits pasted by mistake make one readable line."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


class EngageError(Exception):
    """A refusal: bad input or a broken rule. The message is the whole line the user reads."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def lines(self) -> list[str]:
        """The lines to print after `error:`; most refusals are one line."""
        return [self.message]


class Tampered(EngageError):
    """The audit trail, or the data it vouches for, was altered outside engage: every finding listed."""

    MAX_SHOWN = 20

    def __init__(self, findings: list[str]) -> None:
        super().__init__(
            f"audit: the trail or the data was altered outside engage ({len(findings)} finding(s))"
        )
        self.findings = findings

    def lines(self) -> list[str]:
        shown = self.findings[: self.MAX_SHOWN]
        more = len(self.findings) - len(shown)
        return [self.message, *shown, *([f"… and {more} more"] if more else [])]


class NotFound(EngageError):
    """A name or id that does not exist."""


class Busy(EngageError):
    """Another writer held the database past the busy timeout."""


class SchemaError(EngageError):
    """The database is missing, or its schema is not the one this engage expects."""


class StorageError(EngageError):
    """The database's surroundings failed it — its file, folder, disk or server — not engage: the
    message says what, where, and what the user can do about it."""


class ReadOnly(StorageError):
    """The database, its folder or its mount may not be written."""


class DiskFull(StorageError):
    """No room left on the disk that holds the database (or a backup)."""


class Damaged(StorageError):
    """The file is not a SQLite database, or its pages are corrupt: a backup is the way back."""


class Unreachable(StorageError):
    """The database server cannot be reached, or refuses the connection."""


class ImportRefused(EngageError):
    """An import with bad rows: every problem is listed, nothing is written."""

    MAX_SHOWN = 20

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: {len(problems)} problem(s); nothing was imported")
        self.problems = problems

    def lines(self) -> list[str]:
        shown = self.problems[: self.MAX_SHOWN]
        more = len(self.problems) - len(shown)
        tail = [f"… and {more} more"] if more else []
        return [self.message, *shown, *tail]


def unknown_user(user: str) -> EngageError:
    """The refusal for a user who is not an active person in the database, with how to be added."""
    return EngageError(
        f"user: {user!r} is not a person in this database; a supervisor can add you "
        f'with: engage officer add "YOUR NAME" --login {user}',
        field="user",
    )
