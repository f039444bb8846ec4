"""What the staff pages show, computed from the loaded content: no Flask routing here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from flask import current_app, url_for

from guide import content, i18n
from guide.authoring import graph, paths
from guide.authoring.check import Report, check_all
from guide.engine import Router, Walk
from guide.engine.model import Outcome, Question


def report() -> Report:
    """The check of the content folders, recomputed only when a file changed."""
    config = current_app.config
    folders = [Path(config["FLOWS_DIR"]), Path(config["DIRECTORY_DIR"]), Path(config["BABEL_TRANSLATION_DIRECTORIES"])]
    files = sorted(p for f in folders for p in [*f.glob("*.yaml"), *f.glob("*/LC_MESSAGES/*.po")])
    signature = tuple((str(p), p.stat().st_mtime_ns) for p in files)
    cached = current_app.extensions.get("staff_check")
    if cached is None or cached[0] != signature:
        cached = (signature, check_all(*folders, unreviewed=tuple(config["UNREVIEWED_LANGUAGES"])))
        current_app.extensions["staff_check"] = cached
    return cached[1]


def step_url(router: Router, lang: str, answers: list) -> str:
    """The public page a person sees after giving `answers` (a walk's path prefix)."""
    base = url_for("web.step", lang=lang, flow_id=router.flow.id)
    params = [(a.question.id, router.encode(a.question, a.value)) for a in answers if not a.implied]
    return f"{base}?{urlencode(params)}" if params else base


@dataclass(frozen=True)
class NodeRow:
    id: str
    kind: str
    label: str
    edges: list[graph.Edge]
    previews: list[tuple[str, str]]  # (language, public URL)


@dataclass(frozen=True)
class PathRow:
    answers: list[tuple[str, str]]  # (question text, answer label)
    places: int  # how many island/municipality answers lead the same way
    outcome: str
    url: str


def _sample(walks: list[Walk], node_id: str) -> list | None:
    """The answers given before reaching `node_id` on the first walk that asks it."""
    for walk in walks:
        if walk.node.id == node_id:
            return list(walk.path)
        ids = [a.question.id for a in walk.path]
        if node_id in ids and not walk.path[ids.index(node_id)].implied:
            return list(walk.path[: ids.index(node_id)])
    return None


def flow_view(router: Router) -> tuple[list[NodeRow], list[PathRow]]:
    flow = router.flow
    walks = list(paths.walks(router))
    edges = graph.edges(flow)
    rows = []
    for node_id, node in flow.nodes.items():
        sample = _sample(walks, node_id)
        previews = [] if sample is None else [(lang, step_url(router, lang, sample)) for lang in i18n.supported()]
        rows.append(NodeRow(node_id, node.kind if isinstance(node, Question) else "outcome", graph.node_label(node),
                            [e for e in edges if e.source == node_id], previews))
    return rows, _path_rows(router, walks)


def _path_rows(router: Router, walks: list[Walk]) -> list[PathRow]:
    groups: dict[tuple, list[Walk]] = {}
    for walk in walks:
        key = (tuple((a.question.id, a.value) for a in walk.path if a.question.kind == "choice"), walk.node.id)
        groups.setdefault(key, []).append(walk)
    rows = []
    for (choices, outcome_id), group in groups.items():
        labels = [(str(router.flow.nodes[q].text), str(router.flow.nodes[q].option(v).label)) for q, v in choices]
        outcome: Outcome = router.flow.nodes[outcome_id]
        rows.append(PathRow(labels, len(group), f"{outcome_id}: {outcome.title}",
                            step_url(router, i18n.current_language(), list(group[0].path))))
    return rows


@dataclass(frozen=True)
class StaleRow:
    entry: str
    field: str
    as_of: str
    url: str
    where: str


def _period_start(as_of: str) -> date:
    parts = [int(p) for p in as_of.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def stale_sources(today: date | None = None) -> tuple[list[StaleRow], list[StaleRow]]:
    """Directory sources dated over a year before `today` (a partial date counts from its start), and undated ones."""
    today = today or date.today()
    limit = date(today.year - 1, today.month, min(today.day, 28))
    stale, undated = [], []
    for kind, entry, field, source in _sources(content.current().directory):
        where = f"{getattr(source.url, 'file', '')}:{getattr(source.url, 'line', '')}"
        row = StaleRow(f"{kind} {entry}", field, source.as_of, str(source.url), where)
        if source.as_of == "undated":
            undated.append(row)
        elif source.as_of and _period_start(source.as_of) < limit:
            stale.append(row)
    return sorted(stale, key=lambda r: r.as_of), undated


def _sources(directory):
    for kind, entries in (("island", directory.islands), ("municipality", directory.municipalities),
                          ("organisation", directory.organisations), ("service", directory.services),
                          ("location", directory.locations)):
        for entry in entries:
            yield kind, entry.id, "source", entry.source
            for field in ("website", "address", "phone", "hours"):
                fact = getattr(entry, field, None)
                if fact is not None:
                    yield kind, entry.id, field, fact.source
            coordinates = getattr(entry, "coordinates", None)
            if coordinates is not None and coordinates.source is not None:
                yield kind, entry.id, "coordinates", coordinates.source
            for channel in getattr(entry, "channels", ()):
                yield kind, entry.id, f"channel {channel.kind}", channel.source
