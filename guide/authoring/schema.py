"""JSON Schemas of the flow and directory files, for editors that validate YAML as staff type.

Published under `docs/schema/` by `flask flows schema`; a test keeps the
published files equal to these and their keys equal to what the loaders
accept. The loaders stay the authority: they also check what a schema cannot
(references between nodes, cycles, YAML 1.1 surprises before parsing).
"""

from __future__ import annotations

import json
from pathlib import Path

from guide.engine.loader import QUESTION_KINDS, RESERVED_IDS

BASE = "https://azores-migrant-guide.invalid/schema/"  # an id, not a place to fetch from
SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
DATE = {"type": "string", "pattern": r"^(\d{4}(-\d{2}(-\d{2})?)?|undated)$",
        "description": "The source's own date, in quotes: \"YYYY-MM-DD\", \"YYYY-MM\", \"YYYY\" or \"undated\"."}
TEXT = {"type": "string", "minLength": 1}
URL = {"type": "string", "pattern": r"^https?://\S+$"}


def _object(required: dict, optional: dict | None = None, description: str | None = None) -> dict:
    schema = {"type": "object", "additionalProperties": False, "required": list(required),
              "properties": {**required, **(optional or {})}}
    if description:
        schema["description"] = description
    return schema


def _list(items: dict, min_items: int = 0) -> dict:
    return {"type": "array", "items": items, **({"minItems": min_items} if min_items else {})}


def flow_schema() -> dict:
    ref = lambda name: {"$ref": f"#/$defs/{name}"}  # noqa: E731
    question = {"text": TEXT}
    defs = {
        "source": _object({"url": TEXT, "as_of": DATE}, {"verified": {"type": "boolean"}}),
        "fact": _object({"text": TEXT, "source": ref("source")}, {"valid_from": DATE, "valid_until": DATE}),
        "step": _object({"service": SLUG, "do": TEXT}, {"bring": _list(TEXT)}),
        "route": _object({"to": SLUG}, {"when": {"type": "object", "propertyNames": SLUG,
                                                 "additionalProperties": {"type": "string"}}}),
        "next": {"oneOf": [SLUG, _list(ref("route"), 1)],
                 "description": "A node id, or routes tried in order; the last without 'when'."},
        "option": _object({"label": TEXT, "next": ref("next")}),
        "choice": _object({**question, "kind": {"const": "choice"},
                           "options": {"type": "object", "minProperties": 2, "propertyNames": SLUG,
                                       "additionalProperties": ref("option")}},
                          {"hint": TEXT, "sensitive": {"type": "boolean"}}),
        "island": _object({**question, "kind": {"const": "island"}, "next": ref("next")}, {"hint": TEXT}),
        "municipality": _object({**question, "kind": {"const": "municipality"}, "next": ref("next")},
                                {"hint": TEXT, "island": SLUG}),
        "outcome": _object({"kind": {"const": "outcome"}, "title": TEXT, "steps": _list(ref("step"))},
                           {"summary": TEXT, "facts": _list(ref("fact"))}),
        "node": {"type": "object", "required": ["kind"],
                 "properties": {"kind": {"enum": [*QUESTION_KINDS, "outcome"]}},
                 "allOf": [{"if": {"properties": {"kind": {"const": kind}}}, "then": ref(kind)}
                           for kind in (*QUESTION_KINDS, "outcome")]},
    }
    node_id = {**SLUG, "not": {"enum": sorted(RESERVED_IDS)}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE + "flow.schema.json",
        "title": "Azores Migrant Guide flow (flows/*.yaml)",
        **_object({"id": node_id, "title": TEXT, "summary": TEXT, "as_of": DATE, "start": SLUG,
                   "nodes": {"type": "object", "propertyNames": node_id, "additionalProperties": ref("node")}}),
        "$defs": defs,
    }


def _directory_defs() -> dict:
    ref = lambda name: {"$ref": f"#/$defs/{name}"}  # noqa: E731
    return {
        "source": _object({"url": URL, "as_of": DATE, "verified": {"type": "boolean"}}, {"note": TEXT}),
        "fact": _object({"value": TEXT, "source": ref("source")}, {"note": TEXT}),
        "address": _object({"value": TEXT, "source": ref("source")}, {"note": TEXT, "map": {"type": "boolean"}}),
        "coordinates": _object({"lat": {"type": "number"}, "lon": {"type": "number"}},
                               {"source": ref("source"), "note": TEXT}),
        "channel": _object({"kind": {"enum": ["phone", "email", "online"]}, "value": TEXT, "label": TEXT,
                            "source": ref("source")}, {"hours": TEXT, "note": TEXT, "national": {"type": "boolean"}}),
    }


def _directory_file(name: str, lists: dict, title: str) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE + f"directory-{name}.schema.json",
        "title": title,
        **_object({key: _list(entry) for key, entry in lists.items()}),
        "$defs": _directory_defs(),
    }


def directory_schemas() -> dict[str, dict]:
    ref = lambda name: {"$ref": f"#/$defs/{name}"}  # noqa: E731
    island = _object({"id": SLUG, "name": TEXT, "group": {"enum": ["eastern", "central", "western"]},
                      "source": ref("source")})
    municipality = _object({"id": SLUG, "name": TEXT, "island": SLUG,
                            "ine_code": {"type": "string", "pattern": "^4[1-9][0-9]{2}$"},
                            "seat": ref("coordinates"), "source": ref("source")})
    organisation = _object({"id": SLUG, "name": TEXT, "source": ref("source")},
                           {"acronym": TEXT, "website": ref("fact"), "channels": _list(ref("channel"))})
    appointment = _object({"required": {"type": "boolean"}, "source": ref("source")}, {"note": TEXT})
    service = _object({"id": SLUG, "name": TEXT, "organisation": SLUG, "topic": SLUG, "summary": TEXT,
                       "in_person": {"enum": ["required", "optional"]}, "source": ref("source")},
                      {"documents": _list(TEXT), "channels": _list(ref("channel")), "valid_from": DATE, "as_of": DATE,
                       "audience": TEXT, "support": TEXT, "fees": ref("fact"), "appointment": appointment})
    topic = _object({"id": SLUG, "name": TEXT, "source": ref("source")})
    location = _object({"id": SLUG, "name": TEXT, "organisation": SLUG, "municipality": SLUG,
                        "services": _list(SLUG, 1), "source": ref("source")},
                       {"services_verified": {"type": "boolean"}, "address": ref("address"), "phone": ref("fact"),
                        "hours": ref("fact"), "coordinates": ref("coordinates"), "note": TEXT})
    return {
        "directory-places.schema.json": _directory_file(
            "places", {"islands": island, "municipalities": municipality}, "flows/directory/places.yaml"),
        "directory-topics.schema.json": _directory_file(
            "topics", {"topics": topic}, "flows/directory/topics.yaml"),
        "directory-parishes.schema.json": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": BASE + "directory-parishes.schema.json",
            "title": "flows/directory/parishes.yaml",
            **_object({"source": ref("source"),
                       "parishes": {"type": "object", "propertyNames": SLUG, "additionalProperties": _list(TEXT, 1)}}),
            "$defs": _directory_defs(),
        },
        "directory-organisations.schema.json": _directory_file(
            "organisations", {"organisations": organisation}, "flows/directory/organisations.yaml"),
        "directory-services.schema.json": _directory_file(
            "services", {"services": service}, "flows/directory/services.yaml"),
        "directory-locations.schema.json": _directory_file(
            "locations", {"locations": location}, "flows/directory/locations.yaml"),
    }


def schemas() -> dict[str, dict]:
    """File name -> schema, for every schema published in docs/schema/."""
    return {"flow.schema.json": flow_schema(), **directory_schemas()}


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        (folder / name).write_text(render(schema), encoding="utf-8")
        written.append(folder / name)
    return written
