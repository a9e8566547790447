"""Casework's panel on the worker's home page: their overdue and due-this-week pathway steps and
how many open cases they hold; and the aid-thresholds item of a new centre's set-up checklist."""

from django.utils.translation import gettext_lazy as _

from casework.models import AidScheme, AidThreshold, Case
from casework.selectors.cases import steps_due_this_week, steps_overdue
from casework.services.assessments import DEFAULT_THRESHOLDS_FROM
from platform_core.checklist import setup_item
from platform_core.dashboard import dashboard_panel


@dashboard_panel(template="casework/dashboard_panel.html", order=10)
def my_casework(request) -> dict | None:
    user = request.user
    if not (user.has_perm("casework.view_case") and user.has_perm("casework.view_pathwaystep")):
        return None
    return {
        "overdue_steps": list(steps_overdue(owner=user)),
        "due_this_week": list(steps_due_this_week(owner=user)),
        "open_cases": Case.objects.filter(assigned_worker=user, status=Case.Status.OPEN).count(),
    }


@setup_item(label=_("Όρια επιλεξιμότητας Κοινωνικού Παντοπωλείου και Ενδυματοπωλείου"),
            url_name="casework:aid-rules", order=30)
def aid_thresholds_set(*, user) -> bool:
    """Every centre starts with the defaults in force from ``DEFAULT_THRESHOLDS_FROM``; a set the
    coordinator saved (the same figures again, from a date of theirs, confirm them) has its own date."""
    schemes = AidThreshold.objects.exclude(effective_from=DEFAULT_THRESHOLDS_FROM).values("scheme").distinct()
    return schemes.count() == len(AidScheme.values)
