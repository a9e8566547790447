"""Notifications' regional indicator: reminders sent in the period, by channel (counts only)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from regional.indicators import EVENTS, Breakdown, indicator
from regional.periods import Period

from .models import Channel, Reminder
from .reports.registry import period_bounds

CHANNEL = Breakdown("channel", _("Κανάλι"), tuple(Channel.choices))


@indicator(code="reminders_sent", label=_("Υπενθυμίσεις που εστάλησαν"), unit=EVENTS, breakdowns=[CHANNEL],
           order=300, group="casework")
def reminders_sent(*, period: Period) -> dict[str, int]:
    start, end = period_bounds(period.start, period.end)
    by_channel = dict(Reminder.objects.filter(state=Reminder.State.SENT, sent_at__gte=start, sent_at__lt=end)
                      .order_by().values_list("channel").annotate(n=Count("pk")))
    return {"": sum(by_channel.values()), **{f"channel={channel}": n for channel, n in by_channel.items()}}
