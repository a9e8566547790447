"""platform_core.db: rows written with COPY, and deleted in one statement without loading them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from platform_core.db import copy_insert, rows_delete
from regional.models import CentreIndicatorValue
from tenants.models import Centre


def test_rows_delete_removes_the_chosen_rows_in_one_statement(centre_a, centre_b):
    now = timezone.now()
    copy_insert(CentreIndicatorValue, ["centre_id", "period", "indicator", "breakdown", "value", "computed_at"],
                [(centre.pk, period, "rows_delete_test", "", 5, now)
                 for centre in (centre_a, centre_b) for period in ("2026-01", "2026-02")])

    with CaptureQueriesContext(connection) as queries:
        deleted = rows_delete(CentreIndicatorValue.objects.filter(centre=centre_a, period__in=["2026-01"],
                                                                indicator="rows_delete_test"))

    assert deleted == 1
    statements = [query["sql"] for query in queries.captured_queries if not query["sql"].startswith("SET search_path")]
    assert len(statements) == 1 and statements[0].startswith("DELETE")
    left = CentreIndicatorValue.objects.filter(indicator="rows_delete_test")
    assert sorted(left.values_list("centre__slug", "period")) == [
        (centre_a.slug, "2026-02"), (centre_b.slug, "2026-01"), (centre_b.slug, "2026-02")]


def test_rows_delete_refuses_a_model_other_rows_refer_to(db):
    with pytest.raises(ValueError, match="referred to"):
        rows_delete(Centre.objects.none())


def test_uuids_come_back_as_text_inside_the_block_only(centre_a):
    from platform_core.db import uuids_as_text

    def read():
        return Centre.objects.filter(pk=centre_a.pk).values_list("pk", flat=True).get()

    with uuids_as_text():
        inside = read()
    after = read()

    assert inside == str(centre_a.pk) and isinstance(inside, str)
    assert after == centre_a.pk and not isinstance(after, str)  # the connection is as Django left it


def test_a_commit_without_waiting_for_disk_applies_to_its_transaction_only(committed_db):
    from django.db import transaction

    from platform_core.db import commit_without_waiting_for_disk

    def setting():
        with connection.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            return cursor.fetchone()[0]

    before = setting()
    with transaction.atomic():
        commit_without_waiting_for_disk()
        inside = setting()

    assert inside == "off" and setting() == before


def test_any_of_finds_the_rows_of_a_list_of_ids_sent_as_one_array(centre_a):
    from django_tenants.utils import schema_context

    from casework.models import HouseholdMember, Person

    with schema_context(centre_a.schema_name):
        people = list(Person.objects.order_by("pk")[:3])
        chosen = [people[0].pk, str(people[1].pk)]  # UUID objects or strings alike
        with CaptureQueriesContext(connection) as queries:
            found = set(Person.objects.filter(pk__any_of=chosen).values_list("pk", flat=True))
        members = set(HouseholdMember.objects.filter(person_id__any_of=chosen).values_list("person_id", flat=True))

        assert found == {people[0].pk, people[1].pk}
        assert members == set(HouseholdMember.objects.filter(person__in=chosen).values_list("person_id", flat=True))
        assert not Person.objects.filter(pk__any_of=[]).exists()
    [select] = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert "= ANY(ARRAY[" in select and "::uuid[]" in select
