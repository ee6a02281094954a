"""The table plan for match events: who sits at which company's table in which round.

One public function, :func:`solve`, takes an :class:`Instance` (tables with a company and seats, young
people with requested and avoided companies, and either a number of ``rounds`` or the ``meetings`` to
hold) and returns a :class:`Plan`. Nobody meets the same company twice or sits at two tables in a round,
no table seats more than its seats, nobody meets a company they avoid.

- Mode 1 (``rounds`` given): the meetings are chosen exactly (a min-cost flow): first keep as many
  tables occupied in every round as possible (all of them when there are enough young people), then
  meet as many requests as possible, then hold as many meetings as possible.
- Mode 2 (``meetings`` given): every meeting is held once, in the fewest rounds: ``lower_bound``, the
  larger of the most meetings one young person has and each company's meetings divided by its seats,
  rounded up.

Rounds come from an equitable bipartite edge colouring (König, de Werra), so every company has
about the same number of young people in every round. The seed breaks ties; the input order does not.

A worked example: three companies with a one-seat table each, three young people, two rounds. Every
table is occupied in both rounds, each young person meets two companies, ``y1`` the one asked for:

>>> from nextwork.tableplan import Instance, Table, Youth, solve
>>> instance = Instance(
...     tables=(Table("t1", "c1", 1), Table("t2", "c2", 1), Table("t3", "c3", 1)),
...     youth=(Youth("y1", requests=("c2",)), Youth("y2"), Youth("y3", avoid=("c1",))),
...     rounds=2,
... )
>>> plan = solve(instance)
>>> [[len(s.youth) for s in r.tables] for r in plan.rounds]
[[1, 1, 1], [1, 1, 1]]
>>> plan.unmet_requests, plan.lower_bound
((), 2)
>>> sorted(v.company for v in plan.by_youth()["y3"])
['c2', 'c3']

The same from the command line: ``python -m nextwork.tableplan plan.json``.
"""

from __future__ import annotations

from .model import Instance, Plan, Round, Seating, Table, Visit, Youth
from .validate import check_plan, konig_bound, parse_instance, validate

__all__ = [
    "Instance",
    "Plan",
    "Round",
    "Seating",
    "Table",
    "Visit",
    "Youth",
    "check_plan",
    "konig_bound",
    "parse_instance",
    "solve",
    "validate",
]


def solve(instance: Instance) -> Plan:
    """Return the table plan; ValueError naming the ids if the instance is inconsistent."""
    validate(instance)
    return _solve_valid(instance)


def _solve_valid(instance: Instance) -> Plan:
    """:func:`solve` for an instance already validated (the command line parses and validates once)."""
    from ._core import build_plan  # imported here: input errors are answered without loading SciPy

    return build_plan(instance)
