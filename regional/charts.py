"""Chart descriptions for ``static/regional/charts.js`` (Chart.js, served from the project's own
static files). A suppressed value is a gap (null) with its label marked, never a zero."""

from django.utils.translation import gettext as _


def _data(figures) -> tuple[list, list[bool]]:
    return [None if f.suppressed else f.value for f in figures], [f.suppressed for f in figures]


def line_chart(labels: list[str], series: list[tuple[str, list]]) -> dict:
    datasets = []
    for label, figures in series:
        data, suppressed = _data(figures)
        datasets.append({"label": label, "data": data, "suppressed": suppressed})
    return {"type": "line", "labels": labels, "datasets": datasets, "suppressedText": _("απόρρητο")}


def bar_chart(labels: list[str], label: str, figures) -> dict:
    data, suppressed = _data(figures)
    marked = [f"{text} ({_('απόρρητο')})" if hidden else text for text, hidden in zip(labels, suppressed, strict=True)]
    return {"type": "bar", "labels": marked, "datasets": [{"label": label, "data": data, "suppressed": suppressed}],
            "suppressedText": _("απόρρητο")}
