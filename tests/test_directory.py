"""The directory YAML: shipped content, loader errors at file:line, and loading into the database."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
import sqlmodel
from flask import Flask
from sqlalchemy import func

from guide import db
from guide.directory import content, models, store
from guide.directory.cli import directory_cli
from guide.yamlfile import display_name
from guide.yamlfile import ContentError

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "flows" / "directory"
from guide.checks import DATE  # "YYYY", "YYYY-MM", "YYYY-MM-DD" or "undated"

ISLANDS = {
    "santa-maria": ["vila-do-porto"],
    "sao-miguel": ["lagoa", "nordeste", "ponta-delgada", "povoacao", "ribeira-grande", "vila-franca-do-campo"],
    "terceira": ["angra-do-heroismo", "praia-da-vitoria"],
    "graciosa": ["santa-cruz-da-graciosa"],
    "sao-jorge": ["calheta", "velas"],
    "pico": ["lajes-do-pico", "madalena", "sao-roque-do-pico"],
    "faial": ["horta"],
    "flores": ["lajes-das-flores", "santa-cruz-das-flores"],
    "corvo": ["corvo"],
}


@pytest.fixture(scope="module")
def shipped():
    return content.read(SHIPPED)


def test_nine_islands_and_nineteen_municipalities(shipped):
    places = content.places(shipped)
    assert {island: sorted(towns) for island, towns in places.items()} == ISLANDS
    assert sum(len(towns) for towns in places.values()) == 19
    names = {m.id: m.name for m in shipped.municipalities}
    assert names["sao-roque-do-pico"] == "São Roque do Pico"
    assert names["lajes-das-flores"] == "Lajes das Flores"
    assert names["angra-do-heroismo"] == "Angra do Heroísmo"
    groups = {i.id: i.group for i in shipped.islands}
    assert groups["flores"] == groups["corvo"] == "western"
    assert groups["sao-miguel"] == groups["santa-maria"] == "eastern"
    assert {m.ine_code for m in shipped.municipalities} >= {"4101", "4203", "4601", "4801", "4901"}


def test_every_shown_fact_has_a_source_and_its_date(shipped):
    facts = []
    for loc in shipped.locations:
        facts += [(loc.id, f) for f in (loc.address, loc.phone, loc.hours) if f is not None]
    for org in shipped.organisations:
        facts += [(org.id, c) for c in org.channels]
        if org.website:
            facts.append((org.id, org.website))
    for service in shipped.services:
        facts += [(service.id, c) for c in service.channels]
    assert len(facts) > 30
    for owner, fact in facts:
        assert fact.source.url.startswith(("https://", "http://")), owner
        assert DATE.fullmatch(fact.source.as_of), owner
        assert isinstance(fact.source.verified, bool), owner


def test_every_location_names_a_known_municipality_and_service(shipped):
    municipalities = {m.id for m in shipped.municipalities}
    services = {s.id for s in shipped.services}
    for loc in shipped.locations:
        assert loc.municipality in municipalities
        assert loc.services and set(loc.services) <= services
    assert {"nif", "residence-permit", "niss", "health-number", "health-care-any-status", "free-help"} <= services


def test_lajes_das_flores_has_no_health_centre(shipped):
    """azores-offices.yaml: the Flores health centre is in Santa Cruz das Flores."""
    health = [loc for loc in shipped.locations if "health-number" in loc.services]
    assert "lajes-das-flores" not in {loc.municipality for loc in health}
    assert "santa-cruz-das-flores" in {loc.municipality for loc in health}


def test_translatable_text_keeps_context_file_and_line(shipped):
    nif = next(s for s in shipped.services if s.id == "nif")
    assert nif.name.context == "directory:nif:name"
    assert nif.documents[0].context == "directory:nif:documents"
    assert nif.channels[0].label.context == "directory:nif:channels.label"
    path = SHIPPED / "services.yaml"
    line = path.read_text(encoding="utf-8").splitlines().index("    name: Tax number (NIF)") + 1
    assert (nif.name.text.file, nif.name.text.line) == (display_name(path), line)
    lajes = next(loc for loc in shipped.locations if loc.id == "loc-cs-lajes-do-pico")
    assert lajes.phone.note.context == "directory:loc-cs-lajes-do-pico:phone.note"
    assert lajes.phone.value == "292 679 405"  # a name, an address or a phone number is not a Msg


# -- loader errors on small files ----------------------------------------------------------

PLACES = """\
islands:
  - id: pico
    name: Pico
    group: central
    source: {url: "https://example.org/islands", as_of: "2025", verified: true}
municipalities:
  - id: sao-roque-do-pico
    name: São Roque do Pico
    island: pico
    ine_code: "4603"
    seat: {lat: 38.52, lon: -28.32, note: "approximate"}
    source: {url: "https://example.org/municipalities", as_of: "2025", verified: true}
"""
ORGANISATIONS = """\
organisations:
  - id: usi-pico
    name: Unidade de Saúde de Ilha do Pico
    source: {url: "https://example.org/usi", as_of: "2025-09-25", verified: true}
"""
TOPICS = """\
topics:
  - id: health
    name: Access to the regional health service
    source: {url: "https://example.org/topics", as_of: "2021-09", verified: true}
"""
SERVICES = """\
services:
  - id: health-number
    name: Register at your health centre
    organisation: usi-pico
    in_person: required
    summary: Register at the health centre where you live.
    source: {url: "https://example.org/health", as_of: "2021-09", verified: true}
    topic: health
"""
LOCATIONS = """\
locations:
  - id: loc-cs-sao-roque-do-pico
    name: Centro de Saúde de São Roque do Pico
    organisation: usi-pico
    municipality: sao-roque-do-pico
    services: [health-number]
    phone:
      value: "292 648 082"
      source: {url: "https://example.org/phone", as_of: "2020", verified: true}
    source: {url: "https://example.org/cs", as_of: "2025-09-25", verified: true}
"""


def write(folder: Path, **files: str) -> Path:
    texts = {"places": PLACES, "topics": TOPICS, "organisations": ORGANISATIONS, "services": SERVICES,
             "locations": LOCATIONS}
    texts.update(files)
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def problems(folder: Path) -> list[tuple[str, int, str]]:
    with pytest.raises(ContentError) as caught:
        content.read(folder)
    return [(Path(p.file).name, p.line, p.message) for p in caught.value.problems]


def test_small_directory_reads(tmp_path):
    directory = content.read(write(tmp_path / "d"))
    assert content.places(directory) == {"pico": ("sao-roque-do-pico",)}
    assert directory.locations[0].phone.source.as_of == "2020"


def test_duplicate_id_is_reported_at_the_second_entry(tmp_path):
    second = LOCATIONS.replace("locations:\n", "", 1)
    found = problems(write(tmp_path / "d", locations=LOCATIONS + second))
    assert len(found) == 1
    file, line, message = found[0]
    assert (file, line) == ("locations.yaml", 11)
    assert "duplicate id 'loc-cs-sao-roque-do-pico'" in message and "line 2" in message


def test_unknown_service_is_reported_at_its_line(tmp_path):
    found = problems(write(tmp_path / "d", locations=LOCATIONS.replace("[health-number]", "[health-numbr]")))
    assert [(f, line) for f, line, _ in found] == [("locations.yaml", 6)]
    assert "service 'health-numbr'" in found[0][2]


def test_unquoted_date_is_reported_at_its_line(tmp_path):
    found = problems(write(tmp_path / "d", services=SERVICES.replace('as_of: "2021-09"', "as_of: 2021-09-01")))
    assert [(f, line) for f, line, _ in found] == [("services.yaml", 7)]
    assert "quotes" in found[0][2]


def test_phone_without_source_is_reported_at_the_phone(tmp_path):
    without = LOCATIONS.replace('      source: {url: "https://example.org/phone", as_of: "2020", verified: true}\n', "")
    found = problems(write(tmp_path / "d", locations=without))
    assert [(f, line) for f, line, _ in found] == [("locations.yaml", 8)]
    assert "needs 'source'" in found[0][2]


def test_problems_of_several_files_come_together(tmp_path):
    folder = write(tmp_path / "d",
                   services=SERVICES.replace("organisation: usi-pico", "organisation: usi-faial"),
                   locations=LOCATIONS.replace("municipality: sao-roque-do-pico", "municipality: sao-roque"))
    found = problems(folder)
    assert [(f, line) for f, line, _ in found] == [("locations.yaml", 5), ("services.yaml", 4)]


def test_unknown_key_and_bad_phone(tmp_path):
    bad = LOCATIONS.replace('value: "292 648 082"', 'value: "+351 292 648 082"').replace("    services:", "    servises: [x]\n    services:")
    found = problems(write(tmp_path / "d", locations=bad))
    lines = {(line, message.split(" ")[0]) for _, line, message in found}
    assert (6, "unknown") in lines
    assert any(line == 9 and "9-digit" in message for _, line, message in found)


# -- database ----------------------------------------------------------------------------

def snapshot(engine) -> dict[str, list]:
    with sqlmodel.Session(engine) as session:
        return {table.name: sorted(map(tuple, session.execute(table.select()).all()), key=repr)
                for table in models.TABLES}


def test_loading_twice_leaves_the_same_rows(shipped):
    engine = sqlmodel.create_engine("sqlite://")
    first_counts = store.load(shipped, engine)
    first = snapshot(engine)
    assert store.load(shipped, engine) == first_counts
    assert snapshot(engine) == first
    assert len(first["directory_municipality"]) == 19
    assert len(first["directory_location"]) == len(shipped.locations)


@pytest.mark.parametrize("query, slug", [
    ("SÃO ROQUE", "sao-roque-do-pico"),
    ("são roque", "sao-roque-do-pico"),
    ("sao roque", "sao-roque-do-pico"),
    ("heroismo", "angra-do-heroismo"),
    ("ANGRA DO HEROÍSMO", "angra-do-heroismo"),
])
def test_folded_names_find_accented_places(shipped, query, slug):
    engine = sqlmodel.create_engine("sqlite://")
    store.load(shipped, engine)
    with sqlmodel.Session(engine) as session:
        found = session.exec(sqlmodel.select(models.Municipality.slug)
                             .where(models.Municipality.folded_name.contains(store.fold(query)))).all()
    assert found == [slug]


def test_cli_load_prints_a_summary_and_loads(tmp_path):
    shutil.copytree(SHIPPED, tmp_path / "directory")
    app = Flask(__name__)
    app.config.update(DIRECTORY_DIR=tmp_path / "directory", DATABASE_URL=f"sqlite:///{tmp_path / 'guide.db'}")
    db.init_app(app)
    app.cli.add_command(directory_cli)
    result = app.test_cli_runner().invoke(args=["directory", "load"])
    assert result.exit_code == 0, result.output
    assert "9 islands, 19 municipalities" in result.output
    with app.app_context(), db.session() as session:
        assert session.exec(sqlmodel.select(func.count()).select_from(models.Location)).one() > 50


def test_cli_load_reports_problems_with_file_and_line(tmp_path):
    folder = write(tmp_path / "d", services=SERVICES.replace("in_person: required", "in_person: maybe"))
    app = Flask(__name__)
    app.config.update(DIRECTORY_DIR=folder, DATABASE_URL="sqlite://")
    db.init_app(app)
    app.cli.add_command(directory_cli)
    result = app.test_cli_runner().invoke(args=["directory", "load"])
    assert result.exit_code != 0
    assert "services.yaml:5:" in result.output


@pytest.mark.skipif(not os.environ.get("TEST_POSTGRES_URL"), reason="set TEST_POSTGRES_URL to test on PostgreSQL")
def test_postgresql_loads_the_same_rows_as_sqlite(shipped):
    postgres = sqlmodel.create_engine(os.environ["TEST_POSTGRES_URL"])
    try:
        store.load(shipped, postgres)
        first = snapshot(postgres)
        store.load(shipped, postgres)
        assert snapshot(postgres) == first
        sqlite = sqlmodel.create_engine("sqlite://")
        store.load(shipped, sqlite)
        assert snapshot(sqlite) == first
    finally:
        postgres.dispose()
