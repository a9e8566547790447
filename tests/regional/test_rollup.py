"""The rollup: every active centre's indicators computed in its schema and written to public,
published per region with suppression; idempotent; a failing centre does not stop the others."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django_tenants.utils import schema_context

from regional import indicators as registry
from regional.indicators import EVENTS, indicator
from regional.models import CentreIndicatorValue, PublishedIndicatorValue, Region, RollupRun
from regional.periods import month_of
from regional.publication import region_publish
from regional.rollup import (
    centre_rollup,
    periods_for,
    rollup_now,
    rollup_run_centre_finished,
    rollup_run_publications,
    rollup_run_publish_part,
    rollup_run_start,
)
from tenants.models import JobRun
from tenants.services import centre_create, centre_suspend

THIS_MONTH = month_of(datetime.date.today()).code


def published_total(centre, indicator="people_served", period=THIS_MONTH):
    return PublishedIndicatorValue.objects.get(centre=centre, indicator=indicator, period=period, breakdown="")


def test_rollup_command_writes_every_active_centres_counts_and_publishes_the_region(centre_a, centre_b, capsys):
    call_command("rollup_indicators", period=THIS_MONTH)

    for centre in (centre_a, centre_b):
        assert CentreIndicatorValue.objects.filter(centre=centre, period=THIS_MONTH, indicator="people_served",
                                                   breakdown="").exists()
    region_row = PublishedIndicatorValue.objects.get(region__slug="crete", level="region", period=THIS_MONTH,
                                                     indicator="reception_contacts", breakdown="")
    assert region_row.value == 2  # one sample contact in each centre
    run = RollupRun.objects.get()
    assert (run.status, run.centres_done, run.centres_failed) == ("succeeded", 2, 0)


def test_a_nightly_run_covers_13_months_and_the_quarters_and_years_they_touch(db):
    codes = [period.code for period in periods_for()]

    assert sum(len(code) == 7 and "Q" not in code for code in codes) == 13
    assert any("Q" in code for code in codes) and any(len(code) == 4 for code in codes)


def test_re_running_a_month_replaces_its_rows_with_the_same_ones(centre_a):
    periods = periods_for(month=THIS_MONTH)
    centre_rollup(centre=centre_a, periods=periods)
    first = set(CentreIndicatorValue.objects.filter(centre=centre_a).values_list("period", "indicator", "breakdown",
                                                                                 "value"))

    centre_rollup(centre=centre_a, periods=periods)

    again = set(CentreIndicatorValue.objects.filter(centre=centre_a).values_list("period", "indicator", "breakdown",
                                                                                 "value"))
    assert again == first


def test_a_failing_centre_is_reported_and_the_others_are_rolled_up(centre_a, centre_b, monkeypatch):
    monkeypatch.setattr(registry, "_registry", dict(registry._registry))

    @indicator(code="explodes_in_beta", label="x", unit=EVENTS)
    def explodes(*, period):
        if connection.schema_name == centre_b.schema_name:
            raise RuntimeError("boom")
        return {"": 1}

    with pytest.raises(CommandError) as failed:
        call_command("rollup_indicators", period=THIS_MONTH)

    assert failed.value.returncode == 1 and centre_b.slug in str(failed.value)
    assert CentreIndicatorValue.objects.filter(centre=centre_a, indicator="explodes_in_beta").exists()
    job = JobRun.objects.get(job="regional.indicators_rollup_centre", centre_schema=centre_b.schema_name)
    assert job.status == "failed" and job.error_class == "builtins.RuntimeError"
    assert RollupRun.objects.get().failed_centres == [centre_b.schema_name]


def test_a_centre_added_after_a_rollup_appears_after_the_next_one(centre_a, centre_b):
    rollup_now(month=THIS_MONTH)
    gamma = centre_create(slug="gamma", name="Κέντρο Γάμμα", municipality="sitia", region="crete").centre
    assert not PublishedIndicatorValue.objects.filter(centre=gamma).exists()

    rollup_now(month=THIS_MONTH)

    assert published_total(gamma).value == 0
    assert published_total(gamma).regional_unit.slug == "lasithi"


def test_a_suspended_centres_last_figures_stay_published_with_their_date(centre_a, centre_b):
    rollup_now(month=THIS_MONTH)
    computed = published_total(centre_b).computed_at
    centre_suspend(centre=centre_b)

    rollup_now(month=THIS_MONTH)

    assert RollupRun.objects.order_by("-started_at").first().centres_total == 1
    assert published_total(centre_b).computed_at == computed
    assert published_total(centre_a).computed_at > computed


def test_unknown_or_future_period_and_unknown_centre_exit_2(worlds, db):
    for options in ({"period": "2024-13"}, {"period": "2024-Q1"}, {"period": "2999-01"}, {"centre": "nowhere"}):
        with pytest.raises(CommandError) as refused:
            call_command("rollup_indicators", **options)
        assert refused.value.returncode == 2


def test_small_counts_are_published_suppressed_with_a_complement(published, centre_a, centre_b):
    cells = {(row.centre_id, row.breakdown): row for row in PublishedIndicatorValue.objects.filter(
        indicator="people_served", period=published, level="centre")}

    women_a = cells[(centre_a.pk, "gender=women")]
    assert women_a.suppressed and women_a.value is None
    assert sum(row.suppressed for row in cells.values()) >= 4  # a rectangle at least
    assert not cells[(centre_a.pk, "")].suppressed  # 12: the total stays


def test_events_are_never_suppressed(published, centre_a):
    row = PublishedIndicatorValue.objects.get(indicator="counselling_sessions", period=published, centre=centre_a,
                                              breakdown="")
    assert (row.value, row.suppressed) == (2, False)


def test_publishing_again_replaces_the_regions_rows(published):
    before = PublishedIndicatorValue.objects.filter(period=published).count()

    region_publish(region=Region.objects.get(slug="crete"), periods=[published])

    assert PublishedIndicatorValue.objects.filter(period=published).count() == before


def test_the_publication_runs_per_region_and_period_and_its_last_part_closes_the_run(centre_a, centre_b):
    periods = periods_for(month=THIS_MONTH)
    run = rollup_run_start(trigger="operator", periods=periods, centres=2)
    for centre in (centre_a, centre_b):
        centre_rollup(centre=centre, periods=periods)
        rollup_run_centre_finished(run_id=run.pk, schema=centre.schema_name, failed=False)

    parts = rollup_run_publications(run=run)

    assert parts == [(Region.objects.get(slug="crete").pk, period.code) for period in periods]
    for region_id, period in parts[:-1]:
        rollup_run_publish_part(run_id=run.pk, region_id=region_id, period=period)
    run.refresh_from_db()
    assert (run.status, run.publications_done, run.publications_total) == ("running", len(parts) - 1, len(parts))
    rollup_run_publish_part(run_id=run.pk, region_id=parts[-1][0], period=parts[-1][1])
    run.refresh_from_db()
    assert (run.status, run.publications_done) == ("succeeded", len(parts))
    assert run.finished_at is not None
    published = set(PublishedIndicatorValue.objects.filter(level="region").values_list("period", flat=True))
    assert published == {period.code for period in periods}


def test_one_beat_entry_runs_the_rollup_nightly(settings):
    [entry] = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "regional.indicators_rollup_fan_out"]

    assert entry["schedule"].hour == {2}


def test_the_rollup_rows_hold_counts_only():
    fields = {field.name for field in CentreIndicatorValue._meta.get_fields()}

    assert fields == {"id", "centre", "period", "indicator", "breakdown", "value", "computed_at"}


@pytest.mark.worker
def test_the_fan_out_rolls_up_every_centre_on_a_real_worker_and_publishes(worlds, celery_worker, committed_db):
    from regional.tasks import indicators_rollup_fan_out

    run_id = indicators_rollup_fan_out.apply_async(kwargs={"trigger": "operator", "month": THIS_MONTH}).get(timeout=60)

    import time
    deadline = time.monotonic() + 60
    while RollupRun.objects.get(pk=run_id).status == "running" and time.monotonic() < deadline:
        time.sleep(0.2)
    run = RollupRun.objects.get(pk=run_id)
    try:
        assert (run.status, run.centres_done) == ("succeeded", 2)
        assert run.publications_done == run.publications_total == len(run.periods)
        with schema_context("public"):
            assert PublishedIndicatorValue.objects.filter(period=THIS_MONTH, level="region").exists()
    finally:
        RollupRun.objects.all().delete()
        CentreIndicatorValue.objects.all().delete()
        PublishedIndicatorValue.objects.all().delete()
