"""Casework services: people (ωφελούμενοι) and households (νοικοκυριά).

Every write keeps the derived columns in step with what was typed: the keyed hashes of ΑΜΚΑ and
ΑΦΜ (uniqueness and lookup) and the accent-free forms of the names (search).
"""

import datetime
import re
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.identifiers import afm_clean, amka_clean, id_hash, search_form
from casework.models import Household, HouseholdMember, ParticipantRecord, Person
from platform_core.db import copy_insert_instances
from platform_core.labels import day

# What a caller may set on a person; the rest (hashes, search forms, created_by) is derived.
PERSON_FIELDS = frozenset({
    "first_name", "last_name", "father_name", "birth_date", "gender", "amka", "afm", "phone", "email",
    "languages", "municipality", "settlement", "street", "postcode", "citizenship", "country_of_birth",
    "foreign_background", "minority", "disability", "employment_status", "unemployed_since", "education",
    "housing", "rural_area", "vulnerabilities", "notes",
})
HOUSEHOLD_FIELDS = frozenset({"name", "municipality", "settlement", "street", "notes"})

_PHONE_SEPARATORS = re.compile(r"[\s\-./()]")
_GREEK_PHONE = re.compile(r"^(?:\+30|0030)?(\d{10})$")
_POSTCODE = re.compile(r"^\d{5}$")

DUPLICATE = "duplicate"
POSSIBLE_DUPLICATE = "possible_duplicate"


def phone_clean(value: str) -> str:
    """A Greek phone number as its 10 national digits (``+30``/``0030`` and separators dropped)."""
    match = _GREEK_PHONE.match(_PHONE_SEPARATORS.sub("", value or ""))
    if not match:
        raise ValidationError(_("Το τηλέφωνο έχει 10 ψηφία, προαιρετικά με +30 μπροστά."), code="phone")
    return match.group(1)


def postcode_clean(value: str) -> str:
    number = re.sub(r"\s", "", value or "")
    if not _POSTCODE.match(number):
        raise ValidationError(_("Ο ταχυδρομικός κώδικας έχει 5 ψηφία."), code="postcode")
    return number


def person_url(person_id) -> str:
    return reverse("casework:person-detail", args=[person_id], urlconf="platform_core.urls_tenant")


# --- persons ------------------------------------------------------------------------------------

def _check_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")


def _person_prepare(person: Person, *, in_bulk: bool = False) -> None:
    """Cleans and validates the person in place and derives the hash and search columns; raises
    one ValidationError with every field's problems. ``in_bulk`` (an import of many rows) leaves
    out the checks that cost a query per person: the fresh id's uniqueness and the existence of
    ``created_by`` (the importing user)."""
    errors: dict[str, list[ValidationError]] = {}
    person.first_name, person.last_name = (person.first_name or "").strip(), (person.last_name or "").strip()
    person.father_name = (person.father_name or "").strip()
    today = timezone.localdate()
    if person.birth_date and person.birth_date > today:
        errors["birth_date"] = [ValidationError(_("Η ημερομηνία γέννησης είναι στο μέλλον."), code="future")]
    if person.unemployed_since and person.unemployed_since > today:
        errors["unemployed_since"] = [ValidationError(_("Η ημερομηνία είναι στο μέλλον."), code="future")]
    cleaners = {
        "amka": lambda value: amka_clean(value, birth_date=person.birth_date if "birth_date" not in errors else None),
        "afm": afm_clean,
        "phone": phone_clean,
        "postcode": postcode_clean,
    }
    for field, clean in cleaners.items():
        value = (getattr(person, field) or "").strip()
        try:
            setattr(person, field, clean(value) if value else "")
        except ValidationError as exc:
            errors[field] = exc.error_list
    try:
        # Uniqueness of ΑΜΚΑ/ΑΦΜ is checked by _refuse_duplicates, with a link to the other record.
        person.full_clean(exclude=[*errors, *(["created_by"] if in_bulk else [])], validate_unique=not in_bulk,
                          validate_constraints=False)
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            errors.setdefault(field, []).extend(field_errors)
    if errors:
        raise ValidationError(errors)
    person.amka_hash, person.afm_hash = id_hash("amka", person.amka), id_hash("afm", person.afm)
    person.search_last_name, person.search_first_name = search_form(person.last_name), search_form(person.first_name)


def _refuse_duplicates(person: Person) -> None:
    """ΑΜΚΑ and ΑΦΜ are unique in the centre: the error names the existing record (its page in the
    message, its id in ``params["duplicate_of"]`` for the API)."""
    errors = {}
    others = Person.objects.exclude(pk=person.pk)
    for field, label in (("amka", _("ΑΜΚΑ")), ("afm", _("ΑΦΜ"))):
        digest = getattr(person, f"{field}_hash")
        existing = others.filter(**{f"{field}_hash": digest}).values_list("pk", flat=True).first() if digest else None
        if existing:
            errors[field] = ValidationError(
                _("Υπάρχει ήδη ωφελούμενος με αυτόν τον %(label)s: %(url)s"), code=DUPLICATE,
                params={"label": label, "url": person_url(existing), "duplicate_of": str(existing)})
    if errors:
        raise ValidationError(errors)


def _save_unique(person: Person, update_fields: list[str] | None = None) -> None:
    """Saves; when another request registered the same ΑΜΚΑ/ΑΦΜ since the check, the database's
    unique constraint stops it and the caller gets the same duplicate error as before."""
    try:
        with transaction.atomic():
            person.save(update_fields=update_fields)
    except IntegrityError:
        _refuse_duplicates(person)
        raise


def possible_duplicates(*, first_name: str, last_name: str, birth_date: datetime.date | None, exclude=None):
    """People with the same names (accent- and case-insensitive) and birth date."""
    if not birth_date:
        return Person.objects.none()
    return Person.objects.filter(
        search_last_name=search_form(last_name), search_first_name=search_form(first_name), birth_date=birth_date,
    ).exclude(pk=exclude)


def _warn_possible_duplicates(person: Person) -> None:
    candidates = [str(pk) for pk in possible_duplicates(
        first_name=person.first_name, last_name=person.last_name, birth_date=person.birth_date, exclude=person.pk,
    ).values_list("pk", flat=True)[:10]]
    if candidates:
        raise ValidationError({NON_FIELD_ERRORS: ValidationError(
            _("Υπάρχει ήδη ωφελούμενος με το ίδιο ονοματεπώνυμο και την ίδια ημερομηνία γέννησης. "
              "Ελέγξτε ότι δεν είναι το ίδιο πρόσωπο και επιβεβαιώστε την καταχώριση."),
            code=POSSIBLE_DUPLICATE, params={"candidates": candidates})})


def _snapshot(*, person: Person, stage: str, on: datetime.date, by) -> ParticipantRecord:
    values = {field: getattr(person, field) for field in ParticipantRecord.SNAPSHOT_FIELDS}
    record, _created = ParticipantRecord.objects.update_or_create(
        person=person, stage=stage, defaults={**values, "recorded_on": on, "recorded_by": by})
    return record


@transaction.atomic
def person_create(*, by, confirm_duplicate: bool = False, **fields) -> Person:
    """Registers a person and their entry snapshot (ESF characteristics at entry). A person with
    the same names and birth date as someone registered needs ``confirm_duplicate``."""
    _check_fields(fields, PERSON_FIELDS)
    person = Person(created_by=by, **fields)
    _person_prepare(person)
    _refuse_duplicates(person)
    if not confirm_duplicate:
        _warn_possible_duplicates(person)
    _save_unique(person)
    _snapshot(person=person, stage=ParticipantRecord.Stage.ENTRY, on=timezone.localdate(), by=by)
    return person


def person_validate(*, person: Person) -> None:
    """The checks of ``person_create`` that need no query, for a person of an import: cleans the
    fields in place or raises ``ValidationError`` by field. Duplicates are the caller's to find
    in one query for the whole file (``persons_create_many`` checks again)."""
    _person_prepare(person, in_bulk=True)


@transaction.atomic
def persons_create_many(*, by, persons: list[Person]) -> list[Person]:
    """Registers many people at once (an import), each already through ``person_validate``, with
    their entry snapshots: two COPY statements instead of several statements per person. An
    ΑΜΚΑ/ΑΦΜ registered meanwhile is refused as in ``person_create``; the database's unique
    constraints stop any that slips between the check and the insert, rolling back all."""
    hashes = {field: [getattr(person, f"{field}_hash") for person in persons if getattr(person, f"{field}_hash")]
              for field in ("amka", "afm")}
    for field, digests in hashes.items():
        if len(set(digests)) != len(digests):
            raise ValidationError({field: _("Ο ίδιος %(label)s δίνεται σε δύο ωφελούμενους.")
                                   % {"label": _("ΑΜΚΑ") if field == "amka" else _("ΑΦΜ")}})
        for chunk in _chunks(digests):
            taken = set(Person.objects.filter(**{f"{field}_hash__in": chunk}).values_list(f"{field}_hash", flat=True))
            if taken:
                _refuse_duplicates(next(person for person in persons if getattr(person, f"{field}_hash") in taken))
    today = timezone.localdate()
    for person in persons:
        person.created_by = by
    copy_insert_instances(Person, persons)
    copy_insert_instances(ParticipantRecord, [
        ParticipantRecord(person=person, stage=ParticipantRecord.Stage.ENTRY, recorded_on=today, recorded_by=by,
                          **{field: getattr(person, field) for field in ParticipantRecord.SNAPSHOT_FIELDS})
        for person in persons])
    return persons


BULK_BATCH = 2000


def _chunks(values: list, size: int = BULK_BATCH):
    for start in range(0, len(values), size):
        yield values[start:start + size]


@transaction.atomic
def person_update(*, person: Person, by, **fields) -> Person:
    """Changes the given fields; ΑΜΚΑ/ΑΦΜ may not become another registered person's."""
    _check_fields(fields, PERSON_FIELDS)
    person = Person.objects.select_for_update().get(pk=person.pk)
    for field, value in fields.items():
        setattr(person, field, value)
    _person_prepare(person)
    _refuse_duplicates(person)
    derived = ["amka_hash", "afm_hash", "search_last_name", "search_first_name", "updated_at"]
    # Cleaning may rewrite fields that were not passed (none today), so save what was passed.
    _save_unique(person, update_fields=[*fields, *derived])
    return person


@transaction.atomic
def person_record_exit(*, person: Person, by, on: datetime.date, **changes) -> ParticipantRecord:
    """Records the exit snapshot of the ESF characteristics, after applying ``changes`` (the
    person's situation at exit). Recording it again corrects it."""
    if on > timezone.localdate():
        raise ValidationError({"recorded_on": _("Η ημερομηνία εξόδου είναι στο μέλλον.")})
    entry = person.participant_records.filter(stage=ParticipantRecord.Stage.ENTRY).first()
    if entry and on < entry.recorded_on:
        raise ValidationError({"recorded_on": _("Η ημερομηνία εξόδου είναι πριν από την είσοδο (%(date)s).")
                               % {"date": day(entry.recorded_on)}})
    if changes:
        person = person_update(person=person, by=by, **changes)
    return _snapshot(person=person, stage=ParticipantRecord.Stage.EXIT, on=on, by=by)


# --- households -------------------------------------------------------------------------------

def household_default_name(head: Person) -> str:
    return _("Οικογένεια %(surname)s") % {"surname": head.last_name}


def _household_save(household: Household, update_fields: list[str] | None = None) -> Household:
    household.name = (household.name or "").strip()
    household.full_clean()
    household.save(update_fields=update_fields)
    return household


@transaction.atomic
def household_create(*, by, head: Person | None = None, **fields) -> Household:
    """A household, with ``head`` as its head if given (its name then defaults from the head's
    surname)."""
    _check_fields(fields, HOUSEHOLD_FIELDS)
    household = Household(**fields)
    if head is not None and not (household.name or "").strip():
        household.name = household_default_name(head)
    _household_save(household)
    if head is not None:
        household_add_member(household=household, person=head, relation=HouseholdMember.Relation.HEAD,
                             is_dependant=False)
    return household


@transaction.atomic
def households_create_many(*, by, households: list[tuple[Household, list[tuple[Person, str]]]]) -> list[Household]:
    """Many new households at once (an import), each with its members as ``(person, relation)``;
    the members are in no household yet and at most one is the head, who names an unnamed
    household as in ``household_create``."""
    for household, members in households:
        heads = [person for person, relation in members if relation == HouseholdMember.Relation.HEAD]
        if len(heads) > 1:
            raise ValidationError({"relation": _("Το νοικοκυριό έχει ήδη υπεύθυνο/η· ορίστε πρώτα άλλη σχέση για "
                                                 "τον/την τωρινό/ή.")})
        household.name = (household.name or "").strip() or (household_default_name(heads[0]) if heads else "")
        household.full_clean(validate_unique=False)
    copy_insert_instances(Household, [household for household, _members in households])
    household_members_add_many(members=[(household, person, relation)
                                        for household, members in households for person, relation in members])
    return [household for household, _members in households]


def household_members_add_many(*, members: list[tuple[Household, Person, str]]) -> None:
    """Adds people who are in no household yet (an import): one COPY. The database's
    constraints (one household per person, one head per household) refuse what the caller's
    checks missed, rolling back the whole import."""
    rows = []
    for household, person, relation in members:
        if relation not in HouseholdMember.Relation.values:
            raise ValidationError({"relation": _("Μη έγκυρη σχέση.")})
        rows.append(HouseholdMember(household=household, person=person, relation=relation,
                                    is_dependant=relation in (HouseholdMember.Relation.CHILD,
                                                              HouseholdMember.Relation.GRANDCHILD)))
    copy_insert_instances(HouseholdMember, rows)


@transaction.atomic
def household_update(*, household: Household, by, **fields) -> Household:
    _check_fields(fields, HOUSEHOLD_FIELDS)
    household = Household.objects.select_for_update().get(pk=household.pk)
    for field, value in fields.items():
        setattr(household, field, value)
    if not (household.name or "").strip() and (head := household_head(household=household)):
        household.name = household_default_name(head)
    return _household_save(household, update_fields=[*fields, "name", "updated_at"])


def household_head(*, household: Household) -> Person | None:
    member = household.members.filter(relation=HouseholdMember.Relation.HEAD).select_related("person").first()
    return member.person if member else None


@transaction.atomic
def household_add_member(*, household: Household, person: Person, relation: str,
                         is_dependant: bool = False) -> HouseholdMember:
    """Adds a person who is in no household yet. A household has one head; the first head also
    names an unnamed household."""
    household = Household.objects.select_for_update().get(pk=household.pk)
    errors = {}
    if relation not in HouseholdMember.Relation.values:
        errors["relation"] = _("Μη έγκυρη σχέση.")
    current = HouseholdMember.objects.filter(person=person).select_related("household").first()
    if current:
        errors["person"] = (_("Ο/Η ωφελούμενος/η είναι ήδη μέλος του νοικοκυριού «%(name)s».")
                            % {"name": current.household.name})
    if relation == HouseholdMember.Relation.HEAD and household.members.filter(relation=relation).exists():
        errors["relation"] = _("Το νοικοκυριό έχει ήδη υπεύθυνο/η· ορίστε πρώτα άλλη σχέση για τον/την τωρινό/ή.")
    if errors:
        raise ValidationError(errors)
    member = HouseholdMember(household=household, person=person, relation=relation, is_dependant=is_dependant)
    member.full_clean(validate_constraints=False)
    member.save()
    if relation == HouseholdMember.Relation.HEAD and not household.name:
        household.name = household_default_name(person)
        household.save(update_fields=["name", "updated_at"])
    return member


@transaction.atomic
def household_remove_member(*, household: Household, person: Person) -> None:
    """Removes a member. The head goes last: while others remain, another head is set first."""
    member = HouseholdMember.objects.select_for_update().filter(household=household, person=person).first()
    if member is None:
        raise ValidationError({"person": _("Ο/Η ωφελούμενος/η δεν είναι μέλος αυτού του νοικοκυριού.")})
    if member.relation == HouseholdMember.Relation.HEAD and household.members.exclude(pk=member.pk).exists():
        raise ValidationError({"person": _("Ορίστε πρώτα άλλον/η υπεύθυνο/η νοικοκυριού και μετά αφαιρέστε τον/την "
                                           "τωρινό/ή.")})
    member.delete()


@transaction.atomic
def household_set_head(*, household: Household, person: Person,
                       former_head_relation: str = HouseholdMember.Relation.OTHER) -> HouseholdMember:
    """Makes a member the head; the former head stays a member with ``former_head_relation``."""
    if former_head_relation == HouseholdMember.Relation.HEAD or \
            former_head_relation not in HouseholdMember.Relation.values:
        raise ValidationError({"former_head_relation": _("Μη έγκυρη σχέση.")})
    members = household.members.select_for_update()
    member = members.filter(person=person).first()
    if member is None:
        raise ValidationError({"person": _("Ο/Η ωφελούμενος/η δεν είναι μέλος αυτού του νοικοκυριού.")})
    members.filter(relation=HouseholdMember.Relation.HEAD).exclude(pk=member.pk).update(
        relation=former_head_relation)
    member.relation = HouseholdMember.Relation.HEAD
    member.save(update_fields=["relation"])
    if not household.name:
        household.name = household_default_name(person)
        household.save(update_fields=["name", "updated_at"])
    return member
