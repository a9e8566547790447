"""Programmes' part of the person page's summary: the person's next appointment."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.summary import SummaryFact, SummaryLine, summary_provider
from platform_core.labels import moment, person_name
from programs.models import Appointment


@summary_provider
def next_appointment_summary(*, person, household, user) -> list[SummaryFact]:
    if not user.has_perm("programs.view_appointment"):
        return []
    upcoming = (Appointment.objects.filter(person=person, status=Appointment.Status.BOOKED,
                                           starts_at__gte=timezone.now())
                .select_related("staff").order_by("starts_at").first())
    lines = [SummaryLine(
        text=f"{moment(upcoming.starts_at)} · {upcoming.purpose}",
        detail=_("με %(staff)s") % {"staff": person_name(upcoming.staff)},
        url=reverse("programs:appointment-detail", args=[upcoming.pk]))] if upcoming else []
    return [SummaryFact(order=40, key="next_appointment", label=_("Επόμενο ραντεβού"), lines=lines,
                        empty=_("Κανένα προγραμματισμένο ραντεβού."))]
