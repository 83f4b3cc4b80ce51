"""A failure no use case turned into a refusal, explained if the database's surroundings account for
it (a read-only folder, a full disk, a server down), so that a front end's last resort can say so."""

from __future__ import annotations

from engage_tui.errors import EngageError
from engage_tui.store.failures import explain
from engage_tui.store.opening import sqlite_path


def explain_failure(failure: Exception, url: str | None) -> EngageError | None:
    """The refusal that `failure` amounts to on the database at `url`, or None for a real bug."""
    path = sqlite_path(url) if url else None
    return explain(failure, str(path) if path else "the database", path)
