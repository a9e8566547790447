"""Casework services: consent to share, referrals out and referrals in.

The one rule of sharing lives here, in ``consent_required_for``: nothing about a person goes to a
recipient (a directory organisation or another centre) without a consent for that recipient that
is valid today and covers every category shared. Creating and sending a referral both check it, so
a consent revoked or expired after the draft stops the referral too; the API and the staff pages
call these functions, so neither can skip it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import (
    Case,
    Consent,
    DataCategory,
    Document,
    IncomingReferral,
    Person,
    Referral,
    ReferralEvent,
    Urgency,
)
from notifications.models import Channel
from notifications.services import reminder_schedule, reminders_cancel
from platform_core.accounts.models import User
from platform_core.labels import day

from . import transfer
from .cases import case_open

CONSENT_REQUIRED = "consent_required"
FOLLOW_UP_TIME = datetime.time(9, 0)


def _clean_categories(categories, field: str = "categories") -> list[str]:
    categories = list(dict.fromkeys(categories or []))
    unknown = [category for category in categories if category not in DataCategory.values]
    if unknown:
        raise ValidationError({field: _("Άγνωστη κατηγορία δεδομένων: %(names)s.") % {"names": ", ".join(unknown)}})
    return categories


def current_centre():
    """The centre whose schema the connection is on (a real row, also inside ``schema_context``)."""
    from tenants.models import Centre

    return Centre.objects.filter(schema_name=connection.schema_name).first()


# --- consent ------------------------------------------------------------------------------------

@transaction.atomic
def consent_record(*, person: Person, by: User, purpose: str, categories, given_on: datetime.date,
                   expires_on: datetime.date | None = None, organization=None, centre=None,
                   signed_form: Document | None = None) -> Consent:
    """Records a person's consent to share ``categories`` with one recipient (an organisation of
    the directory, or another centre) for ``purpose``."""
    errors: dict[str, list] = {}
    if (organization is None) == (centre is None):
        errors["organization"] = [_("Ορίστε ακριβώς έναν αποδέκτη: φορέα του καταλόγου ή κέντρο κοινότητας.")]
    if centre is not None and centre.pk == getattr(current_centre(), "pk", None):
        errors["centre"] = [_("Το κέντρο δεν χρειάζεται συγκατάθεση για τον εαυτό του.")]
    try:
        categories = _clean_categories(categories)
    except ValidationError as exc:
        errors |= exc.message_dict
    if not categories and "categories" not in errors:
        errors["categories"] = [_("Επιλέξτε τουλάχιστον μία κατηγορία δεδομένων.")]
    if given_on and given_on > timezone.localdate():
        errors["given_on"] = [_("Η ημερομηνία συγκατάθεσης είναι στο μέλλον.")]
    if given_on and expires_on and expires_on < given_on:
        errors["expires_on"] = [_("Η λήξη είναι πριν από την ημερομηνία συγκατάθεσης.")]
    if signed_form is not None and signed_form.person_id != person.pk:
        errors["signed_form"] = [_("Το έγγραφο ανήκει σε άλλον/η ωφελούμενο/η.")]
    if not (purpose or "").strip():
        errors["purpose"] = [_("Γράψτε τον σκοπό της κοινοποίησης.")]
    if errors:
        raise ValidationError(errors)
    consent = Consent(person=person, organization=organization, centre=centre, purpose=purpose.strip(),
                      categories=categories, given_on=given_on, expires_on=expires_on, recorded_by=by,
                      signed_form=signed_form)
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_revoke(*, consent: Consent, by: User, on: datetime.date | None = None) -> Consent:
    """Revokes the consent from ``on`` (today): nothing more is shared under it, and a referral to
    another centre still waiting there is withdrawn, so its data leaves that centre too."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_on is not None:
        raise ValidationError({"revoked_on": _("Η συγκατάθεση έχει ήδη ανακληθεί (%(date)s).")
                               % {"date": day(consent.revoked_on)}})
    on = on or timezone.localdate()
    if on < consent.given_on:
        raise ValidationError({"revoked_on": _("Η ανάκληση είναι πριν από την ημερομηνία συγκατάθεσης.")})
    consent.revoked_on, consent.revoked_by = on, by
    consent.save(update_fields=["revoked_on", "revoked_by", "updated_at"])
    for referral in consent.referrals.filter(status__in=[Referral.Status.DRAFT, Referral.Status.SENT]):
        referral_cancel(referral=referral, by=by, note=_("Ανάκληση της συγκατάθεσης."))
    return consent


def consent_covering(*, person: Person, categories, organization=None, centre=None,
                     on: datetime.date | None = None) -> Consent | None:
    """A consent of the person, valid on ``on`` (today), for this recipient, covering every category."""
    on = on or timezone.localdate()
    consents = Consent.objects.filter(person=person, revoked_on__isnull=True, given_on__lte=on,
                                      categories__contains=list(categories))
    consents = consents.filter(organization=organization) if organization is not None else consents.filter(
        centre=centre)
    return consents.exclude(expires_on__lt=on).order_by("-given_on").first()


def consent_required_for(*, person: Person, categories, organization=None, centre=None) -> Consent:
    """The covering consent, or the refusal every caller shows (``code`` ``consent_required``)."""
    consent = consent_covering(person=person, categories=categories, organization=organization, centre=centre)
    if consent is None:
        raise ValidationError({"consent": ValidationError(
            _("Δεν υπάρχει έγκυρη συγκατάθεση του/της ωφελούμενου/ης για αυτόν τον αποδέκτη που να καλύπτει "
              "όλες τις κατηγορίες δεδομένων (%(categories)s)."), code=CONSENT_REQUIRED,
            params={"categories": ", ".join(categories) or "—"})})
    return consent


# --- referrals out ------------------------------------------------------------------------------

def _event(referral: Referral, *, by: User | None, from_status: str, note: str = "") -> None:
    ReferralEvent.objects.create(referral=referral, by=by, from_status=from_status, to_status=referral.status,
                                 note=note)


@transaction.atomic
def referral_create(*, person: Person, by: User, reason: str, categories, due_on: datetime.date,
                    service=None, centre=None, case: Case | None = None, urgency: str = Urgency.ROUTINE,
                    delivery: str | None = None, worker: User | None = None) -> Referral:
    """A draft referral of the person to a directory service or another centre, sharing only
    ``categories`` and only under a covering consent (else ``consent_required``)."""
    errors: dict[str, list] = {}
    if (service is None) == (centre is None):
        errors["service"] = [_("Ορίστε ακριβώς έναν αποδέκτη: υπηρεσία του καταλόγου ή κέντρο κοινότητας.")]
    if service is not None and not service.accepts_referrals:
        errors["service"] = [_("Η υπηρεσία «%(name)s» είναι %(status)s και δεν δέχεται παραπομπές.")
                             % {"name": service.name, "status": service.get_status_display().lower()}]
    if service is not None and not service.organization.is_active:
        errors["service"] = [_("Ο φορέας δεν είναι πλέον ενεργός.")]
    if centre is not None:
        if centre.pk == getattr(current_centre(), "pk", None):
            errors["centre"] = [_("Δεν γίνεται παραπομπή στο ίδιο το κέντρο.")]
        elif centre.status != centre.Status.ACTIVE:
            errors["centre"] = [_("Το κέντρο δεν είναι ενεργό.")]
    try:
        categories = _clean_categories(categories)
    except ValidationError as exc:
        errors |= exc.message_dict
        categories = []
    if centre is not None and DataCategory.IDENTITY not in categories and "categories" not in errors:
        errors["categories"] = [_("Η παραπομπή σε άλλο κέντρο χρειάζεται τα στοιχεία ταυτότητας.")]
    if due_on and due_on < timezone.localdate():
        errors["due_on"] = [_("Η προθεσμία απάντησης είναι στο παρελθόν.")]
    if case is not None and case.person_id != person.pk:
        errors["case"] = [_("Ο φάκελος ανήκει σε άλλον/η ωφελούμενο/η.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Γράψτε τον λόγο της παραπομπής.")]
    if errors:
        raise ValidationError(errors)
    consent = consent_required_for(person=person, categories=categories,
                                   organization=service.organization if service else None, centre=centre)
    delivery = Referral.Delivery.CENTRE if centre is not None else (delivery or Referral.Delivery.LETTER)
    if centre is None and delivery == Referral.Delivery.CENTRE:
        raise ValidationError({"delivery": _("Η ηλεκτρονική αποστολή γίνεται μόνο σε άλλο κέντρο.")})
    referral = Referral(person=person, case=case, service=service, centre=centre, consent=consent,
                        reason=reason.strip(), urgency=urgency, categories=categories, due_on=due_on,
                        delivery=delivery, worker=worker or by)
    referral.full_clean()
    referral.save()
    _event(referral, by=by, from_status="")
    return referral


def _locked(referral: Referral, *allowed: str, action: str) -> Referral:
    referral = Referral.objects.select_for_update(of=("self",)).select_related("service__organization", "centre").get(
        pk=referral.pk)
    if referral.status not in allowed:
        raise ValidationError({"status": _("Μια παραπομπή σε κατάσταση «%(status)s» δεν μπορεί να %(action)s.")
                               % {"status": referral.get_status_display(), "action": action}})
    return referral


def _set_status(referral: Referral, status: str, *, by: User | None, note: str = "", **fields) -> Referral:
    before = referral.status
    referral.status = status
    for field, value in fields.items():
        setattr(referral, field, value)
    referral.full_clean()
    referral.save(update_fields=["status", *fields, "updated_at"])
    _event(referral, by=by, from_status=before, note=note)
    return referral


def referral_follow_up_sync(*, referral: Referral, by: User | None = None) -> None:
    """A sent referral without an answer reminds its worker on the due date; any other state
    reminds nobody."""
    if referral.status != Referral.Status.SENT:
        reminders_cancel(about=referral)
        return
    reminder_schedule(about=referral, channel=Channel.IN_APP, staff=referral.worker, by=by,
                      due_at=timezone.make_aware(datetime.datetime.combine(referral.due_on, FOLLOW_UP_TIME)),
                      template="referral_follow_up", context={"partner": referral.recipient_name})


@transaction.atomic
def referral_send(*, referral: Referral, by: User) -> Referral:
    """Sends a draft: the consent is checked again (revoked or expired since the draft → refused);
    a referral to another centre is delivered to it (``transfer.referral_offer``)."""
    referral = _locked(referral, Referral.Status.DRAFT, action=_("σταλεί"))
    organization = referral.service.organization if referral.service_id else None
    if referral.service_id and not referral.service.accepts_referrals:
        raise ValidationError({"service": _("Η υπηρεσία δεν δέχεται πλέον παραπομπές.")})
    consent = consent_required_for(person=referral.person, categories=referral.categories,
                                   organization=organization, centre=referral.centre)
    referral.consent = consent
    referral = _set_status(referral, Referral.Status.SENT, by=by, sent_on=timezone.localdate(), consent=consent)
    if referral.centre_id:
        transfer.referral_offer(referral=referral)
    referral_follow_up_sync(referral=referral, by=by)
    return referral


def _refuse_for_centre(referral: Referral) -> None:
    if referral.centre_id:
        raise ValidationError({"status": _("Την απάντηση σε παραπομπή προς άλλο κέντρο τη δίνει το κέντρο που τη "
                                           "λαμβάνει.")})


@transaction.atomic
def referral_accept(*, referral: Referral, by: User, note: str = "") -> Referral:
    """The service answered yes (recorded by the worker)."""
    referral = _locked(referral, Referral.Status.SENT, action=_("γίνει δεκτή"))
    _refuse_for_centre(referral)
    referral = _set_status(referral, Referral.Status.ACCEPTED, by=by, note=note, answered_on=timezone.localdate())
    referral_follow_up_sync(referral=referral, by=by)
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral, by: User, reason: str) -> Referral:
    if not (reason or "").strip():
        raise ValidationError({"decline_reason": _("Γράψτε τον λόγο της απόρριψης.")})
    referral = _locked(referral, Referral.Status.SENT, action=_("απορριφθεί"))
    _refuse_for_centre(referral)
    referral = _set_status(referral, Referral.Status.DECLINED, by=by, note=reason.strip(),
                           answered_on=timezone.localdate(), decline_reason=reason.strip())
    referral_follow_up_sync(referral=referral, by=by)
    return referral


@transaction.atomic
def referral_cancel(*, referral: Referral, by: User, note: str = "") -> Referral:
    """Cancels a draft, sent or accepted referral; one waiting at another centre is withdrawn there."""
    referral = _locked(referral, Referral.Status.DRAFT, Referral.Status.SENT, Referral.Status.ACCEPTED,
                       action=_("ακυρωθεί"))
    was_sent = referral.status == Referral.Status.SENT
    referral = _set_status(referral, Referral.Status.CANCELLED, by=by, note=note)
    if was_sent and referral.centre_id:
        transfer.referral_withdraw(referral=referral)
    referral_follow_up_sync(referral=referral, by=by)
    return referral


@transaction.atomic
def referral_complete(*, referral: Referral, by: User, outcome: str, outcome_reason: str = "", note: str = "",
                      completed_on: datetime.date | None = None) -> Referral:
    """Closes the loop: the outcome, and for an unsuccessful one why (refused, no capacity, …).
    An accepted referral completes either way; a sent one only as unsuccessful (no answer)."""
    errors = {}
    if outcome not in Referral.Outcome.values:
        errors["outcome"] = [_("Επιλέξτε την έκβαση.")]
    if outcome == Referral.Outcome.UNSUCCESSFUL and outcome_reason not in Referral.OutcomeReason.values:
        errors["outcome_reason"] = [_("Επιλέξτε γιατί η παραπομπή δεν πέτυχε.")]
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        errors["completed_on"] = [_("Η ημερομηνία είναι στο μέλλον.")]
    if errors:
        raise ValidationError(errors)
    allowed = [Referral.Status.ACCEPTED] + ([Referral.Status.SENT] if outcome == Referral.Outcome.UNSUCCESSFUL else [])
    referral = _locked(referral, *allowed, action=_("ολοκληρωθεί με αυτή την έκβαση"))
    referral = _set_status(referral, Referral.Status.COMPLETED, by=by, note=note.strip(), outcome=outcome,
                           outcome_reason=outcome_reason if outcome == Referral.Outcome.UNSUCCESSFUL else "",
                           outcome_note=note.strip(), completed_on=completed_on)
    referral_follow_up_sync(referral=referral, by=by)
    return referral


def referral_answered_by_centre(*, referral_id, accepted: bool, reason: str = "") -> None:
    """The receiving centre's answer, written into the sending centre's referral (called by
    ``transfer.referral_answer`` inside the sending centre's schema; ``by`` stays empty)."""
    referral = Referral.objects.select_for_update().filter(pk=referral_id, status=Referral.Status.SENT).first()
    if referral is None:
        return  # cancelled meanwhile: the answer has nothing to change
    if accepted:
        _set_status(referral, Referral.Status.ACCEPTED, by=None, note=_("Αποδοχή από το κέντρο παραλαβής."),
                    answered_on=timezone.localdate())
    else:
        _set_status(referral, Referral.Status.DECLINED, by=None, note=reason, answered_on=timezone.localdate(),
                    decline_reason=reason)
    referral_follow_up_sync(referral=referral)


# --- referrals in -------------------------------------------------------------------------------

@transaction.atomic
def incoming_referral_record(*, by: User, reason: str, received_on: datetime.date | None = None,
                             source_organization=None, source_name: str = "", referrer_name: str = "",
                             person: Person | None = None, urgency: str = Urgency.ROUTINE, open_case: bool = False,
                             assigned_worker: User | None = None, needs=()) -> IncomingReferral:
    """A school, health centre or partner refers someone to the centre (who, from where, why);
    with ``open_case`` (and the person) it is accepted and a case opened in the same step."""
    errors: dict[str, list] = {}
    received_on = received_on or timezone.localdate()
    if source_organization is None and not source_name.strip():
        errors["source_organization"] = [_("Ορίστε τον φορέα προέλευσης (από τον κατάλογο ή με όνομα).")]
    if received_on > timezone.localdate():
        errors["received_on"] = [_("Η ημερομηνία είναι στο μέλλον.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Γράψτε τον λόγο της παραπομπής.")]
    if open_case and person is None:
        errors["person"] = [_("Για να ανοίξει φάκελος, επιλέξτε ή καταχωρίστε πρώτα τον/την ωφελούμενο/η.")]
    if errors:
        raise ValidationError(errors)
    incoming = IncomingReferral(source_organization=source_organization, source_name=source_name.strip(),
                                referrer_name=referrer_name.strip(), reason=reason.strip(), urgency=urgency,
                                received_on=received_on, person=person, recorded_by=by)
    incoming.full_clean()
    incoming.save()
    if open_case:
        incoming = incoming_referral_accept(incoming=incoming, by=by, open_case=True,
                                            assigned_worker=assigned_worker or by, needs=needs)
    return incoming


def _locked_incoming(incoming: IncomingReferral) -> IncomingReferral:
    incoming = IncomingReferral.objects.select_for_update().get(pk=incoming.pk)
    if incoming.status != IncomingReferral.Status.PENDING:
        raise ValidationError({"status": _("Η παραπομπή έχει ήδη απαντηθεί (%(status)s).")
                               % {"status": incoming.get_status_display()}})
    return incoming


@transaction.atomic
def incoming_referral_accept(*, incoming: IncomingReferral, by: User, open_case: bool = False,
                             assigned_worker: User | None = None, needs=(), person: Person | None = None
                             ) -> IncomingReferral:
    """Accepts a referral to the centre. One from another centre creates the person from the
    shared identity, or links the person already registered here with the same ΑΜΚΑ/ΑΦΜ, and
    records the other shared categories as a note; the sending centre sees the acceptance."""
    incoming = _locked_incoming(incoming)
    if incoming.source_centre_id:
        incoming.person = transfer.person_from_shared_data(incoming=incoming, by=by)
    elif person is not None:
        incoming.person = person
    if incoming.person is None:
        raise ValidationError({"person": _("Επιλέξτε ή καταχωρίστε πρώτα τον/την ωφελούμενο/η.")})
    if open_case:
        incoming.case = case_open(person=incoming.person, by=by, assigned_worker=assigned_worker or by,
                                  needs=list(needs) or ["other"], summary=incoming.reason)
    incoming.status, incoming.decided_by, incoming.decided_at = IncomingReferral.Status.ACCEPTED, by, timezone.now()
    incoming.shared_data = {}  # now in the person's own records: no second copy kept
    incoming.save(update_fields=["person", "case", "status", "decided_by", "decided_at", "shared_data", "updated_at"])
    if incoming.source_centre_id:
        transfer.referral_answer(incoming=incoming, accepted=True)
    return incoming


@transaction.atomic
def incoming_referral_decline(*, incoming: IncomingReferral, by: User, reason: str) -> IncomingReferral:
    """Declines it with a reason; the shared data is deleted at once (the centre keeps nothing it
    will not use), and the sending centre sees the refusal."""
    if not (reason or "").strip():
        raise ValidationError({"decline_reason": _("Γράψτε τον λόγο της απόρριψης.")})
    incoming = _locked_incoming(incoming)
    incoming.status, incoming.decided_by, incoming.decided_at = IncomingReferral.Status.DECLINED, by, timezone.now()
    incoming.decline_reason, incoming.shared_data = reason.strip(), {}
    incoming.save(update_fields=["status", "decided_by", "decided_at", "decline_reason", "shared_data", "updated_at"])
    if incoming.source_centre_id:
        transfer.referral_answer(incoming=incoming, accepted=False, reason=incoming.decline_reason)
    return incoming
