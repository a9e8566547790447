"""Panels of a centre's home page (the worker's dashboard), contributed by each app.

An app registers a function in its ``dashboard`` module (found automatically, like ``admin``)::

    @dashboard_panel(template="casework/dashboard_panel.html", order=10)
    def my_work(request) -> dict | None: ...

The function returns the panel's template context, or None to show nothing to this user. The
home page knows nothing about the apps: it shows what the registered panels return, in order.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.module_loading import autodiscover_modules

PanelContext = Callable[[HttpRequest], dict | None]


@dataclass(frozen=True)
class Panel:
    template: str
    order: int
    context: PanelContext


_panels: list[Panel] = []


def dashboard_panel(*, template: str, order: int = 100) -> Callable[[PanelContext], PanelContext]:
    def register(func: PanelContext) -> PanelContext:
        if all(panel.context is not func for panel in _panels):
            _panels.append(Panel(template=template, order=order, context=func))
        return func

    return register


def autodiscover() -> None:
    """Imports every installed app's ``dashboard`` module (called once, at start-up), and the
    set-up checklist's panel, whose items those modules declare."""
    from platform_core import checklist  # noqa: F401 -- registers its panel

    autodiscover_modules("dashboard")


def dashboard_panels(request: HttpRequest) -> list[dict]:
    """The panels this request's user sees: ``{"template", "context"}`` each, in order."""
    shown = []
    for panel in sorted(_panels, key=lambda panel: panel.order):
        context = panel.context(request)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown
