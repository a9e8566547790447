"""Demo reminders for ``seed_demo``: each coordinator gets an in-app reminder the worker sends on
its first minute, so the header's unread count shows something. Idempotent (an upsert by key)."""

import datetime

from django.utils import timezone

from platform_core.accounts.models import User
from platform_core.accounts.roles import Role

from .models import Channel
from .services import reminder_schedule


def demo_reminders_seed() -> None:
    for user in User.objects.filter(groups__name=Role.COORDINATOR.value, is_active=True):
        reminder_schedule(
            about=user, purpose="demo-welcome", staff=user, channel=Channel.IN_APP,
            due_at=timezone.now() - datetime.timedelta(minutes=1), template="custom",
            context={"text": "Καλώς ήρθατε. Οι υπενθυμίσεις του κέντρου εμφανίζονται εδώ και στη σελίδα "
                             "«Υπενθυμίσεις»."},
        )
