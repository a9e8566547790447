"""Notifications' items of a new centre's set-up checklist: quiet hours saved, and the contact
details every message is signed with."""

from django.utils.translation import gettext_lazy as _

from platform_core.checklist import setup_item

from .models import NotificationSettings


@setup_item(label=_("Ώρες κοινής ησυχίας για τα SMS"), url_name="notifications:settings", order=40)
def quiet_hours_saved(*, user) -> bool:
    # The row is also created, with the defaults, by the first message sent: only a save counts.
    return NotificationSettings.objects.filter(saved_at__isnull=False).exists()


@setup_item(label=_("Τηλέφωνο και email επικοινωνίας στην υπογραφή των μηνυμάτων"), url_name="notifications:settings",
            order=50)
def contact_details_given(*, user) -> bool:
    return NotificationSettings.objects.exclude(contact_phone="").exclude(contact_email="").exists()
