"""Casework services: benefit applications (ΚΕΑ/ΕΕΕ and others) through their lifecycle, Social
Grocery / Clothing bank eligibility decisions, distribution rounds and per-household receipts."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from casework.eligibility import add_months
from casework.models import (
    AidEligibility,
    AidReceipt,
    AidRound,
    AidScheme,
    Assessment,
    BenefitApplication,
    Household,
    Person,
)
from casework.reminders import benefit_reminders_sync
from platform_core.labels import day, moment

KEA_RENEWAL_MONTHS = 6
# The code of a receipt refused for want of an eligibility decision: pages answer it with a link
# to the decision.
NO_ELIGIBILITY = "no_eligibility"
Status = BenefitApplication.Status


def _refuse_unless(application: BenefitApplication, *allowed: str, action: str) -> None:
    if application.status not in allowed:
        raise ValidationError({"status": _("Η αίτηση είναι «%(status)s»: δεν μπορεί να %(action)s.") % {
            "status": application.get_status_display(), "action": action}})


def _check_assessment_of_person(assessment: Assessment | None, person: Person) -> None:
    if assessment is not None and assessment.person_id != person.pk:
        raise ValidationError({"assessment": _("Η αξιολόγηση αφορά άλλον/η ωφελούμενο/η.")})


@transaction.atomic
def benefit_create(*, person: Person, by, kind: str = BenefitApplication.Kind.KEA, reference_number: str = "",
                   assessment: Assessment | None = None, notes: str = "") -> BenefitApplication:
    """A new application, in preparation (draft), for the person and their household."""
    _check_assessment_of_person(assessment, person)
    application = BenefitApplication(person=person, household=person.household, kind=kind,
                                     reference_number=reference_number, assessment=assessment, notes=notes,
                                     handled_by=by)
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def benefit_submit(*, application: BenefitApplication, by, submitted_on: datetime.date,
                   reference_number: str = "") -> BenefitApplication:
    """Submitted on a date; a ΚΕΑ/ΕΕΕ application is due for renewal six months later."""
    _refuse_unless(application, Status.DRAFT, action=_("υποβληθεί"))
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": _("Η ημερομηνία υποβολής δεν μπορεί να είναι μελλοντική.")})
    application.status, application.submitted_on, application.handled_by = Status.SUBMITTED, submitted_on, by
    if reference_number:
        application.reference_number = reference_number
    application.renewal_due = (add_months(submitted_on, KEA_RENEWAL_MONTHS)
                               if application.kind == BenefitApplication.Kind.KEA else None)
    application.full_clean()
    application.save(update_fields=["status", "submitted_on", "reference_number", "renewal_due", "handled_by",
                                    "updated_at"])
    benefit_reminders_sync(application=application, by=by)
    return application


@transaction.atomic
def benefit_decide(*, application: BenefitApplication, by, approved: bool, decided_on: datetime.date,
                   monthly_amount: Decimal | None = None, notes: str = "") -> BenefitApplication:
    """The authority's decision on a submitted application: approved (with the monthly amount for
    ΚΕΑ/ΕΕΕ) or rejected (no renewal then)."""
    _refuse_unless(application, Status.SUBMITTED, action=_("λάβει απόφαση"))
    errors = {}
    if decided_on < application.submitted_on:
        errors["decided_on"] = _("Η απόφαση δεν μπορεί να προηγείται της υποβολής (%(date)s).") % {
            "date": day(application.submitted_on)}
    elif decided_on > timezone.localdate():
        errors["decided_on"] = _("Η ημερομηνία απόφασης δεν μπορεί να είναι μελλοντική.")
    if approved and monthly_amount is None and application.kind == BenefitApplication.Kind.KEA:
        errors["monthly_amount"] = _("Δώστε το εγκεκριμένο μηνιαίο ποσό.")
    if not approved and monthly_amount:
        errors["monthly_amount"] = _("Μια απορριφθείσα αίτηση δεν έχει ποσό.")
    if errors:
        raise ValidationError(errors)
    application.status = Status.APPROVED if approved else Status.REJECTED
    application.decided_on, application.handled_by = decided_on, by
    application.monthly_amount = monthly_amount if approved else None
    if not approved:
        application.renewal_due = None
    if notes:
        application.notes = f"{application.notes}\n{notes}".strip()
    application.full_clean()
    application.save(update_fields=["status", "decided_on", "monthly_amount", "renewal_due", "notes", "handled_by",
                                    "updated_at"])
    benefit_reminders_sync(application=application, by=by)
    return application


@transaction.atomic
def benefit_renew(*, application: BenefitApplication, by, submitted_on: datetime.date) -> BenefitApplication:
    """Renews an approved ΚΕΑ/ΕΕΕ application: a new, submitted application (due for renewal six
    months on) takes its place, and the old one is marked expired. Returns the new one."""
    if application.kind != BenefitApplication.Kind.KEA:
        raise ValidationError({"kind": _("Μόνο οι αιτήσεις ΚΕΑ/ΕΕΕ ανανεώνονται.")})
    _refuse_unless(application, Status.APPROVED, action=_("ανανεωθεί"))
    if submitted_on < application.decided_on:
        raise ValidationError({"submitted_on": _("Η ανανέωση δεν μπορεί να προηγείται της απόφασης (%(date)s).") % {
            "date": day(application.decided_on)}})
    application.status, application.handled_by = Status.EXPIRED, by
    application.save(update_fields=["status", "handled_by", "updated_at"])
    benefit_reminders_sync(application=application, by=by)
    renewal = benefit_create(person=application.person, by=by, kind=application.kind,
                             reference_number=application.reference_number, assessment=application.assessment,
                             notes=_("Ανανέωση αίτησης που υποβλήθηκε στις %(date)s.") % {
                                 "date": day(application.submitted_on)})
    return benefit_submit(application=renewal, by=by, submitted_on=submitted_on)


BENEFIT_ACTIONS = {"submit": _lazy("Υποβολή"), "approve": _lazy("Έγκριση"), "reject": _lazy("Απόρριψη"),
                   "renew": _lazy("Ανανέωση")}


def benefit_actions_open(application: BenefitApplication) -> list[str]:
    """The lifecycle steps the application can take now."""
    if application.status == Status.DRAFT:
        return ["submit"]
    if application.status == Status.SUBMITTED:
        return ["approve", "reject"]
    if application.status == Status.APPROVED and application.kind == BenefitApplication.Kind.KEA:
        return ["renew"]
    return []


def benefit_transition(*, application: BenefitApplication, by, action: str, on: datetime.date,
                       reference_number: str = "", monthly_amount: Decimal | None = None,
                       notes: str = "") -> BenefitApplication:
    """The lifecycle step named ``action`` (the page's and the API's one entry point); returns the
    application as it now stands (the new one, for a renewal)."""
    if action == "submit":
        return benefit_submit(application=application, by=by, submitted_on=on, reference_number=reference_number)
    if action in ("approve", "reject"):
        return benefit_decide(application=application, by=by, approved=action == "approve", decided_on=on,
                              monthly_amount=monthly_amount, notes=notes)
    if action == "renew":
        return benefit_renew(application=application, by=by, submitted_on=on)
    raise ValidationError({"action": _("Άγνωστη ενέργεια.")})


def _latest_assessment(household: Household) -> Assessment | None:
    return Assessment.objects.filter(household=household).order_by("-assessed_on", "-created_at").first()


@transaction.atomic
def aid_eligibility_decide(*, household: Household, scheme: str, by, assessment: Assessment | None = None,
                           eligible: bool | None = None, valid_until: datetime.date | None = None,
                           notes: str = "", decided_on: datetime.date | None = None) -> AidEligibility:
    """The centre's decision on a household's Social Grocery / Clothing bank eligibility. What is
    not given comes from the assessment (default: the household's latest) and its outcome."""
    decided_on = decided_on or timezone.localdate()
    if assessment is None:
        assessment = _latest_assessment(household)
    elif assessment.household_id != household.pk:
        raise ValidationError({"assessment": _("Η αξιολόγηση δεν αφορά αυτό το νοικοκυριό.")})
    computed = (assessment.outcome.get("schemes", {}).get(scheme) if assessment is not None else None) or {}
    if eligible is None:
        if not computed:
            raise ValidationError({"eligible": _("Δεν υπάρχει αξιολόγηση του νοικοκυριού: δηλώστε την απόφαση.")})
        eligible = bool(computed.get("eligible"))
    if eligible and valid_until is None and computed.get("eligible") and computed.get("valid_until"):
        valid_until = datetime.date.fromisoformat(computed["valid_until"])
    errors = {}
    if eligible and valid_until is None:
        errors["valid_until"] = _("Δώστε έως πότε ισχύει η επιλεξιμότητα.")
    elif eligible and valid_until <= decided_on:
        errors["valid_until"] = _("Η λήξη πρέπει να είναι μετά την ημερομηνία απόφασης.")
    if scheme not in AidScheme.values:
        errors["scheme"] = _("Άγνωστη δομή.")
    if errors:
        raise ValidationError(errors)
    decision = AidEligibility(household=household, scheme=scheme, eligible=eligible, decided_on=decided_on,
                              valid_until=valid_until if eligible else None, assessment=assessment, decided_by=by,
                              notes=notes)
    decision.full_clean()
    decision.save()
    return decision


def aid_eligibility_in_force(*, household: Household, scheme: str, on: datetime.date) -> AidEligibility | None:
    """The household's latest decision for the scheme made on or before ``on``, if it makes the
    household eligible on that date (a later refusal overrides an earlier approval)."""
    latest = (AidEligibility.objects.filter(household=household, scheme=scheme, decided_on__lte=on)
              .order_by("-decided_on", "-created_at").first())
    if latest and latest.eligible and latest.valid_until and latest.valid_until >= on:
        return latest
    return None


@transaction.atomic
def aidround_create(*, kind: str, title: str, distributed_on: datetime.date, by, items: str = "") -> AidRound:
    aid_round = AidRound(kind=kind, title=title, distributed_on=distributed_on, items=items)
    aid_round.full_clean()
    aid_round.save()
    return aid_round


@transaction.atomic
def aidround_close(*, round: AidRound, by) -> AidRound:  # noqa: A002
    """Ends a distribution: no more receipts are recorded in it."""
    if round.closed:
        raise ValidationError({"closed": _("Η διανομή έχει ήδη ολοκληρωθεί.")})
    round.closed = True
    round.save(update_fields=["closed", "updated_at"])
    return round


@transaction.atomic
def aid_receipt_record(*, round: AidRound, household: Household, by, received_by: Person | None = None,  # noqa: A002
                       items: str = "", signed: bool = False,
                       received_at: datetime.datetime | None = None) -> AidReceipt:
    """A household's receipt in a round: once per round (checked here, and by the database's
    unique constraint when two desks record at once); Social Grocery / Clothing bank deliveries
    need an eligibility decision valid on the round's date."""
    # Lock the round: two desks recording the same household queue here instead of racing.
    aid_round = AidRound.objects.select_for_update().get(pk=round.pk)
    if aid_round.closed:
        raise ValidationError({"round": _("Η διανομή έχει ολοκληρωθεί: δεν καταχωρίζονται νέες παραλαβές.")})
    earlier = AidReceipt.objects.filter(round=aid_round, household=household).first()
    if earlier is not None:
        raise ValidationError({"household": _("Το νοικοκυριό έχει ήδη παραλάβει σε αυτή τη διανομή (%(when)s).") % {
            "when": moment(earlier.received_at)}})
    if aid_round.kind in AidScheme.values and aid_eligibility_in_force(
            household=household, scheme=aid_round.kind, on=aid_round.distributed_on) is None:
        raise ValidationError({"household": ValidationError(_(
            "Το νοικοκυριό δεν έχει σε ισχύ απόφαση επιλεξιμότητας για «%(scheme)s» στις %(date)s.") % {
            "scheme": aid_round.get_kind_display(), "date": day(aid_round.distributed_on)},
            code=NO_ELIGIBILITY)})
    if received_by is not None and not household.members.filter(person=received_by).exists():
        raise ValidationError({"received_by": _("Παραλαμβάνει μόνο μέλος του νοικοκυριού.")})
    receipt = AidReceipt(round=aid_round, household=household, received_by=received_by, items=items or aid_round.items,
                         signed=signed, received_at=received_at or timezone.now(), recorded_by=by)
    receipt.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            receipt.save(force_insert=True)
    except IntegrityError as exc:
        raise ValidationError({"household": _("Το νοικοκυριό έχει ήδη παραλάβει σε αυτή τη διανομή.")}) from exc
    return receipt


@transaction.atomic
def aid_receipts_record_many(*, round: AidRound, households: list[Household], by,  # noqa: A002
                             signed: bool = False) -> list[AidReceipt]:
    """The receipts of the households ticked at the counter, all or none: each is recorded by
    ``aid_receipt_record`` (so every rule of one receipt holds), and when any household is refused
    the others are rolled back with it and the refusals are raised together, one per household
    (each with its household's id in ``params`` and the single receipt's ``code``)."""
    if not households:
        raise ValidationError({"households": _("Επιλέξτε τουλάχιστον ένα νοικοκυριό.")})
    receipts, refusals = [], []
    for household in households:
        try:
            receipts.append(aid_receipt_record(round=round, household=household, by=by, signed=signed))
        except ValidationError as exc:
            if "round" in exc.message_dict:  # a closed round refuses everyone alike
                raise
            for error in (error for errors in exc.error_dict.values() for error in errors):
                refusals.append(ValidationError("%(household)s: %(reason)s", code=error.code, params={
                    "household": str(household), "reason": " ".join(error.messages),
                    "household_id": str(household.pk)}))
    if refusals:
        raise ValidationError({"households": refusals})
    return receipts
