"""Every reference to a person, for merging two records of the same person (``person_merge``).

Each app registers, with ``person_reference``, every foreign key of its models to ``Person``:
what it is called on the preview page and, where a plain re-pointing would break a constraint,
how its rows move. The merge moves exactly what is registered and then deletes the merged record,
so a reference nobody registered would be deleted with it (CASCADE) or lost (SET_NULL); the
test ``test_every_reference_to_a_person_is_merged`` walks every model of every app and fails on
a foreign key to ``Person`` that is not here. Programmes and reminders register theirs in their
own ``merge.py``, without touching casework.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import (
    AccessLog,
    AidReceipt,
    Assessment,
    BenefitApplication,
    Case,
    Consent,
    ContactNote,
    Document,
    HouseholdMember,
    IncomingReferral,
    ParticipantRecord,
    Person,
    PersonMerge,
    ReceptionContact,
    Referral,
)

Mover = Callable[[Person, Person], int]  # (merged, survivor) -> rows moved


@dataclass(frozen=True)
class PersonReference:
    model: type[models.Model]
    field: str
    label: str
    move: Mover | None = None  # None: re-point every row
    refuse: Callable[[Person, Person], str | None] | None = None  # a reason the merge cannot be done

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field}"

    def rows_of(self, person: Person) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.field: person})

    def moved_by(self, merged: Person, survivor: Person) -> int:
        if self.move:
            return self.move(merged, survivor)
        return self.rows_of(merged).update(**{self.field: survivor})


_references: dict[str, PersonReference] = {}


def person_reference(model: type[models.Model], field: str, *, label, move: Mover | None = None,
                     refuse: Callable[[Person, Person], str | None] | None = None) -> PersonReference:
    reference = PersonReference(model=model, field=field, label=label, move=move, refuse=refuse)
    _references[reference.key] = reference
    return reference


def person_references() -> list[PersonReference]:
    return list(_references.values())


def merge_refusal(*, survivor: Person, merged: Person) -> None:
    """Raises ``ValidationError`` (on ``merged``) when the two records cannot be one person."""
    if survivor.pk == merged.pk:
        raise ValidationError({"merged": _("Μια εγγραφή δεν συγχωνεύεται με τον εαυτό της.")}, code="same")
    for field, label in (("amka", _("ΑΜΚΑ")), ("afm", _("ΑΦΜ"))):
        if getattr(survivor, field) and getattr(merged, field) and getattr(survivor, field) != getattr(merged, field):
            raise ValidationError({"merged": _(
                "Οι δύο εγγραφές έχουν διαφορετικό %(label)s· δεν είναι το ίδιο πρόσωπο και δεν συγχωνεύονται."
            ) % {"label": label}}, code="different_id")
    for reference in person_references():
        reason = reference.refuse(merged, survivor) if reference.refuse else None
        if reason:
            raise ValidationError({"merged": reason}, code="refused")


def merge_preview(*, survivor: Person, merged: Person) -> list[tuple[str, int]]:
    """What will move from ``merged`` to ``survivor``: (label, rows) for each kind that has rows."""
    counts: dict[str, int] = {}
    for reference in person_references():
        count = reference.rows_of(merged).count()
        if count:
            counts[str(reference.label)] = counts.get(str(reference.label), 0) + count
    return list(counts.items())


# --- casework's references -----------------------------------------------------------------------

def _move_participant_records(merged: Person, survivor: Person) -> int:
    """The survivor's own entry/exit snapshot wins; the merged one's fills a stage it lacks."""
    kept = set(survivor.participant_records.values_list("stage", flat=True))
    ParticipantRecord.objects.filter(person=merged, stage__in=kept).delete()
    return ParticipantRecord.objects.filter(person=merged).update(person=survivor)


def _household_refusal(merged: Person, survivor: Person) -> str | None:
    mine, theirs = (HouseholdMember.objects.filter(person=p).values_list("household_id", flat=True).first()
                    for p in (survivor, merged))
    if mine and theirs and mine != theirs:
        return _("Οι δύο εγγραφές ανήκουν σε διαφορετικά νοικοκυριά· αφαιρέστε τη μία από το νοικοκυριό της "
                 "πριν από τη συγχώνευση.")
    return None


def _move_membership(merged: Person, survivor: Person) -> int:
    """One household at most (``_household_refusal`` refused two): the survivor joins it, and
    takes the head's place if the merged record held it."""
    membership = HouseholdMember.objects.filter(person=merged).first()
    if membership is None:
        return 0
    own = HouseholdMember.objects.filter(person=survivor).first()
    if own is None:
        membership.person = survivor
        membership.save(update_fields=["person"])
        return 1
    membership.delete()
    if membership.relation == HouseholdMember.Relation.HEAD:
        own.relation = HouseholdMember.Relation.HEAD
        own.save(update_fields=["relation"])
    return 1


for _model, _field, _label in (
    (Case, "person", gettext_lazy("Φάκελοι")),
    (ContactNote, "person", gettext_lazy("Σημειώσεις και συνεδρίες")),
    (ReceptionContact, "person", gettext_lazy("Επαφές υποδοχής")),
    (Assessment, "person", gettext_lazy("Αξιολογήσεις")),
    (BenefitApplication, "person", gettext_lazy("Αιτήσεις παροχών")),
    (AidReceipt, "received_by", gettext_lazy("Παραλαβές βοήθειας")),
    (Document, "person", gettext_lazy("Έγγραφα")),
    (Consent, "person", gettext_lazy("Συγκαταθέσεις")),
    (Referral, "person", gettext_lazy("Παραπομπές")),
    (IncomingReferral, "person", gettext_lazy("Εισερχόμενες παραπομπές")),
    (AccessLog, "person", gettext_lazy("Ιστορικό πρόσβασης")),
    (PersonMerge, "survivor", gettext_lazy("Προηγούμενες συγχωνεύσεις")),
):
    person_reference(_model, _field, label=_label)
person_reference(ParticipantRecord, "person", label=gettext_lazy("Καταγραφές συμμετέχοντα"),
                 move=_move_participant_records)
person_reference(HouseholdMember, "person", label=gettext_lazy("Συμμετοχή σε νοικοκυριό"), move=_move_membership,
                 refuse=_household_refusal)
