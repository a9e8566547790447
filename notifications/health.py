"""Reminders in the operator's health view (``tenants.health``): counts only."""

from django.utils.translation import gettext_lazy as _

from tenants.health import health_figure

from .models import Reminder


@health_figure(code="reminders_queued", label=_("Υπενθυμίσεις σε αναμονή"), order=40)
def reminders_queued() -> int:
    return Reminder.objects.filter(state__in=[Reminder.State.SCHEDULED, Reminder.State.SENDING]).count()


@health_figure(code="reminders_failed", label=_("Υπενθυμίσεις που απέτυχαν"), order=50)
def reminders_failed() -> int:
    return Reminder.objects.filter(state=Reminder.State.FAILED).count()
