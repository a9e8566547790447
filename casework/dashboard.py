"""Casework's panel on the worker's home page: their overdue and due-this-week pathway steps and
how many open cases they hold."""

from casework.models import Case
from casework.selectors.cases import steps_due_this_week, steps_overdue
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
