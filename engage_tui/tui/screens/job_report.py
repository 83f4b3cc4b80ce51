"""Report screens that count someone's hours (Monthly hours, Rollups, Annual): `j` chooses whose — the
cohesion officers' by default, as the reports print them, another job's, or everyone's — as `--job`
does on the command line. The title says whose hours are shown."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding
from textual.reactive import reactive

from engage_tui.domain.job_titles import JOB_TITLES, heading
from engage_tui.tui.dialogs.pick import Pick
from engage_tui.tui.screens.report_screen import ReportScreen

EVERYONE = "all"
BY_JOB = "by job"
CHOICE_LABELS = {
    **{job: f"{heading(job)} ({job})" for job in JOB_TITLES},
    EVERYONE: "Everyone",
    BY_JOB: "A column for each job",
}
JOB_KEY = Binding("j", "pick_job", "Job", id="report.job", tooltip="whose hours: a job's, or everyone's")
"""Last in each screen's own keys: the period keys are used more, and shown first at 80 columns."""


class JobReportScreen(ReportScreen):
    """A report of hours, of the people doing `job` on the day (`all`: everyone's)."""

    JOB_CHOICES: ClassVar[tuple[str, ...]] = tuple(JOB_TITLES)
    """What `j` offers: jobs, and where the report can, everyone (`all`) or a column per job."""

    job: reactive[str] = reactive("co", init=False)

    def watch_job(self) -> None:
        self.refresh_report()

    def action_pick_job(self) -> None:
        choices = list(enumerate(CHOICE_LABELS[choice] for choice in self.JOB_CHOICES))

        def chosen(index: int | None) -> None:
            if index is not None:
                self.job = self.JOB_CHOICES[index]

        self.app.push_screen(Pick("Whose hours?", choices), chosen)

    @property
    def job_or_everyone(self) -> str | None:
        """The job the service counts, None for everyone's."""
        return None if self.job in (EVERYONE, BY_JOB) else self.job
