"""The key a name is matched and kept unique by, in any alphabet: what a person would call the same
name. Stored in its own column beside the name (SQLite's lower() folds only ASCII, so "ÉMILE ÖZTÜRK"
and "Émile Öztürk" were two people to it)."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
)  # zero-width spaces and joiners, soft hyphen


def name_key(name: str) -> str:
    """Unicode NFKC, case folded, invisible characters dropped, runs of white space made one space."""
    folded = unicodedata.normalize("NFKC", _INVISIBLE.sub("", name)).casefold()
    return " ".join(folded.split())
