"""Read `flows/*.yaml` into Flow objects, checking everything at load time.

Every problem is reported with file, line and node, all at once, and stops
start-up: a flow that would fail a user never goes live. The format is
documented for authors in `flows/README.md`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from guide.checks import SLUG, Checker
from guide.engine.model import (
    Fact,
    Flow,
    Option,
    Outcome,
    Question,
    Route,
    Source,
    Step,
)
from guide.text import Msg
from guide.yamlfile import ContentError, Mapping, display_name, read

# Names the app's URLs or the `transitions` library use for themselves; the last five
# are pages (`/<lang>/services/`…, `/<lang>/help/`) whose fixed segment a flow id would shadow.
RESERVED_IDS = {"lang", "format", "page", "q", "token", "next", "static", "state", "trigger", "exit",
                "services", "organisations", "places", "search", "help"}
QUESTION_KINDS = ("choice", "island", "municipality")


def load_flows(folder: Path, services: set[str] | None = None) -> dict[str, Flow]:
    """Load every flow in `folder`; raise ContentError listing every problem."""
    flows, problems = {}, []
    for path in sorted(folder.glob("*.yaml")):
        try:
            flow = load_flow(path, services, display_name(path))
        except ContentError as err:
            problems.extend(err.problems)
            continue
        flows[flow.id] = flow
    if problems:
        raise ContentError(problems)
    return flows


def load_flow(path: Path, services: set[str] | None = None, name: str | None = None) -> Flow:
    name = name or str(path)
    data = read(path, name)
    check = Checker(name)
    flow = _FlowReader(check, services).flow(data, path.stem)
    check.done()
    return flow


class _FlowReader:
    def __init__(self, check: Checker, services: set[str] | None):
        self.check, self.services = check, services

    def flow(self, data, stem: str) -> Flow | None:
        check = self.check
        top = check.mapping(data, "a flow file")
        if top is None:
            return None
        check.keys(top, "the flow", required=("id", "title", "summary", "as_of", "start", "nodes"))
        flow_id = check.slug(top, "id", "the flow")
        if flow_id and flow_id != stem:
            check.error(top.where("id"), f"the flow id '{flow_id}' must match the file name '{stem}.yaml'")
        if flow_id in RESERVED_IDS:
            check.error(top.where("id"), f"'{flow_id}' is reserved by the app; choose another id")
        fid = flow_id or stem
        nodes_map = check.mapping(top.get("nodes"), "'nodes'", top.where("nodes")) if "nodes" in top else None
        nodes = {}
        for node_id, node in (nodes_map or {}).items():
            where = nodes_map.where(node_id)
            if not self._node_id_ok(node_id, where):
                continue
            built = self.node(fid, node_id, node, where)
            if built is not None:
                nodes[node_id] = built
        start = check.slug(top, "start", "the flow")
        flow = Flow(
            id=fid,
            title=Msg(f"{fid}::title", check.text(top, "title", "the flow") or ""),
            summary=Msg(f"{fid}::summary", check.text(top, "summary", "the flow") or ""),
            start=start or "",
            nodes=nodes,
            as_of=check.date(top, "as_of", "the flow") or "",
            file=check.file,
        )
        if nodes_map is not None and not check.problems:
            _GraphCheck(check, flow, nodes_map, top.where("start")).run()
        return flow

    def _node_id_ok(self, node_id: str, where) -> bool:
        if not SLUG.fullmatch(node_id):
            self.check.error(where, f"node id '{node_id}' is not valid: use lower-case letters, digits and hyphens")
            return False
        if node_id in RESERVED_IDS:
            self.check.error(where, f"node id '{node_id}' is reserved by the app or by transitions; choose another")
            return False
        return True

    def node(self, fid: str, node_id: str, data, where):
        check = self.check
        node = check.mapping(data, f"node '{node_id}'", where)
        if node is None:
            return None
        kind = node.get("kind")
        what = f"node '{node_id}'"
        ctx = f"{fid}:{node_id}"
        if kind == "outcome":
            check.keys(node, what, required=("kind", "title", "steps"), optional=("summary", "facts"))
            return Outcome(
                id=node_id,
                title=Msg(f"{ctx}:title", check.text(node, "title", what) or ""),
                summary=self._msg(node, "summary", what, ctx, required=False),
                facts=tuple(self.fact(f, ctx, what) for f in self._list(node, "facts", what)),
                steps=tuple(self.step(s, ctx, what) for s in self._list(node, "steps", what)),
            )
        if kind not in QUESTION_KINDS:
            check.error(node.where("kind"), f"{what} needs 'kind': one of {', '.join(QUESTION_KINDS + ('outcome',))}")
            return None
        if kind == "choice":
            check.keys(node, what, required=("kind", "text", "options"), optional=("hint", "sensitive"))
        else:
            extra = ("island",) if kind == "municipality" else ()
            check.keys(node, what, required=("kind", "text", "next"), optional=("hint", *extra))
        options = self.options(node, ctx, what) if kind == "choice" else ()
        return Question(
            id=node_id,
            kind=kind,
            text=Msg(f"{ctx}:text", check.text(node, "text", what) or ""),
            hint=self._msg(node, "hint", what, ctx, required=False),
            options=options,
            routes=self.routes(node, what) if kind != "choice" else (),
            island_question=node.get("island") if kind == "municipality" else None,
            sensitive=check.boolean(node, "sensitive", what, False),
        )

    def options(self, node: Mapping, ctx: str, what: str) -> tuple[Option, ...]:
        check = self.check
        options = check.mapping(node.get("options"), f"'options' of {what}", node.where("options"))
        result = []
        for value, data in (options or {}).items():
            where = options.where(value)
            if not SLUG.fullmatch(value):
                check.error(where, f"option '{value}' is not valid: use lower-case letters, digits and hyphens")
                continue
            option = check.mapping(data, f"option '{value}' of {what}", where)
            if option is None:
                continue
            check.keys(option, f"option '{value}'", required=("label", "next"))
            result.append(Option(value, Msg(f"{ctx}:options.{value}.label", check.text(option, "label", what) or ""),
                                 self.routes(option, f"option '{value}' of {what}")))
        if options is not None and len(result) < 2 and not check.problems:
            check.error(node.where("options"), f"{what} needs at least two options")
        return tuple(result)

    def routes(self, data: Mapping, what: str) -> tuple[Route, ...]:
        """`next: node` or a list of `{when: {question: answer}, to: node}`, the last without `when`."""
        check = self.check
        value = data.get("next")
        line = data.where("next")[0]
        if isinstance(value, str):
            return (Route(str(value), (), line),)
        routes = check.sequence(value, f"'next' of {what} (a node id or a list of routes)", data.where("next"))
        result = []
        for item in routes or ():
            route = check.mapping(item, f"a route of {what}", routes.line)
            if route is None:
                continue
            check.keys(route, f"a route of {what}", required=("to",), optional=("when",))
            when = check.mapping(route.get("when", Mapping()), "'when'", route.where("when")) if "when" in route else None
            pairs = tuple((str(q), str(v)) for q, v in (when or {}).items())
            result.append(Route(check.text(route, "to", what) or "", pairs, route.line))
        if result and result[-1].when:
            check.error(routes.item_lines[-1], f"the last route of {what} needs no 'when', so every answer leads somewhere")
        return tuple(result)

    def fact(self, data, ctx: str, what: str) -> Fact:
        check = self.check
        fact = check.mapping(data, f"a fact of {what}") or Mapping()
        check.keys(fact, f"a fact of {what}", required=("text", "source"), optional=("valid_from", "valid_until"))
        valid_until = check.date(fact, "valid_until", what, required=False)
        if valid_until == "undated":
            check.error(fact.where("valid_until"), "'valid_until' must be a date; leave it out if the rule has no end")
            valid_until = None
        return Fact(
            text=Msg(f"{ctx}:facts.text", check.text(fact, "text", what) or ""),
            source=self.source(fact, what),
            valid_from=check.date(fact, "valid_from", what, required=False),
            valid_until=valid_until,
        )

    def source(self, data: Mapping, what: str) -> Source:
        check = self.check
        source = check.mapping(data.get("source"), f"'source' of {what}", data.where("source")) or Mapping()
        check.keys(source, f"'source' of {what}", required=("url", "as_of"), optional=("verified",))
        return Source(check.text(source, "url", what) or "", check.date(source, "as_of", what) or "",
                      check.boolean(source, "verified", what, True))

    def step(self, data, ctx: str, what: str) -> Step:
        check = self.check
        step = check.mapping(data, f"a step of {what}") or Mapping()
        check.keys(step, f"a step of {what}", required=("service", "do"), optional=("bring",))
        service = check.slug(step, "service", what) or ""
        if service and self.services is not None and service not in self.services:
            check.error(step.where("service"), f"service '{service}' is not in the directory")
        bring = []
        for item in self._list(step, "bring", what):
            if isinstance(item, str):
                bring.append(Msg(f"{ctx}:steps.bring", item))  # keeps its line
            else:
                check.error(step.where("bring"), f"'bring' items of {what} must be text")
        return Step(service, Msg(f"{ctx}:steps.do", check.text(step, "do", what) or ""), tuple(bring))

    def _list(self, data: Mapping, key: str, what: str) -> list:
        if key not in data:
            return []
        return self.check.sequence(data[key], f"'{key}' of {what}", data.where(key)) or []

    def _msg(self, data: Mapping, key: str, what: str, ctx: str, required: bool) -> Msg | None:
        text = self.check.text(data, key, what, required)
        return Msg(f"{ctx}:{key}", text) if text else None


class _GraphCheck:
    """Checks that need the whole flow: references, reachability, cycles."""

    def __init__(self, check: Checker, flow: Flow, nodes_map: Mapping, start_where):
        self.check, self.flow, self.nodes_map, self.start_where = check, flow, nodes_map, start_where

    def run(self) -> None:
        flow, check = self.flow, self.check
        if flow.start not in flow.nodes or not isinstance(flow.nodes[flow.start], Question):
            check.error(self.start_where, f"start '{flow.start}' is not a question of this flow")
            return
        for question in flow.questions():
            self.question_refs(question)
            if question.kind == "municipality":
                self.link_island(question)
        if not check.problems:
            self.reachable_and_acyclic()

    def question_refs(self, question: Question) -> None:
        nodes = self.flow.nodes
        routes = [r for o in question.options for r in o.routes] + list(question.routes)
        for route in routes:
            if route.to not in nodes:
                self.check.error((route.line, 1), f"'{question.id}' leads to '{route.to}', which is not a node of this flow")
            for asked, value in route.when:
                target = nodes.get(asked)
                if not isinstance(target, Question):
                    self.check.error((route.line, 1), f"'when' names '{asked}', which is not a question of this flow")
                elif target.kind == "choice" and target.option(value) is None:
                    self.check.error((route.line, 1), f"'when' expects '{asked}' = '{value}', which is not one of its options")

    def link_island(self, question: Question) -> None:
        """A municipality question lists the municipalities of the island answered before."""
        islands = [q.id for q in self.flow.questions() if q.kind == "island"]
        chosen = question.island_question or (islands[0] if len(islands) == 1 else None)
        if chosen in islands:
            self.flow.nodes[question.id] = replace(question, island_question=chosen)
        else:
            self.check.error(self.nodes_map.where(question.id),
                             f"municipality question '{question.id}' needs an island question: name it with 'island:'")

    def reachable_and_acyclic(self) -> None:
        nodes = self.flow.nodes
        state: dict[str, str] = {}

        def visit(node_id: str, trail: list[str]) -> None:
            state[node_id] = "open"
            node = nodes[node_id]
            routes = [r for o in node.options for r in o.routes] + list(node.routes) if isinstance(node, Question) else []
            for route in routes:
                if state.get(route.to) == "open":
                    cycle = " -> ".join([*trail[trail.index(route.to):], route.to])
                    self.check.error((route.line, 1), f"cycle: {cycle}; a flow must always move forward")
                elif route.to not in state:
                    visit(route.to, [*trail, route.to])
            state[node_id] = "done"

        visit(self.flow.start, [self.flow.start])
        for node_id in nodes:
            if node_id not in state:
                self.check.error(self.nodes_map.where(node_id), f"node '{node_id}' cannot be reached from start '{self.flow.start}'")
