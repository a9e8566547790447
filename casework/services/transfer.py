"""Referrals between centres: the only code in casework that touches two centre schemas.

A person moving to another municipality is referred to that municipality's centre. Three messages
cross between the two schemas, all through ``_deliver``, the one function here that switches the
connection to another centre (``schema_context``):

- **offer** (sender → receiver, when the referral is sent): the consented categories of the
  person, built by ``consented_payload`` in the SENDER's schema, are written into the RECEIVER's
  schema as a pending ``IncomingReferral`` (``shared_data``).
- **withdraw** (sender → receiver, when the referral is cancelled or its consent revoked before
  an answer): the pending row's shared data is deleted and it is marked withdrawn.
- **answer** (receiver → sender, on accept or decline): only the decision, its date and the
  decline reason go back into the sender's ``Referral``.

Why the transfer is safe:

1. *Only what was consented leaves.* ``consented_payload`` is the whole payload; it reads only the
   referral's categories, which ``referral_create``/``referral_send`` checked against a consent
   valid today for that very centre covering every one of them (``consent_required_for``). A
   category not consented is never read, so it cannot be written anywhere (tested by scanning
   every table of the receiving schema for the values left out).
2. *The public schema never holds personal data.* Both ends are centre schemas; nothing is written
   while the connection is on ``public``, and nothing goes through Celery or Redis (the messages
   are function calls in the request's transaction). Tested by scanning every public table for
   the person's name and ΑΜΚΑ after a full transfer.
3. *All or nothing.* Both schemas are in the same database and the request's one transaction: a
   failure on either side rolls back both (no referral marked sent without its offer, no offer
   without its referral). ``schema_context`` restores the sender's ``search_path`` on the way out,
   even on an exception, and ``TENANT_LIMIT_SET_CALLS`` stays off (django-tenants #1262).
4. *Rows are addressed by id, never by search.* The receiver's row carries the sender's referral
   id (unique), the answer updates exactly that referral, only while it is still ``sent``; ids are
   UUIDs, so rows of two centres never collide.
5. *Data minimisation at the receiver.* The shared data sits in one JSON field until a decision:
   accepting turns it into the person's records (linked to an existing person with the same
   ΑΜΚΑ/ΑΦΜ hash), declining or a withdrawal deletes it; either way the JSON is emptied.

Where it does not hold: a sender that is suspended or archived later keeps its referral; the
receiver's copy stays (it is theirs once accepted), as with any referral on paper.
"""

import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from casework.identifiers import id_hash
from casework.models import (
    Assessment,
    Case,
    ContactNote,
    DataCategory,
    HouseholdMember,
    IncomingReferral,
    Need,
    Person,
    Referral,
)

IDENTITY_FIELDS = ("first_name", "last_name", "father_name", "birth_date", "gender", "amka", "afm", "phone", "email",
                   "languages", "citizenship", "country_of_birth")


def _deliver(*, to_centre, write: Callable[[], None]) -> None:
    """Runs ``write`` in ``to_centre``'s schema and comes back: the one schema switch of casework."""
    with schema_context(to_centre.schema_name):
        write()


def _iso(value):
    return value.isoformat() if value else None


def consented_payload(*, referral: Referral) -> dict:
    """Exactly the referral's categories of the person, read in the sending centre's schema."""
    person, payload = referral.person, {}
    categories = set(referral.categories)
    if DataCategory.IDENTITY in categories:
        payload["identity"] = {field: (_iso(getattr(person, field)) if field == "birth_date"
                                       else getattr(person, field)) for field in IDENTITY_FIELDS}
    if DataCategory.HOUSEHOLD in categories:
        household = person.household
        members = (HouseholdMember.objects.filter(household=household).exclude(person=person).select_related("person")
                   if household else [])
        payload["household"] = {"members": [
            {"first_name": member.person.first_name, "last_name": member.person.last_name,
             "relation": member.relation, "birth_date": _iso(member.person.birth_date)} for member in members]}
    latest = Assessment.objects.filter(person=person).order_by("-assessed_on").prefetch_related("incomes").first()
    if DataCategory.ASSESSMENT in categories and latest:
        payload["assessment"] = {
            "assessed_on": _iso(latest.assessed_on), "adults": latest.adults, "minors": latest.minors,
            "housing": latest.housing, "single_parent": latest.single_parent,
            "monthly_income": str(sum(income.monthly_amount for income in latest.incomes.all()))}
    if DataCategory.CASE_SUMMARY in categories:
        cases = [referral.case] if referral.case_id else list(Case.objects.filter(person=person,
                                                                                  status=Case.Status.OPEN))
        payload["case_summary"] = [{"number": case.number, "intake_date": _iso(case.intake_date),
                                    "needs": case.needs, "summary": case.summary} for case in cases]
    if DataCategory.HEALTH in categories:
        payload["health"] = {"disability": person.disability, "notes": latest.health_notes if latest else ""}
    if DataCategory.MENTAL_HEALTH in categories:
        payload["mental_health"] = {
            "need_recorded": Case.objects.filter(person=person, needs__contains=[Need.MENTAL_HEALTH]).exists(),
            "counselling_sessions": ContactNote.objects.filter(person=person, kind=ContactNote.Kind.COUNSELLING,
                                                               sensitive=True).count()}
    return payload


def referral_offer(*, referral: Referral) -> None:
    """Delivers a sent referral to the receiving centre as a pending incoming referral."""
    from .referrals import current_centre

    sender = current_centre()
    payload = consented_payload(referral=referral)
    fields = {"reason": referral.reason, "urgency": referral.urgency, "categories": list(referral.categories),
              "received_on": timezone.localdate(), "referrer_name": referral.worker.get_full_name()}

    def write() -> None:
        IncomingReferral.objects.create(source_centre_id=sender.pk, source_referral_id=referral.pk,
                                        shared_data=payload, **fields)

    _deliver(to_centre=referral.centre, write=write)


def referral_withdraw(*, referral: Referral) -> None:
    """The sender cancelled before an answer: the receiver's pending copy loses its data."""

    def write() -> None:
        IncomingReferral.objects.filter(source_referral_id=referral.pk, status=IncomingReferral.Status.PENDING).update(
            status=IncomingReferral.Status.WITHDRAWN, shared_data={}, updated_at=timezone.now())

    _deliver(to_centre=referral.centre, write=write)


def referral_answer(*, incoming: IncomingReferral, accepted: bool, reason: str = "") -> None:
    """The receiver's decision goes back to the sender's referral (no personal data)."""
    from .referrals import referral_answered_by_centre

    def write() -> None:
        referral_answered_by_centre(referral_id=incoming.source_referral_id, accepted=accepted, reason=reason)

    _deliver(to_centre=incoming.source_centre, write=write)


def person_from_shared_data(*, incoming: IncomingReferral, by) -> Person:
    """In the receiving schema: the person with the shared ΑΜΚΑ/ΑΦΜ if registered here, otherwise a
    new person from the shared identity; the other shared categories become notes on them."""
    from .cases import note_add
    from .people import person_create

    data = incoming.shared_data
    identity = {key: value for key, value in data.get("identity", {}).items() if key in IDENTITY_FIELDS}
    if identity.get("birth_date"):
        identity["birth_date"] = datetime.date.fromisoformat(identity["birth_date"])
    person = None
    for field in ("amka", "afm"):
        if identity.get(field):
            person = Person.objects.filter(**{f"{field}_hash": id_hash(field, identity[field])}).first()
        if person:
            break
    if person is None:
        person = person_create(by=by, confirm_duplicate=True, **identity)
    source = incoming.source_label
    general = {key: data[key] for key in ("household", "assessment", "case_summary") if key in data}
    sensitive = {key: data[key] for key in ("health", "mental_health") if key in data}
    for part, is_sensitive in ((general, False), (sensitive, True)):
        if part:
            note_add(person=person, by=by, kind=ContactNote.Kind.CONTACT, occurred_at=timezone.now(),
                     sensitive=is_sensitive, text=_("Στοιχεία από την παραπομπή του %(centre)s:\n%(data)s")
                     % {"centre": source, "data": describe_shared(part)})
    return person


def describe_shared(part: dict) -> str:
    labels = dict(DataCategory.choices)
    lines = []
    for key, value in part.items():
        lines.append(f"{labels.get(key, key)}:")
        rows = value if isinstance(value, list) else [value]
        for row in rows:
            if isinstance(row, dict):
                for name, item in row.items():
                    if isinstance(item, list):
                        item = "; ".join(", ".join(f"{k}: {v}" for k, v in entry.items()) if isinstance(entry, dict)
                                         else str(entry) for entry in item)
                    lines.append(f"  {name}: {item if item not in (None, '') else '—'}")
    return "\n".join(lines)
