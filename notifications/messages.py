"""The Greek message templates of reminders, rendered at send time with the centre's details."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MessageTemplate:
    subject: str
    body: str


# Bodies use %(name)s placeholders filled from the reminder's context (ids and safe values);
# dates in the context are ISO strings and are shown as dd/mm/yyyy (hh:mm).
MESSAGE_TEMPLATES: dict[str, MessageTemplate] = {
    "appointment": MessageTemplate(
        _("Υπενθύμιση ραντεβού"),
        _("Σας υπενθυμίζουμε το ραντεβού σας στο %(centre)s στις %(when)s."),
    ),
    "pathway_step_due": MessageTemplate(
        _("Προθεσμία βήματος σχεδίου"),
        _("Το βήμα «%(step_title)s» του εξατομικευμένου σχεδίου έχει προθεσμία %(due_date)s."),
    ),
    "benefit_renewal": MessageTemplate(
        _("Ανανέωση αίτησης παροχής"),
        _("Η αίτησή σας για %(benefit)s πρέπει να ανανεωθεί έως %(renewal_due)s. "
          "Ελάτε στο %(centre)s με τα δικαιολογητικά σας."),
    ),
    "programme_session": MessageTemplate(
        _("Υπενθύμιση συνάντησης προγράμματος"),
        _("Σας περιμένουμε στη συνάντηση του προγράμματος «%(programme)s» στις %(when)s."),
    ),
    "programme_place": MessageTemplate(
        _("Θέση σε πρόγραμμα"),
        _("Βρέθηκε θέση για εσάς στο πρόγραμμα «%(programme)s» του %(centre)s. Σας περιμένουμε!"),
    ),
    "programme_place_worker": MessageTemplate(
        _("Εγγραφή από λίστα αναμονής"),
        _("Ωφελούμενος/η του φακέλου %(case_number)s εγγράφηκε από τη λίστα αναμονής στο πρόγραμμα "
          "«%(programme)s»."),
    ),
    "programme_absences": MessageTemplate(
        _("Συνεχόμενες απουσίες από πρόγραμμα"),
        _("Ωφελούμενος/η του φακέλου %(case_number)s απουσίασε από %(count)s συνεχόμενες συναντήσεις του "
          "προγράμματος «%(programme)s»."),
    ),
    "referral_follow_up": MessageTemplate(
        _("Παρακολούθηση παραπομπής"),
        _("Ώρα να ελέγξετε την έκβαση της παραπομπής προς %(partner)s."),
    ),
    "custom": MessageTemplate(_("Υπενθύμιση"), "%(text)s"),
}


class _Context(dict):
    """Missing values show as a dash instead of breaking the message."""

    def __missing__(self, key):
        return "—"


def _display(value):
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) == 10:
                return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
            moment = datetime.datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return date_format(moment, "SHORT_DATETIME_FORMAT")
        except ValueError:
            return value
    return value


def message_render(*, template: str, context: dict, centre_name: str, details, short: bool = False,
                   signed: bool = True) -> tuple[str, str]:
    """The subject and text of a message, in Greek, signed with the centre's name and contact
    details (``details``: the centre's NotificationSettings). ``short``: SMS, one line of signature.
    Not ``signed``: a notification a colleague reads in the app, the text alone."""
    with translation.override(settings.LANGUAGE_CODE):
        message = MESSAGE_TEMPLATES[template]
        values = _Context({key: _display(value) for key, value in context.items()})
        values["centre"] = centre_name
        body = str(message.body) % values
        if not signed:
            return str(message.subject), body
        contact = [part for part in (details.contact_phone, details.contact_email, details.address) if part]
        if short:
            signature = f"{centre_name}" + (f", {details.contact_phone}" if details.contact_phone else "")
            return str(message.subject), f"{body}\n{signature}"
        signature = "\n".join([centre_name, *contact])
        return f"{message.subject} · {centre_name}", f"{body}\n\n--\n{signature}\n"
