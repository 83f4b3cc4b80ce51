"""What every command handler gets: the settings, the application service, and where to print."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import TextIO

from engage_tui.config import Settings
from engage_tui.service import Service


@dataclass
class Context:
    settings: Settings
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @cached_property
    def service(self) -> Service:
        return Service(self.settings)

    def say(self, text: str) -> None:
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        print(f"warning: {text}", file=self.err)

    def close(self) -> None:
        if "service" in self.__dict__:
            self.service.close()
