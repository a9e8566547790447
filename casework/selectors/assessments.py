"""Casework selectors: assessments and the rules they are judged by; their timeline entries."""

import datetime

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from casework.eligibility import rule_in_force, threshold_set_in_force
from casework.models import AidScheme, AidThreshold, Assessment, KeaRule
from casework.selectors.notes import sensitive_text_visible_to
from casework.timeline import TimelineEntry, as_datetime, timeline_provider


def assessment_list(*, person_id=None):
    qs = Assessment.objects.select_related("person", "assessed_by").prefetch_related("incomes")
    if person_id is not None:
        qs = qs.filter(person_id=person_id)
    return qs


def assessment_health_notes_for(*, assessment: Assessment, user) -> str | None:
    """The assessment's health notes as ``user`` may read them: under the sensitive-notes rule
    (the assessor, psychologists, the coordinator); None for everyone else."""
    if not sensitive_text_visible_to(user, author_id=assessment.assessed_by_id):
        return None
    return assessment.health_notes


def household_composition(*, household, on: datetime.date) -> tuple[int, int]:
    """(adults, minors) among the household's registered members at ``on``; a member without a
    birth date counts as an adult."""
    adults = minors = 0
    for birth_date in household.members.values_list("person__birth_date", flat=True):
        is_minor = birth_date is not None and (on.year - birth_date.year
                                               - ((on.month, on.day) < (birth_date.month, birth_date.day))) < 18
        minors, adults = (minors + 1, adults) if is_minor else (minors, adults + 1)
    return adults, minors


def kea_rule_list():
    return KeaRule.objects.all()


def kea_rule_in_force(*, on: datetime.date) -> KeaRule | None:
    return rule_in_force(KeaRule.objects.filter(effective_from__lte=on), on)


def aid_threshold_list(*, scheme: str | None = None):
    qs = AidThreshold.objects.all()
    return qs.filter(scheme=scheme) if scheme else qs


def aid_thresholds_in_force(*, on: datetime.date) -> dict[str, list[AidThreshold]]:
    """Each scheme's set of thresholds in force at ``on`` (empty list when none)."""
    rows = list(AidThreshold.objects.filter(effective_from__lte=on))
    return {scheme: threshold_set_in_force(rows, scheme=scheme, on=on) for scheme in AidScheme.values}


def url_or_blank(name: str, **kwargs) -> str:
    """A page's URL, or "" while the page does not exist (another area may not have built it yet)."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@timeline_provider
def assessment_timeline(*, person, household, user) -> list[TimelineEntry]:
    if not user.has_perm("casework.view_assessment"):
        return []
    mine = Assessment.objects.filter(person=person)
    qs = (mine | Assessment.objects.filter(household=household)) if household is not None else mine
    entries = []
    for assessment in qs.select_related("person").distinct():
        kea = assessment.outcome.get("kea", {})
        schemes = assessment.outcome.get("schemes", {})
        parts = [_("ΚΕΑ/ΕΕΕ: %(verdict)s") % {"verdict": _("επιλέξιμο") if kea.get("eligible") else _("μη επιλέξιμο")}]
        parts += [f"{label}: {_('επιλέξιμο') if schemes.get(scheme, {}).get('eligible') else _('μη επιλέξιμο')}"
                  for scheme, label in AidScheme.choices]
        about_household = assessment.person_id != person.pk
        entries.append(TimelineEntry(
            at=as_datetime(assessment.assessed_on), kind="assessment", label=_("Κοινωνικοοικονομική αξιολόγηση"),
            title=("; ".join(parts) + (f" ({assessment.person})" if about_household else "")),
            url=url_or_blank("casework:assessment-detail", pk=assessment.pk), about_household=about_household,
        ))
    return entries
