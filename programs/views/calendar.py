"""Staff pages: the centre's calendar, a week or a day, for one staff member, one site or the
whole centre, sessions and appointments together. Its queries do not grow with its events."""

import datetime

from django.shortcuts import render
from django.urls import path
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from casework.services.access import access_record_ids, logged_read
from programs import selectors
from programs.forms import CalendarFilterForm

from ._base import staff_perm


def calendar_days(*, view: str, day: datetime.date) -> list[datetime.date]:
    if view == "day":
        return [day]
    monday = day - datetime.timedelta(days=day.weekday())
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]


@staff_perm("programs.view_session")
@require_GET
@logged_read
def calendar_view(request):
    form = CalendarFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    view = data.get("view") or "week"
    day = data.get("date") or timezone.localdate()
    staff, site = data.get("staff"), data.get("site")
    if request.GET.get("staff") == "me":
        staff = request.user
    days = calendar_days(view=view, day=day)
    show_people = request.user.has_perm("programs.view_appointment")
    events = selectors.calendar_events(date_from=days[0], date_to=days[-1], staff=staff, site=site,
                                       show_people=show_people)
    if show_people:
        access_record_ids(user=request.user, object_type="appointment", reads=selectors.calendar_reads(events))
    by_day = {d: [] for d in days}
    for event in events:
        by_day.setdefault(event.day, []).append(event)
    label = _("Ραντεβού")
    step = datetime.timedelta(days=1 if view == "day" else 7)
    query = request.GET.copy()

    def link(target: datetime.date) -> str:
        query["date"], query["view"] = target.isoformat(), view
        return "?" + query.urlencode()

    scope = (staff.get_full_name() or staff.get_username()) if staff else site.name if site else _("Όλο το κέντρο")
    period = (formats.date_format(days[0], "DATE_FORMAT") if view == "day" else
              " – ".join(formats.date_format(d, "SHORT_DATE_FORMAT") for d in (days[0], days[-1])))
    return render(request, "programs/calendar.html", {
        "form": form, "view": view,
        "days": [(d, by_day[d], _events_html(by_day[d], label)) for d in days], "scope": scope, "period": period,
        "previous": link(days[0] - step), "next": link(days[0] + step), "today_link": link(timezone.localdate()),
        "today": timezone.localdate(), "title": _("Ημερολόγιο"),
    })


def _events_html(events, appointment_label: str):
    """A day's events as HTML, escaped by ``format_html``: hundreds in a busy week, faster made
    here than by a template loop."""
    return format_html_join("", EVENT_HTML, (
        (event.kind, " cancelled" if event.cancelled else "", event.url, event.when, event.title,
         f"{appointment_label}: {event.detail}" if event.kind == "appointment" else event.detail,
         event.where + (f" · {event.status}" if event.cancelled else ""))
        for event in events))


EVENT_HTML = ('<a class="event event-{}{}" href="{}" data-testid="event"><time>{}</time> <strong>{}</strong>'
              '<span>{}</span><span class="help">{}</span></a>')

urlpatterns = [path("calendar/", calendar_view, name="calendar")]
