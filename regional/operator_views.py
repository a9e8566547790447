"""The operator's button for the regional rollup (public host, operators only)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.permissions import operator_required

from .models import RollupRun


@operator_required
@require_POST
def rollup_start(request):
    from .tasks import indicators_rollup_fan_out

    transaction.on_commit(lambda: indicators_rollup_fan_out.apply_async(kwargs={"trigger": RollupRun.Trigger.OPERATOR}))
    messages.success(request, _("Η συγκέντρωση των δεικτών ξεκίνησε· η πρόοδος φαίνεται παρακάτω."))
    return redirect("tenants:jobs")
