"""`flask flows check`: every flow and directory file, every problem with its line and a hint.

The loaders already refuse malformed files (YAML surprises, unknown keys, bad
ids, missing nodes, cycles, unknown services). On top of what loads, this adds
the checks that need the whole content at once: conditions that can never
hold, questions that lead to no outcome, municipalities left with no office
and no remote channel, untranslated or fuzzy strings, questions too long for
an SMS reply, and facts past their `valid_until` date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlmodel
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from guide import roadmap
from guide.authoring import paths
from guide.directory import content as directory_content
from guide.directory import store
from guide.engine import Router
from guide.engine.kinds import KINDS
from guide.engine.loader import load_flow
from guide.engine.model import Flow, Outcome, Question
from guide.engine.tokens import AnswerCodec
from guide.i18n.extract import _messages as messages_in
from guide.sms import gsm
from guide.text import Msg
from guide.yamlfile import ContentError, Mapping, display_name, read


@dataclass(frozen=True)
class Finding:
    """One problem, where a person can open it, and what to do about it."""

    file: str
    line: int
    column: int
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}\n    hint: {self.hint}"


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    flows: dict[str, Flow] = field(default_factory=dict)
    directory: directory_content.Directory | None = None

    def add(self, file: str, where, message: str, hint: str | None = None) -> None:
        line, column = where if isinstance(where, tuple) else (getattr(where, "line", 1), getattr(where, "column", 1))
        self.findings.append(Finding(file, line, column, message, hint or hint_for(message)))

    def for_file(self, file: str) -> list[Finding]:
        return [f for f in self.findings if f.file == file]

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=lambda f: (f.file, f.line, f.column, f.message))


# What to do about each message the loaders and these checks give (flows/README.md explains each).
HINTS = [
    (r"would be read as", "YAML 1.1 reads some plain words as other things; put the value in quotes."),
    (r"duplicate key|duplicate id", "YAML keeps only the last of two equal keys; rename or remove one of them."),
    (r"unknown key", "Check the spelling; flows/README.md lists the keys each part accepts."),
    (r"tab", "Indent with spaces only; set your editor to insert spaces for the Tab key."),
    (r"reserved", "Choose another id: the app's addresses or the state machine use this name."),
    (r"not (a )?valid|is not a valid id", "Ids use lower-case letters, digits and hyphens, e.g. 'no-visa'."),
    (r"which is not a node", "Write the id of a node of this flow, or add the missing node."),
    (r"cannot be reached", "Lead an option or route to it, or delete the node."),
    (r"cycle", "Flows move forward only: point the route to a later node."),
    (r"is not in the directory", "Use an id from flows/directory/, or add the entry there with its source."),
    (r"no outcome can be reached", "Give every answer a 'next' that leads, in the end, to an outcome."),
    (r"never answered on a path|never '.*' on a path", "Name a question that is asked before this one on every path, or move the route."),
    (r"never taken", "An earlier route always matches first: reorder the routes or delete this one."),
    (r"no office and no remote channel", "Add an office with its source to flows/directory/locations.yaml, or a remote channel to the service."),
    (r"not translated", "Run `make extract`, then translate the string in the language's messages.po."),
    (r"fuzzy", "Review the translation in messages.po, correct it, then remove the '#, fuzzy' line."),
    (r"SMS", "Shorten the question or its options, in English and in the translation."),
    (r"valid_until", "The rule has expired: update the fact from its source, or remove it."),
    (r"missing|needs|empty|must", "See flows/README.md for the expected form of this key."),
]


def hint_for(message: str) -> str:
    for pattern, hint in HINTS:
        if re.search(pattern, message):
            return hint
    return "See flows/README.md, section 'Check messages'."


def check_all(flows_dir: Path, directory_dir: Path, translations_dir: Path, today: date | None = None,
              unreviewed: tuple[str, ...] = ()) -> Report:
    """Check every directory file and flow; return every finding.

    Languages in `unreviewed` (shown with a "not yet reviewed" note, falling back
    to English) are not held to complete translation or the SMS budget.
    """
    today = today or date.today()
    report = Report()
    report.files = [display_name(p) for p in sorted(Path(directory_dir).glob("*.yaml"))]
    try:
        report.directory = directory_content.read(directory_dir)
    except ContentError as err:
        _add_problems(report, err)
    services = {s.id for s in report.directory.services} if report.directory else None
    catalogs = {lang: c for lang, c in load_catalogs(translations_dir).items() if lang not in unreviewed}
    positions = {}
    for path in sorted(Path(flows_dir).glob("*.yaml")):
        name = display_name(path)
        report.files.append(name)
        try:
            flow = load_flow(path, services, name)
        except ContentError as err:
            _add_problems(report, err)
            continue
        report.flows[flow.id] = flow
        positions[flow.id] = read(path, name)
    for flow in report.flows.values():
        nodes = positions[flow.id]["nodes"]
        finished = _FlowChecks(report, flow, nodes).run()
        _expired_facts(report, flow, nodes, today)
        if report.directory is not None:
            _sms_budget(report, flow, nodes, catalogs, report.directory)
            if finished:
                _offices(report, flow, nodes, report.directory)
    _translations(report, catalogs)
    return report


def _add_problems(report: Report, err: ContentError) -> None:
    for p in err.problems:
        report.add(p.file, (p.line, p.column), p.message)


class _FlowChecks:
    """Conditions that can never hold, and questions from which no outcome is reached."""

    def __init__(self, report: Report, flow: Flow, nodes: Mapping):
        self.report, self.flow, self.nodes = report, flow, nodes

    def where(self, node_id: str):
        return self.nodes.where(node_id)

    def run(self) -> bool:
        """True when every question reaches an outcome (so every walk can be replayed)."""
        found, taken = paths.arrivals(self.flow)
        by_node: dict[str, list[dict[str, str]]] = {}
        for arrival in found:
            by_node.setdefault(arrival.node, []).append(dict(arrival.answers))
        for question in self.flow.questions():
            for value, route in KINDS[question.kind].routes(question):
                if route.when and route not in taken:
                    self.dead_route(question, value, route, by_node.get(question.id, []))
        return self.dead_ends(taken)

    def dead_route(self, question: Question, value, route, arrivals: list[dict[str, str]]) -> None:
        with_answer = [{**a, question.id: value or paths.ANY} for a in arrivals]
        for asked, expected in route.when:
            if not any(asked in a for a in with_answer):
                self.error(route, f"'when' names '{asked}', which is never answered on a path to '{question.id}'")
                return
            if not any(a.get(asked) in (expected, paths.ANY) for a in with_answer if asked in a):
                self.error(route, f"'when' expects '{asked}' = '{expected}', but '{asked}' is never '{expected}' on a path to '{question.id}'")
                return
        self.error(route, f"the route of '{question.id}' to '{route.to}' is never taken: an earlier route always matches first")

    def error(self, route, message: str) -> None:
        self.report.add(self.flow.file, (route.line, 1), message)

    def dead_ends(self, taken) -> bool:
        good = {n for n, node in self.flow.nodes.items() if isinstance(node, Outcome)}
        changed = True
        while changed:
            changed = False
            for question in self.flow.questions():
                if question.id not in good and any(
                        r in taken and r.to in good for _, r in KINDS[question.kind].routes(question)):
                    good.add(question.id)
                    changed = True
        ok = True
        for question in self.flow.questions():
            if question.id not in good:
                self.report.add(self.flow.file, self.where(question.id),
                                f"no outcome can be reached from question '{question.id}'")
                ok = False
        return ok


def _period_end(value: str) -> date:
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def _expired_facts(report: Report, flow: Flow, nodes: Mapping, today: date) -> None:
    for node in flow.nodes.values():
        if not isinstance(node, Outcome):
            continue
        for fact in node.facts:
            if fact.valid_until and _period_end(fact.valid_until) < today:
                report.add(flow.file, fact.valid_until,
                           f"a fact of outcome '{node.id}' is past its valid_until date {fact.valid_until}")


def load_catalogs(translations_dir: Path) -> dict[str, tuple[str, Catalog]]:
    """Language -> (display name of its .po, catalog), for every language with a catalog."""
    catalogs = {}
    for po in sorted(Path(translations_dir).glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as handle:
            catalogs[po.parent.parent.name] = (display_name(po), read_po(handle))
    return catalogs


def _translate(catalog: Catalog, message: Msg) -> str:
    entry = catalog.get(str(message.text), context=message.context)
    return entry.string if entry is not None and entry.string and not entry.fuzzy else str(message.text)


def _sms_budget(report: Report, flow: Flow, nodes: Mapping, catalogs, directory) -> None:
    islands = [i.name for i in directory.islands]
    by_island = directory_content.places(directory)
    names = {m.id: m.name for m in directory.municipalities}
    languages = {"en": lambda m: str(m.text), **{lang: (lambda m, c=c: _translate(c, m)) for lang, (_, c) in catalogs.items()}}
    for question in flow.questions():
        if question.kind == "choice":
            option_sets = [[o.label for o in question.options]]
        elif question.kind == "island":
            option_sets = [islands]
        else:
            option_sets = [[names[m] for m in ms] for ms in by_island.values()]
        for lang, tr in languages.items():
            worst = max((gsm.count(_sms_question(tr(question.text), [tr(o) if isinstance(o, Msg) else o
                                                                      for o in options]))
                         for options in option_sets), key=lambda c: c.segments)
            if worst.segments > gsm.MAX_SEGMENTS:
                report.add(flow.file, nodes.where(question.id),
                           f"question '{question.id}' with its options is {worst.segments} SMS segments in '{lang}' "
                           f"({worst.units} characters, {worst.encoding}); the budget is {gsm.MAX_SEGMENTS}")


def _sms_question(text: str, options: list[str]) -> str:
    """A question as the SMS channel sends it: the text, then numbered options."""
    return "\n".join([text, *(f"{n}. {label}" for n, label in enumerate(options, 1))])


def _offices(report: Report, flow: Flow, nodes: Mapping, directory) -> None:
    """Every outcome step must give every municipality that reaches it an office or a remote channel."""
    if not any(q.kind == "municipality" for q in flow.questions()):
        return
    engine = sqlmodel.create_engine("sqlite://")
    store.load(directory, engine)
    router = Router(flow, directory_content.places(directory), AnswerCodec(b"check"))
    reached: dict[str, set[str]] = {}
    for walk in paths.walks(router):
        reached.setdefault(walk.node.id, set()).add(walk.answer_for("municipality"))
    resolved: dict[tuple[str, str], str] = {}
    with sqlmodel.Session(engine) as session:
        for outcome_id, municipalities in reached.items():
            outcome = flow.nodes[outcome_id]
            for index, step in enumerate(outcome.steps):
                lacking = []
                for municipality in sorted(municipalities):
                    key = (step.service, municipality)
                    if key not in resolved:
                        resolved[key] = roadmap.build(session, [step], municipality).steps[0].fallback
                    if resolved[key] == "none":
                        lacking.append(municipality)
                if lacking:
                    steps = nodes[outcome_id]["steps"]
                    named = ", ".join(lacking[:4]) + (f" and {len(lacking) - 4} more" if len(lacking) > 4 else "")
                    report.add(flow.file, steps[index].where("service"),
                               f"step '{step.service}' of outcome '{outcome_id}' has no office and no remote channel "
                               f"for {named}")


def _translations(report: Report, catalogs) -> None:
    content: list[Msg] = []
    for flow in report.flows.values():
        content.extend(messages_in(flow))
    if report.directory is not None:
        content.extend(messages_in(report.directory))
    seen: set[tuple[str, str]] = set()
    for lang, (po_name, catalog) in catalogs.items():
        for message in content:
            key = (message.context, str(message.text))
            if not message.text or (lang, *key) in seen:
                continue
            seen.add((lang, *key))
            entry = catalog.get(key[1], context=key[0])
            where = (getattr(message.text, "line", 1), getattr(message.text, "column", 1))
            file = getattr(message.text, "file", po_name)
            if entry is None or not entry.string:
                report.add(file, where, f"not translated into '{lang}': {_short(key[1])} ({key[0]})")
            elif entry.fuzzy:
                report.add(file, where, f"the '{lang}' translation is fuzzy: {_short(key[1])} ({key[0]})")
        content_keys = {(m.context, str(m.text)) for m in content}
        for entry in catalog:
            if not entry.id or (entry.context, entry.id) in content_keys or _is_content(entry):
                continue
            if _untranslated(entry):
                report.add(po_name, (entry.lineno or 1, 1), f"not translated into '{lang}': {_short(_singular(entry.id))}")
            elif entry.fuzzy:
                report.add(po_name, (entry.lineno or 1, 1), f"the '{lang}' translation is fuzzy: {_short(_singular(entry.id))}")


def _untranslated(entry) -> bool:
    """No translation, or a plural with any of its forms left empty."""
    forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return not all(forms)


def _singular(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _is_content(entry) -> bool:
    """A catalog entry extracted from YAML (it may belong to content no longer loaded)."""
    return any(str(path).endswith(".yaml") for path, _ in entry.locations)


def _short(text: str, width: int = 50) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")
