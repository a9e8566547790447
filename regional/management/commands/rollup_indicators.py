"""Runs the regional rollup at once (the nightly job's code); exit 0 when every centre succeeded."""

from django.core.management.base import BaseCommand, CommandError

from regional.models import RollupRun
from regional.periods import MONTH, period_parse
from regional.rollup import centres_to_roll_up, rollup_now


class Command(BaseCommand):
    help = "Computes the regional indicators of every active centre (or one) and publishes them."

    def add_arguments(self, parser):
        parser.add_argument("--period",
                            help="one month, YYYY-MM (with its quarter and year); default: the last 13 months")
        parser.add_argument("--centre", help="the slug of one active centre")

    def handle(self, *args, **options):
        month, slug = options.get("period"), options.get("centre")
        if month:
            try:
                chosen = period_parse(month)
            except ValueError:
                chosen = None
            if chosen is None or chosen.kind != MONTH:
                raise CommandError(f"--period must be a month as YYYY-MM, not {month!r}.", returncode=2)
            if chosen.is_future():
                raise CommandError(f"--period {month} is in the future.", returncode=2)
        if slug and not centres_to_roll_up(slug=slug).exists():
            raise CommandError(f"--centre {slug!r} is not an active centre.", returncode=2)
        run = rollup_now(month=month, slug=slug, trigger=RollupRun.Trigger.COMMAND, stdout=self.stdout)
        self.stdout.write(f"{run.centres_done} of {run.centres_total} centres rolled up, {run.centres_failed} failed.")
        if run.centres_failed:
            raise CommandError(f"Failed centres: {', '.join(run.failed_centres)}.", returncode=1)
