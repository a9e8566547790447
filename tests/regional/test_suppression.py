"""Complementary suppression: for random tables, no suppressed cell is pinned down by what is
published (each one's feasible interval, solved as a linear programme, has positive width)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from regional.suppression import EXACT_SCOPE, WINDOW, Table, suppress

THRESHOLD = 5
# Every leaf of a scope considered as a partner, and (as in a region of hundreds of centres)
# only a window of one leaf per list: the safety must not depend on the choice.
CHOICES = pytest.mark.parametrize("choice", [{"exact_scope": EXACT_SCOPE, "window": WINDOW},
                                             {"exact_scope": 0, "window": 1}], ids=["exact", "windowed"])


@st.composite
def tables(draw) -> Table:
    units = draw(st.integers(1, 3))
    parent: dict[str, str | None] = {"R": None}
    leaves = []
    for u in range(units):
        parent[f"u{u}"] = "R"
        for c in range(draw(st.integers(1, 3))):
            parent[f"c{u}{c}"] = f"u{u}"
            leaves.append(f"c{u}{c}")
    dimensions = {}
    for d in range(draw(st.integers(0, 2))):
        size = draw(st.integers(1, 3))
        dimensions[f"d{d}"] = ([f"d{d}=v{v}" for v in range(size)], draw(st.booleans()))
    values: dict[tuple[str, str], int] = {}
    small = st.integers(0, 14)
    for leaf in leaves:
        total = draw(small)
        values[(leaf, "")] = total
        for columns, partition in dimensions.values():
            if partition:
                cuts = sorted(draw(st.lists(st.integers(0, total), min_size=len(columns) - 1,
                                            max_size=len(columns) - 1)))
                parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
            else:
                parts = [draw(st.integers(0, total)) for _ in columns]
            for column, part in zip(columns, parts, strict=True):
                values[(leaf, column)] = part
    columns = ["", *(c for cs, _p in dimensions.values() for c in cs)]
    for entity in [e for e in parent if not e.startswith("c")][::-1]:
        for column in columns:
            values[(entity, column)] = sum(values[(kid, column)] for kid, p in parent.items() if p == entity)
    return Table(parent=parent, values={k: v for k, v in values.items() if v}, dimensions=dimensions)


def relations(table: Table) -> list[dict[tuple[str, str], int]]:
    """Each published relation as coefficients that sum to zero."""
    result = []
    for entity, kids in table.children.items():
        if kids:
            for column in table.columns:
                result.append({(entity, column): 1, **{(kid, column): -1 for kid in kids}})
    for entity in table.parent:
        for columns, partition in table.dimensions.values():
            if partition:
                result.append({(entity, ""): 1, **{(entity, c): -1 for c in columns}})
    return result


def feasible_widths(table: Table, hidden: set) -> dict:
    cells = sorted(hidden)
    index = {cell: i for i, cell in enumerate(cells)}
    rows, rhs = [], []
    for relation in relations(table):
        row, constant = np.zeros(len(cells)), 0.0
        for cell, coefficient in relation.items():
            if cell in index:
                row[index[cell]] += coefficient
            else:
                constant -= coefficient * table.value(*cell)
        if row.any():
            rows.append(row)
            rhs.append(constant)
    widths = {}
    for cell, i in index.items():
        objective = np.zeros(len(cells))
        objective[i] = 1
        bounds = [(0, None)] * len(cells)
        kwargs = {"A_eq": np.array(rows), "b_eq": rhs} if rows else {}
        low = linprog(objective, bounds=bounds, method="highs", **kwargs)
        high = linprog(-objective, bounds=bounds, method="highs", **kwargs)
        assert low.status == 0, cell
        widths[cell] = float("inf") if high.status == 3 else -high.fun - low.fun
    return widths


@CHOICES
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_no_suppressed_cell_is_determined_by_the_published_values(choice, table):
    hidden = suppress(table, threshold=THRESHOLD, **choice)

    widths = feasible_widths(table, hidden)

    pinned = {cell: width for cell, width in widths.items() if width < 1 - 1e-6}
    assert not pinned, (pinned, table.values, table.dimensions, sorted(hidden))


@CHOICES
@settings(max_examples=200, deadline=None)
@given(tables())
def test_every_count_from_one_to_four_is_suppressed_and_no_group_has_exactly_one(choice, table):
    hidden = suppress(table, threshold=THRESHOLD, **choice)

    for entity in table.parent:
        for column in table.columns:
            if 1 <= table.value(entity, column) < THRESHOLD:
                assert (entity, column) in hidden
    for relation in relations(table):
        assert len(set(relation) & hidden) != 1, relation


def test_zero_and_counts_from_the_threshold_up_are_published():
    table = Table(parent={"R": None, "u": "R", "a": "u", "b": "u"},
                  values={("a", ""): 10, ("b", ""): 20, ("u", ""): 30, ("R", ""): 30})

    assert suppress(table, threshold=THRESHOLD) == set()


def test_a_small_centre_is_hidden_with_a_neighbour_so_the_unit_total_does_not_give_it_away():
    table = Table(parent={"R": None, "u": "R", "a": "u", "b": "u"},
                  values={("a", ""): 3, ("b", ""): 20, ("u", ""): 23, ("R", ""): 23})

    assert suppress(table, threshold=THRESHOLD) == {("a", ""), ("b", "")}


@pytest.mark.parametrize("threshold", [2, 5, 11])
def test_the_threshold_is_where_suppression_stops(threshold):
    table = Table(parent={"R": None, "a": "R", "b": "R"},
                  values={("a", ""): threshold, ("b", ""): threshold, ("R", ""): 2 * threshold})

    assert suppress(table, threshold=threshold) == set()
