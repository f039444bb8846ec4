"""Roadmap resolution against the shipped directory, checked by hand against shared/data.

Each expected office below was read off shared/data (azores-offices.yaml,
azores-directory.yaml, azores-facts.md), not off the code; the comment on each
row gives the source that places (or fails to place) the office.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlmodel

from guide import roadmap
from guide.directory import content, store

DIRECTORY = Path(__file__).resolve().parent.parent / "flows" / "directory"


@dataclass(frozen=True)
class Step:
    """Stands in for an engine step: the roadmap only reads `.service`."""

    service: str
    do: str = ""


@pytest.fixture(scope="module")
def session():
    engine = sqlmodel.create_engine("sqlite://")
    store.load(content.read(DIRECTORY), engine)
    with sqlmodel.Session(engine) as session:
        yield session


def resolve(session, service: str, municipality: str) -> roadmap.RoadmapStep:
    (step,) = roadmap.build(session, [Step(service)], municipality).steps
    return step


# (service, municipality) -> (first office, fallback)
TABLE = [
    # NIF: tax offices (Serviços de Finanças) from the 2013 closure list; none is listed for
    # Ponta Delgada, so the nearest on São Miguel by seat is Lagoa (about 9 km).
    # https://www.acorianooriental.pt/noticia/governo-dos-acores-pede-explicacoes-a-lisboa-sobre-eventual-fecho-de-financas
    ("nif", "ponta-delgada", "loc-sf-lagoa", "island"),
    # same list: Lajes do Pico, Lajes das Flores and Corvo each have one
    ("nif", "lajes-do-pico", "loc-sf-lajes-do-pico", "municipality"),
    ("nif", "lajes-das-flores", "loc-sf-lajes-das-flores", "municipality"),
    ("nif", "corvo", "loc-sf-corvo", "municipality"),
    # Residence permit: RIAC shops since 2025-10-01. Ponta Delgada's RIAC-RIAE shop is named in
    # https://qual-riac.azores.gov.pt/en/web/guest/w/irs-2024 (first of the town's shops in file order)
    ("residence-permit", "ponta-delgada", "loc-riac-riae-ponta-delgada", "municipality"),
    # no named shop; the agreement puts shops in all 19 municipalities
    # https://www.acorianooriental.pt/noticia/acordo-reforca-atendimento-e-integracao-de-imigrantes-369639
    ("residence-permit", "lajes-do-pico", "loc-riac-point-lajes-do-pico", "municipality"),
    ("residence-permit", "lajes-das-flores", "loc-riac-point-lajes-das-flores", "municipality"),
    # Corvo shop reopened 2020-05-06:
    # https://psacores.pt/noticia/read/16881/lojas-riac-passam-a-privilegiar-a-marcao-prvia-no-atendimento-devido--pandemia
    ("residence-permit", "corvo", "loc-riac-corvo", "municipality"),
    # NISS: requested online; no ISSA office on São Miguel, Pico, Flores or Corvo in our sources
    # https://eportugal.gov.pt/en-GB/noticias/numero-de-identificacao-da-seguranca-social-ja-pode-ser-pedido-online
    ("niss", "ponta-delgada", None, "remote"),
    ("niss", "lajes-do-pico", None, "remote"),
    ("niss", "lajes-das-flores", None, "remote"),
    ("niss", "corvo", None, "remote"),
    # the one ISSA building in our sources: https://azoresacores.com/retomado-servico-descentralizado-de-atendimento-as-comunidades/
    ("niss", "vila-do-porto", "loc-issa-vila-do-porto", "municipality"),
    # Health centres. Ponta Delgada: https://www.destak.pt/artigo/289947-centro-de-saude-de-ponta-delgada-tera-mais-consultas-por-causa-da-gripe
    ("health-number", "ponta-delgada", "loc-cs-ponta-delgada", "municipality"),
    # Pico's three centres: https://www.acorianooriental.pt/noticia/unidade-de-saude-do-pico-vai-instalar-posto-de-emergencia-371613
    ("health-number", "lajes-do-pico", "loc-cs-lajes-do-pico", "municipality"),
    ("health-number", "sao-roque-do-pico", "loc-cs-sao-roque-do-pico", "municipality"),
    # Flores has one centre, in Santa Cruz (none in Lajes das Flores):
    # https://www.acorianooriental.pt/noticia/governo-dos-acores-inicia-segunda-feira-visita-as-ilhas-do-grupo-ocidental-298335
    ("health-number", "lajes-das-flores", "loc-cs-santa-cruz-das-flores", "island"),
    # Corvo island health unit: http://www.rtp.pt/acores/local/unidades-de-saude-de-ilha-entram-hoje-em-funcoes-na-regiao_24882
    ("health-number", "corvo", "loc-cs-corvo", "municipality"),
    # DRC desk, Rua Margarida de Chaves 103: https://portal.azores.gov.pt/en/web/comunicacao/news-detail?id=19763227
    ("free-help", "ponta-delgada", "loc-drc-ponta-delgada", "municipality"),
    # DRC appointments in town halls (Lajes do Pico, Lajes das Flores, Corvo):
    # https://migrante.azores.gov.pt/en/imigrante/servicos/direcao-regional-das-comunidades/apoio-no-pedido-e-renovacao-de-passaportes/
    ("free-help", "lajes-do-pico", "loc-drc-cm-lajes-do-pico", "municipality"),
    ("free-help", "lajes-das-flores", "loc-drc-cm-lajes-das-flores", "municipality"),
    ("free-help", "corvo", "loc-drc-cm-corvo", "municipality"),
]


@pytest.mark.parametrize("service, municipality, office, fallback", TABLE)
def test_resolution_table(session, service, municipality, office, fallback):
    step = resolve(session, service, municipality)
    assert step.fallback == fallback
    if office is None:
        assert step.offices == ()
        assert step.channels, "a remote step must offer its channel"
    else:
        assert step.offices[0].slug == office
        assert {o.fallback for o in step.offices} == {fallback}


def test_island_fallback_orders_by_distance(session):
    # Tax offices on São Miguel (2013 list): Lagoa, Vila Franca do Campo, Povoação, Nordeste,
    # seats roughly 9, 22, 39 and 47 km from Ponta Delgada.
    step = resolve(session, "nif", "ponta-delgada")
    assert [o.slug for o in step.offices] == [
        "loc-sf-lagoa", "loc-sf-vila-franca-do-campo", "loc-sf-povoacao", "loc-sf-nordeste"]
    assert {o.island.name for o in step.offices} == {"São Miguel"}


def test_in_person_service_goes_to_the_nearest_other_island(session):
    # Faial has no tax office in our sources; Madalena (Pico) faces Horta across the channel.
    step = resolve(session, "nif", "horta")
    assert step.fallback == "other-island"
    assert step.offices[0].slug == "loc-sf-madalena"
    assert {o.island.name for o in step.offices} == {"Pico"}
    assert {o.municipality.name for o in step.offices} == {"Madalena", "São Roque do Pico", "Lajes do Pico"}
    # Terceira has none either: the nearest is on São Jorge (Calheta, then Velas).
    step = resolve(session, "nif", "angra-do-heroismo")
    assert [o.slug for o in step.offices] == ["loc-sf-calheta", "loc-sf-velas"]
    assert step.offices[0].island == roadmap.Place("sao-jorge", "São Jorge")


def test_remote_service_does_not_send_people_to_another_island(session):
    # NISS can be requested online; Corvo has no ISSA office, Santa Maria has one: not offered.
    step = resolve(session, "niss", "corvo")
    assert step.offices == ()
    assert step.fallback == "remote"
    (online,) = step.channels
    assert online.kind == "online"
    assert online.href.startswith("https://eportugal.gov.pt/")


def test_remote_channels_come_beside_offices(session):
    step = resolve(session, "nif", "lajes-do-pico")
    phone = next(c for c in step.channels if c.kind == "phone")
    assert phone.href == "tel:+351217206707"
    assert phone.hours.context == "directory:nif:channels.hours"
    step = resolve(session, "residence-permit", "lajes-das-flores")
    assert [c.href for c in step.channels] == ["tel:+351217115000"]


def test_roadmap_keeps_steps_and_names_places(session):
    steps = [Step("nif"), Step("health-number")]
    result = roadmap.build(session, steps, "sao-roque-do-pico")
    assert result.municipality == roadmap.Place("sao-roque-do-pico", "São Roque do Pico")
    assert result.island == roadmap.Place("pico", "Pico")
    assert [s.step for s in result.steps] == steps
    assert result.steps[0].step is steps[0]
    health = resolve(session, "health-number", "lajes-das-flores").offices[0]
    assert health.municipality.name == "Santa Cruz das Flores"
    assert health.island.name == "Flores"


def test_service_info_is_translatable(session):
    info = resolve(session, "nif", "corvo").service
    assert info.name.context == "directory:nif:name"
    assert info.summary.context == "directory:nif:summary"
    assert {d.context for d in info.documents} == {"directory:nif:documents"}
    assert info.organisation == "Autoridade Tributária e Aduaneira"
    assert info.source.url.startswith("https://info.portaldasfinancas.gov.pt/")


def test_office_facts_carry_sources_notes_and_tel_links(session):
    # COVID-period phone line of the Lajes do Pico centre: https://radiopico.com/noticia/read/11524/24
    office = resolve(session, "health-number", "lajes-do-pico").offices[0]
    assert office.phone.value == "292 679 405"
    assert office.phone.href == "tel:+351292679405"
    assert office.phone.note.context == "directory:loc-cs-lajes-do-pico:phone.note"
    assert "COVID" in office.phone.note.text
    assert office.phone.source == roadmap.Source("https://radiopico.com/noticia/read/11524/24", "undated", True)
    assert office.address is None and office.map_url is None
    assert office.org_channels == ()  # the island health unit has no sourced channel
    # Urgent-care hours of the Ponta Delgada centre are a translatable fact.
    office = resolve(session, "health-number", "ponta-delgada").offices[0]
    assert office.hours.value.context == "directory:loc-cs-ponta-delgada:hours.value"


def test_map_links_only_from_a_full_sourced_address(session):
    offices = resolve(session, "free-help", "ponta-delgada").offices
    drc = next(o for o in offices if o.slug == "loc-drc-ponta-delgada")
    assert drc.address.value == "Rua Margarida de Chaves, 103, Ponta Delgada"
    assert drc.map_url == "https://www.openstreetmap.org/search?query=Rua+Margarida+de+Chaves%2C+103%2C+Ponta+Delgada"
    aipa = next(o for o in offices if o.slug == "loc-aipa-ponta-delgada")
    assert aipa.address is not None and aipa.map_url is None  # no house number in the source
    # An office with no sourced address gets no map link (never the municipality's centre)
    # and shows its organisation's sourced channels instead.
    rp = resolve(session, "residence-permit", "corvo").offices[0]
    assert rp.address is None and rp.map_url is None
    assert [c.href for c in rp.org_channels] == ["tel:+351800500501"]


def test_unverified_offices_say_so(session):
    # 2013 tax-office list: current status not confirmed.
    assert resolve(session, "nif", "corvo").offices[0].verified is False
    # RIAC shops exist, but which handle residence permits is not in our sources.
    assert resolve(session, "residence-permit", "ponta-delgada").offices[0].verified is False
    assert resolve(session, "health-number", "corvo").offices[0].verified is True


def test_eu_residence_certificate_has_no_office_but_aima_channels(session):
    step = resolve(session, "eu-permanent-residence", "ponta-delgada")
    assert step.offices == () and step.fallback == "remote"
    assert {c.href for c in step.channels} == {"tel:+351217115000", "mailto:geral@aima.gov.pt"}


def test_unknown_places_and_services(session):
    with pytest.raises(LookupError):
        roadmap.build(session, [Step("nif")], "atlantis")
    with pytest.raises(LookupError):
        roadmap.build(session, [Step("no-such-service")], "corvo")
