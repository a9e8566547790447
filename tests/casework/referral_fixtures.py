"""Directory entries and consents the referral tests share."""

import datetime

import pytest
from django.utils import timezone

from casework.services import referrals
from partners.models import Service
from partners.services import organization_upsert, service_upsert


@pytest.fixture
def organization(db, worlds):
    return organization_upsert(name="Κέντρο Ψυχικής Υγείας Παραπομπών", alternate_name="ΚΨΥ Παραπομπών",
                               description="Ψυχική υγεία.")


@pytest.fixture
def service(organization):
    return service_upsert(organization=organization, name="Ψυχολογική υποστήριξη", categories=["mental_health"])


@pytest.fixture
def consent(person, worker, organization):
    return referrals.consent_record(person=person, by=worker, organization=organization, purpose="Παραπομπή στο ΚΨΥ",
                                    categories=["identity", "case_summary"], given_on=timezone.localdate())


def due(days: int = 10) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def inactive(service: Service, status: str) -> Service:
    Service.objects.filter(pk=service.pk).update(status=status)
    service.refresh_from_db()
    return service
