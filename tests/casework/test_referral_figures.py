"""Loop-closure figures per organisation and category: sent, accepted, declined, completed
successfully, open past due, median days to answer; on the referrals page and in the monthly report."""

import datetime

from django.utils import timezone

from casework.models import Referral
from casework.selectors.referrals import referral_loop_figures
from casework.services import referrals
from notifications.reports.registry import report_sections

from .referral_fixtures import consent, due, organization, service  # noqa: F401


def _sent(person, worker, service, *, days_ago: int = 0):  # noqa: F811
    referral = referrals.referral_create(person=person, by=worker, service=service, categories=["identity"],
                                         reason="x", due_on=due())
    referral = referrals.referral_send(referral=referral, by=worker)
    Referral.objects.filter(pk=referral.pk).update(sent_on=timezone.localdate() - datetime.timedelta(days=days_ago))
    referral.refresh_from_db()
    return referral


def _row(rows, key):
    return next(row for row in rows if row.key == key)


def test_figures_count_each_outcome_per_organisation(in_centre_a, person, worker, service, consent):  # noqa: F811
    referrals.referral_complete(referral=referrals.referral_accept(referral=_sent(person, worker, service, days_ago=4),
                                                                   by=worker), by=worker, outcome="successful")
    referrals.referral_decline(referral=_sent(person, worker, service, days_ago=2), by=worker, reason="Πλήρες")
    late = _sent(person, worker, service)
    Referral.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - datetime.timedelta(days=1))

    row = _row(referral_loop_figures(), str(service.organization_id))

    assert (row.sent, row.accepted, row.declined, row.completed_successfully, row.open_past_due) == (3, 1, 1, 1, 1)
    assert row.median_days_to_answer == 3


def test_figures_by_category_use_the_services_categories(in_centre_a, person, worker, service, consent):  # noqa: F811
    _sent(person, worker, service)

    assert _row(referral_loop_figures(by="category"), "mental_health").sent == 1


def test_the_monthly_report_has_the_referrals_section(in_centre_a, person, worker, service, consent):  # noqa: F811
    _sent(person, worker, service)
    today = timezone.localdate()

    sections = report_sections(date_from=today.replace(day=1), date_to=today)

    section = next(section for section in sections if section.title == "Παραπομπές και κλείσιμο του κύκλου")
    assert section.rows[-1][0] == "Σύνολο" and section.rows[-1][1] >= 1


def test_the_referrals_page_shows_the_figures(world_a, person, worker, service, consent):  # noqa: F811
    from django_tenants.utils import schema_context

    with schema_context(world_a.centre.schema_name):
        _sent(person, worker, service)

    page = world_a.client().get("/referrals/").content.decode()
    assert 'data-testid="referral-figures"' in page and "ΚΨΥ Παραπομπών" in page
