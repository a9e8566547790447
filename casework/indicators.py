"""Casework's regional indicators (``regional.indicators``): people and families served, cases
opened and closed, reception contacts, counselling, ΚΕΑ/ΕΕΕ applications, aid, and the ESF
2014-2020 and ESF+ 2021-2027 common output indicators from the participants' entry records.
Each runs in one centre's schema for one period and returns counts only."""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from notifications.reports.registry import period_bounds
from partners.taxonomy import CATEGORIES
from regional.indicators import (
    AGE_GROUP,
    EVENTS,
    GENDER,
    HOUSEHOLDS,
    PERSONS,
    Breakdown,
    indicator,
    period_rows,
    shared,
    span_of,
)
from regional.periods import Period

from .models import (
    AidReceipt,
    AidRound,
    BenefitApplication,
    Case,
    ContactNote,
    EmploymentStatus,
    Gender,
    HouseholdMember,
    ParticipantRecord,
    Person,
    ReceptionContact,
    Referral,
    Topic,
)
from .report_sections import person_activity

GENDER_VALUE = {Gender.FEMALE: "women", Gender.MALE: "men", Gender.NON_BINARY: "non_binary"}


def gender_key(gender: str) -> str:
    return f"gender={GENDER_VALUE.get(gender, 'undeclared')}"


def age_on(birth_date: datetime.date | None, day: datetime.date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_group_key(birth_date: datetime.date | None, day: datetime.date) -> str:
    age = age_on(birth_date, day)
    if age is None:
        return "age_group=unknown"
    return "age_group=" + ("0-17" if age < 18 else "18-29" if age < 30 else "30-54" if age < 55 else "55+")


def gender_and_age_counts(people: Iterable[tuple[str, datetime.date | None]], day: datetime.date) -> Counter:
    """People counted by gender and by age group on ``day``, from their (gender, birth date)."""
    counts: Counter = Counter()
    age_keys: dict = {}
    for gender, birth_date in people:
        counts[gender_key(gender)] += 1
        age_key = age_keys.get(birth_date)
        if age_key is None:
            age_key = age_keys[birth_date] = age_group_key(birth_date, day)
        counts[age_key] += 1
    return counts


def _served(period: Period) -> set:
    return shared(("served", period.code), lambda: {person for _when, person in period_rows(
        "activity", period, lambda date_from, date_to: person_activity(date_from=date_from, date_to=date_to))})


def _person_traits(period: Period) -> dict:
    """``{person: (gender, birth date)}`` of the people served in the period, fetched once for
    every period of the computation."""
    span = span_of(period)
    return shared(("person_traits", span.code), lambda: {
        pk: (gender, birth_date) for pk, gender, birth_date in
        Person.objects.filter(pk__any_of=_served(span)).values_list("pk", "gender", "birth_date")})


def _person_households(period: Period) -> dict:
    """``{person: [household, …]}`` of the people served in the period (as ``_person_traits``)."""
    span = span_of(period)

    def build():
        households: dict = {}
        for person, household in HouseholdMember.objects.filter(person_id__any_of=_served(span)).values_list(
                "person_id", "household_id"):
            households.setdefault(person, []).append(household)
        return households

    return shared(("person_households", span.code), build)


@indicator(code="people_served", label=_("Ωφελούμενοι (άτομα)"), unit=PERSONS, breakdowns=[GENDER, AGE_GROUP],
           order=100, group="casework")
def people_served(*, period: Period) -> dict[str, int]:
    ids = _served(period)
    traits = _person_traits(period)
    unknown = ("", None)
    counts = gender_and_age_counts((traits.get(person, unknown) for person in ids), period.end)
    counts[""] = len(ids)
    return counts


@indicator(code="families_served", label=_("Οικογένειες (νοικοκυριά)"), unit=HOUSEHOLDS, order=110,
           group="casework")
def families_served(*, period: Period) -> dict[str, int]:
    ids = _served(period)
    by_person = _person_households(period)
    households = {household for person in ids for household in by_person.get(person, ())}
    households.update(household for _when, household, _kind in _receipts(period))
    return {"": len(households)}


def _receipts(period: Period) -> list[tuple]:
    """(moment, household, aid kind) of the aid receipts of the period."""
    def fetch(date_from, date_to):
        start, end = period_bounds(date_from, date_to)
        return AidReceipt.objects.filter(received_at__gte=start, received_at__lt=end).values_list(
            "received_at", "household_id", "round__kind")

    return period_rows("aid_receipts", period, fetch)


@indicator(code="cases_opened", label=_("Νέοι φάκελοι (άτομα)"), unit=PERSONS, breakdowns=[GENDER], order=120,
           group="casework")
def cases_opened(*, period: Period) -> dict[str, int]:
    genders = {person: gender for _day, person, gender in period_rows(
        "cases_opened", period, lambda date_from, date_to: Case.objects.filter(
            intake_date__range=(date_from, date_to)).values_list("intake_date", "person_id", "person__gender"))}
    counts: Counter = Counter({"": len(genders)})
    counts.update(gender_key(gender) for gender in genders.values())
    return counts


CLOSED_REASON = Breakdown("reason", _("Λόγος κλεισίματος"), tuple(Case.ClosedReason.choices))


@indicator(code="cases_closed", label=_("Φάκελοι που έκλεισαν (άτομα)"), unit=PERSONS, breakdowns=[CLOSED_REASON],
           order=130, group="casework")
def cases_closed(*, period: Period) -> dict[str, int]:
    """A person whose cases closed for several reasons in the period counts once, under the
    reason of the last one: the reasons add up to the total."""
    def fetch(date_from, date_to):
        start, end = period_bounds(date_from, date_to)
        return (Case.objects.filter(status=Case.Status.CLOSED, closed_at__gte=start, closed_at__lt=end)
                .order_by("closed_at").values_list("closed_at", "person_id", "closed_reason"))

    last_reason = {person: reason for _when, person, reason in period_rows("cases_closed", period, fetch)}
    counts: Counter = Counter({"": len(last_reason)})
    counts.update(f"reason={reason}" for reason in last_reason.values())
    return counts


TOPIC = Breakdown("topic", _("Θέμα"), tuple(Topic.choices))


@indicator(code="reception_contacts", label=_("Επαφές υποδοχής"), unit=EVENTS, breakdowns=[TOPIC], order=140,
           group="casework")
def reception_contacts(*, period: Period) -> dict[str, int]:
    def fetch(date_from, date_to):
        start, end = period_bounds(date_from, date_to)
        return ReceptionContact.objects.filter(contacted_at__gte=start, contacted_at__lt=end).values_list(
            "contacted_at", "topic")

    rows = period_rows("reception_contacts", period, fetch)
    return Counter({"": len(rows)}) + Counter(f"topic={topic}" for _when, topic in rows)


@indicator(code="counselling_sessions", label=_("Συνεδρίες συμβουλευτικής"), unit=EVENTS, order=150,
           group="casework")
def counselling_sessions(*, period: Period) -> dict[str, int]:
    def fetch(date_from, date_to):
        start, end = period_bounds(date_from, date_to)
        return ContactNote.objects.filter(kind__in=[ContactNote.Kind.COUNSELLING, ContactNote.Kind.GROUP],
                                          occurred_at__gte=start, occurred_at__lt=end).values_list("occurred_at")

    return {"": len(period_rows("counselling_sessions", period, fetch))}


KEA_STATE = Breakdown("state", _("Κατάσταση"), (
    ("submitted", _("Υποβλήθηκαν")), ("approved", _("Εγκρίθηκαν")), ("rejected", _("Απορρίφθηκαν"))),
    partition=False)


@indicator(code="kea_applications", label=_("Αιτήσεις ΚΕΑ / ΕΕΕ (νοικοκυριά)"), unit=HOUSEHOLDS,
           breakdowns=[KEA_STATE], order=160, group="casework")
def kea_applications(*, period: Period) -> dict[str, int]:
    """Households (the applicant where no household is recorded) with a ΚΕΑ/ΕΕΕ application
    submitted or decided in the period; the total counts each once."""
    kea = (BenefitApplication.objects.filter(kind=BenefitApplication.Kind.KEA)
           .annotate(unit=Coalesce("household_id", "person_id")))
    submitted = {unit for _day, unit in period_rows("kea_submitted", period, lambda date_from, date_to: kea.filter(
        submitted_on__range=(date_from, date_to)).values_list("submitted_on", "unit"))}
    decided = period_rows("kea_decided", period, lambda date_from, date_to: kea.filter(
        decided_on__range=(date_from, date_to)).values_list("decided_on", "unit", "status"))
    approved = {unit for _day, unit, status in decided if status == BenefitApplication.Status.APPROVED}
    rejected = {unit for _day, unit, status in decided if status == BenefitApplication.Status.REJECTED}
    return {"": len(submitted | approved | rejected), "state=submitted": len(submitted),
            "state=approved": len(approved), "state=rejected": len(rejected)}


AID_KIND = Breakdown("aid_kind", _("Είδος υλικής συνδρομής"), tuple(AidRound.Kind.choices), partition=False)


@indicator(code="aid_households", label=_("Νοικοκυριά που έλαβαν υλική συνδρομή"), unit=HOUSEHOLDS,
           breakdowns=[AID_KIND], order=170, group="casework")
def aid_households(*, period: Period) -> dict[str, int]:
    receipts = _receipts(period)
    by_kind = Counter(f"aid_kind={kind}" for kind, _household in {(kind, household)
                                                                   for _when, household, kind in receipts})
    return {"": len({household for _when, household, _kind in receipts}), **by_kind}


# ESF common output indicators: participants whose entry record falls in the period, by gender.

def _signatures(period: Period) -> list[tuple[str, tuple[str, ...]]]:
    """(gender key, the ESF indicators it meets) of each entry record of the period: each record
    is tested against the definitions once per computation, when it is fetched."""
    def fetch(date_from, date_to):
        return (ParticipantRecord.objects.filter(stage=ParticipantRecord.Stage.ENTRY,
                                                 recorded_on__range=(date_from, date_to))
                .values_list("recorded_on", "gender", "birth_date", "employment_status", "unemployed_since",
                             "education", "citizenship", "foreign_background", "minority", "disability",
                             "housing", "rural_area", "person__vulnerabilities"))

    def fetch_signatures(date_from, date_to):
        tests = tuple(ESF_TESTS.items())
        signatures = []
        for row in fetch(date_from, date_to):
            entry = Entry(row)
            signatures.append((row[0], (gender_key(entry.gender),
                                        tuple(code for code, test in tests if test(entry)))))
        return signatures

    return [signature for _day, signature in period_rows("esf_entries", period, fetch_signatures)]


class Entry:
    """One entry record, with the ESF definitions as properties."""

    FIELDS = ("on", "gender", "birth_date", "employment", "unemployed_since", "education", "citizenship",
              "foreign_background", "minority", "disability", "housing", "rural", "vulnerabilities")
    __slots__ = (*FIELDS, "age")

    def __init__(self, row: tuple) -> None:
        for name, value in zip(self.FIELDS, row, strict=True):
            setattr(self, name, value)
        self.age: int | None = age_on(self.birth_date, self.on)  # at entry; several definitions ask

    @property
    def unemployed(self) -> bool:
        return self.employment == EmploymentStatus.UNEMPLOYED

    @property
    def long_term_unemployed(self) -> bool:
        """Unemployed for 12 months or more (6 below 25), ESF definition."""
        if not self.unemployed or self.unemployed_since is None:
            return False
        months = 6 if (self.age is not None and self.age < 25) else 12
        return (self.on.year - self.unemployed_since.year) * 12 + self.on.month - self.unemployed_since.month >= months

    @property
    def inactive(self) -> bool:
        return self.employment in (EmploymentStatus.INACTIVE, EmploymentStatus.INACTIVE_EDUCATION,
                                   EmploymentStatus.RETIRED)

    @property
    def inactive_not_in_education(self) -> bool:
        return self.employment in (EmploymentStatus.INACTIVE, EmploymentStatus.RETIRED)

    @property
    def employed(self) -> bool:
        return self.employment in (EmploymentStatus.EMPLOYED, EmploymentStatus.SELF_EMPLOYED)

    def age_between(self, low: int, high: int) -> bool:
        return self.age is not None and low <= self.age <= high

    @property
    def third_country(self) -> bool:
        return self.citizenship in ("third_country", "stateless")

    @property
    def foreign(self) -> bool:
        return self.foreign_background == "yes" or self.citizenship in ("eu", "third_country", "stateless")

    @property
    def minority_member(self) -> bool:
        return self.minority in ("roma", "other")

    @property
    def homeless(self) -> bool:
        return self.housing in ("homeless", "insecure")


ESF_2014 = [
    ("unemployed", _("Άνεργοι, συμπεριλαμβανομένων των μακροχρόνια ανέργων"), lambda e: e.unemployed),
    ("long_term_unemployed", _("Μακροχρόνια άνεργοι"), lambda e: e.long_term_unemployed),
    ("inactive", _("Οικονομικά μη ενεργοί"), lambda e: e.inactive),
    ("inactive_not_in_education", _("Οικονομικά μη ενεργοί που δεν παρακολουθούν εκπαίδευση ή κατάρτιση"),
     lambda e: e.inactive_not_in_education),
    ("employed", _("Απασχολούμενοι, συμπεριλαμβανομένων των αυτοαπασχολούμενων"), lambda e: e.employed),
    ("below_25", _("Κάτω των 25 ετών"), lambda e: e.age is not None and e.age < 25),
    ("above_54", _("Άνω των 54 ετών"), lambda e: e.age is not None and e.age > 54),
    ("above_54_unemployed_or_inactive", _("Άνω των 54 ετών, άνεργοι ή μη ενεργοί εκτός εκπαίδευσης"),
     lambda e: e.age is not None and e.age > 54 and (e.unemployed or e.inactive_not_in_education)),
    ("isced_1_2", _("Απόφοιτοι πρωτοβάθμιας ή κατώτερης δευτεροβάθμιας (ISCED 1–2)"),
     lambda e: e.education == "isced_1_2"),
    ("isced_3_4", _("Απόφοιτοι ανώτερης δευτεροβάθμιας ή μεταδευτεροβάθμιας (ISCED 3–4)"),
     lambda e: e.education == "isced_3_4"),
    ("isced_5_8", _("Απόφοιτοι τριτοβάθμιας εκπαίδευσης (ISCED 5–8)"), lambda e: e.education == "isced_5_8"),
    ("migrants_minorities", _("Μετανάστες, αλλοδαπής καταγωγής, μειονότητες (και Ρομά)"),
     lambda e: e.foreign or e.minority_member),
    ("disabilities", _("Άτομα με αναπηρία"), lambda e: e.disability == "yes"),
    ("other_disadvantaged", _("Άλλα μειονεκτούντα άτομα"), lambda e: bool(e.vulnerabilities)),
    ("homeless", _("Άστεγοι ή αποκλεισμένοι από τη στέγαση"), lambda e: e.homeless),
    ("rural", _("Από αγροτικές περιοχές"), lambda e: e.rural == "yes"),
    ("total", _("Σύνολο συμμετεχόντων"), lambda e: True),
]
ESF_2021 = [
    ("unemployed", _("Άνεργοι, συμπεριλαμβανομένων των μακροχρόνια ανέργων"), lambda e: e.unemployed),
    ("long_term_unemployed", _("Μακροχρόνια άνεργοι"), lambda e: e.long_term_unemployed),
    ("inactive", _("Οικονομικά μη ενεργοί"), lambda e: e.inactive),
    ("employed", _("Απασχολούμενοι, συμπεριλαμβανομένων των αυτοαπασχολούμενων"), lambda e: e.employed),
    ("below_18", _("Παιδιά κάτω των 18 ετών"), lambda e: e.age is not None and e.age < 18),
    ("age_18_29", _("Νέοι 18–29 ετών"), lambda e: e.age_between(18, 29)),
    ("age_55_plus", _("55 ετών και άνω"), lambda e: e.age is not None and e.age >= 55),
    ("isced_0_2", _("Έως κατώτερη δευτεροβάθμια εκπαίδευση (ISCED 0–2)"),
     lambda e: e.education in ("isced_0", "isced_1_2")),
    ("isced_3_4", _("Ανώτερη δευτεροβάθμια ή μεταδευτεροβάθμια (ISCED 3–4)"), lambda e: e.education == "isced_3_4"),
    ("isced_5_8", _("Τριτοβάθμια εκπαίδευση (ISCED 5–8)"), lambda e: e.education == "isced_5_8"),
    ("total", _("Συνολικός αριθμός συμμετεχόντων"), lambda e: True),
    ("disabilities", _("Συμμετέχοντες με αναπηρία"), lambda e: e.disability == "yes"),
    ("third_country", _("Υπήκοοι τρίτων χωρών"), lambda e: e.third_country),
    ("foreign_background", _("Συμμετέχοντες αλλοδαπής καταγωγής"), lambda e: e.foreign),
    ("minorities", _("Μειονότητες (και Ρομά)"), lambda e: e.minority_member),
    ("homeless", _("Άστεγοι ή αποκλεισμένοι από τη στέγαση"), lambda e: e.homeless),
    ("rural", _("Συμμετέχοντες από αγροτικές περιοχές"), lambda e: e.rural == "yes"),
]


ESF_TESTS = {**{f"esf14_{code}": test for code, _label, test in ESF_2014},
             **{f"esf21_{code}": test for code, _label, test in ESF_2021}}


def _esf_counts(period: Period) -> dict[str, Counter]:
    """``{indicator: {breakdown: count}}`` of every ESF indicator in the period, in one pass over
    its entry records; entries of the same gender that meet the same definitions count together."""
    def build():
        counts: dict[str, Counter] = {code: Counter() for code in ESF_TESTS}
        for (gender, codes), number in Counter(_signatures(period)).items():
            for code in codes:
                counts[code][""] += number
                counts[code][gender] += number
        return counts

    return shared(("esf_counts", period.code), build)


def _esf_counter(code: str):
    def compute(*, period: Period) -> dict[str, int]:
        return _esf_counts(period)[code]

    return compute


for _order, (_code, _label, _test) in enumerate(ESF_2014):
    indicator(code=f"esf14_{_code}", label=_label, unit=PERSONS, breakdowns=[GENDER], order=500 + _order,
              group="esf2014")(_esf_counter(f"esf14_{_code}"))
for _order, (_code, _label, _test) in enumerate(ESF_2021):
    indicator(code=f"esf21_{_code}", label=_label, unit=PERSONS, breakdowns=[GENDER], order=600 + _order,
              group="esf2021")(_esf_counter(f"esf21_{_code}"))


# Referrals out (casework/models/referrals.py), by where they stand now and by the category of
# the directory service they went to; how long the answer took, in bands the region can add up.

REFERRAL_STATE = Breakdown("state", _("Κατάσταση"), (
    ("sent", _("Χωρίς απάντηση")), ("accepted", _("Έγινε δεκτή")), ("declined", _("Απορρίφθηκε")),
    ("cancelled", _("Ακυρώθηκε")), ("successful", _("Ολοκληρώθηκε με επιτυχία")),
    ("unsuccessful", _("Ολοκληρώθηκε χωρίς επιτυχία"))))
REFERRAL_CATEGORY = Breakdown("category", _("Κατηγορία υπηρεσίας"), (
    *CATEGORIES, ("centre", _("Άλλο κέντρο κοινότητας"))), partition=False)
ANSWER_DAYS = Breakdown("answer_days", _("Ημέρες έως την απάντηση"), (
    ("0-7", _("έως 7")), ("8-30", _("8–30")), ("31+", _("31 και άνω")), ("unanswered", _("χωρίς απάντηση"))))


def _referral_state(status: str, outcome: str) -> str:
    if status == Referral.Status.COMPLETED:
        return "successful" if outcome == Referral.Outcome.SUCCESSFUL else "unsuccessful"
    return status


def _answer_band(sent_on, answered_on) -> str:
    if answered_on is None:
        return "unanswered"
    days = (answered_on - sent_on).days
    return "0-7" if days <= 7 else "8-30" if days <= 30 else "31+"


@indicator(code="referrals_sent", label=_("Παραπομπές που στάλθηκαν"), unit=EVENTS,
           breakdowns=[REFERRAL_STATE, REFERRAL_CATEGORY, ANSWER_DAYS], order=180, group="casework")
def referrals_sent(*, period: Period) -> dict[str, int]:
    """Referrals sent in the period; the median days to answer lies in the band where the
    answered referrals reach half."""
    rows = period_rows("referrals_sent", period, lambda date_from, date_to: Referral.objects.filter(
        sent_on__range=(date_from, date_to)).values_list("sent_on", "status", "outcome", "answered_on", "centre_id"))
    counts: Counter = Counter({"": len(rows)})
    for sent_on, status, outcome, answered_on, centre_id in rows:
        counts[f"state={_referral_state(status, outcome)}"] += 1
        counts[f"answer_days={_answer_band(sent_on, answered_on)}"] += 1
        if centre_id is not None:
            counts["category=centre"] += 1
    known = {code for code, _name in CATEGORIES}
    categories = period_rows("referral_categories", period, lambda date_from, date_to: Referral.objects.filter(
        sent_on__range=(date_from, date_to), service__categories__code__in=known).values_list(
        "sent_on", "pk", "service__categories__code").distinct())
    counts.update(f"category={code}" for _day, _pk, code in set(categories))
    return counts
