"""Every route of a URL conf, read from Django's resolver, and concrete paths to call it by."""

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import PathConverter, UUIDConverter
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize

TENANT_URLCONF = "platform_core.urls_tenant"
PUBLIC_URLCONF = "platform_core.urls_public"

# Routes that answer callers who are not signed in, by design (by URL name). They may answer
# 2xx to anyone, but what they answer is still checked for leaks.
PUBLIC_BY_DESIGN = {
    TENANT_URLCONF: {"login", "logout", "api-token", "set_language", "api-schema", "api-docs", "api-redoc",
                     "favicon"},
    PUBLIC_URLCONF: {
        "login", "logout", "api-token", "set_language", "api-schema", "api-docs", "api-redoc", "favicon",
        "home", "partners:list", "partners:detail", "partners:service", "partner-list", "partner-detail",
        "hsds-meta", "hsds-service-list", "hsds-service-detail", "hsds-organization-list", "hsds-organization-detail",
        "admin:login", "admin:logout",
    },
}

# Path prefixes of the two consoles of the public host (DESIGN.md): an operator has no business
# in the region's, nor a region user in the operator's (which includes django admin).
OPERATOR_PREFIXES = ("/operator/", "/api/v1/operator/", "/admin/")
REGION_PREFIXES = ("/region/", "/api/v1/region/")

# Values a non-id parameter is tried with, by name; every value that resolves gives its own path
# (each lifecycle action is a different view branch).
PLAUSIBLE_VALUES: dict[str, list[str]] = {
    "action": ["suspend", "reactivate", "archive", "delete"],
    "format": ["json"],
    "kind": ["people"],
    "url": ["no-such-page/"],
}
ID_PARAMETER = re.compile(r"^(pk|id|uuid|object_id|.+_(pk|id|uuid))$")


def _fallback_values() -> list[str]:
    """Values tried, in order, for any other parameter; the first that resolves is used."""
    return ["beta", "x", "1", *(config.label for config in apps.get_app_configs())]


@dataclass(frozen=True)
class Route:
    """One URL pattern, with the chain of resolvers above it flattened into a single template."""

    urlconf: str
    name: str
    route: str
    template: str
    params: tuple[str, ...]
    id_params: frozenset[str]
    callback: object = field(compare=False, repr=False)

    @property
    def display(self) -> str:
        return "/" + re.sub(r"%\((\w+)\)s", r"<\1>", self.template)

    @property
    def takes_object_id(self) -> bool:
        return bool(self.id_params)

    @property
    def is_public_by_design(self) -> bool:
        return self.name in PUBLIC_BY_DESIGN[self.urlconf]

    @property
    def is_operator_only(self) -> bool:
        return self.display.startswith(OPERATOR_PREFIXES)

    @property
    def is_region_only(self) -> bool:
        return self.display.startswith(REGION_PREFIXES)

    def paths(self, object_ids: Sequence[str]) -> list[str]:
        """Concrete paths reaching this route: one per object id and plausible value; an id
        parameter that refuses an id (admin's integer content type) and any other parameter
        take the first fallback value that resolves. Empty when no value fits."""
        plausible = [param for param in self.params if param in PLAUSIBLE_VALUES]
        found: list[str] = []
        for object_id in object_ids if self.id_params else [None]:
            for picked in itertools.product(*(PLAUSIBLE_VALUES[param] for param in plausible)):
                fixed = dict(zip(plausible, picked, strict=True))
                path = self._first_path(object_id, fixed)
                if path and path not in found:
                    found.append(path)
        return found

    def _first_path(self, object_id: str | None, fixed: dict[str, str]) -> str | None:
        fallback = _fallback_values()
        choices = [
            [fixed[param]] if param in fixed else [object_id, *fallback] if param in self.id_params else fallback
            for param in self.params
        ]
        for values in itertools.product(*choices):
            path = "/" + self.template % dict(zip(self.params, values, strict=True))
            if self._reaches_me(path):
                return path
        return None

    def _reaches_me(self, path: str) -> bool:
        try:
            match = resolve(path, urlconf=self.urlconf)
        except Resolver404:
            return False
        return match.route == self.route and match.func is self.callback


def routes_of(urlconf: str) -> list[Route]:
    """Every route of ``urlconf``, include()d ones too, in resolution order."""
    return list(_walk(urlconf, get_resolver(urlconf).url_patterns, chain=()))


def _walk(urlconf: str, patterns, chain: tuple) -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(urlconf, pattern.url_patterns, (*chain, pattern))
        elif isinstance(pattern, URLPattern):
            yield _route(urlconf, (*chain, pattern))


def _route(urlconf: str, chain: tuple) -> Route:
    route, regex, converters = "", "", {}
    for link in chain:
        route = URLResolver._join_route(route, str(link.pattern))
        regex = URLResolver._join_route(regex, link.pattern.regex.pattern)
        converters.update(getattr(link.pattern, "converters", {}))
    template, params = normalize(regex)[0]
    namespaces = [link.namespace for link in chain[:-1] if getattr(link, "namespace", None)]
    leaf = chain[-1]
    id_params = {
        param for param in params
        if isinstance(converters.get(param), UUIDConverter | PathConverter) or ID_PARAMETER.match(param)
    }
    return Route(
        urlconf=urlconf, name=":".join([*namespaces, leaf.name or ""]), route=route, template=template,
        params=tuple(params), id_params=frozenset(id_params), callback=leaf.callback,
    )


def route_ids(routes: Sequence[Route]) -> list[str]:
    """Readable, unique pytest ids: the route's path with its parameters."""
    seen: dict[str, int] = {}
    ids = []
    for route in routes:
        seen[route.display] = seen.get(route.display, 0) + 1
        ids.append(route.display if seen[route.display] == 1 else f"{route.display}#{seen[route.display]}")
    return ids
