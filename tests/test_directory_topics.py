"""Directory YAML for browsing: topics, parishes, national lines, and the reserved directory names."""

from __future__ import annotations


import pytest

from guide.directory import content
from guide.engine.loader import load_flow
from guide.yamlfile import ContentError
from test_directory import SERVICES, SHIPPED, problems, write
from test_flow_checks import GOOD


def test_every_shipped_service_has_a_known_topic():
    shipped = content.read(SHIPPED)
    topics = {t.id for t in shipped.topics}
    assert topics == {"regularization", "employment", "business", "education", "health", "social-benefits",
                      "tax", "integration"}
    assert {s.id: s.topic for s in shipped.services}["nif"] == "tax"
    assert all(s.topic in topics for s in shipped.services)
    assert next(t for t in shipped.topics if t.id == "health").name.context == "directory:topic:health:name"


def test_national_lines_are_the_lisbon_contact_centres():
    shipped = content.read(SHIPPED)
    channels = [c for s in shipped.services for c in s.channels] + [c for o in shipped.organisations
                                                                     for c in o.channels]
    national = {c.value for c in channels if c.national}
    assert national == {"217 206 707", "217 115 000"}
    assert "808 24 60 24" not in national  # the Azores health line is regional


def test_shipped_parishes_name_their_municipality():
    shipped = content.read(SHIPPED)
    assert len(shipped.parishes) == 155  # CAOP: Corvo has none
    where = {}
    for parish in shipped.parishes:
        where.setdefault(parish.name, set()).add(parish.municipality)
    assert where["Rabo de Peixe"] == {"ribeira-grande"}
    assert where["Ponta Garça"] == {"vila-franca-do-campo"}
    assert where["Biscoitos"] == {"praia-da-vitoria"}
    assert where["Posto Santo"] == {"angra-do-heroismo"}
    assert where["Ribeirinha"] == {"ribeira-grande", "angra-do-heroismo", "lajes-do-pico", "horta"}
    assert "corvo" not in {p.municipality for p in shipped.parishes}
    assert all(p.source.url.startswith("https://") for p in shipped.parishes)


def test_a_service_without_a_topic_is_reported(tmp_path):
    found = problems(write(tmp_path / "d", services=SERVICES.replace("    topic: health\n", "")))
    assert [(f, m) for f, _, m in found] == [("services.yaml", "service 'health-number' needs 'topic'")]


def test_an_unknown_topic_is_reported_at_its_line(tmp_path):
    found = problems(write(tmp_path / "d", services=SERVICES.replace("topic: health", "topic: helth")))
    assert [(f, line) for f, line, _ in found] == [("services.yaml", 8)]
    assert "topic 'helth'" in found[0][2]


def test_a_national_flag_must_be_true_or_false(tmp_path):
    services = SERVICES + """\
    channels:
      - kind: phone
        value: "217 115 000"
        national: "yes"
        label: Call
        source: {url: "https://example.org/aima", as_of: "2024", verified: true}
"""
    found = problems(write(tmp_path / "d", services=services))
    assert [(f, line) for f, line, _ in found] == [("services.yaml", 12)]
    assert "'national'" in found[0][2]


PARISHES = """\
source: {url: "https://example.org/caop", as_of: "2016", verified: true}
parishes:
  sao-roque-do-pico: [Prainha, Santa Luzia, Santo Amaro]
"""


def test_parishes_are_read(tmp_path):
    directory = content.read(write(tmp_path / "d", parishes=PARISHES))
    assert [(p.name, p.municipality) for p in directory.parishes][:2] == [("Prainha", "sao-roque-do-pico"),
                                                                         ("Santa Luzia", "sao-roque-do-pico")]


def test_an_unknown_municipality_in_parishes_is_reported_at_its_line(tmp_path):
    found = problems(write(tmp_path / "d", parishes=PARISHES + "  sao-roque: [Prainha]\n"))
    assert found == [("parishes.yaml", 4, "'parishes' names municipality 'sao-roque', which is not in the directory")]


def test_a_parish_listed_twice_is_reported(tmp_path):
    found = problems(write(tmp_path / "d", parishes=PARISHES.replace("Santo Amaro]", "Santo Amaro, Prainha]")))
    assert [(f, line) for f, line, _ in found] == [("parishes.yaml", 3)]
    assert "'Prainha' is listed twice" in found[0][2]


def test_a_directory_without_parishes_still_reads(tmp_path):
    assert content.read(write(tmp_path / "d")).parishes == ()


@pytest.mark.parametrize("name", ["services", "organisations", "places", "search"])
def test_a_flow_cannot_take_a_directory_name(tmp_path, name):
    path = tmp_path / f"{name}.yaml"
    path.write_text(GOOD.replace("id: mini", f"id: {name}"))
    with pytest.raises(ContentError) as caught:
        load_flow(path, {"nif"})
    assert any(f"'{name}' is reserved" in str(p) for p in caught.value.problems)
