"""Service calls off the event loop: each runs in a thread worker and its result comes back to the
widget that asked as a message, so a slow query never freezes the app and a refusal or failure is a
notification, never a traceback or a closed app."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar, cast

from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from engage_tui.errors import EngageError

if TYPE_CHECKING:
    from engage_tui.tui.app import EngageApp

    _Node = Widget  # what the mixin is mixed into, as the type checker sees it
else:
    _Node = object  # at run time a plain mixin, so it adds no CSS type of its own

T = TypeVar("T")


class WorkDone(Message):
    """A service call finished: `deliver` hands its result (or its failure) to the waiting code."""

    def __init__(self, deliver: Callable[[], object]) -> None:
        super().__init__()
        self.deliver = deliver


def say_failure(node: Widget, failure: BaseException) -> None:
    """A refusal as its own words; anything else as a bug to report. The app keeps running."""
    if isinstance(failure, EngageError):
        node.notify(failure.message, title="Refused", severity="error", markup=False)
    else:
        node.log.error(repr(failure))
        node.notify(
            f"unexpected {type(failure).__name__}: {failure}",
            title="Error",
            severity="error",
            markup=False,
            timeout=10,
        )


LOADING = "loading…"
"""How a title ends while its screen's data is on its way."""


def not_loaded(node: Widget, failure: BaseException) -> None:
    """A load refused or failed: say why, and a title still saying it is loading says it is not."""
    say_failure(node, failure)
    for title in node.screen.query(Static):
        text = str(title.content)
        if text.endswith(LOADING):
            title.update(text.removesuffix(LOADING) + "not loaded (ctrl+r tries again)")


class Calls(_Node):
    """Mixin for screens and widgets: `self.engage` is the app, typed (service, settings, actor);
    `self.call(service_call, done)` runs `service_call` in a thread; `done(result)` then runs on the
    event loop. A newer load of the same `group` replaces an unfinished one (its result is dropped), so
    a quick succession of years or filters shows the last; a change (`load=False`) is never dropped.
    A load's failure also marks a title still saying it is loading (`not_loaded`); a change's is only
    said, since its screen's data were not being loaded."""

    @property
    def engage(self) -> EngageApp:
        return cast("EngageApp", self.app)

    def call(
        self,
        work: Callable[[], T],
        done: Callable[[T], object],
        *,
        group: str = "load",
        failed: Callable[[BaseException], None] | None = None,
        load: bool = True,
    ) -> None:
        node = self
        on_failure = failed or partial(not_loaded if load else say_failure, node)

        def in_thread() -> None:
            try:
                result = work()
            except Exception as failure:
                post(partial(on_failure, failure))
                return
            post(partial(done, result))

        def post(deliver: Callable[[], object]) -> None:
            if not get_current_worker().is_cancelled:
                node.post_message(WorkDone(deliver))

        node.run_worker(
            in_thread, thread=True, exclusive=load, group=group if load else "change", exit_on_error=False
        )

    def on_work_done(self, message: WorkDone) -> None:
        message.stop()
        message.deliver()
        self.engage.warm_up()
