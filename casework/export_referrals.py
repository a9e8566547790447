"""The GDPR export's sections for consents, referrals out and referrals in (registered with
``@export_section`` like casework's own)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.export import Record, export_section, field, model_fields
from casework.models import IncomingReferral
from casework.selectors.referrals import consents_of, referral_events, referrals_of
from platform_core import labels


@export_section("consents", title=gettext_lazy("Συγκαταθέσεις κοινοποίησης δεδομένων"),
                permission="casework.view_consent")
def consents_section(*, person, household, user) -> list[Record]:
    return [[field("recipient", _("Αποδέκτης"), consent.recipient_name),
             *model_fields(consent, ["purpose", "categories", "given_on", "expires_on", "revoked_on", "recorded_by"])]
            for consent in consents_of(person=person).order_by("given_on")]


@export_section("referrals", title=gettext_lazy("Παραπομπές σε φορείς και κέντρα"),
                permission="casework.view_referral")
def referrals_section(*, person, household, user) -> list[Record]:
    records = []
    for referral in referrals_of(person=person).order_by("created_at"):
        history = [{"at": event.at, "from_status": event.from_status, "to_status": event.to_status,
                    "note": event.note} for event in referral_events(referral=referral)]
        records.append([
            field("recipient", _("Αποδέκτης"), referral.recipient_name),
            *model_fields(referral, ["reason", "urgency", "categories", "due_on", "delivery", "status", "sent_on",
                                     "answered_on", "decline_reason", "outcome", "outcome_reason", "outcome_note",
                                     "completed_on", "worker"]),
            field("history", _("Ιστορικό"), history, "\n".join(
                f"{labels.day(timezone.localtime(event['at']))}: {event['from_status'] or '—'} → {event['to_status']}"
                for event in history)),
        ])
    return records


@export_section("incoming_referrals", title=gettext_lazy("Εισερχόμενες παραπομπές"),
                permission="casework.view_incomingreferral", as_table=True)
def incoming_section(*, person, household, user) -> list[Record]:
    return [[field("source", _("Από"), incoming.source_label),
             *model_fields(incoming, ["referrer_name", "reason", "received_on", "status"])]
            for incoming in IncomingReferral.objects.filter(person=person).select_related(
                "source_organization", "source_centre").order_by("received_on")]
