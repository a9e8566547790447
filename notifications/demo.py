"""Demo reminders for ``seed_demo``: each demo coordinator gets an in-app reminder the worker sends
in its first minute, so the header's unread count shows something. Once per coordinator. And the
centre's quiet hours and message contact details, saved as a coordinator would."""

import datetime

from django.utils import timezone

from platform_core.accounts.roles import Role
from platform_core.demo import demo_seeder

from .models import Channel, Reminder
from .services import notification_settings_get, notification_settings_update, reminder_schedule


@demo_seeder
def notification_settings_demo(*, centre, staff) -> int:
    """The centre's quiet hours (the defaults, saved) and the phone and e-mail its messages are
    signed with; once per centre."""
    row = notification_settings_get()
    if row.saved_at is not None:
        return 0
    notification_settings_update(quiet_start=row.quiet_start, quiet_end=row.quiet_end,
                                 contact_phone=row.contact_phone or "2825000000",
                                 contact_email=row.contact_email or f"kentro@{centre.slug}.demo")
    return 1


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
