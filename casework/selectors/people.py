"""Reads of people and households: search and lists."""

import re

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When, prefetch_related_objects

from casework.identifiers import id_hash, search_form
from casework.models import Household, HouseholdMember, Person, PersonMerge

_SEPARATORS = re.compile(r"[\s\-./()]")
_PHONE = re.compile(r"^(?:\+30|0030)?(\d{10})$")


def person_search(*, query: str, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People matching what a member of staff typed:

    - 11 digits: the ΑΜΚΑ, 9 digits: the ΑΦΜ (exact, through their keyed hashes);
    - 10 digits (optionally ``+30``): the phone number; other runs of 4+ digits: a phone prefix;
    - otherwise words, each the start of the surname or of the first name, accent- and
      case-insensitive (``παπαδοπ`` finds «Παπαδόπουλος»), on the indexed search columns.
    """
    queryset = Person.objects.all() if queryset is None else queryset
    text = (query or "").strip()
    if not text:
        return queryset
    compact = _SEPARATORS.sub("", text)
    if re.fullmatch(r"\d{11}", compact):
        return queryset.filter(amka_hash=id_hash("amka", compact))
    if re.fullmatch(r"\d{9}", compact):
        return queryset.filter(afm_hash=id_hash("afm", compact))
    if phone := _PHONE.match(compact):
        return queryset.filter(phone=phone.group(1))
    if re.fullmatch(r"\+?\d{4,}", compact):
        return queryset.filter(phone__startswith=compact.lstrip("+"))
    for term in search_form(text).split():
        queryset = queryset.filter(Q(search_last_name__startswith=term) | Q(search_first_name__startswith=term))
    return queryset


def person_list(*, query: str = "") -> QuerySet[Person]:
    return person_search(query=query).select_related("membership__household").order_by(
        "last_name", "first_name", "pk")


PICK_LIMIT = 10


def person_pick_candidates(*, query: str, selected_id: str | None = None, limit: int = PICK_LIMIT) -> list[Person]:
    """What a person picker offers: the person already chosen first, then the first ``limit``
    people ``person_search`` finds; nobody for an empty query (never a list of everyone)."""
    found = list(person_list(query=query)[:limit]) if (query or "").strip() else []
    if selected_id and not any(str(person.pk) == str(selected_id) for person in found):
        found = [*Person.objects.filter(pk=selected_id), *found]
    else:
        found.sort(key=lambda person: str(person.pk) != str(selected_id))
    return found


def person_detail_get(*, pk) -> Person:
    """The person with what their page shows alongside (raises Person.DoesNotExist)."""
    return Person.objects.select_related("municipality", "membership__household").get(pk=pk)


def person_merged_into(*, pk) -> PersonMerge | None:
    """The merge that removed the record ``pk``, if one did (its survivor has what it had)."""
    return PersonMerge.objects.filter(merged_id=pk).select_related("survivor").first()


def merges_into(*, person: Person) -> QuerySet[PersonMerge]:
    """The records merged into ``person``, newest first."""
    return PersonMerge.objects.filter(survivor=person).select_related("by").order_by("-at")


def household_list() -> QuerySet[Household]:
    return Household.objects.annotate(member_count=Count("members")).order_by("name", "pk")


def _members_in_order() -> QuerySet[HouseholdMember]:
    head_first = Case(When(relation=HouseholdMember.Relation.HEAD, then=Value(0)), default=Value(1))
    return HouseholdMember.objects.select_related("person").order_by(
        head_first, "relation", "person__last_name", "person__first_name")


def household_members(*, household: Household) -> QuerySet[HouseholdMember]:
    """Head first, then the others in the order of their relation, each with their person."""
    return _members_in_order().filter(household=household)


def household_members_loaded(*, household: Household) -> list[HouseholdMember]:
    """The members in ``household_members`` order, loaded once into ``household.members.all()``
    so that the person page and every timeline provider it calls share one query."""
    prefetch_related_objects([household], Prefetch("members", queryset=_members_in_order()))
    return list(household.members.all())
