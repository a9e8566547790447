"""From an assessment's «Επιλέξιμο» to a receipt in one step: the assessment page offers the
eligibility decision pre-filled, and a receipt refused for want of it says so with a link."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tenants.utils import schema_context

from casework.factories import AidRoundFactory, HouseholdMemberFactory
from casework.models import AidEligibility, AidReceipt, AidRound
from casework.services.assessments import assessment_record
from platform_core.accounts.roles import Role

TODAY = timezone.localdate()
ASSESSED_ON = TODAY - datetime.timedelta(days=3)
ROUND_DAY = TODAY


@pytest.fixture
def assessed(world_a):
    """A one-person household assessed three days ago at 300 € a month: eligible for both schemes
    (default thresholds, about 500 €) for six months."""
    with schema_context(world_a.centre.schema_name):
        member = HouseholdMemberFactory()
        assessment = assessment_record(person=member.person, by=world_a.users[Role.SOCIAL_WORKER],
                                       assessed_on=ASSESSED_ON, adults=1, incomes=[("pension", Decimal("300"))])
    return assessment


def _valid_until(assessment) -> datetime.date:
    return datetime.date.fromisoformat(assessment.outcome["schemes"]["grocery"]["valid_until"])


def _decision_url(assessment, scheme="grocery") -> str:
    return (reverse("casework:aid-eligibility-create", kwargs={"household_pk": assessment.household_id})
            + f"?assessment={assessment.pk}&scheme={scheme}")


def test_assessment_page_offers_the_eligibility_decision_of_each_scheme(world_a, assessed):
    html = world_a.client(Role.SOCIAL_WORKER).get(
        reverse("casework:assessment-detail", kwargs={"pk": assessed.pk})).content.decode()

    assert _decision_url(assessed, "grocery").replace("&", "&amp;") in html
    assert _decision_url(assessed, "clothing").replace("&", "&amp;") in html


def test_the_decision_form_from_an_assessment_is_pre_filled_with_its_result(world_a, assessed):
    form = world_a.client(Role.SOCIAL_WORKER).get(_decision_url(assessed)).context["form"]

    assert {name: form[name].value() for name in ("scheme", "decision", "valid_until", "assessment")} == {
        "scheme": "grocery", "decision": "yes", "valid_until": _valid_until(assessed),
        "assessment": assessed.pk}


def test_confirming_the_pre_filled_decision_lets_the_household_receive(world_a, assessed):
    client = world_a.client(Role.SOCIAL_WORKER)
    form = client.get(_decision_url(assessed)).context["form"]
    posted = {name: form[name].value() for name in form.fields}
    posted = {name: "" if value is None else str(value) for name, value in posted.items()}

    response = client.post(_decision_url(assessed), posted)

    assert response.status_code == 302
    with schema_context(world_a.centre.schema_name):
        decision = AidEligibility.objects.get(household_id=assessed.household_id)
        aid_round = AidRoundFactory(kind=AidRound.Kind.GROCERY, distributed_on=ROUND_DAY)
    assert (decision.eligible, decision.valid_until, decision.assessment_id) == (
        True, _valid_until(assessed), assessed.pk)
    recorded = world_a.client(Role.RECEPTION).post(reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk}),
                                                   {"household": str(assessed.household_id)})
    assert recorded.status_code == 302
    with schema_context(world_a.centre.schema_name):
        assert AidReceipt.objects.filter(round=aid_round, household_id=assessed.household_id).exists()


def test_the_assessment_page_says_when_its_decision_is_recorded(world_a, assessed):
    client = world_a.client(Role.SOCIAL_WORKER)
    client.post(_decision_url(assessed), {"scheme": "grocery", "decision": "yes", "assessment": str(assessed.pk)})

    html = client.get(reverse("casework:assessment-detail", kwargs={"pk": assessed.pk})).content.decode()

    assert "Η απόφαση επιλεξιμότητας από αυτή την αξιολόγηση έχει καταχωριστεί." in html


def test_a_receipt_refused_for_want_of_a_decision_links_to_the_decision(world_a, assessed):
    with schema_context(world_a.centre.schema_name):
        aid_round = AidRoundFactory(kind=AidRound.Kind.GROCERY, distributed_on=ROUND_DAY)

    response = world_a.client(Role.SOCIAL_WORKER).post(
        reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk}), {"household": str(assessed.household_id)})

    html = response.content.decode()
    link = (reverse("casework:aid-eligibility-create", kwargs={"household_pk": assessed.household_id})
            + "?scheme=grocery")
    assert response.status_code == 200
    assert "δεν έχει σε ισχύ απόφαση επιλεξιμότητας" in html and f'href="{link}"' in html


def test_reception_is_sent_to_the_household_page_as_it_cannot_decide(world_a, assessed):
    with schema_context(world_a.centre.schema_name):
        aid_round = AidRoundFactory(kind=AidRound.Kind.GROCERY, distributed_on=ROUND_DAY)

    response = world_a.client(Role.RECEPTION).post(
        reverse("casework:aidround-detail", kwargs={"pk": aid_round.pk}), {"household": str(assessed.household_id)})

    household_url = reverse("casework:household-detail", kwargs={"pk": assessed.household_id})
    assert f'href="{household_url}"' in response.content.decode()
    assert "η απόφαση καταχωρίζεται από κοινωνικό/ή λειτουργό" in response.content.decode()
