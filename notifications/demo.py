"""Demo reminders for ``seed_demo``: each demo coordinator gets an in-app reminder the worker sends
in its first minute, so the header's unread count shows something. Once per coordinator."""

import datetime

from django.utils import timezone

from platform_core.accounts.roles import Role
from platform_core.demo import demo_seeder

from .models import Channel, Reminder
from .services import reminder_schedule


@demo_seeder
def notifications_demo(*, centre, staff) -> int:
    coordinator = staff[Role.COORDINATOR]
    if Reminder.objects.filter(purpose="demo-welcome", staff=coordinator).exists():
        return 0
    reminder_schedule(
        about=coordinator, purpose="demo-welcome", staff=coordinator, channel=Channel.IN_APP,
        due_at=timezone.now() - datetime.timedelta(minutes=1), template="custom",
        context={"text": "Καλώς ήρθατε. Οι υπενθυμίσεις του κέντρου εμφανίζονται εδώ και στη σελίδα "
                         "«Υπενθυμίσεις»."},
    )
    return 1
