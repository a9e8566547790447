"""A centre's own indicators (centre host): the same indicators the Region sees, computed live
in the centre's schema and unsuppressed (its own data), with the same charts and exports."""

from django.contrib.auth.decorators import login_required, permission_required
from django.utils.translation import gettext as _

from .charts import line_chart
from .exports import Sheet
from .forms import PeriodFilterForm
from .indicators import indicator_values, indicators
from .selectors import Figure
from .views import ESF_GROUPS, TREND_CODES, _export_or_render, cell, esf_sheets


def _figures(rows) -> dict[tuple[str, str, str], Figure]:
    return {(period, code, breakdown): Figure(value, False) for period, code, breakdown, value in rows}


@login_required
@permission_required("notifications.view_report", raise_exception=True)
def centre_indicators(request):
    form = PeriodFilterForm(request.GET or None)
    selection = form.selection()
    period = selection.period
    values = _figures(indicator_values(periods=[period]))
    catalogue = indicators()
    tables = []
    for item in catalogue:
        if item.group not in ("", "casework"):
            continue
        keys = item.breakdown_keys()
        tables.append({"item": item, "rows": [(item.breakdown_label(key), values.get((period.code, item.code, key),
                                                                                     Figure(0, False)))
                                              for key in keys]})
    months = selection.trend_months
    trend_values = _figures(indicator_values(periods=months, codes=TREND_CODES))
    labels = {item.code: item.label for item in catalogue}
    trends = []
    for code in TREND_CODES:
        series = [trend_values.get((m.code, code, ""), Figure(0, False)) for m in months]
        trends.append({"label": labels[code], "code": code, "rows": list(zip(months, series, strict=True)),
                       "chart": line_chart([m.code for m in months], [(str(labels[code]), series)])})
    groups = [(group, str(title)) for group, title in ESF_GROUPS]
    esf_tables, esf = esf_sheets(groups=groups,
                                 lookup=lambda code, b: values.get((period.code, code, b), Figure(0, False)))
    sheets = [Sheet(str(t["item"].label), [_("Ανάλυση"), period.code],
                    [[label, cell(figure)] for label, figure in t["rows"]]) for t in tables]
    sheets += [Sheet(_("Τάση 12 μηνών: %(label)s") % {"label": t["label"]}, [_("Μήνας"), str(t["label"])],
                     [[m.code, cell(f)] for m, f in t["rows"]]) for t in trends] + esf
    context = {"form": form, "selection": selection, "tables": tables, "trends": trends, "esf_tables": esf_tables,
               "title": _("Δείκτες του κέντρου"), "subtitle": selection.label}
    return _export_or_render(request, "regional/centre_indicators.html", context, sheets,
                             f"indicators-{selection.label}", formats=("csv", "xlsx", "pdf"))


