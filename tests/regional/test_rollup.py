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
from regional.models import CentreIndicatorValue, Municipality, PublishedIndicatorValue, Region, RollupRun
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
from tests.regional.conftest import counts
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


def test_publishing_unchanged_counts_again_writes_nothing_and_keeps_the_rows(published):
    before = list(PublishedIndicatorValue.objects.filter(period=published).order_by("pk").values_list("pk", "value"))

    written = region_publish(region=Region.objects.get(slug="crete"), periods=[published])

    assert written == 0
    assert list(PublishedIndicatorValue.objects.filter(period=published).order_by("pk")
                .values_list("pk", "value")) == before


def test_a_changed_count_publishes_its_period_again_and_leaves_the_others(published, centre_a, centre_b):
    crete = Region.objects.get(slug="crete")
    counts(centre_a, "2024-02", "people_served", {"": 30, "gender=women": 15, "gender=men": 15})
    region_publish(region=crete, periods=[published, "2024-02"])
    february = set(PublishedIndicatorValue.objects.filter(period="2024-02").values_list("pk", flat=True))

    counts(centre_b, published, "people_served", {"": 21, "gender=women": 11, "gender=men": 10})
    written = region_publish(region=crete, periods=[published, "2024-02"])

    assert written == PublishedIndicatorValue.objects.filter(period=published).count()
    assert set(PublishedIndicatorValue.objects.filter(period="2024-02").values_list("pk", flat=True)) == february
    assert PublishedIndicatorValue.objects.get(level="region", period=published, indicator="people_served",
                                               breakdown="").value == 33


def test_a_new_threshold_or_a_moved_centre_publishes_again(published, centre_b, settings):
    crete = Region.objects.get(slug="crete")
    settings.INDICATOR_SUPPRESSION_THRESHOLD = 11  # beta's 10 women are now a small count too

    assert region_publish(region=crete, periods=[published]) > 0
    assert PublishedIndicatorValue.objects.get(centre=centre_b, period=published, indicator="people_served",
                                               breakdown="gender=women").suppressed

    centre_b.municipality = Municipality.objects.get(slug="sitia")
    centre_b.save(update_fields=["municipality"])
    assert region_publish(region=crete, periods=[published]) > 0
    assert PublishedIndicatorValue.objects.filter(centre=centre_b, period=published,
                                                  regional_unit__slug="lasithi").exists()


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


def test_two_rollups_of_a_centre_at_once_write_its_cells_once(worlds, committed_db, monkeypatch):
    """The operator's button during the night's run: both replace the centre's rows at the same
    moment, on two connections. No unique index stops a second copy of a cell; the centre's
    lock does (without it both delete, both write: every cell twice)."""
    import threading

    from regional import rollup

    centre = worlds["a"].centre
    periods = periods_for(month=THIS_MONTH)
    both_writing = threading.Barrier(2)
    copy = rollup.copy_insert

    def copy_when_both_are_writing(*args, **kwargs):
        try:
            both_writing.wait(timeout=1.5)  # with the lock the other one waits before it: times out
        except threading.BrokenBarrierError:
            pass
        return copy(*args, **kwargs)

    monkeypatch.setattr(rollup, "copy_insert", copy_when_both_are_writing)
    errors = []

    def run():
        try:
            centre_rollup(centre=centre, periods=periods)
        except Exception as exc:  # noqa: BLE001 -- reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert not errors, errors
        rows = list(CentreIndicatorValue.objects.filter(centre=centre).values_list("period", "indicator", "breakdown"))
        assert rows and len(rows) == len(set(rows))
    finally:
        CentreIndicatorValue.objects.filter(centre=centre).delete()
        JobRun.objects.filter(centre_schema=centre.schema_name).delete()
