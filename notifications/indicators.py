"""Notifications' regional indicator: reminders sent in the period, by channel (counts only)."""

from collections import Counter

from django.utils.translation import gettext_lazy as _

from regional.indicators import EVENTS, Breakdown, indicator, period_rows
from regional.periods import Period

from .models import Channel, Reminder
from .reports.registry import period_bounds

CHANNEL = Breakdown("channel", _("Κανάλι"), tuple(Channel.choices))


@indicator(code="reminders_sent", label=_("Υπενθυμίσεις που εστάλησαν"), unit=EVENTS, breakdowns=[CHANNEL],
           order=300, group="casework")
def reminders_sent(*, period: Period) -> dict[str, int]:
    def fetch(date_from, date_to):
        start, end = period_bounds(date_from, date_to)
        return Reminder.objects.filter(state=Reminder.State.SENT, sent_at__gte=start, sent_at__lt=end).values_list(
            "sent_at", "channel")

    rows = period_rows("reminders_sent", period, fetch)
    return Counter({"": len(rows)}) + Counter(f"channel={channel}" for _when, channel in rows)
