"""Programmes' panel on the worker's home page: "my day", the sessions they facilitate and the
appointments they hold today."""

from django.utils import timezone

from casework.services.access import access_record_ids
from platform_core.dashboard import dashboard_panel
from programs.selectors import calendar_events, calendar_reads


@dashboard_panel(template="programs/dashboard_panel.html", order=20)
def my_day(request) -> dict | None:
    user = request.user
    if not user.has_perm("programs.view_session"):
        return None
    today = timezone.localdate()
    show_people = user.has_perm("programs.view_appointment")
    events = calendar_events(date_from=today, date_to=today, staff=user, show_people=show_people)
    if show_people:
        access_record_ids(user=user, object_type="appointment", reads=calendar_reads(events))
    return {"events": events}
