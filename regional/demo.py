"""Demo data: each demo centre's indicators rolled up and its region published at once, so the
region console of `./dev run` has figures before the first nightly run."""

from django_tenants.utils import schema_context

from platform_core.demo import demo_seeder


@demo_seeder
def demo_rollup(*, centre, staff) -> int:
    from .publication import region_publish
    from .rollup import centre_rollup, periods_for

    periods = periods_for()
    centre_rollup(centre=centre, periods=periods)
    if centre.region_id:
        with schema_context("public"):
            region_publish(region=centre.region, periods=[period.code for period in periods])
    return 0  # replaces the centre's figures; creates no demo records
