"""A small directory for the partners tests, built in public inside each test's transaction."""

import datetime

import pytest
from django.utils import timezone

from partners.models import Schedule, Service
from partners.services import organization_upsert, service_upsert
from regional.models import Municipality, RegionalUnit


@pytest.fixture
def directory(db, worlds):
    """Three services: mental health in Chania (open on weekdays 09–15), a food bank of Apokoronas,
    and a defunct one."""
    chania = RegionalUnit.objects.get(slug="chania")
    apokoronas = Municipality.objects.get(slug="apokoronas")
    kpsy = organization_upsert(name="Κέντρο Ψυχικής Υγείας Δοκιμών", alternate_name="ΚΨΥ Δοκιμών",
                               description="Ψυχική υγεία ενηλίκων.", assured_date=timezone.localdate())
    grocery = organization_upsert(name="Κοινωνικό Παντοπωλείο Δοκιμών", description="Τρόφιμα.")
    weekdays = [(day, "09:00", "15:00") for day in ("MO", "TU", "WE", "TH", "FR")]
    return {
        "mental": service_upsert(organization=kpsy, name="Ψυχολογική υποστήριξη ενηλίκων", categories=["mental_health"],
                                 areas=[chania], hours=weekdays, description="Συνεδρίες ψυχοθεραπείας.",
                                 phone="2821012345", referral_methods=["phone", "letter"],
                                 assured_date=timezone.localdate()),
        "food": service_upsert(organization=grocery, name="Διανομή τροφίμων", categories=["food_material_aid"],
                               areas=[apokoronas], assured_date=timezone.localdate() - datetime.timedelta(days=400)),
        "defunct": service_upsert(organization=grocery, name="Παλιό ενδυματοπωλείο", categories=["food_material_aid"],
                                  status=Service.Status.DEFUNCT),
    }


def weekday_at(weekday: int, hour: int) -> datetime.datetime:
    """The next date with that weekday (0 = Monday) at ``hour`` in the local time zone."""
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(weekday - today.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


__all__ = ["Schedule", "weekday_at"]
