"""Who is running engage: the operating-system account behind the process's real uid — never the
LOGNAME or USER variables, which anyone can set — or, on a server database, the role connected."""

from __future__ import annotations

import os
import pwd
from typing import TYPE_CHECKING

from engage_tui.errors import EngageError

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from engage_tui.store import Store


def os_account() -> str:
    """The name of the account the process runs as, from the password database."""
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        raise EngageError(
            f"user: this account (uid {uid}) has no name on this machine; ask its administrator to add "
            "one, or run engage as an account that has one",
            field="user",
        ) from None


def account(store: Store, connection: Session | Connection | None = None) -> str:
    """Who runs engage: on a server database the role connected (`session_user`, read on
    `connection`, else on one of its own), else the operating-system account; the acting person is
    the one whose login it is."""
    if store.is_sqlite:
        return os_account()
    from sqlalchemy import func, select

    if connection is None:
        with store.connect() as own:  # a server that is down is refused in words
            return str(own.scalar(select(func.session_user())))
    return str(connection.scalar(select(func.session_user())))
