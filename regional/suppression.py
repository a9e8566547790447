"""Primary and complementary cell suppression of one published table (persons, households).

The table of one indicator in one period for one region has a cell ``(entity, column)`` for
every entity of the hierarchy (each centre, each regional unit, the region) and every column
(``""`` the total, ``"dimension=value"`` a breakdown). What a reader knows besides the published
cells are the additive relations:

* column groups: a parent's cell is the sum of its children's (unit = Σ its centres, region =
  Σ its units), in every column;
* row groups: for a ``partition`` dimension, an entity's total is the sum of that dimension's
  cells (gender: women + men + non-binary + undeclared = total);
* every cell is ≥ 0.

Primary suppression: every cell with ``1 <= value < threshold``.

Complementary suppression, and why it is enough. A suppressed cell is safe when some other
table — non-negative, satisfying every relation above, agreeing on every published cell — gives
it a different value: then solving the published figures cannot pin it down (its feasible
interval has positive width). We build such a table explicitly for each primary cell, as the
original table plus one *perturbation* (+1 / −1 on a few cells, all of which we then suppress):

* a breakdown cell ``(e, d=v)`` of a partition dimension: −1 on ``(x, d=v)`` and +1 on
  ``(x, d=w)`` for another value ``w`` of ``d``, for ``x`` on the path from a centre ``c`` under
  ``e`` with ``(c, d=v) > 0`` up to (not including) an ancestor ``L`` of ``e``; and the
  opposite (+1 on ``d=v``, −1 on ``d=w``) on the path from a centre ``c'`` in another branch
  under ``L`` with ``(c', d=w) > 0``. Row sums keep (±1 in the same dimension), column sums keep
  (each path changes its ancestors by the same amount, and at ``L`` the two branches cancel).
  Without such a ``c'`` the first path runs up to the region itself (no relation above it).
* a breakdown cell of a non-partition dimension: the same without the ``w`` cells.
* a total cell ``(e, "")``: −1 on the total and on one positive cell of every partition
  dimension along the path from ``c`` (so each row sum keeps), +1 on the same cells along the
  path from any centre ``c'`` in another branch (increases are always feasible).

Cells decreased by 1 are ≥ 1 (a path's cells are ≥ its centre's, chosen > 0), so the
perturbed table is a non-negative integer table; it agrees with every published cell because
every cell it changes is suppressed. A complementary cell is itself protected by the
perturbation that suppressed it (it changes there too). Hence every suppressed cell, primary or
complementary, takes at least two values consistent with what is published: no suppressed count
can be recovered by subtraction, however the published totals are combined.
``tests/regional/test_suppression.py`` checks it with hypothesis against a linear programme
(every suppressed cell's minimum < maximum). Choosing the perturbation greedily to suppress as
few new cells as possible keeps the loss of information small; it is not optimal (τ-Argus's
optimal methods solve a mixed integer programme per table).

Non-partition dimensions (a household receiving two kinds of aid counts under both) carry no
row relation; only their column relations are protected.
"""

import bisect
import heapq
from dataclasses import dataclass, field

Cell = tuple[str, str]  # (entity, column)


@dataclass
class Table:
    """Entities form a tree: ``parent[e]`` (None for the root); ``values[(e, column)]``
    (missing = 0). ``dimensions``: dimension -> (columns, partition)."""

    parent: dict[str, str | None]
    values: dict[Cell, int]
    dimensions: dict[str, tuple[list[str], bool]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.children: dict[str, list[str]] = {entity: [] for entity in self.parent}
        for entity, parent in self.parent.items():
            if parent is not None:
                self.children[parent].append(entity)
        self.leaves_under: dict[str, list[str]] = {}
        self._paths: dict[tuple[str, str | None], list[str]] = {}
        for entity in self.parent:
            self._leaves(entity)
        self.ancestors: dict[str, frozenset[str]] = {
            entity: frozenset(self.path_up(entity, None)) for entity in self.parent}
        self._by_value: dict[Cell, tuple[list[str], list[int]]] = {}

    def _leaves(self, entity: str) -> list[str]:
        if entity not in self.leaves_under:
            kids = self.children[entity]
            self.leaves_under[entity] = [entity] if not kids else [leaf for kid in kids for leaf in self._leaves(kid)]
        return self.leaves_under[entity]

    def value(self, entity: str, column: str) -> int:
        return self.values.get((entity, column), 0)

    def path_up(self, leaf: str, stop: str | None) -> list[str]:
        """``leaf`` and its ancestors below ``stop`` (all of them when stop is None); the list is
        shared between calls: do not change it."""
        path = self._paths.get((leaf, stop))
        if path is None:
            path, entity = [], leaf
            while entity is not None and entity != stop:
                path.append(entity)
                entity = self.parent[entity]
            self._paths[(leaf, stop)] = path
        return path

    def by_value(self, entity: str, column: str) -> tuple[list[str], list[int]]:
        """The leaves under ``entity``, ascending by their value in ``column`` (then by name),
        and those values."""
        if (entity, column) not in self._by_value:
            leaves = sorted(self.leaves_under[entity], key=lambda leaf: (self.value(leaf, column), leaf))
            self._by_value[(entity, column)] = (leaves, [self.value(leaf, column) for leaf in leaves])
        return self._by_value[(entity, column)]

    @property
    def columns(self) -> list[str]:
        return ["", *(column for columns, _partition in self.dimensions.values() for column in columns)]


# A perturbation's other branch is chosen among every leaf of a scope of at most this many
# leaves; in a larger one (a region of hundreds of centres) among a pool: for each moving
# column, the WINDOW lowest leaves under the stop that have it suppressed already and the
# WINDOW lowest of all (lowest positive for a column that goes down there).
EXACT_SCOPE = 48
WINDOW = 16


@dataclass
class _State:
    table: Table
    suppressed: set[Cell]
    exact_scope: int
    window: int
    # (entity, column) -> the leaves under entity with a suppressed cell in column, ascending
    hidden_leaves: dict[Cell, list[tuple[int, str]]] = field(default_factory=dict)

    def hide(self, cells) -> None:
        """Suppresses ``cells`` (those not suppressed yet), keeping ``hidden_leaves`` in step."""
        for entity, column in sorted(cells):
            if (entity, column) in self.suppressed:
                continue
            self.suppressed.add((entity, column))
            if not self.table.children[entity]:
                for above in self.table.ancestors[entity]:
                    bisect.insort(self.hidden_leaves.setdefault((above, column), []),
                                  (self.table.value(entity, column), entity))


def suppress(table: Table, *, threshold: int, exact_scope: int = EXACT_SCOPE, window: int = WINDOW) -> set[Cell]:
    """The cells to publish as suppressed (see the module's docstring for why it is enough;
    ``exact_scope`` and ``window`` tune only how partners are chosen, never the safety)."""
    primary = sorted((entity, column) for entity in table.parent for column in table.columns
                     if 1 <= table.value(entity, column) < threshold)
    state = _State(table, set(), exact_scope, window)
    state.hide(primary)
    protected: set[Cell] = set()
    # Lower cells first: their perturbations usually also cover the primary cells above them.
    depth = {entity: len(table.ancestors[entity]) for entity in table.parent}
    for cell in sorted(primary, key=lambda cell: (-depth[cell[0]], cell)):
        if cell in protected:
            continue
        changed = _perturbation(state, cell)
        state.hide(changed)
        protected |= changed
    return state.suppressed


def _moves(table: Table, source: str, column: str) -> list[tuple[list[str], list[str]]]:
    """Ways to change ``column`` starting from the centre ``source``: pairs (columns that go
    down by 1 at the source's side, columns that go up by 1 there); the other branch, if any,
    does the opposite."""
    dimension = column.partition("=")[0]
    columns, partition = table.dimensions.get(dimension, ([], True)) if column else ([], True)
    if column and not partition:
        return [([column], [])]
    partners = [other for other in columns if other != column]
    if column and partners:
        return [([column], [partner]) for partner in partners]
    # The total (or the one value of a one-value dimension, which equals it): the total moves
    # with one positive cell of every partition dimension, so that every row sum keeps.
    down = [""]
    for other_columns, other_partition in table.dimensions.values():
        if other_partition:
            positive = [c for c in other_columns if table.value(source, c) > 0]
            if positive:
                down.append(min(positive, key=lambda c: (table.value(source, c), c)))
    return [(down, [])]


def _partners(state: _State, stop: str, branch: str, moving: list[str], up: list[str]) -> list[str]:
    """Up to 8 leaves under ``stop`` outside ``branch`` that can take the other side of a move
    (their ``up`` columns go down: > 0), most already suppressed in ``moving`` first, then
    lowest."""
    table, suppressed, values, ancestors = state.table, state.suppressed, state.table.values, state.table.ancestors
    if len(table.leaves_under[stop]) - len(table.leaves_under[branch]) <= state.exact_scope:
        candidates = table.leaves_under[stop]
    else:
        found: set[str] = set()
        for column in moving:
            found.update(leaf for _value, leaf in state.hidden_leaves.get((stop, column), ())[:state.window])
            leaves, counts = table.by_value(stop, column)
            start = bisect.bisect_right(counts, 0) if column in up else 0
            found.update(leaves[start:start + state.window])
        candidates = found  # the ranking's last key is the leaf: its order does not matter
    ranked = []
    for leaf in candidates:
        if branch in ancestors[leaf]:
            continue
        for c in up:
            if values.get((leaf, c), 0) <= 0:
                break
        else:
            hidden = cost = 0
            for c in moving:
                if (leaf, c) in suppressed:
                    hidden += 1
                cost += values.get((leaf, c), 0)
            ranked.append((-hidden, cost, leaf))
    return [leaf for _hidden, _cost, leaf in heapq.nsmallest(8, ranked)]


def _perturbation(state: _State, cell: Cell) -> set[Cell]:
    """The cells of the cheapest perturbation found that changes ``cell`` (see the docstring)."""
    table, suppressed = state.table, state.suppressed
    entity, column = cell
    sources = sorted((leaf for leaf in table.leaves_under[entity] if table.value(leaf, column) > 0),
                     key=lambda leaf: (-table.value(leaf, column), leaf))[:3] or table.leaves_under[entity][:1]
    best: set[Cell] | None = None
    best_cost = (0, 0)
    partners: dict[tuple, list[str]] = {}
    for stop in [*table.path_up(entity, None)[1:], None]:
        branch = table.path_up(entity, stop)[-1]
        for source in sources:
            mine = table.path_up(source, stop)
            for down, up in _moves(table, source, column):
                moving = down + up
                if stop is None:
                    options = [{(x, c) for x in mine for c in moving}]
                else:
                    # The other branch goes the other way: its ``up`` columns go down, need > 0.
                    key = (stop, tuple(moving), tuple(up))
                    if key not in partners:
                        partners[key] = _partners(state, stop, branch, moving, up)
                    options = ({(x, c) for x in mine + table.path_up(other, stop) for c in moving}
                               for other in partners[key])
                for option in options:
                    cost = (len(option - suppressed), len(option))
                    if best is None or cost < best_cost:
                        best, best_cost = option, cost
                        if not cost[0]:
                            return best  # nothing new to suppress: no option is cheaper
    assert best is not None, cell  # running up to the root is always possible
    return best
