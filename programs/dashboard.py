"""Programmes' panel on the worker's home page: "my day", the sessions they facilitate and the
appointments they hold today; and the sites item of a new centre's set-up checklist."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.models import Site
from casework.services.access import access_record_ids
from platform_core.checklist import setup_item
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


@setup_item(label=_("Δομές: η διεύθυνση του κεντρικού γραφείου και τυχόν παραρτήματα"), url_name="programs:site-list",
            order=10)
def sites_described(*, user) -> bool:
    """Every centre starts with a main office without an address: a site with one is a centre's own."""
    return Site.objects.filter(is_active=True).exclude(address="").exists()
