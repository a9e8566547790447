"""Region console (public host): published indicators of the user's region only — overview,
one page per indicator, the ESF tables — with period and unit filters, charts and exports.
Every figure comes from ``PublishedIndicatorValue`` (``regional.selectors``), never a centre."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from platform_core.permissions import region_of, region_user_required

from . import selectors
from .charts import bar_chart, line_chart
from .exports import Sheet, sheets_response
from .forms import PeriodFilterForm
from .indicators import GENDER, indicator_get, indicators

OVERVIEW_CODES = ["people_served", "families_served", "cases_opened", "cases_closed", "reception_contacts",
                  "counselling_sessions"]
TREND_CODES = ["people_served", "families_served"]
EXPORT_FORMATS = ("csv", "xlsx")


def suppressed_text() -> str:
    return _("απόρρητο")


def cell(figure) -> object:
    """A figure in an export: the number, or the word for suppressed (never 0)."""
    return suppressed_text() if figure.suppressed else figure.value


def _context(request):
    region = region_of(request.user)
    form = PeriodFilterForm(request.GET or None, region=region)
    return region, form, form.selection()


def _export_or_render(request, template: str, context: dict, sheets: list[Sheet], filename: str,
                      formats=EXPORT_FORMATS):
    fmt = request.GET.get("format")
    if fmt in formats:
        return sheets_response(sheets, fmt=fmt, filename=filename, title=context["title"],
                               subtitle=context.get("subtitle", ""))
    query = request.GET.copy()
    query.pop("format", None)
    context["export_query"] = query.urlencode()
    context["export_formats"] = formats
    return render(request, template, context)


@region_user_required
def console(request):
    region, form, selection = _context(request)
    catalogue = indicators()
    labels = {item.code: item.label for item in catalogue}
    unit = selection.unit
    if selection.is_range:
        columns = [period.code for period in selection.periods]
        by_period = [selectors.region_totals(region=region, period=code, unit=unit) for code in columns]
        totals = [(item, [period.get(item.code, selectors.MISSING) for period in by_period]) for item in catalogue]
    else:
        columns = [selection.period.code]
        totals_now = selectors.region_totals(region=region, period=selection.period.code, unit=unit)
        totals = [(item, [totals_now.get(item.code, selectors.MISSING)]) for item in catalogue]
    months = selection.trend_months
    trends = []
    for code in TREND_CODES:
        series = selectors.trend(region=region, indicator=code, months=months, unit=unit)
        trends.append({"label": labels[code], "code": code, "months": months, "figures": series,
                       "rows": list(zip(months, series, strict=True)),
                       "chart": line_chart([m.code for m in months], [(str(labels[code]), series)])})
    entities = selectors.centre_totals(region=region, period=selection.period.code, codes=OVERVIEW_CODES, unit=unit)
    title = region.name
    sheets = [
        Sheet(_("Σύνολα δεικτών"), [_("Δείκτης"), *columns],
              [[str(item.label), *(cell(f) for f in figures)] for item, figures in totals]),
        *(Sheet(_("Τάση 12 μηνών: %(label)s") % {"label": t["label"]}, [_("Μήνας"), str(t["label"])],
                [[m.code, cell(f)] for m, f in zip(t["months"], t["figures"], strict=True)]) for t in trends),
        Sheet(_("Ανά περιφερειακή ενότητα και κέντρο (%(period)s)") % {"period": selection.period.code},
              [_("Ενότητα / κέντρο"), *(str(labels[code]) for code in OVERVIEW_CODES)],
              [[row.label, *(cell(f) for f in row.figures)] for row in entities]),
    ]
    context = {
        "region": region, "form": form, "selection": selection, "columns": columns, "totals": totals,
        "trends": trends, "entities": entities, "entity_codes": [labels[c] for c in OVERVIEW_CODES],
        "centres": selectors.region_centres(region=region), "title": title, "subtitle": selection.label,
        "runs_exist": bool(totals and any(f.value is not None or f.suppressed for _i, fs in totals for f in fs)),
    }
    return _export_or_render(request, "regional/console.html", context, sheets,
                             f"region-{region.slug}-{selection.label}")


@region_user_required
def indicator_detail(request, code):
    item = indicator_get(code)
    if item is None:
        raise Http404
    region, form, selection = _context(request)
    columns = item.breakdown_keys()
    column_labels = [item.breakdown_label(key) for key in columns]
    if selection.is_range:
        level_rows = []
        for period in selection.periods:
            rows = selectors.entity_table(region=region, indicator=item, period=period.code, columns=columns,
                                          unit=selection.unit)
            top = rows[0] if rows else None
            level_rows.append((period.code, top.figures if top else [selectors.MISSING] * len(columns)))
        table = [{"label": label, "figures": figures, "level": "period"} for label, figures in level_rows]
        top_figures = level_rows[-1][1]
    else:
        rows = selectors.entity_table(region=region, indicator=item, period=selection.period.code,
                                      columns=columns, unit=selection.unit)
        table = [{"label": row.label, "figures": row.figures, "level": row.level, "stale_since": row.stale_since}
                 for row in rows]
        top_figures = rows[0].figures if rows else [selectors.MISSING] * len(columns)
    charts = []
    for breakdown in item.breakdowns:
        keys = breakdown.keys()
        figures = [top_figures[columns.index(key)] for key in keys]
        labels_of_keys = [item.breakdown_label(k) for k in keys]
        charts.append({"label": breakdown.label, "id": f"bars-{breakdown.dimension}",
                       "rows": list(zip(labels_of_keys, figures, strict=True)),
                       "chart": bar_chart(labels_of_keys, str(item.label), figures)})
    months = selection.trend_months
    series = selectors.trend(region=region, indicator=item.code, months=months, unit=selection.unit)
    trend = {"months": months, "figures": series, "rows": list(zip(months, series, strict=True)),
             "chart": line_chart([m.code for m in months], [(str(item.label), series)])}
    title = str(item.label)
    sheets = [
        Sheet(f"{item.label} ({selection.label})", [_("Περιφέρεια / ενότητα / κέντρο"), *column_labels],
              [[row["label"], *(cell(f) for f in row["figures"])] for row in table]),
        Sheet(_("Τάση 12 μηνών"), [_("Μήνας"), title],
              [[m.code, cell(f)] for m, f in zip(months, series, strict=True)]),
    ]
    context = {"region": region, "form": form, "selection": selection, "item": item, "column_labels": column_labels,
               "table": table, "charts": charts, "trend": trend, "title": title, "subtitle": selection.label}
    return _export_or_render(request, "regional/indicator.html", context, sheets,
                             f"region-{region.slug}-{item.code}-{selection.label}")


def esf_sheets(*, groups: list[tuple[str, str]], lookup) -> tuple[list[dict], list[Sheet]]:
    """The ESF tables in a funder's layout: one row per common indicator, by gender and total.
    ``lookup(code, breakdown)`` gives a figure."""
    columns = [*GENDER.keys(), ""]
    header = [_("Κωδικός"), _("Δείκτης"), *(label for _v, label in GENDER.values), _("Σύνολο")]
    tables, sheets = [], []
    for group, title in groups:
        items = [item for item in indicators() if item.group == group]
        rows = [{"code": item.code, "label": item.label, "figures": [lookup(item.code, c) for c in columns]}
                for item in items]
        tables.append({"title": title, "header": header, "rows": rows})
        sheets.append(Sheet(title, [str(h) for h in header],
                            [[row["code"], str(row["label"]), *(cell(f) for f in row["figures"])] for row in rows]))
    return tables, sheets


ESF_GROUPS = [
    ("esf2021", gettext_lazy(
        "ΕΚΤ+ 2021-2027: κοινοί δείκτες εκροών για τους συμμετέχοντες (Καν. 2021/1057, Παρ. I)")),
    ("esf2014", gettext_lazy(
        "ΕΚΤ 2014-2020: κοινοί δείκτες εκροών για τους συμμετέχοντες (Καν. 1304/2013, Παρ. I)")),
]


@region_user_required
def esf_table(request):
    region, form, selection = _context(request)
    level = "unit" if selection.unit else "region"
    rows = selectors.published_values(region=region, periods=[selection.period.code], unit=selection.unit,
                                      levels=[level]).filter(indicator__startswith="esf")
    figures = {(row.indicator, row.breakdown): selectors.Figure(row.value, row.suppressed) for row in rows}
    groups = [(group, str(title)) for group, title in ESF_GROUPS]
    tables, sheets = esf_sheets(groups=groups, lookup=lambda code, b: figures.get((code, b), selectors.MISSING))
    title = _("Κοινοί δείκτες ΕΚΤ / ΕΚΤ+ — %(region)s") % {"region": region.name}
    subtitle = _("Περίοδος %(period)s · συμμετέχοντες με καταγραφή εισόδου στην περίοδο") % {"period": selection.label}
    context = {"region": region, "form": form, "selection": selection, "tables": tables, "title": title,
               "subtitle": subtitle}
    return _export_or_render(request, "regional/esf.html", context, sheets,
                             f"esf-{region.slug}-{selection.period.code}", formats=("csv", "xlsx", "pdf"))
