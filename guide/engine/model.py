"""The flow model: small frozen dataclasses, built once by the loader."""

from __future__ import annotations

from dataclasses import dataclass, field

from guide.text import Msg


@dataclass(frozen=True)
class Source:
    """Where a rule or fact comes from, and the source's own date."""

    url: str
    as_of: str
    verified: bool = True


@dataclass(frozen=True)
class Route:
    """Go to `to` when every (question, answer) pair in `when` holds on the path."""

    to: str
    when: tuple[tuple[str, str], ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Option:
    value: str
    label: Msg
    routes: tuple[Route, ...]


@dataclass(frozen=True)
class Question:
    """A question node. `kind` names its behaviour in `guide.engine.kinds`."""

    id: str
    kind: str
    text: Msg
    hint: Msg | None = None
    options: tuple[Option, ...] = ()
    routes: tuple[Route, ...] = ()
    island_question: str | None = None
    sensitive: bool = False

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Fact:
    """A rule stated on an outcome, with the dates it applies from and until, and its source."""

    text: Msg
    source: Source
    valid_from: str | None = None
    valid_until: str | None = None


@dataclass(frozen=True)
class Step:
    """One roadmap step: what to do, what to bring, at which directory service."""

    service: str
    do: Msg
    bring: tuple[Msg, ...] = ()


@dataclass(frozen=True)
class Outcome:
    id: str
    title: Msg
    summary: Msg | None
    facts: tuple[Fact, ...]
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Flow:
    id: str
    title: Msg
    summary: Msg
    start: str
    nodes: dict[str, Question | Outcome] = field(hash=False)
    as_of: str
    file: str

    def questions(self) -> list[Question]:
        return [n for n in self.nodes.values() if isinstance(n, Question)]
