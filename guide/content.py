"""The content the app serves: flows compiled to routers, and the directory, loaded once.

Loaded and checked at start-up; a file that fails its check stops the app with
file and line, so a bad deploy never goes live. Shared read-only by requests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask, current_app

from guide.directory import content as directory_content
from guide.directory.content import Directory
from guide.engine import Router, load_flows
from guide.engine.tokens import AnswerCodec


@dataclass(frozen=True)
class Content:
    directory: Directory
    routers: dict[str, Router]
    place_names: dict[str, str]
    # service id -> ids of the flows whose outcomes name it (a directory page links to them)
    flows_by_service: dict[str, tuple[str, ...]] = field(default_factory=dict)


def load(app: Flask) -> Content:
    directory = directory_content.read(app.config["DIRECTORY_DIR"])
    places = directory_content.places(directory)
    flows = load_flows(app.config["FLOWS_DIR"], services={s.id for s in directory.services})
    codec = AnswerCodec(app.config["SECRET_KEY"].encode())
    names = {p.id: p.name for p in [*directory.islands, *directory.municipalities]}
    return Content(directory, {fid: Router(flow, places, codec) for fid, flow in flows.items()}, names,
                   _flows_by_service(flows))


def _flows_by_service(flows) -> dict[str, tuple[str, ...]]:
    """Which flows lead to each service: those with an outcome step naming it."""
    found: dict[str, list[str]] = {}
    for flow_id, flow in flows.items():
        for node in flow.nodes.values():
            for step in getattr(node, "steps", ()):
                if flow_id not in found.setdefault(step.service, []):
                    found[step.service].append(flow_id)
    return {service: tuple(ids) for service, ids in found.items()}


def init_app(app: Flask) -> None:
    app.extensions["content"] = load(app)


def current() -> Content:
    return current_app.extensions["content"]
