"""Compile a flow into a `transitions` machine once, and replay answers through it.

Each question is a trigger; each option's routes are transitions guarded by
named conditions on the answers given so far on the path. The first matching
transition wins, so the machine, not hand-written code, picks the next node.

The machine holds no model. A replay fires the events on a small plain object
made for that request, without `add_model` (whose cost grows with the flow and
which writes helpers onto the model), so the shared machine stays read-only
and a request costs the same for 20 nodes as for 2,000.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from transitions import Machine

from guide.engine.kinds import KINDS, Places
from guide.engine.model import Flow, Outcome, Question
from guide.engine.tokens import AnswerCodec


@dataclass(frozen=True)
class AnswerIs:
    """Condition: `question` was answered `value` earlier on this path."""

    question: str
    value: str

    def __call__(self, event) -> bool:
        return event.model.answers.get(self.question) == self.value


@dataclass(frozen=True)
class Answered:
    """Condition: `question` has an accepted answer on this path."""

    question: str

    def __call__(self, event) -> bool:
        return self.question in event.model.answers


class _Position:
    """The per-request model: where the walk stands and what it has accepted."""

    def __init__(self, state: str):
        self.state = state
        self.answers: dict[str, str] = {}


@dataclass(frozen=True)
class Answer:
    question: Question
    value: str
    implied: bool = False


@dataclass(frozen=True)
class Walk:
    """The result of replaying answers: the path taken and where it stops.

    `node` is the first question without a usable answer, or the outcome.
    `rejected` is the value given for `node` that is not one of its choices.
    `pending` holds answers, as given, to questions that may still come later:
    they ride along so that changing an earlier answer keeps them.
    """

    flow: Flow
    path: tuple[Answer, ...]
    node: Question | Outcome
    rejected: str | None = None
    pending: tuple[tuple[str, str], ...] = ()

    @property
    def finished(self) -> bool:
        return isinstance(self.node, Outcome)

    def answers(self) -> dict[str, str]:
        return {a.question.id: a.value for a in self.path}

    def answer_for(self, kind: str) -> str | None:
        return next((a.value for a in self.path if a.question.kind == kind), None)


class Router:
    """One flow, compiled once; `walk()` is safe to call from many threads."""

    def __init__(self, flow: Flow, places: Places, codec: AnswerCodec):
        self.flow, self.places, self.codec = flow, places, codec
        self.machine = Machine(
            model=None,
            states=list(flow.nodes),
            initial=flow.start,
            auto_transitions=False,
            send_event=True,
        )
        for question in flow.questions():
            for value, route in KINDS[question.kind].routes(question):
                guard = AnswerIs(question.id, value) if value is not None else Answered(question.id)
                conditions = [guard, *(AnswerIs(q, v) for q, v in route.when)]
                self.machine.add_transition(question.id, question.id, route.to, conditions=conditions)
        self.later = _questions_after(flow)

    def choices(self, question: Question, walk: Walk) -> tuple[str, ...]:
        return KINDS[question.kind].choices(question, walk.answers(), self.places)

    def walk(self, params: Mapping[str, list[str]]) -> Walk:
        """Replay URL answers (question id -> list of values) from the start."""
        position = _Position(self.flow.start)
        path: list[Answer] = []
        for _ in range(len(self.flow.nodes)):
            node = self.flow.nodes[position.state]
            if isinstance(node, Outcome):
                return Walk(self.flow, tuple(path), node)
            kind = KINDS[node.kind]
            implied = kind.implied(node, position.answers, self.places)
            given = list(dict.fromkeys(params.get(node.id, [])))  # the same answer twice is one answer
            value = implied or (self.codec.decode(self.flow.id, node, given[0]) if len(given) == 1 else None)
            if value is None or value not in kind.choices(node, position.answers, self.places):
                # An answer that fits another path (a municipality of the island answered
                # before a change) no longer applies: the question is asked afresh.
                no_longer_applies = value is not None and value in kind.known(node, self.places)
                rejected = ", ".join(given) if given and implied is None and not no_longer_applies else None
                pending = tuple((q, params[q][0]) for q in self.later[node.id] if len(set(params.get(q, ()))) == 1)
                return Walk(self.flow, tuple(path), node, rejected, pending)
            position.answers[node.id] = value
            path.append(Answer(node, value, implied=implied is not None))
            if not self.machine.events[node.id].trigger(position):
                raise RuntimeError(f"{self.flow.file}: no route from {node.id!r} for {value!r}")
        raise RuntimeError(f"{self.flow.file}: walk did not end; is there a cycle?")

    def encode(self, question: Question, value: str) -> str:
        """The value as it travels in a URL (an opaque token for sensitive questions)."""
        return self.codec.encode(self.flow.id, question, value)

    def params(self, walk: Walk) -> list[tuple[str, str]]:
        """The walk's answers as URL parameters: the path (implied ones left out), then pending."""
        path = [(a.question.id, self.encode(a.question, a.value)) for a in walk.path if not a.implied]
        return [*path, *walk.pending]


def _questions_after(flow: Flow) -> dict[str, list[str]]:
    """For each node, the questions reachable from it, in flow order (the flow has no cycles)."""
    order = list(flow.nodes)
    after: dict[str, set[str]] = {}

    def visit(node_id: str) -> set[str]:
        if node_id not in after:
            node, found = flow.nodes[node_id], set()
            if isinstance(node, Question):
                for route in [*node.routes, *(r for o in node.options for r in o.routes)]:
                    target = flow.nodes[route.to]
                    found |= {route.to} if isinstance(target, Question) else set()
                    found |= visit(route.to)
            after[node_id] = found
        return after[node_id]

    return {node_id: sorted(visit(node_id), key=order.index) for node_id in flow.nodes}
