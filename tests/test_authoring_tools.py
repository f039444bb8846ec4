"""Schemas, graphs, path diffs and SMS counting for the staff who write content."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import yaml

from guide.authoring import graph, schema
from guide.checks import Checker
from guide.directory import content as directory_content
from guide.engine.loader import load_flow, load_flows

ROOT = Path(__file__).resolve().parent.parent
FLOWS = ROOT / "flows"
DIRECTORY_SCHEMAS = {"places.yaml": "directory-places.schema.json",
                     "topics.yaml": "directory-topics.schema.json",
                     "parishes.yaml": "directory-parishes.schema.json",
                     "organisations.yaml": "directory-organisations.schema.json",
                     "services.yaml": "directory-services.schema.json",
                     "locations.yaml": "directory-locations.schema.json"}


# -- SMS --------------------------------------------------------------------

# -- JSON Schema ----------------------------------------------------------------

def test_the_published_schemas_are_up_to_date():
    for name, generated in schema.schemas().items():
        published = json.loads((ROOT / "docs" / "schema" / name).read_text())
        assert published == generated, f"run `flask flows schema` to update docs/schema/{name}"


def test_every_shipped_file_validates_against_its_schema():
    flow_schema = jsonschema.Draft202012Validator(schema.flow_schema())
    for path in FLOWS.glob("*.yaml"):
        assert not list(flow_schema.iter_errors(yaml.safe_load(path.read_text()))), path
    for file, name in DIRECTORY_SCHEMAS.items():
        validator = jsonschema.Draft202012Validator(json.loads((ROOT / "docs" / "schema" / name).read_text()))
        errors = [e.message for e in validator.iter_errors(yaml.safe_load((FLOWS / "directory" / file).read_text()))]
        assert not errors, (file, errors[:3])


def test_the_schema_refuses_what_the_loader_refuses():
    validator = jsonschema.Draft202012Validator(schema.flow_schema())
    data = yaml.safe_load((FLOWS / "residence.yaml").read_text())
    data["nodes"]["citizenship"]["optoins"] = data["nodes"]["citizenship"].pop("options")
    assert any("optoins" in e.message for e in validator.iter_errors(data))


def accepted_key_sets(monkeypatch) -> list[frozenset[str]]:
    """Every set of keys the loaders allow somewhere, recorded while they read the shipped content."""
    seen: list[frozenset[str]] = []
    original = Checker.keys

    def recording(self, mapping, what, required=(), optional=()):
        seen.append(frozenset([*required, *optional]))
        return original(self, mapping, what, required, optional)

    monkeypatch.setattr(Checker, "keys", recording)
    load_flows(FLOWS)
    load_flow(ROOT / "tests" / "flows" / "toy.yaml")
    directory_content.read(FLOWS / "directory")
    return seen


def schema_key_sets(value) -> set[frozenset[str]]:
    """The property names of every closed object in a schema."""
    found = set()
    if isinstance(value, dict):
        if value.get("additionalProperties") is False:
            found.add(frozenset(value["properties"]))
        for item in value.values():
            found |= schema_key_sets(item)
    elif isinstance(value, list):
        for item in value:
            found |= schema_key_sets(item)
    return found


def test_the_schemas_accept_exactly_the_keys_the_loaders_accept(monkeypatch):
    loader = set(accepted_key_sets(monkeypatch))
    in_schemas = set().union(*(schema_key_sets(s) for s in schema.schemas().values()))
    assert loader - in_schemas == set(), "keys the loader accepts but no schema describes"
    assert in_schemas - loader == set(), "keys a schema allows but the loader refuses"


def test_every_key_the_loader_accepts_is_documented_in_the_flows_readme(monkeypatch):
    readme = (FLOWS / "README.md").read_text()
    keys = set().union(*accepted_key_sets(monkeypatch))
    undocumented = sorted(k for k in keys if not re.search(rf"`{k}(`|:)", readme))
    assert not undocumented, f"flows/README.md does not document: {undocumented}"


# -- Graph --------------------------------------------------------------------

def test_the_graph_labels_questions_options_conditions_and_outcomes():
    flow = load_flow(FLOWS / "residence.yaml")
    mermaid, dot = graph.mermaid(flow), graph.dot(flow)
    for text in ["citizenship: Which passport do you have?", "From another country",
                 "any municipality [if citizenship = eu]", "eu-citizen: Your first steps as a citizen"]:
        assert text in mermaid and text in dot, text
    assert "n_municipality -->|" in mermaid and '"municipality" -> "eu-citizen"' in dot


def test_flows_graph_writes_mermaid_and_dot(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["flows", "graph", "residence", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "residence.mmd").read_text().startswith("flowchart TD")
    assert (tmp_path / "residence.dot").read_text().startswith('digraph "residence"')
    missing = app.test_cli_runner().invoke(args=["flows", "graph", "nowhere", "--out", str(tmp_path)])
    assert missing.exit_code != 0 and "no flow 'nowhere'" in missing.output


# -- Diff ---------------------------------------------------------------------

def test_flows_diff_lists_paths_whose_outcome_or_office_changed(app, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(FLOWS, old)
    shutil.copytree(FLOWS, new)
    flow = new / "residence.yaml"
    flow.write_text(flow.read_text().replace("when: {visa: residence-visa}", "when: {visa: no-residence-visa}"))
    locations = new / "directory" / "locations.yaml"
    text = locations.read_text()
    start = text.index("  - id: loc-cs-horta")
    end = text.index("\n  - id:", start + 1)
    locations.write_text(text[:start] + text[end + 1:])
    result = app.test_cli_runner().invoke(args=["flows", "diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert "residence: citizenship=other, reason=work, visa=residence-visa, island=pico, municipality=madalena" in result.output
    assert "-> other-situation" in result.output
    assert "residence: citizenship=eu, island=faial, municipality=horta" in result.output  # its health centre is gone


def test_flows_diff_reads_git_revisions(app):
    result = app.test_cli_runner().invoke(args=["flows", "diff", "HEAD", "HEAD"])
    assert result.exit_code == 0 and "0 paths changed" in result.output
    bad = app.test_cli_runner().invoke(args=["flows", "diff", "no-such-revision", "HEAD"])
    assert bad.exit_code != 0 and "neither a folder nor a git revision" in bad.output
