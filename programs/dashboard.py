"""Programmes' panel on the worker's home page: "my day", the sessions they facilitate and the
appointments they hold today."""

from django.utils import timezone

from casework.services.access import access_record_many
from platform_core.dashboard import dashboard_panel
from programs.models import Appointment
from programs.selectors import calendar_events


@dashboard_panel(template="programs/dashboard_panel.html", order=20)
def my_day(request) -> dict | None:
    user = request.user
    if not user.has_perm("programs.view_session"):
        return None
    today = timezone.localdate()
    show_people = user.has_perm("programs.view_appointment")
    events = calendar_events(date_from=today, date_to=today, staff=user, show_people=show_people)
    if show_people:
        access_record_many(user=user, objects=[event.obj for event in events if isinstance(event.obj, Appointment)])
    return {"events": events}
