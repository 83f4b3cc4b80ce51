"""The refusals engage gives.

Every rule that says "no" raises one of these; the CLI prints the message after `error:` and exits 1,
the TUI marks the field named by `field` (or notifies). Nothing else is shown to a user.
"""

from __future__ import annotations


class EngageError(Exception):
    """A refusal: bad input or a broken rule. The message is the whole line the user reads."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def lines(self) -> list[str]:
        """The lines to print after `error:`; most refusals are one line."""
        return [self.message]


class NotFound(EngageError):
    """A name or id that does not exist."""


class Busy(EngageError):
    """Another writer held the database past the busy timeout."""


class SchemaError(EngageError):
    """The database is missing, or its schema is not the one this engage expects."""


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
