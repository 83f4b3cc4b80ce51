"""`python -m engage_tui` is the `engage` command."""

from engage_tui.cli import run

run()
