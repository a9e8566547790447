"""The kinds of file a centre imports, their columns (with the Greek headers of the templates), and
the plan of a file: what each row would do — create, update, leave unchanged, wait for the
coordinator's word on a possible duplicate, or be refused with its errors.

Planning writes nothing and reads the database in a few queries for the whole file (the people
matched by ΑΜΚΑ/ΑΦΜ hash, by names and birth date, their households and cases), whatever its
size. The rules of a single record are the services' own: ``person_validate`` (the checks of
``person_create``) and ``case_open_check`` (those of ``case_open``), so a row is refused here for
exactly what the person form or the API would refuse.

Matching (what makes importing the same rows again change nothing):
- a row whose ΑΜΚΑ or ΑΦΜ is registered is that person: the cells that differ from the record are
  an update, and an empty cell never erases a value; if nothing differs the row is unchanged;
- a row without a registered ΑΜΚΑ/ΑΦΜ but with the names and birth date of someone registered is
  a possible duplicate: unchanged when every cell agrees with that record, otherwise the
  coordinator decides (the same person: update; another person: create; or skip);
- a case row is unchanged when the person already has a case with that intake date.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.identifiers import afm_clean, amka_clean, id_hash, search_form
from casework.models import (
    Case,
    Citizenship,
    Education,
    EmploymentStatus,
    Gender,
    HouseholdMember,
    Housing,
    ImportKind,
    Need,
    Person,
)
from casework.services.cases import CASE_WORKER_ROLES, case_open_check, case_worker_is
from casework.services.people import PERSON_FIELDS, person_validate
from platform_core.accounts.models import User

from . import values

CREATE, UPDATE, UNCHANGED, DUPLICATE, REFUSED = "create", "update", "unchanged", "duplicate", "refused"
ACTIONS = (CREATE, UPDATE, UNCHANGED, DUPLICATE, REFUSED)
# The coordinator's answers for a possible duplicate.
SAME, NEW, SKIP = "same", "new", "skip"
# Person fields compared with a matched record to tell an update from an unchanged row.
COMPARED_FIELDS = ("first_name", "last_name", "father_name", "birth_date", "gender", "amka", "afm", "phone", "email",
                   "settlement", "street", "postcode", "citizenship", "employment_status", "education", "housing",
                   "notes")
CASE_FIELDS = ("intake_date", "needs", "case_summary", "assigned_worker")


@dataclass(frozen=True)
class Column:
    field: str
    label: Promise
    parse: Callable[[object], object]
    required: bool = False
    aliases: tuple[str, ...] = ()
    example: object = ""


def _worker(cell: object) -> str:
    return values.text(cell).lower()


_IDENTITY = [
    Column("amka", gettext_lazy("ΑΜΚΑ"), values.amka, example="01018012345"),
    Column("afm", gettext_lazy("ΑΦΜ"), values.afm, example="123456789"),
]
_CASE = [
    Column("intake_date", gettext_lazy("Ημερομηνία εισαγωγής φακέλου"), values.date,
           aliases=("Ημερομηνία εισαγωγής", "Ημ/νία εισαγωγής", "Εισαγωγή"), example="15/01/2024"),
    Column("needs", gettext_lazy("Ανάγκες"), values.choices_list(Need), example="Απασχόληση, Στέγαση"),
    Column("case_summary", gettext_lazy("Περιγραφή αιτήματος"), values.text, aliases=("Αίτημα",)),
    Column("assigned_worker", gettext_lazy("Υπεύθυνος/η (email)"), _worker, aliases=("Υπεύθυνος", "Υπεύθυνη")),
]
_PEOPLE = [
    Column("last_name", gettext_lazy("Επώνυμο"), values.text, required=True, example="Παπαδοπούλου"),
    Column("first_name", gettext_lazy("Όνομα"), values.text, required=True, example="Μαρία"),
    Column("father_name", gettext_lazy("Πατρώνυμο"), values.text, aliases=("Όνομα πατρός",)),
    Column("birth_date", gettext_lazy("Ημερομηνία γέννησης"), values.date,
           aliases=("Ημ/νία γέννησης", "Γέννηση", "Ημερομηνία γεννήσεως"), example="01/01/1980"),
    Column("gender", gettext_lazy("Φύλο"), values.choice(Gender, {"Γ": "female", "Α": "male", "Θήλυ": "female",
                                                                 "Άρρεν": "male"}), example="Γυναίκα"),
    *_IDENTITY,
    Column("phone", gettext_lazy("Τηλέφωνο"), values.phone, aliases=("Κινητό", "Τηλ."), example="6912345678"),
    Column("email", gettext_lazy("Email"), values.text, aliases=("E-mail", "Ηλεκτρονικό ταχυδρομείο")),
    Column("settlement", gettext_lazy("Οικισμός"), values.text, aliases=("Δημοτική κοινότητα", "Χωριό")),
    Column("street", gettext_lazy("Διεύθυνση"), values.text, aliases=("Οδός", "Οδός και αριθμός")),
    Column("postcode", gettext_lazy("Τ.Κ."), values.text, aliases=("ΤΚ", "Ταχυδρομικός κώδικας")),
    Column("citizenship", gettext_lazy("Υπηκοότητα"), values.choice(Citizenship)),
    Column("employment_status", gettext_lazy("Κατάσταση απασχόλησης"), values.choice(EmploymentStatus)),
    Column("education", gettext_lazy("Εκπαίδευση"), values.choice(Education)),
    Column("housing", gettext_lazy("Στέγαση"), values.choice(Housing)),
    Column("notes", gettext_lazy("Παρατηρήσεις"), values.text),
    Column("household", gettext_lazy("Κωδικός νοικοκυριού"), values.text,
           aliases=("Νοικοκυριό", "Οικογένεια", "Αρ. οικογένειας", "Κωδικός οικογένειας"), example="Ο-1"),
    Column("relation", gettext_lazy("Σχέση με υπεύθυνο/η"), values.choice(HouseholdMember.Relation, {
        "Υπεύθυνος": "head", "Υπεύθυνη": "head", "Αιτών": "head", "Αιτούσα": "head", "Σύζυγος": "spouse",
        "Παιδί": "child", "Τέκνο": "child"}), aliases=("Σχέση",), example="Υπεύθυνος/η νοικοκυριού"),
    *_CASE,
]

COLUMNS: dict[str, list[Column]] = {
    ImportKind.PEOPLE: _PEOPLE,
    ImportKind.CASES: [*_IDENTITY, *[Column(c.field, c.label, c.parse, required=c.field in ("intake_date", "needs"),
                                            aliases=c.aliases, example=c.example) for c in _CASE]],
}


def columns_of(kind: str) -> list[Column]:
    return COLUMNS[kind]


def mapping_suggest(*, kind: str, header: list[str], saved: dict[str, str] | None = None) -> dict[str, str]:
    """header → field: the saved mapping where it names this file's columns, then the columns
    whose header is a field's label or alias (accents and case ignored)."""
    fields = {column.field for column in columns_of(kind)}
    mapping = {name: field for name, field in (saved or {}).items() if name in header and field in fields}
    names = {}
    for column in columns_of(kind):
        for name in (str(column.label), *column.aliases):
            names.setdefault(search_form(name), column.field)
    for name in header:
        if name and name not in mapping and (found := names.get(search_form(name))) and found not in mapping.values():
            mapping[name] = found
    return mapping


def mapping_check(*, kind: str, header: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """The mapping without unmapped columns, or ValidationError naming what is wrong."""
    fields = {column.field: column for column in columns_of(kind)}
    mapping = {name: field for name, field in mapping.items() if field}
    errors = []
    unknown = [name for name in mapping if name not in header]
    if unknown:
        errors.append(_("Το αρχείο δεν έχει στήλη «%(name)s».") % {"name": unknown[0]})
    bad = [field for field in mapping.values() if field not in fields]
    if bad:
        errors.append(_("Άγνωστο πεδίο «%(field)s».") % {"field": bad[0]})
    taken = list(mapping.values())
    twice = {field for field in taken if taken.count(field) > 1}
    if twice:
        errors.append(_("Το πεδίο «%(label)s» αντιστοιχίστηκε σε δύο στήλες.") % {"label": fields[twice.pop()].label})
    missing = [column.label for column in fields.values() if column.required and column.field not in taken]
    if missing:
        errors.append(_("Αντιστοιχίστε μια στήλη στα υποχρεωτικά πεδία: %(labels)s.")
                      % {"labels": ", ".join(str(label) for label in missing)})
    if kind == ImportKind.CASES and not {"amka", "afm"} & set(taken):
        errors.append(_("Αντιστοιχίστε τη στήλη του ΑΜΚΑ ή του ΑΦΜ: με αυτόν βρίσκεται ο/η ωφελούμενος/η."))
    if errors:
        raise ValidationError({"mapping": errors})
    return mapping


@dataclass
class RowPlan:
    row: int
    cells: list[object]
    action: str = CREATE
    label: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)
    match: str = ""
    candidates: list[str] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    person: Person | None = None
    changes: dict[str, object] = field(default_factory=dict)
    case: dict[str, object] | None = None

    def refuse(self, where: str, message: str) -> None:
        self.action = REFUSED
        self.errors.setdefault(where, []).append(message)

    def refuse_for(self, error: ValidationError, by_field: dict[str, str]) -> None:
        """Refuses the row with a service's errors, each under the file's column of its field."""
        for name, messages in _messages(error).items():
            for message in messages:
                self.refuse(_field_name(by_field, name), message)

    def summary(self) -> dict:
        """What the preview keeps of the row (JSON): no cell values beyond the name shown."""
        return {"row": self.row, "action": self.action, "label": self.label, "errors": self.errors,
                "match": self.match, "candidates": self.candidates, "changes": sorted(self.changes)}


@dataclass
class Plan:
    kind: str
    rows: list[RowPlan]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            counts[row.action] += 1
        counts["cases"] = sum(1 for row in self.rows if row.case is not None and row.action != REFUSED)
        return counts

    def summary(self) -> dict:
        return {"counts": self.counts(), "rows": [row.summary() for row in self.rows if row.action != CREATE]}


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: [message for item in items for message in item.messages]
                for name, items in error.error_dict.items()}
    return {NON_FIELD_ERRORS: error.messages}


def _parse(rows: Iterable[tuple[int, list[object]]], *, kind: str, header: list[str],
           mapping: dict[str, str]) -> Iterable[RowPlan]:
    columns = {column.field: column for column in columns_of(kind)}
    positions = [(header.index(name), columns[field], name) for name, field in mapping.items()]
    for number, cells in rows:
        plan = RowPlan(row=number, cells=list(cells))
        for position, column, name in positions:
            cell = cells[position] if position < len(cells) else None
            if values.is_empty(cell):
                if column.required:
                    plan.refuse(name, _("Υποχρεωτικό πεδίο."))
                continue
            try:
                plan.values[column.field] = column.parse(cell)
            except ValidationError as exc:
                plan.errors.setdefault(name, []).extend(exc.messages)
                plan.action = REFUSED
        yield plan


class _Context:
    """What the rules of a file need from the database, read once for the whole file."""

    def __init__(self, *, by: User) -> None:
        self.by = by
        staff = User.objects.filter(is_active=True, groups__name__in=[role.value for role in CASE_WORKER_ROLES])
        self.workers = {user.email.lower(): user for user in staff.distinct()}
        self.by_is_worker = case_worker_is(by)


def _field_name(mapping_by_field: dict[str, str], name: str) -> str:
    return mapping_by_field.get(name, name if name != NON_FIELD_ERRORS else "")


def _plan_case(plan: RowPlan, context: _Context, by_field: dict[str, str]) -> None:
    given = {name: plan.values[name] for name in CASE_FIELDS if name in plan.values}
    if not given or plan.action == REFUSED:
        return
    worker_email = given.get("assigned_worker")
    worker = context.workers.get(worker_email) if worker_email else context.by
    if not worker_email and not context.by_is_worker:
        plan.refuse(by_field.get("assigned_worker", by_field.get("intake_date", "")),
                    _("Δώστε τον/την υπεύθυνο/η του φακέλου (email)."))
        return
    if worker_email and worker is None:
        plan.refuse(by_field["assigned_worker"], _("Δεν υπάρχει ενεργός/ή κοινωνικός λειτουργός, ψυχολόγος ή "
                                                   "συντονιστής/τρια με αυτό το email."))
        return
    if "intake_date" not in given:
        plan.refuse(by_field.get("intake_date", _("Ημερομηνία εισαγωγής φακέλου")),
                    _("Για να ανοίξει φάκελος χρειάζεται η ημερομηνία εισαγωγής."))
        return
    try:
        needs = case_open_check(assigned_worker=worker, needs=given.get("needs", []), intake_date=given["intake_date"],
                                worker_checked=True)
    except ValidationError as exc:
        plan.refuse_for(exc, by_field)
        return
    plan.case = {"intake_date": given["intake_date"], "needs": needs, "summary": given.get("case_summary", ""),
                 "assigned_worker": worker}


def _validated_person(plan: RowPlan, by_field: dict[str, str]) -> Person | None:
    fields = {name: value for name, value in plan.values.items() if name in PERSON_FIELDS}
    person = Person(**fields)
    try:
        person_validate(person=person)
    except ValidationError as exc:
        plan.refuse_for(exc, by_field)
        return None
    plan.label = str(person)
    return person


def _hashes(plans: list[RowPlan]) -> dict[str, set[str]]:
    return {"amka": {p.person.amka_hash for p in plans if p.person and p.person.amka_hash},
            "afm": {p.person.afm_hash for p in plans if p.person and p.person.afm_hash}}


def _registered(hashes: dict[str, set[str]]) -> dict[tuple[str, str], Person]:
    """The registered people with any of these ΑΜΚΑ/ΑΦΜ hashes, by (kind, hash)."""
    found: dict[tuple[str, str], Person] = {}
    amka, afm = list(hashes["amka"]), list(hashes["afm"])
    for start in range(0, max(len(amka), len(afm)), 5000):
        query = Q(amka_hash__in=amka[start:start + 5000]) | Q(afm_hash__in=afm[start:start + 5000])
        for person in Person.objects.filter(query).select_related("membership"):
            if person.amka_hash:
                found[("amka", person.amka_hash)] = person
            if person.afm_hash:
                found[("afm", person.afm_hash)] = person
    return found


def _same_names(plans: list[RowPlan]) -> dict[tuple[str, str, datetime.date], list[Person]]:
    wanted = [p for p in plans if p.action == CREATE and p.person and p.person.birth_date]
    found: dict[tuple[str, str, datetime.date], list[Person]] = {}
    for start in range(0, len(wanted), 5000):
        chunk = wanted[start:start + 5000]
        people = Person.objects.filter(search_last_name__in={p.person.search_last_name for p in chunk},
                                       birth_date__in={p.person.birth_date for p in chunk})
        for person in people.select_related("membership"):
            found.setdefault((person.search_last_name, person.search_first_name, person.birth_date), []).append(person)
    return found


def _differences(person: Person, record: Person, given: Iterable[str]) -> dict[str, object]:
    return {name: getattr(person, name) for name in COMPARED_FIELDS
            if name in given and getattr(person, name) != getattr(record, name)}


def _match(plan: RowPlan, record: Person, by_field: dict[str, str]) -> None:
    """The row is ``record``: an update of the cells that differ (checked as the whole record it
    would become), or unchanged."""
    plan.match = str(record.pk)
    changes = _differences(plan.person, record, plan.values)
    if changes:
        merged = Person(**{name: getattr(record, name) for name in PERSON_FIELDS if name not in ("municipality",)},
                        id=record.pk)
        for name, value in changes.items():
            setattr(merged, name, value)
        try:
            person_validate(person=merged)
        except ValidationError as exc:
            plan.refuse_for(exc, by_field)
            return
    plan.changes = changes
    plan.action = UPDATE if changes else UNCHANGED


def _plan_people(plans: list[RowPlan], *, by_field: dict[str, str]) -> None:
    for plan in plans:
        if plan.action != REFUSED:
            plan.person = _validated_person(plan, by_field)
    seen: dict[tuple[str, str], int] = {}
    for plan in plans:
        for kind in ("amka", "afm"):
            digest = getattr(plan.person, f"{kind}_hash", "") if plan.person else ""
            if not digest or plan.action == REFUSED:
                continue
            if (kind, digest) in seen:
                plan.refuse(by_field.get(kind, kind), _("Ο ίδιος αριθμός υπάρχει και στη γραμμή %(row)s.")
                            % {"row": seen[(kind, digest)]})
            else:
                seen[(kind, digest)] = plan.row
    live = [plan for plan in plans if plan.action != REFUSED]
    registered = _registered(_hashes(live))
    for plan in live:
        by_amka = registered.get(("amka", plan.person.amka_hash)) if plan.person.amka_hash else None
        by_afm = registered.get(("afm", plan.person.afm_hash)) if plan.person.afm_hash else None
        if by_amka and by_afm and by_amka.pk != by_afm.pk:
            plan.refuse(by_field.get("afm", "afm"), _("Ο ΑΜΚΑ ανήκει σε άλλον/η ωφελούμενο/η από τον ΑΦΜ (%(name)s).")
                        % {"name": by_amka})
        elif by_amka or by_afm:
            _match(plan, by_amka or by_afm, by_field)
    same_names = _same_names(live)
    for plan in live:
        if plan.action != CREATE or not plan.person.birth_date:
            continue
        person = plan.person
        candidates = same_names.get((person.search_last_name, person.search_first_name, person.birth_date), [])
        if not candidates:
            continue
        plan.candidates = [str(candidate.pk) for candidate in candidates[:10]]
        if any(not _differences(person, candidate, plan.values) for candidate in candidates):
            plan.action, plan.match = UNCHANGED, next(
                str(c.pk) for c in candidates if not _differences(person, c, plan.values))
        else:
            plan.action, plan.match = DUPLICATE, plan.candidates[0]
            plan.changes = _differences(person, candidates[0], plan.values)


def _plan_households(plans: list[RowPlan], *, by_field: dict[str, str], records: dict[str, Person]) -> None:
    """Rows with the same household code form one household: the household of a member already
    registered in one, or a new one. A household has one head."""
    where = by_field.get("relation", by_field.get("household", ""))
    groups: dict[str, list[RowPlan]] = {}
    for plan in plans:
        if plan.action != REFUSED and plan.values.get("household"):
            groups.setdefault(search_form(plan.values["household"]), []).append(plan)
    heads_of = {}
    existing = {membership.household_id for record in records.values()
                if (membership := getattr(record, "membership", None))}
    if existing:
        heads = HouseholdMember.objects.filter(household_id__in=existing, relation=HouseholdMember.Relation.HEAD)
        heads_of = dict(heads
                        .values_list("household_id", "person_id"))
    for members in groups.values():
        head_rows = [plan for plan in members if plan.values.get("relation") == HouseholdMember.Relation.HEAD]
        for extra in head_rows[1:]:
            extra.refuse(where, _("Το νοικοκυριό έχει ήδη υπεύθυνο/η στη γραμμή %(row)s.") % {"row": head_rows[0].row})
        households = [membership.household_id for plan in members if plan.match in records
                      and (membership := getattr(records[plan.match], "membership", None))]
        for plan in head_rows[:1]:
            if households and heads_of.get(households[0]) and not _in_household(plan, records):
                plan.refuse(where, _("Το νοικοκυριό έχει ήδη υπεύθυνο/η· ορίστε άλλη σχέση."))
        for plan in members:
            if plan.action == UNCHANGED and not _in_household(plan, records):
                plan.action = UPDATE  # joins the household


def _in_household(plan: RowPlan, records: dict[str, Person]) -> bool:
    return bool(plan.match in records and getattr(records[plan.match], "membership", None))


def plan_file(*, kind: str, rows: Iterable[tuple[int, list[object]]], header: list[str], mapping: dict[str, str],
              by: User) -> Plan:
    """The plan of every row of the file (see the module's docstring); writes nothing."""
    by_field = {field: name for name, field in mapping.items()}
    context = _Context(by=by)
    plans = list(_parse(rows, kind=kind, header=header, mapping=mapping))
    for plan in plans:
        _plan_case(plan, context, by_field)
    if kind == ImportKind.PEOPLE:
        _plan_people(plans, by_field=by_field)
    else:
        _plan_case_people(plans, by_field=by_field)
    records = _records_of([plan.match for plan in plans if plan.match])
    if kind == ImportKind.PEOPLE:
        _plan_households(plans, by_field=by_field, records=records)
    _plan_existing_cases(plans, kind=kind)
    return Plan(kind=kind, rows=plans)


def _records_of(ids: list[str]) -> dict[str, Person]:
    records = {}
    for start in range(0, len(ids), 5000):
        for person in Person.objects.filter(pk__in=ids[start:start + 5000]).select_related("membership"):
            records[str(person.pk)] = person
    return records


def _plan_case_people(plans: list[RowPlan], *, by_field: dict[str, str]) -> None:
    """A case file names registered people by ΑΜΚΑ or ΑΦΜ."""
    for plan in plans:
        if plan.action == REFUSED:
            continue
        for kind, clean in (("amka", amka_clean), ("afm", afm_clean)):
            if kind in plan.values:
                try:
                    plan.values[kind] = clean(plan.values[kind])
                except ValidationError as exc:
                    plan.refuse(by_field[kind], " ".join(exc.messages))
        if plan.action != REFUSED and not ({"amka", "afm"} & set(plan.values)):
            plan.refuse(by_field.get("amka", by_field.get("afm", "")), _("Δώστε ΑΜΚΑ ή ΑΦΜ."))
    live = [plan for plan in plans if plan.action != REFUSED]
    hashes = {"amka": {id_hash("amka", p.values["amka"]) for p in live if "amka" in p.values},
              "afm": {id_hash("afm", p.values["afm"]) for p in live if "afm" in p.values}}
    registered = _registered(hashes)
    for plan in live:
        record = (registered.get(("amka", id_hash("amka", plan.values["amka"]))) if "amka" in plan.values else None) \
            or (registered.get(("afm", id_hash("afm", plan.values["afm"]))) if "afm" in plan.values else None)
        if record is None:
            plan.refuse(by_field.get("amka", by_field.get("afm", "")),
                        _("Δεν υπάρχει ωφελούμενος/η με αυτόν τον αριθμό· εισαγάγετε πρώτα τους ωφελούμενους."))
            continue
        plan.match, plan.label, plan.action = str(record.pk), str(record), UNCHANGED


def _plan_existing_cases(plans: list[RowPlan], *, kind: str) -> None:
    """A case whose person already has one with that intake date is there already; two rows of
    one person and date open one case."""
    wanted = [plan for plan in plans if plan.case is not None and plan.action != REFUSED]
    matched = [plan.match for plan in wanted if plan.match]
    existing = set()
    for start in range(0, len(matched), 5000):
        existing |= {(str(person), intake) for person, intake in Case.objects.filter(
            person_id__in=matched[start:start + 5000]).values_list("person_id", "intake_date")}
    seen = set()
    for plan in wanted:
        key = (plan.match or f"row-{plan.row}", plan.case["intake_date"])
        if key in existing or key in seen:
            plan.case = None
            continue
        seen.add(key)
        if plan.action == UNCHANGED:
            plan.action = UPDATE if kind == ImportKind.PEOPLE else CREATE
