"""The region console: overview, indicator and ESF pages from published rows, period filters,
suppressed cells shown as such, exports; and the centre's own unsuppressed page."""

import datetime
import io

from openpyxl import load_workbook

from platform_core.accounts.roles import Role
from regional.exports import Sheet, safe_cell, sheets_csv, sheets_xlsx


def page(public_world, path, **params):
    response = public_world.client(public_world.region_user).get(path, params)
    assert response.status_code == 200, response.status_code
    return response


def test_overview_shows_the_regions_totals_and_a_trend_chart_with_its_table(public_world, published):
    html = page(public_world, "/region/", period=published).content.decode()

    assert "Ωφελούμενοι (άτομα)" in html and ">32<" in html
    assert 'data-chart-id="trend-people_served"' in html and "vendor/chart.umd.min.js" in html


def test_a_suppressed_cell_is_shown_as_suppressed_never_as_zero(public_world, published):
    response = page(public_world, "/region/indicators/people_served/", period=published)

    table = response.content.decode().split('data-testid="indicator-table"')[1].split("</table>")[0]
    assert "απόρρητο" in table


def test_indicator_page_lists_the_region_units_and_centres_with_breakdowns(public_world, published):
    html = page(public_world, "/region/indicators/people_served/", period=published).content.decode()

    for text in ("Περιφέρεια Κρήτης", "Π.Ε. Χανίων", "Κέντρο Κοινότητας Άλφα", "Γυναίκες", "Άνδρες"):
        assert text in html


def test_unknown_indicator_page_is_404(public_world):
    assert public_world.client(public_world.region_user).get("/region/indicators/nothing/").status_code == 404


def test_quarter_year_and_custom_range_filters_are_accepted(public_world, published):
    for params in ({"period": "2024-Q1"}, {"period": "2024"}, {"date_from": "2023-11", "date_to": "2024-01"}):
        assert page(public_world, "/region/", **params).context["form"].is_valid()
    ranged = page(public_world, "/region/indicators/people_served/", date_from="2023-12", date_to="2024-01")
    assert [row["label"] for row in ranged.context["table"]] == ["2023-12", "2024-01"]


def test_a_future_or_unknown_period_is_refused_with_a_message(public_world):
    for period in ("2999-01", "someday"):
        response = page(public_world, "/region/", period=period)
        assert response.context["form"].errors["period"]


def test_overview_exports_as_csv_and_xlsx(public_world, published):
    csv_response = page(public_world, "/region/", period=published, format="csv")
    xlsx_response = page(public_world, "/region/", period=published, format="xlsx")

    assert csv_response["Content-Type"].startswith("text/csv") and "attachment" in csv_response["Content-Disposition"]
    assert "Ωφελούμενοι (άτομα),32" in csv_response.content.decode("utf-8-sig")
    book = load_workbook(io.BytesIO(xlsx_response.content))
    assert book.worksheets[0]["A1"].value == "Δείκτης"


def test_esf_table_in_xlsx_and_pdf_with_gender_columns(public_world, published):
    html = page(public_world, "/region/esf/", period=published).content.decode()
    xlsx = page(public_world, "/region/esf/", period=published, format="xlsx")
    pdf = page(public_world, "/region/esf/", period=published, format="pdf")

    assert "Συνολικός αριθμός συμμετεχόντων" in html and "Μη δυαδικό" in html
    rows = list(load_workbook(io.BytesIO(xlsx.content)).worksheets[0].values)
    total = next(row for row in rows if row[0] == "esf21_total")
    assert total[2:] == (7, 0, 0, 0, 7)
    assert pdf.content.startswith(b"%PDF")


def test_text_that_would_run_as_a_formula_is_neutralised_in_exports():
    sheet = Sheet("=HYPERLINK(1)", ["@x", "ok"], [["=1+1", 5], ["-2", "+3"]])

    assert safe_cell("=1+1") == "'=1+1" and safe_cell(5) == 5 and safe_cell("Χανιά") == "Χανιά"
    assert "'=1+1" in sheets_csv([sheet]).decode("utf-8-sig")
    cells = [c.value for row in load_workbook(io.BytesIO(sheets_xlsx([sheet]))).worksheets[0].iter_rows() for c in row]
    assert not any(isinstance(v, str) and v[:1] in "=+-@" for v in cells)


def test_operator_and_anonymous_callers_do_not_see_the_console(public_world):
    assert public_world.client(public_world.operator).get("/region/").status_code == 403
    assert public_world.client(None).get("/region/").status_code == 302


def test_operator_starts_a_rollup_from_the_jobs_page(public_world, django_capture_on_commit_callbacks):
    client = public_world.client(public_world.operator)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/operator/rollup/")

    assert response.status_code == 302 and response["Location"] == "/operator/jobs/"
    assert len(callbacks) == 1
    assert 'data-testid="rollup-now"' in client.get("/operator/jobs/").content.decode()


def test_a_region_user_cannot_start_a_rollup(public_world):
    assert public_world.client(public_world.region_user).post("/operator/rollup/").status_code == 403


def test_the_coordinator_sees_the_centres_own_indicators_unsuppressed(world_a):
    this_month = datetime.date.today().strftime("%Y-%m")
    response = world_a.client(Role.COORDINATOR).get("/indicators/", {"period": this_month})

    assert response.status_code == 200
    people = dict(response.context["tables"][0]["rows"])
    assert people["Σύνολο"].value >= 1 and not people["Σύνολο"].suppressed  # the sample records of this month
    assert 'data-chart-id="trend-people_served"' in response.content.decode()


def test_the_centre_page_exports_and_is_refused_to_reception(world_a):
    assert world_a.client(Role.COORDINATOR).get("/indicators/", {"format": "xlsx"}).status_code == 200
    assert world_a.client(Role.RECEPTION).get("/indicators/").status_code == 403


