"""Every path through a flow: the answers a person can give and where they lead.

`walks` replays every combination of answers through the flow's own Router,
so the paths are the ones the web pages would take. `arrivals` explores the
flow's graph with island and municipality answers left open ("*"), which is
what the condition checks need: which answers can be known at each node.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from guide.engine import Router, Walk
from guide.engine.kinds import KINDS
from guide.engine.model import Flow, Question, Route

ANY = "*"  # an island or municipality answer: any of them


def walks(router: Router, limit: int = 50_000) -> Iterator[Walk]:
    """Every finished walk of the flow, in the order of its options."""
    stack: list[dict[str, str]] = [{}]
    seen = 0
    while stack and seen < limit:
        params = stack.pop()
        walk = router.walk({q: [v] for q, v in params.items()})
        seen += 1
        if walk.finished:
            yield walk
            continue
        choices = router.choices(walk.node, walk)
        for value in reversed(choices):
            stack.append({**params, walk.node.id: router.encode(walk.node, value)})


@dataclass(frozen=True)
class Arrival:
    """One way of arriving at a node: the answers known at that moment."""

    node: str
    answers: tuple[tuple[str, str], ...]


def _holds(route: Route, answers: dict[str, str]) -> str:
    """'yes', 'maybe' (an open island/municipality answer) or 'no'."""
    result = "yes"
    for question, value in route.when:
        given = answers.get(question)
        if given is None or (given != ANY and given != value):
            return "no"
        if given == ANY:
            result = "maybe"
    return result


def arrivals(flow: Flow, limit: int = 20_000) -> tuple[list[Arrival], set[Route]]:
    """Every arrival at every node, and the routes some path takes (capped at `limit`)."""
    found: list[Arrival] = []
    taken: set[Route] = set()
    stack = [(flow.start, ())]
    while stack and len(found) < limit:
        node_id, answers = stack.pop()
        found.append(Arrival(node_id, answers))
        node = flow.nodes.get(node_id)
        if not isinstance(node, Question):
            continue
        known = dict(answers)
        by_answer: dict[str | None, list[Route]] = {}
        for value, route in KINDS[node.kind].routes(node):
            by_answer.setdefault(value, []).append(route)
        for value, routes in by_answer.items():
            now = {**known, node.id: value if value is not None else ANY}
            for route in routes:
                holds = _holds(route, now)
                if holds == "no":
                    continue
                taken.add(route)
                stack.append((route.to, tuple(now.items())))
                if holds == "yes":
                    break  # the first route that surely holds wins; later ones are not tried
    return found, taken
