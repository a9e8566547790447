"""The summary at the top of the person page, fed by providers that each app registers.

A provider takes the person, the household (or None) and the reading user and returns
``SummaryFact`` objects, or none for a user who may not see them; it costs the same few queries
however many records the person has (the person page's query count is tested). Programmes add
the next appointment with ``@summary_provider`` in their own module, without touching casework.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SummaryLine:
    text: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class SummaryFact:
    order: int  # where it stands among the facts, smallest first
    key: str  # machine name, e.g. "open_cases" (the page's data-testid)
    label: str  # translated heading
    empty: str  # what the page says when there are no lines
    lines: list[SummaryLine] = field(default_factory=list)


Provider = Callable[..., Iterable[SummaryFact]]
_providers: list[Provider] = []


def summary_provider(func: Provider) -> Provider:
    if func not in _providers:
        _providers.append(func)
    return func


def person_summary(*, person, user, household=None) -> list[SummaryFact]:
    facts: list[SummaryFact] = []
    for provider in _providers:
        facts.extend(provider(person=person, household=household, user=user))
    return sorted(facts, key=lambda fact: fact.order)
