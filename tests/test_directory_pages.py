"""The services directory as a person browses it: by topic, organisation and place, in both languages."""

from __future__ import annotations

import gzip

import pytest

from conftest import Visitor


@pytest.fixture(params=[False, True], ids=["plain", "htmx"])
def visitor(request, client):
    return Visitor(client, htmx=request.param)


def test_services_by_topic_in_english_and_portuguese(client):
    page = Visitor(client).get("/en/services/")
    assert page.kind == "directory-services" and page.heading == "Services by topic"
    tax = page.soup.find(attrs={"data-topic": "tax"})
    assert tax.h2.get_text() == "Tax number and tax office"
    assert [a["data-service"] for a in tax.select("a[data-service]")] == ["nif"]
    health = page.soup.find(attrs={"data-topic": "health"})
    assert {a["data-service"] for a in health.select("a[data-service]")} >= {"health-number", "eu-health-care"}
    assert "2021-09" in tax.find(class_="src").get_text()  # each directory page shows source and as_of
    pt = Visitor(client, language="pt").get("/pt/services/")
    assert pt.heading == "Serviços por tema"
    assert pt.soup.find(attrs={"data-topic": "tax"}).h2.get_text() == "Finanças / NIF"
    assert pt.soup.find(attrs={"data-topic": "health"}).h2.get_text() == "Acesso ao Serviço Regional de Saúde"


def test_a_service_page_has_the_regional_guide_shape(client):
    page = Visitor(client).get("/en/services/nif/")
    assert page.kind == "directory-service" and page.heading == "Tax number (NIF)"
    headings = [h.get_text() for h in page.soup.find("main").find_all("h2")]
    assert headings[:3] == ["What it is", "Documents required", "By phone or online"]
    assert "Where to go" in headings
    appointment = page.soup.find(attrs={"data-fact": "appointment"})
    assert "You must book an appointment first." in appointment.get_text()
    assert appointment.find(class_="src").a["href"].startswith("https://info.portaldasfinancas.gov.pt/")
    assert "undated" in page.soup.select_one(".src-line").get_text()  # the service's own source and date


def test_a_national_line_says_its_hours_are_an_hour_ahead(client):
    page = Visitor(client).get("/en/services/nif/")
    line = next(c for c in page.soup.select(".channel") if "217 206 707" in c.get_text())
    assert line.a["href"] == "tel:+351217206707"
    assert "one hour ahead of the Azores" in line.find(attrs={"data-national": True}).get_text()
    regional = Visitor(client).get("/en/services/free-help/")
    drc = next(c for c in regional.soup.select(".channel") if "296 204 700" in c.get_text())
    assert drc.find(attrs={"data-national": True}) is None
    pt = Visitor(client, language="pt").get("/pt/services/residence-permit/")
    assert "uma hora à frente dos Açores" in pt.soup.find(attrs={"data-national": True}).get_text()


def test_where_to_go_lists_offices_per_municipality_with_sourced_details(client):
    page = Visitor(client).get("/en/services/free-help/")
    towns = [s["data-municipality"] for s in page.soup.select("section.town")]
    assert "ponta-delgada" in towns and "angra-do-heroismo" in towns
    assert towns.index("ponta-delgada") < towns.index("angra-do-heroismo")  # islands in the directory's order
    desk = page.soup.find("h4", string="Direção Regional das Comunidades – Ponta Delgada").parent
    assert "Rua Margarida de Chaves, 103" in desk.get_text()
    assert desk.find("a", href="tel:+351296204700")
    assert desk.find("a", string="Show on a map")["href"].startswith("https://www.openstreetmap.org/search?")
    assert "Opening hours are Azores time." in page.soup.find(class_="hint").get_text()


def test_an_unverified_office_is_labelled(client):
    page = Visitor(client, language="pt").get("/pt/services/nif/")
    office = page.soup.find("h4", string="Serviço de Finanças de Vila do Porto").parent
    assert "não verificado" in office.find(class_="src").get_text()
    assert office.find(class_="unverified")


def test_a_service_page_links_to_the_flow_that_leads_to_it(client):
    page = Visitor(client).get("/en/services/nif/")
    links = {a["href"]: a.get_text() for a in page.soup.select("[data-flows] a[data-flow]")}
    assert links["/en/residence/"] == "Living in the Azores legally"
    assert links["/en/arrival/"] and links["/en/business/"]
    lone = Visitor(client).get("/en/services/eu-permanent-residence/")
    assert lone.soup.select_one("[data-flows]") is None  # no flow's outcome names it


def test_organisations_and_an_organisation_page(client):
    index = Visitor(client).get("/pt/organisations/")
    assert index.kind == "directory-organisations" and index.heading == "Entidades"
    link = index.soup.find("a", attrs={"data-organisation": "aima"})
    page = Visitor(client, language="pt").get(link["href"])
    assert page.kind == "directory-organisation"
    assert page.heading == "Agência para a Integração, Migrações e Asilo, I.P. (AIMA)"
    assert page.soup.find("a", href="https://aima.gov.pt")
    services = [a["data-service"] for a in page.soup.select("a[data-service]")]
    assert {"residence-permit", "eu-permanent-residence", "international-protection"} <= set(services)
    assert page.soup.find(attrs={"data-national": True})
    assert "2023-06-02" in page.soup.select_one(".src-line").get_text()


def test_places_list_every_island_and_municipality(client):
    page = Visitor(client).get("/en/places/")
    assert page.kind == "directory-places"
    assert len(page.soup.select("[data-island]")) == 9
    links = page.soup.select("a[data-municipality]")
    assert len(links) == 19
    assert "São Roque do Pico" in [a.get_text() for a in links]


def test_services_in_lajes_das_flores_mark_the_health_centre_on_the_island(visitor):
    """azores-offices.yaml: the Flores health centre is in Santa Cruz das Flores."""
    page = visitor.get("/en/places/lajes-das-flores/")
    assert page.kind == "directory-municipality" and page.heading == "Services in Lajes das Flores"
    health = page.soup.find("article", attrs={"data-service": "health-number"})
    assert health["data-fallback"] == "island"
    assert health.find_parent("section")["data-section"] == "island"
    office = health.find(class_="office")
    assert (office["data-fallback"], office["data-municipality"]) == ("island", "santa-cruz-das-flores")
    here = page.soup.find("section", attrs={"data-section": "municipality"})
    assert here.find("article", attrs={"data-service": "nif"})
    sections = [s["data-section"] for s in page.soup.select("section[data-section]")]
    order = ["municipality", "island", "other-island", "remote"]
    assert sections[:2] == ["municipality", "island"] and sections == sorted(sections, key=order.index)  # nearest first


def test_services_in_my_municipality_in_portuguese(client):
    page = Visitor(client, language="pt").get("/pt/places/sao-roque-do-pico/")
    assert page.heading == "Serviços em São Roque do Pico"
    assert page.soup.find("section", attrs={"data-section": "municipality"}).h2.get_text() == \
        "Balcões em São Roque do Pico"
    niss = page.soup.find("article", attrs={"data-service": "niss"})
    assert niss["data-fallback"] == "remote" and niss.select(".channel[data-fallback=remote]")


def test_each_directory_page_is_a_fragment_under_htmx(client):
    for url in ("/en/services/", "/en/services/nif/", "/en/organisations/aima/", "/pt/places/",
                "/pt/places/corvo/", "/en/search?q=nif"):
        whole = Visitor(client).get(url)
        part = Visitor(client, htmx=True).get(url)
        assert whole.soup.find("html") is not None and part.soup.find("html") is None, url
        assert part.kind == whole.kind
        assert "HX-Request" in part.response.headers["Vary"]


@pytest.mark.parametrize("url", ["/en/services/passport/", "/pt/organisations/sef/", "/pt/places/lisboa/",
                                 "/fr/services/", "/xx/search?q=nif"])
def test_unknown_directory_entries_are_a_translated_404_with_a_way_home(client, url):
    page = Visitor(client).get(url)
    assert page.status == 404 and page.kind == "error"
    assert page.soup.find("a", href=lambda h: h in ("/en/", "/pt/"))
    if url.startswith("/pt/"):
        assert page.heading == "Página não encontrada"


def test_directory_pages_fit_the_first_round_trip(client):
    for url in ("/en/places/ponta-delgada/", "/pt/services/health-number/", "/en/search?q=a"):
        assert len(gzip.compress(client.get(url).data)) <= 14 * 1024, url


def test_a_roadmap_step_links_to_its_service_page(client):
    visitor = Visitor(client)
    visitor.start("residence")
    visitor.answer("eu")
    visitor.answer("pico")
    roadmap = visitor.answer("lajes-do-pico")
    step = roadmap.soup.select_one("li[data-service]")
    link = step.find("a", attrs={"data-service-link": True})
    assert link["href"] == f"/en/services/{step['data-service']}/"
    assert visitor.get(link["href"]).kind == "directory-service"


def test_home_offers_the_directory(client):
    home = Visitor(client, language="pt").get("/pt/")
    assert home.soup.find("a", href="/pt/services/").get_text() == "por tema"
    assert home.soup.find("a", href="/pt/places/")
