"""The printable referral letter (παραπεμπτικό): Greek, on the centre's letterhead, carrying only
the categories the referral shares (the same payload a centre would receive, ``consented_payload``)."""

from django.utils.translation import gettext as _

from casework.models import DataCategory, Referral, category_labels
from casework.services.referrals import current_centre
from casework.services.transfer import consented_payload, describe_shared
from notifications.services import notification_settings_get
from platform_core import labels
from platform_core.pdf import PdfDocument


def referral_letter_pdf(referral: Referral) -> bytes:
    centre = current_centre()
    details = notification_settings_get()
    letterhead = [centre.name, *(part for part in (details.address, details.contact_phone, details.contact_email)
                                 if part)]
    pdf = PdfDocument(title=_("Παραπεμπτικό σημείωμα"), subtitle="\n".join(letterhead),
                      footer=_("Εμπιστευτικό · περιέχει μόνο τα δεδομένα για τα οποία δόθηκε συγκατάθεση"))
    recipient = referral.service
    pdf.fields([
        (_("Προς"), f"{recipient.organization.name}\n{recipient.name}" if recipient else referral.recipient_name),
        (_("Ημερομηνία"), labels.day(referral.sent_on or referral.created_at.date())),
        (_("Κωδικός παραπομπής"), str(referral.pk)),
        (_("Προτεραιότητα"), referral.get_urgency_display()),
        (_("Απάντηση έως"), labels.day(referral.due_on)),
    ])
    pdf.heading(_("Λόγος παραπομπής"))
    pdf.paragraph(referral.reason)
    payload = consented_payload(referral=referral)
    identity = payload.pop("identity", None)
    pdf.heading(_("Ωφελούμενος/η"))
    if identity:
        pdf.fields([
            (_("Ονοματεπώνυμο"), f"{identity['first_name']} {identity['last_name']}"),
            (_("Πατρώνυμο"), identity["father_name"] or "—"),
            (_("Ημερομηνία γέννησης"), identity["birth_date"] or "—"),
            (_("ΑΜΚΑ"), identity["amka"] or "—"),
            (_("Τηλέφωνο"), identity["phone"] or "—"),
            (_("Email"), identity["email"] or "—"),
        ])
    else:
        pdf.paragraph(_("Τα στοιχεία ταυτότητας δεν κοινοποιούνται (δεν δόθηκε συγκατάθεση)."))
    if payload:
        pdf.heading(_("Κοινοποιούμενα στοιχεία"))
        pdf.paragraph(describe_shared(payload))
    pdf.heading(_("Συγκατάθεση"))
    consent = referral.consent
    pdf.paragraph(_("Ο/η ωφελούμενος/η συγκατατέθηκε στις %(date)s για: %(categories)s. Σκοπός: %(purpose)s.") % {
        "date": labels.day(consent.given_on), "categories": category_labels(
            [category for category in referral.categories if category in DataCategory.values]),
        "purpose": consent.purpose})
    pdf.heading(_("Υπεύθυνος/η παραπομπής"))
    pdf.paragraph(referral.worker.get_full_name() or referral.worker.get_username())
    return pdf.output()
