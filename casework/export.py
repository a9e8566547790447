"""A person's data export (GDPR access request, Art. 15) as JSON and PDF, assembled from sections
that each area registers with ``@export_section`` (programmes and referrals add theirs in their own
modules, without touching this one).

The export shows what the EXPORTING user may see: a section needs its permission, and notes pass
through ``notes_visible_to`` (sensitive notes of other authors are left out for a social worker),
and assessments' health notes through the same rule (``assessment_health_notes_for``).
A full-access export, the one to hand to the person, is therefore done by the coordinator; every
export says so in its header, and lists the sections left out.

A section takes the person, their household (or None) and the user, and returns records: lists
of ``ExportField`` (name and JSON value for the JSON file, label and text for the PDF).
"""

import datetime
import decimal
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import (
    AidEligibility,
    AidReceipt,
    Assessment,
    BenefitApplication,
    Case,
    ContactNote,
    HouseholdMember,
    ParticipantRecord,
    PathwayPlan,
    Person,
    ReceptionContact,
)
from casework.selectors.assessments import assessment_health_notes_for
from casework.selectors.notes import notes_visible_to
from casework.selectors.records import access_log_of, documents_of, object_label
from platform_core import labels
from platform_core.pdf import PdfDocument

FORMAT = "koinotita-person-export/1"


@dataclass(frozen=True)
class ExportField:
    name: str
    label: str
    value: Any  # JSON-ready
    text: str  # as the PDF shows it


Record = list[ExportField]


@dataclass(frozen=True)
class ExportSection:
    key: str
    title: str
    records: list[Record]
    as_table: bool = False


@dataclass(frozen=True)
class _Registered:
    key: str
    title: str
    permission: str | None
    as_table: bool
    build: Callable[..., Iterable[Record]]


_sections: dict[str, _Registered] = {}


def export_section(key: str, *, title: str, permission: str | None = None, as_table: bool = False):
    """Registers a section builder under ``key``; users without ``permission`` get the export
    without it (listed as left out). ``as_table``: the PDF shows its records as one table (for
    records of a few short fields), otherwise one label/value block per record."""

    def decorator(func):
        _sections[key] = _Registered(key=key, title=title, permission=permission, as_table=as_table, build=func)
        return func

    return decorator


def scope_note() -> str:
    return _("Η εξαγωγή περιέχει ό,τι επιτρέπεται να βλέπει ο χρήστης που την έκανε. Πλήρη εξαγωγή "
             "(με όλες τις ευαίσθητες σημειώσεις και το ιστορικό πρόσβασης) κάνει ο/η συντονιστής/τρια.")


def person_export(*, person: Person, user) -> tuple[list[ExportSection], list[_Registered]]:
    """The sections the user may see, in registration order, and those left out."""
    household = person.household
    included, left_out = [], []
    for registered in _sections.values():
        if registered.permission and not user.has_perm(registered.permission):
            left_out.append(registered)
            continue
        records = list(registered.build(person=person, household=household, user=user))
        included.append(ExportSection(key=registered.key, title=str(registered.title), records=records,
                                      as_table=registered.as_table))
    return included, left_out


def _header(*, person: Person, user) -> dict:
    return {
        "format": FORMAT,
        "person_id": str(person.pk),
        "centre": getattr(connection.tenant, "name", connection.schema_name),
        "exported_at": timezone.localtime().isoformat(),
        "exported_by": _user_name(user),
        "scope": scope_note(),
    }


def export_json(*, person: Person, user) -> dict:
    sections, left_out = person_export(person=person, user=user)
    return {
        **_header(person=person, user=user),
        "sections": {
            section.key: {"title": section.title,
                          "records": [{field.name: field.value for field in record} for record in section.records]}
            for section in sections
        },
        "sections_left_out": [{"key": item.key, "title": str(item.title)} for item in left_out],
    }


def export_pdf(*, person: Person, user) -> bytes:
    sections, left_out = person_export(person=person, user=user)
    header = _header(person=person, user=user)
    pdf = PdfDocument(
        title=_("Δεδομένα ωφελούμενου/ης (αίτημα πρόσβασης GDPR)"),
        subtitle="\n".join([
            f"{header['centre']}",
            _("Κωδικός ωφελούμενου/ης: %(id)s") % {"id": header["person_id"]},
            _("Εξαγωγή: %(at)s από %(by)s") % {"at": _text(timezone.localtime()), "by": header["exported_by"]},
            header["scope"],
        ]),
        footer=_("Εμπιστευτικό · προσωπικά δεδομένα"),
    )
    for section in sections:
        pdf.heading(section.title)
        if not section.records:
            pdf.paragraph(_("Καμία εγγραφή."))
        elif section.as_table:
            pdf.table([field.label for field in section.records[0]],
                      [[field.text for field in record] for record in section.records])
        else:
            for record in section.records:
                pdf.fields([(field.label, field.text) for field in record])
    if left_out:
        pdf.heading(_("Ενότητες που δεν περιλαμβάνονται (χωρίς δικαίωμα πρόσβασης)"))
        pdf.paragraph(", ".join(str(item.title) for item in left_out))
    return pdf.output()


# Values ------------------------------------------------------------------------------------

def _user_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json(item) for key, item in value.items()}
    if hasattr(value, "get_full_name"):
        return _user_name(value)
    return str(value)


def _text(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("Ναι") if value else _("Όχι")
    if isinstance(value, datetime.datetime):
        return labels.moment(value)
    if isinstance(value, datetime.date):
        return labels.day(value)
    if isinstance(value, dict):
        return json.dumps(_json(value), ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "\n".join(_text(item) for item in value)
    if hasattr(value, "get_full_name"):
        return _user_name(value)
    return str(value)


def field(name: str, label: str, value: Any, text: str | None = None) -> ExportField:
    return ExportField(name=name, label=str(label), value=_json(value), text=text if text is not None else _text(value))


def model_fields(obj: models.Model, names: Iterable[str], *, labels_from: type[models.Model] | None = None) -> Record:
    """The named model fields as export fields: labels from the model's verbose names (or another
    model's with the same field names), choice codes in the JSON and their labels in the PDF."""
    record = []
    for name in names:
        model_field = obj._meta.get_field(name)
        label = (labels_from or type(obj))._meta.get_field(name).verbose_name
        raw = getattr(obj, name)
        choices = dict(model_field.flatchoices) if model_field.choices else None
        base_choices = getattr(getattr(model_field, "base_field", None), "flatchoices", None)
        if choices is not None:
            text = str(choices.get(raw, raw)) if raw not in (None, "") else "—"
        elif base_choices and isinstance(raw, list):
            text = ", ".join(str(dict(base_choices).get(item, item)) for item in raw) or "—"
        else:
            text = None
        record.append(field(name, capfirst(label), raw, text))
    return record


def _choice(choices: type[models.TextChoices], value: str) -> str:
    return str(dict(choices.choices).get(value, value)) if value else ""


# Casework's sections -------------------------------------------------------------------------

PERSON_FIELDS = ["first_name", "last_name", "father_name", "birth_date", "gender", "amka", "afm", "phone", "email",
                 "languages", "municipality", "settlement", "street", "postcode", "citizenship", "country_of_birth",
                 "foreign_background", "minority", "disability", "employment_status", "unemployed_since",
                 "education", "housing", "rural_area", "vulnerabilities", "notes"]


@export_section("person", title=gettext_lazy("Στοιχεία ταυτότητας και δείκτες ΕΚΤ"),
                permission="casework.view_person")
def person_section(*, person, household, user) -> list[Record]:
    return [[field("id", _("Κωδικός"), person.pk), *model_fields(person, PERSON_FIELDS),
             field("created_at", _("Καταχώριση"), person.created_at)]]


@export_section("participant_records", title=gettext_lazy("Καταγραφή συμμετοχής (είσοδος / έξοδος)"),
                permission="casework.view_participantrecord")
def participant_records_section(*, person, household, user) -> list[Record]:
    return [
        [*model_fields(record, ["stage", "recorded_on"]),
         *model_fields(record, ParticipantRecord.SNAPSHOT_FIELDS, labels_from=Person)]
        for record in ParticipantRecord.objects.filter(person=person).order_by("recorded_on")
    ]


@export_section("household", title=gettext_lazy("Νοικοκυριό"), permission="casework.view_household")
def household_section(*, person, household, user) -> list[Record]:
    """The household and the person's place in it; of the other members only names and relation."""
    if household is None:
        return []
    membership = person.membership
    others = (HouseholdMember.objects.filter(household=household).exclude(person=person)
              .select_related("person").order_by("relation", "person__last_name"))
    return [[
        *model_fields(household, ["name", "municipality", "settlement", "street"]),
        *model_fields(membership, ["relation", "is_dependant"]),
        field("members", _("Άλλα μέλη"),
              [{"name": member.person.full_name, "relation": member.relation} for member in others],
              "\n".join(f"{member.person.full_name} ({member.get_relation_display()})" for member in others) or "—"),
    ]]


@export_section("contacts", title=gettext_lazy("Επαφές υποδοχής"), permission="casework.view_receptioncontact")
def contacts_section(*, person, household, user) -> list[Record]:
    contacts = ReceptionContact.objects.filter(person=person).select_related("case", "staff").order_by("contacted_at")
    return [model_fields(contact, ["contacted_at", "channel", "topic", "summary", "outcome", "case", "staff"])
            for contact in contacts]


@export_section("cases", title=gettext_lazy("Φάκελοι και ιστορικό κατάστασης"), permission="casework.view_case")
def cases_section(*, person, household, user) -> list[Record]:
    records = []
    for case in (Case.objects.filter(person=person).select_related("assigned_worker")
                 .prefetch_related("events__by").order_by("intake_date")):
        history = [{"at": event.at, "by": event.by, "from_status": event.from_status, "to_status": event.to_status,
                    "reason": event.reason, "note": event.note} for event in case.events.all()]
        records.append([
            *model_fields(case, ["number", "intake_date", "assigned_worker", "needs", "summary", "status",
                                 "closed_reason", "closed_at"]),
            field("history", _("Ιστορικό"), history, "\n".join(
                f"{_text(event.at)}: {_choice(Case.Status, event.from_status) or '—'} → "
                f"{_choice(Case.Status, event.to_status)} ({_user_name(event.by)})"
                + (f" · {_choice(Case.ClosedReason, event.reason)}" if event.reason else "")
                + (f" · {event.note}" if event.note else "")
                for event in case.events.all()) or "—"),
        ])
    return records


@export_section("plans", title=gettext_lazy("Εξατομικευμένα σχέδια, στόχοι και βήματα"),
                permission="casework.view_pathwayplan")
def plans_section(*, person, household, user) -> list[Record]:
    records = []
    for plan in (PathwayPlan.objects.filter(case__person=person).select_related("case")
                 .prefetch_related("goals__steps__owner").order_by("created_at")):
        goals = [{"title": goal.title, "area": goal.area, "achieved": goal.achieved,
                  "steps": [{"title": step.title, "owner": step.owner, "due_date": step.due_date,
                             "state": step.state, "completed_on": step.completed_on} for step in goal.steps.all()]}
                 for goal in plan.goals.all()]
        text = "\n".join(
            f"{goal.title} ({goal.get_area_display()}){' ✓' if goal.achieved else ''}"
            + "".join(f"\n  – {step.title}: {step.get_state_display()}, {_text(step.due_date)} "
                      f"({_user_name(step.owner)})" for step in goal.steps.all())
            for goal in plan.goals.all())
        records.append([*model_fields(plan, ["case", "summary", "agreed_on", "review_on"]),
                        field("goals", _("Στόχοι και βήματα"), goals, text or "—")])
    return records


@export_section("notes", title=gettext_lazy("Σημειώσεις επαφής και συμβουλευτικής"),
                permission="casework.view_contactnote")
def notes_section(*, person, household, user) -> list[Record]:
    notes = notes_visible_to(user, ContactNote.objects.filter(person=person)).select_related("case", "author")
    return [model_fields(note, ["occurred_at", "kind", "duration_minutes", "case", "sensitive", "author", "text"])
            for note in notes.order_by("occurred_at")]


@export_section("assessments", title=gettext_lazy("Κοινωνικοοικονομικές αξιολογήσεις"),
                permission="casework.view_assessment")
def assessments_section(*, person, household, user) -> list[Record]:
    records = []
    for assessment in (Assessment.objects.filter(person=person).select_related("assessed_by", "case")
                       .prefetch_related("incomes").order_by("assessed_on")):
        incomes = [{"source": income.source, "monthly_amount": income.monthly_amount}
                   for income in assessment.incomes.all()]
        # Health notes only under the sensitive-notes rule; left out, not blanked, otherwise.
        health = ["health_notes"] if assessment_health_notes_for(assessment=assessment, user=user) is not None else []
        records.append([
            *model_fields(assessment, ["assessed_on", "assessed_by", "case", "adults", "minors", "single_parent",
                                       "housing", "monthly_rent", "debts", "real_estate_value", "vehicle_value",
                                       *health, "notes"]),
            field("incomes", _("Εισοδήματα (μηνιαία)"), incomes, "\n".join(
                str(income) for income in assessment.incomes.all())
                or "—"),
            field("outcome", _("Αποτέλεσμα"), assessment.outcome),
        ])
    return records


@export_section("benefits", title=gettext_lazy("Αιτήσεις παροχών (ΚΕΑ/ΕΕΕ κ.ά.)"),
                permission="casework.view_benefitapplication")
def benefits_section(*, person, household, user) -> list[Record]:
    applications = BenefitApplication.objects.filter(person=person).select_related("handled_by")
    return [model_fields(application, ["kind", "status", "reference_number", "submitted_on", "decided_on",
                                       "monthly_amount", "renewal_due", "notes", "handled_by"])
            for application in applications.order_by("created_at")]


@export_section("aid_eligibility", title=gettext_lazy("Επιλεξιμότητα νοικοκυριού για Παντοπωλείο / Ενδυματοπωλείο"),
                permission="casework.view_aideligibility", as_table=True)
def aid_eligibility_section(*, person, household, user) -> list[Record]:
    if household is None:
        return []
    return [model_fields(decision, ["scheme", "eligible", "decided_on", "valid_until", "notes"])
            for decision in AidEligibility.objects.filter(household=household).order_by("decided_on")]


@export_section("aid_receipts", title=gettext_lazy("Παραλαβές υλικής συνδρομής (ΤΕΒΑ, Παντοπωλείο, Ενδυματοπωλείο)"),
                permission="casework.view_aidreceipt", as_table=True)
def aid_receipts_section(*, person, household, user) -> list[Record]:
    if household is None:
        return []
    receipts = AidReceipt.objects.filter(household=household).select_related("round", "received_by")
    return [[field("round", _("Διανομή"), receipt.round.title,
                   f"{receipt.round.title} ({receipt.round.get_kind_display()})"),
             *model_fields(receipt, ["received_at", "received_by", "items", "signed"])]
            for receipt in receipts.order_by("received_at")]


@export_section("documents", title=gettext_lazy("Έγγραφα (στοιχεία αρχείων)"), permission="casework.view_document")
def documents_section(*, person, household, user) -> list[Record]:
    return [[field("id", _("Κωδικός"), document.pk),
             *model_fields(document, ["kind", "title"]),
             field("original_name", _("Αρχικό όνομα αρχείου"), document.original_name),
             field("content_type", _("Τύπος"), document.content_type),
             field("size", _("Μέγεθος (bytes)"), document.size),
             field("uploaded_at", _("Μεταφόρτωση"), document.uploaded_at),
             field("uploaded_by", _("Από"), document.uploaded_by)]
            for document in documents_of(person=person).order_by("uploaded_at")]


@export_section("access_log", title=gettext_lazy("Ιστορικό πρόσβασης στα στοιχεία"),
                permission="casework.view_access_log", as_table=True)
def access_log_section(*, person, household, user) -> list[Record]:
    return [[field("at", _("Πότε"), entry.at), field("user", _("Ποιος/α"), entry.user),
             field("action", _("Ενέργεια"), entry.action, entry.get_action_display()),
             field("object_type", _("Τι"), entry.object_type, object_label(entry.object_type)),
             field("channel", _("Μέσω"), entry.channel, entry.get_channel_display())]
            for entry in access_log_of(person=person).order_by("at")]

