"""Programmes' part of the person page: the person's next appointment in its summary, and the
«Νέο ραντεβού» action."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.summary import SummaryFact, SummaryLine, person_action, summary_provider
from platform_core.labels import moment, person_name
from programs.models import Appointment

person_action("record", gettext_lazy("Νέο ραντεβού"), "programs:appointment-new", "programs.add_appointment",
              query="person")


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
